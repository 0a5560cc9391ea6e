"""The per-article pipeline's components, one module per concern."""

from __future__ import annotations

from dataclasses import replace

from allywatch.model import Extraction
from allywatch.nlp.sentences import split_sentences
from allywatch.pipeline import Component, FunctionComponent
from allywatch.settings import Settings


def _sentences(extraction: Extraction) -> Extraction:
    return replace(extraction, sentences=tuple(split_sentences(extraction.article.text)))


def default_components(settings: Settings) -> tuple[list[Component], list[str]]:
    """The components of the default pipeline, in order, and notes about what is missing."""
    components: list[Component] = [
        FunctionComponent("sentences", _sentences, requires=("article",), assigns=("sentences",)),
    ]
    return components, []
