"""The per-article pipeline's components, one module per concern."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace

from allywatch.kb.loader import KnowledgeBase
from allywatch.model import Extraction
from allywatch.nlp.dates import find_dates
from allywatch.nlp.entities import EntityResources, recognise, recognise_batch
from allywatch.nlp.events import EventResources, extract_events, extract_events_batch
from allywatch.nlp.frames import Lexicon
from allywatch.nlp.money import FxTable, find_amounts, localise
from allywatch.nlp.quotes import extract_quotes
from allywatch.nlp.sentences import split_sentences
from allywatch.pipeline import Component, FunctionComponent
from allywatch.settings import Settings


def _sentences(extraction: Extraction) -> Extraction:
    return replace(extraction, sentences=tuple(split_sentences(extraction.article.text)))


def _dates(extraction: Extraction) -> Extraction:
    published = extraction.article.published
    day = dt.date.fromisoformat(published) if published else None
    return replace(extraction, dates=tuple(find_dates(extraction.article.text, day)))


def _event_resources(settings: Settings, notes: list[str], kb: KnowledgeBase) -> EventResources:
    """What the event stage reads with: the lexicon, the parser, the blocs."""
    from allywatch.nlp.model import load_parser

    parser, why_not = load_parser()
    if why_not:
        notes.append(why_not)
    blocs = frozenset(code for code, party in kb.parties.items() if party.kind == "bloc")
    return EventResources(lexicon=Lexicon.load(settings.lexicon_extra), parser=parser, blocs=blocs)


def default_components(settings: Settings, kb: KnowledgeBase | None = None) -> tuple[list[Component], list[str]]:
    """The components of the default pipeline, in order, and notes about what is missing."""
    notes: list[str] = []
    kb = kb or KnowledgeBase.load(settings.kb_extra)
    model = None
    if settings.use_model:
        from allywatch.nlp.model import load_model

        model, why = load_model()
        if why:
            notes.append(why)
    resources = EntityResources.build(kb, model)
    events = _event_resources(settings, notes, kb)
    fx = FxTable.load()

    def money(extraction: Extraction) -> Extraction:
        published = extraction.article.published
        year = int(published[:4]) if published else None
        parties = Counter(m.label for m in extraction.party_mentions)
        found = localise(find_amounts(extraction.article.text, fx, year), parties, fx)
        return replace(extraction, amounts=tuple(found))

    components: list[Component] = [
        FunctionComponent("sentences", _sentences, requires=("article",), assigns=("sentences",)),
        FunctionComponent("entities", lambda e: recognise(e, resources), requires=("article",),
                          assigns=("entities", "party_mentions"), batch=lambda b: recognise_batch(b, resources)),
        FunctionComponent("money", money, requires=("article", "party_mentions"), assigns=("amounts",)),
        FunctionComponent("dates", _dates, requires=("article",), assigns=("dates",)),
        FunctionComponent("quotes", extract_quotes, requires=("entities",), assigns=("quotes",)),
        FunctionComponent("events", lambda e: extract_events(e, events),
                          requires=("sentences", "entities", "party_mentions", "amounts", "dates", "quotes"),
                          assigns=("events",), batch=lambda b: extract_events_batch(b, events)),
    ]
    return components, notes
