"""Events: acts and states of cooperation between parties, read from each sentence's grammar.

For every sentence that names a party and holds a word of the event lexicon (:mod:`allywatch.nlp.frames`), the
sentence is parsed, and each trigger is read through its frame:

- the trigger must meet its lexicon conditions (a transfer moves equipment, generic "develop" is joint work only
  when stated as joint, a budget is a defence budget);
- each party token fills a grammatical slot (:mod:`allywatch.nlp.syntax`), and the frame maps slots to roles:
  buyers buy *from* suppliers, sellers sell *to* recipients, a maker's adjective marks the supplier; a party in no
  slot of the frame (a bystander, a threat, the topic of talks, a critic) takes no part;
- the stage comes from the verbs that govern the trigger; negated, refused, denied and conditional acts are not
  events;
- a transfer governed by a restriction ("banned exports of gallium to the US") is an export control;
- a clause whose subject is "they" or "the two" takes the parties named just before; a budget without a named
  owner belongs to the party of the sentences before;
- the most specific type wins: an agreement stated with a transfer or joint programme between the same parties is
  that event; an event stated twice in one article is reported once with both sentences.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from allywatch.ingest.dateline import parse_dateline
from allywatch.model import Amount, DateMention, Entity, Event, Extraction, Mention, Span
from allywatch.nlp.frames import ARMED, DIRECTED, Lexicon, Trigger
from allywatch.nlp.quotes import quote_spans
from allywatch.nlp.syntax import (
    NEGOTIATIONS,
    PEOPLE_NOUNS,
    Slot,
    StatusReading,
    collective_subject,
    governing_chain,
    is_verb,
    lemma,
    read_status,
    root_of,
    slot_of,
    theme_tokens,
)

Token = Any
Doc = Any

#: Types that join parties in a common act, and need at least two of them.
JOINT_TYPES = frozenset({"co_development", "co_production", "supply_chain", "meeting", "agreement", "exercise",
                         "force_posture"})
#: The more specific types: an agreement yields to any of them between the same parties in the same sentence.
SPECIFIC = frozenset({"co_development", "co_production", "arms_transfer", "supply_chain", "maintenance",
                      "export_control", "defense_spending", "exercise", "force_posture"})
_PERCENT = re.compile(r"\b(?:\d+(?:\.\d+)?|one|two|three|four|five|six)\s*(?:%|per\s*cent|percent)\s+of\s+"
                      r"(?:(?:its|their|the\s+country's|the\s+nation's|the)\s+)?"
                      r"(?:GDP|gross\s+domestic|gross\s+national|economic\s+output|national\s+income|economy)",
                      re.IGNORECASE)
#: A share of output right after a verb ("pledged 5% of GDP", "committed to reach two percent of its GDP").
_SHARE_AFTER = re.compile(r"\s*(?:(?:to|up\s+to|at\s+least|some|about|around|roughly|nearly|almost|reach|spend|"
                          r"hit|of|an?\s+extra|a\s+further)\s+)*" + _PERCENT.pattern[2:], re.IGNORECASE)


#: Which slot speaks first when two fill the same role: a preposition or a maker names a side outright; a subject
#: may be the planners of the act ("Washington and Tokyo plan to allow the repair of U.S. warships in Japan").
_PRIORITY = {"agent": 0, "maker": 1, "dative": 1, "possessor": 2, "modifier": 2, "subject": 3, "object": 3}


@dataclass(frozen=True)
class EventResources:
    """What the event stage reads: the lexicon and the parser (None when the model is not installed)."""

    lexicon: Lexicon
    parser: Any = None
    blocs: frozenset[str] = frozenset({"NATO", "EU"})
    """Parties that are alliances or unions: a meeting of one alone is its summit."""
    known: frozenset[str] = field(init=False, repr=False, compare=False)
    """Words a headline's capital does not make a name, built once from the lexicon (see ``_known_words``)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "known", _known_words(self.lexicon))


@dataclass
class _Draft:
    type: str
    participants: set[str]
    roles: dict[str, str]
    status: str
    item: str
    sentence: Span
    trigger: str
    carried: bool = False
    named: bool = False
    program: str | None = None
    organizations: list[str] = field(default_factory=list)
    location: str | None = None
    amount: Amount | None = None
    date: str | None = None
    why: str = ""
    tense_only: bool = False
    each: list[set[str]] = field(default_factory=list)
    """Parties of one act each, when the sentence states several alike ("negotiating bilateral agreements")."""
    each_roles: list[dict[str, str]] = field(default_factory=list)
    """Roles of one directed act each ("approved sales to Egypt and Morocco": a sale to each)."""
    mission: bool = False
    """The act is for a mission ("for air policing"): forces sent are deployed, not handed over."""
    topical: bool = False
    by_firm: bool = False
    """A firm stands for one of its parties ("signed a MoU with Germany's MTU")."""
    """The agreement says what it is about ("a memorandum on defence cooperation", "a deal to build")."""
    bare: bool = False
    """"the agreement" with nothing of its own: one the article has named already."""
    describing: bool = False
    """Read at a participle that describes the thing ("the jets procured from the US were handed over")."""
    at: int = 0
    reach: tuple[int, int] = (0, 0)
    governors: frozenset[int] = frozenset()
    attached: int = -1


class _Index:
    """Entity mentions, amounts and dates of an article by position, so a sentence finds its own quickly."""

    def __init__(self, extraction: Extraction) -> None:
        self.mentions = sorted(((m.start, i, m, e) for i, e in enumerate(extraction.entities) for m in e.mentions),
                               key=lambda x: (x[0], x[1]))
        self.starts = [x[0] for x in self.mentions]
        self.amounts = sorted(extraction.amounts, key=lambda a: a.start)
        self.amount_starts = [a.start for a in self.amounts]
        self.dates = sorted(extraction.dates, key=lambda d: d.start)
        self.date_starts = [d.start for d in self.dates]
        self.blocs: frozenset[str] = frozenset()
        self.voices: list[tuple[int, int, str]] = []
        """Quotations whose speaker acts for a party: what "we" means inside them."""
        self.published = extraction.article.published or ""
        self.leading: frozenset[str] = frozenset()
        self.headline: frozenset[str] = frozenset()
        """The parties the title names."""
        self.clear_lead = False
        """The two leading parties are named more often than any other, each twice or more."""
        self.named: frozenset[str] = frozenset(m.label for m in extraction.party_mentions)
        """Every party the article names."""
        """The two parties the article names most: whom "the two" means when no sentence nearby says."""

    def voice_at(self, offset: int) -> str | None:
        return next((party for start, end, party in self.voices if start <= offset < end), None)

    def entities_in(self, start: int, end: int) -> list[tuple[Mention, Entity]]:
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return [(m, e) for _, _, m, e in self.mentions[lo:hi]]

    def amounts_in(self, start: int, end: int) -> list[Amount]:
        return self.amounts[bisect_left(self.amount_starts, start):bisect_left(self.amount_starts, end)]

    def dates_in(self, start: int, end: int) -> list[DateMention]:
        return self.dates[bisect_left(self.date_starts, start):bisect_left(self.date_starts, end)]


@dataclass
class _Sentence:
    span: Span
    doc: Doc
    offset: int
    parties: list[tuple[Token, Mention]]
    programs: list[tuple[Token, Entity]]
    slug: tuple[str, ...] = ()  # "Latvia–US: ..." the parties a brief names before a colon, outside its grammar
    slug_end: int = 0
    sums: tuple[tuple[int, int], ...] = ()  # where the sentence's amounts of money stand in the article


def extract_events(extraction: Extraction, resources: EventResources) -> Extraction:
    """Fill ``events`` from the sentences, party mentions and entities of an extraction."""
    return extract_events_batch([extraction], resources)[0]


def extract_events_batch(extractions: list[Extraction], resources: EventResources) -> list[Extraction]:
    """:func:`extract_events` over several articles, with one pass of the parser over the sentences of all of them
    that may hold an event (the parser is twice as fast on a batch of sentences as on a few at a time)."""
    if resources.parser is None:
        return [replace(e, events=()) for e in extractions]
    plans = [_plan(e, resources) for e in extractions]
    texts = [_parse_text(s, own, plan[2], resources.known) for plan in plans for s, own in plan[1]]
    written = [_body(s)[1] for plan in plans for s, _ in plan[1]]
    docs = iter(_with_written(resources.parser.pipe(texts, batch_size=64), texts, written))
    return [_finish(e, resources, plan, [next(docs) for _ in plan[1]])
            for e, plan in zip(extractions, plans, strict=True)]


#: "re-" before "export", blanked for the parser (which splits "re-exporting" into three words it cannot read);
#: the text keeps its length, so every offset holds.
_RE_EXPORT = re.compile(r"\b[Rr]e-(?=export)")


def _with_written(docs: Iterable[Doc], texts: list[str], written: list[str]) -> Iterator[Doc]:
    """Each parsed sentence, remembering its text as written when the parser read another casing."""
    for doc, text, original in zip(docs, texts, written, strict=True):
        if text != original:
            doc.user_data["written"] = original
        yield doc


def _parse_text(sentence: Span, own: list[Mention], index: _Index, known: frozenset[str]) -> str:
    """The text the parser reads for a sentence: without its dateline, "re-" before "export" blanked, and a
    headline in title case ("Japan To Export Patriot Missiles To US") put in sentence case where a word is one the
    lexicon or English grammar knows (names, known or not, keep their capital), so the tagger sees verbs and nouns
    rather than a row of names. Every change keeps the text's length, so offsets hold."""
    skip, body = _body(sentence)
    body = _RE_EXPORT.sub(lambda m: " " * len(m.group()), body)
    words = _WORD.findall(body)
    if len(words) < 4 or sum(w[0].isupper() for w in words) < 0.75 * len(words):
        return body
    start = sentence.start + skip
    keep = [(m.start - start, m.end - start) for m in own]
    keep += [(m.start - start, m.end - start) for m, _ in index.entities_in(sentence.start, sentence.end)]
    chars = list(body)
    first = True
    for word in _CAPITALISED.finditer(body):
        if first:
            first = False
            continue
        lower = word.group().lower()
        if not any(a <= word.start() < b for a, b in keep) and (
                lower in known or lower.rstrip("s") in known or lower[:-2] in known or lower[:-3] in known):
            chars[word.start()] = chars[word.start()].lower()
    return "".join(chars)


def _known_words(lexicon: Lexicon) -> frozenset[str]:
    """Words a headline's capital does not make a name: the lexicon's triggers, word lists and status verbs, and
    grammar's small words."""
    words = set(lexicon.surface) | set(_HEADLINE_SMALL_WORDS)
    for group in (*lexicon.words.values(), *lexicon.status_words.values()):
        words |= {w for w in group if " " not in w}
    return frozenset(words)


_HEADLINE_SMALL_WORDS = frozenset({
    "to", "of", "for", "from", "with", "in", "on", "at", "after", "over", "by", "as", "and", "or", "amid", "into",
    "a", "an", "the", "its", "their", "new", "first", "more", "than", "says", "said", "is", "are", "be", "will",
    "has", "have", "not", "no", "off", "up", "out", "under", "against", "between", "about", "again", "set", "eyes",
    "joint", "military", "naval", "air", "defence", "defense", "possible", "two", "three", "four", "five", "six",
    "talks", "visit", "deal", "pact", "plan", "sale", "sales", "order", "drills", "exercise", "rule", "rules",
    "change", "ban", "curbs", "boost", "seeks", "hopes", "wants", "considers", "mulls", "weighs"})


_WORD = re.compile(r"[A-Za-z][\w'’-]*")
#: A word with a capital and then small letters ("Export"), not an acronym ("US", "NATO").
_CAPITALISED = re.compile(r"\b[A-Z][a-z][\w'’-]*")


_Plan = tuple[list[tuple[Span, list[Mention]]], list[tuple[Span, list[Mention]]], _Index]


def _plan(extraction: Extraction, resources: EventResources) -> _Plan:
    """Each sentence with its party mentions, and those worth parsing."""
    index = _Index(extraction)
    index.blocs = resources.blocs
    mentions = sorted(extraction.party_mentions, key=lambda m: m.start)
    starts = [m.start for m in mentions]
    chosen: list[tuple[Span, list[Mention]]] = []
    for sentence in extraction.sentences:
        lo, hi = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
        own = [m for m in mentions[lo:hi] if m.end <= sentence.end]
        chosen.append((sentence, own))
    wanted = [(s, own) for s, own in chosen if _worth_parsing(
        s, own, resources.lexicon, any(e.type == "program" for _, e in index.entities_in(s.start, s.end)))]
    return chosen, wanted, index


def _finish(extraction: Extraction, resources: EventResources, plan: _Plan, docs: list[Doc]) -> Extraction:
    chosen, wanted, index = plan
    text = extraction.article.text
    lexicon = resources.lexicon
    counts = Counter(m.label for m in extraction.party_mentions)
    main_party = counts.most_common(1)[0][0] if counts else None
    index.headline = frozenset(extraction.headline_parties)
    if len(extraction.headline_parties) == 2:
        counts.update(extraction.headline_parties * 2)  # "Zimbabwe receives hardware from China": the title's pair
        # leads the story
    index.leading = frozenset(label for label, _ in counts.most_common(2)) if len(counts) >= 2 else frozenset()
    top = [n for _, n in counts.most_common(3)] + [0]
    index.clear_lead = len(counts) >= 2 and top[1] >= 2 and top[2] < top[1]
    quoted = [(q.start, q.end) for q in quote_spans(text) if _direct_speech(text, q.start, q.end)]
    index.voices = _voices(extraction)
    parsed: dict[int, _Sentence] = {}
    for (sentence, own), doc in zip(wanted, docs, strict=True):
        _second_subject(doc)
        _subject_of_auxiliary(doc)
        _exercise_read_as_verb(doc)
        _first_of_listed_adjectives(doc)
        _according_to_source(doc)
        _nouns_tagged_as_verbs(doc)
        _deal_read_as_verb(doc, lexicon)
        _headline_passive(doc)
        _fronted_subject(doc)
        _verb_hung_on_subject(doc)
        _phrase_after_sum(doc)
        _participle_before_equipment(doc, lexicon.words["equipment"])
        _contact_relative(doc)
        _partner_of_talks(doc)
        _partner_after_goods(doc)
        _object_after_first_time(doc)
        _closing_appositive(doc)
        offset = sentence.start + _body(sentence)[0]
        parsed[sentence.start] = _Sentence(sentence, doc, offset, _anchor(doc, offset, own),
                                           _programs(doc, offset, index, sentence), *_slug(text, sentence, own),
                                           sums=tuple((a.start, a.end) for a in index.amounts_in(
                                               sentence.start, sentence.end)))
    drafts: list[_Draft] = []
    previous: list[set[str]] = []
    signings: list[tuple[int, set[str]]] = []
    for sentence, own in chosen:
        reading = parsed.get(sentence.start)
        if reading is not None:
            recent = [d for d in drafts if d.sentence.start >= (sentence.start - 1200)]
            drafts.extend(_sentence_events(reading, text, lexicon, index, previous, main_party, quoted, recent))
            if _states_a_signing(reading.doc):
                signings.append((sentence.start, {m.label for m in own}))
        elif drafts and drafts[-1].type in {"exercise", "meeting"} and sentence.start - drafts[-1].sentence.end < 400:
            members = _members_listed(text, sentence, own)
            for draft in drafts:  # every telling of the act just told, whose parties the list names
                if members and draft.type == drafts[-1].type and draft.participants <= members and \
                        sentence.start - draft.sentence.end < 1200:
                    draft.participants |= members
        previous = [*previous, {m.label for m in own}][-5:]
    drafts.extend(_local_production(drafts, parsed, lexicon))
    drafts = _signed_after(_one_rule(drafts), signings, index.published)
    return replace(extraction, events=tuple(_merge(_under_signed(drafts))))


def _local_production(drafts: list[_Draft], parsed: dict[int, _Sentence], lexicon: Lexicon) -> list[_Draft]:
    """Joint production told after a sale: the buyer makes some of what it bought at home ("Spain buys 45 Turkish
    trainers ... final assembly will take place in Seville", "the remaining eight will be built at a yard in
    Western Australia", "a dozen of those fighters are put together by Embraer"). The supplier's design made by the
    recipient, on its soil or by its firms, is co-production of the two (ONTOLOGY 3: "one produces it under the
    other's licence")."""
    sales = [d for d in drafts if d.type == "arms_transfer" and d.roles.get("supplier") and d.roles.get("recipient")
             and d.roles["supplier"] != d.roles["recipient"]]
    if not sales:
        return []
    made: list[_Draft] = []
    for start, sentence in sorted(parsed.items()):
        for token in sentence.doc:
            if not ((is_verb(token) and token.lemma_.lower() in _BUILDING - {"make"}) or
                    (token.pos_ == "NOUN" and token.lemma_.lower() in _MAKING) or
                    (token.lemma_.lower() == "construction" and any(  # "construction of parts at a Greek plant"
                        o.lemma_.lower() in lexicon.words["equipment"] for p in token.children
                        if p.dep_ == "prep" and p.lower_ == "of" for o in p.children))):
                continue
            where = [token]
            if token.dep_ in {"nsubj", "nsubjpass", "dobj"} and is_verb(token.head) and token.pos_ == "NOUN":
                where.append(token.head)  # "final assembly will take place in Spain", "includes assembly in Spain"
            share = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else None
            if share is not None and share.dep_ in {"nsubj", "nsubjpass"} and is_verb(share.head):
                where.append(share.head)  # "part of the production will move to Jakarta"
            local = set()
            for party, mention in sentence.parties:
                steps = [a for a in party.ancestors]
                top = next((w for w in where if w in steps), None)
                if top is None:
                    continue
                path = steps[:steps.index(top)]
                towards = {"to"} if top.lemma_.lower() in {"move", "shift", "relocate", "go"} else set()
                if any(t.dep_ == "prep" and t.lower_ in {"in", "at", "by"} | towards for t in path) and not any(
                        t.dep_ == "prep" and t.lower_ in lexicon.words["bystander"] | {"from", "for", "to", "with"}
                        - towards for t in path):
                    local.add(mention.label)
            if len(local) != 1:
                continue
            here = next(iter(local))
            sale = next((d for d in reversed(sales) if d.sentence.start <= start and d.roles["recipient"] == here),
                        None)
            if sale is None:
                continue
            chain = governing_chain(token, lexicon)
            reading = read_status(token, chain, lexicon, "co_production")
            if reading.status is None:
                continue
            status = reading.status
            if any(is_verb(v) and v.lemma_.lower() in {"include", "cover", "involve", "envisage", "foresee"}
                   for v in chain):
                status = sale.status  # "the contract covers building some parts in Greece"
            if sale.status == "agreed" and (status in {"planned", "proposed"} or (
                    status == "completed" and token.tag_ == "VBN" and not any(
                        c.dep_ in {"aux", "auxpass"} for c in token.children))):
                status = "agreed"  # what the deal provides for ("with the other eight built at home")
            made.append(replace(sale, type="co_production", participants={sale.roles["supplier"], here}, roles={},
                                status=status, item=_words([token]), sentence=sentence.span,
                                trigger=token.lemma_.lower(), carried=True,
                                why=f"'{token.text}' in {here}, which buys it from {sale.roles['supplier']}"))
    return made


#: A sentence that lists who takes part in what was just told ("They are Germany, Canada and Spain.",
#: "Participating countries include ...").
_MEMBER_LIST = re.compile(r"^\W*(?:they|these|those|the\s+(?:participating\s+)?"
                          r"(?:countries|nations|states|participants)|participants|participating\s+(?:countries|nations|states|forces|navies|armies))\s+"
                          r"(?:are|were|include|included|includes|comprise|comprised|will\s+be)\b", re.IGNORECASE)


def _members_listed(text: str, sentence: Span, own: list[Mention]) -> set[str]:
    """The states a list sentence names after an exercise or a meeting, when it names three or more."""
    if not _MEMBER_LIST.match(text[sentence.start:sentence.end]):
        return set()
    members = {m.label for m in own if m.source not in {"place", "company"}}
    return members if len(members) >= 3 else set()


_SLUG_JOINS = re.compile(r"^(?:\s|[–—/&,+-]|and\b)*$")


def _slug(text: str, sentence: Span, own: list[Mention]) -> tuple[tuple[str, ...], int]:
    """The parties of a brief's slug ("Latvia: …", "EGY–DEU: …"): names and joins alone before a colon that opens
    the sentence; and where the slug ends."""
    for skip in dict.fromkeys((0, _body(sentence)[0])):  # "LVA:" reads like a dateline's place, but is the slug
        found = _slug_from(text, sentence.start + skip, sentence.end, own)
        if found[0]:
            return found
    return (), 0


def _slug_from(text: str, start: int, end: int, own: list[Mention]) -> tuple[tuple[str, ...], int]:
    while start < end and text[start].isspace():
        start += 1
    colon = text.find(":", start, start + 40)
    if colon < 0:
        return (), 0
    inside = sorted((m for m in own if start <= m.start and m.end <= colon), key=lambda m: m.start)
    if not inside:
        return (), 0
    cursor, labels = start, []
    for m in inside:
        if not _SLUG_JOINS.match(text[cursor:m.start]):
            return (), 0
        labels.append(m.label)
        cursor = m.end
    return (tuple(dict.fromkeys(labels)), colon) if _SLUG_JOINS.match(text[cursor:colon]) else ((), 0)


_FINITE = re.compile(r"\b(?:is|are|was|were|am|be|been|have|has|had|will|would|can|could|shall|should|"
                     r"may|might|must|do|does|did)\b", re.IGNORECASE)


def _direct_speech(text: str, start: int, end: int) -> bool:
    """Speech, not reported fact: a quotation that opens a sentence or follows "said:", or one with a verb of
    its own; a quoted noun phrase inside a narrated sentence ('expand "joint exercises"') is fact."""
    before = text[:max(0, start - 1)].rstrip()
    if not before or before[-1] in '.!?:,\n"' or before.endswith(("said", "says")):
        return True
    return bool(_FINITE.search(text, start, end))


def _second_subject(doc: Doc) -> None:
    """Mend a parse that reads "Sweden will sell jets to Poland and Norway will supply guns to Latvia" as jets sold
    to Poland and Norway: a conjoined verb with its own auxiliary but no subject takes the name just before it."""
    for verb in doc:
        if verb.dep_ != "conj" or verb.pos_ != "VERB" or any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children) \
                or not any(c.dep_ == "dobj" for c in verb.children):  # (not "... by Italy and Japan will fly")
            continue
        auxes = [c.i for c in verb.children if c.dep_ in {"aux", "auxpass"} and c.i < verb.i]
        if not auxes or min(auxes) == 0:
            continue
        name = doc[min(auxes) - 1]
        if name.dep_ == "conj" and name.pos_ in {"PROPN", "NOUN"} and name.head.i < name.i < verb.i and \
                not list(name.children):
            name.head, name.dep_ = verb, "nsubj"


def _subject_of_auxiliary(doc: Doc) -> None:
    """Mend a parse that reads "A US missile launcher remains stationed in ..." with "remains" as an auxiliary that
    holds the subject: the subject belongs to the verb the auxiliary serves."""
    for token in doc:
        head = token.head
        if token.dep_ in {"nsubj", "nsubjpass"} and head.dep_ in {"aux", "auxpass"} and head.head.i != head.i and \
                not any(c.dep_ in {"nsubj", "nsubjpass"} for c in head.head.children):
            token.head = head.head
            if head.dep_ == "auxpass":
                token.dep_ = "nsubjpass"


def _nouns_tagged_as_verbs(doc: Doc) -> None:
    """Mend a tag: "signed a US$8.5 billion minerals deal" parses "deal" as the object with its determiner, but tags
    it a verb; a word in a noun's place with a determiner of its own is a noun."""
    for token in doc:
        if token.pos_ == "VERB" and token.dep_ in {"dobj", "pobj", "nsubj", "nsubjpass", "attr", "appos"} and any(
                c.dep_ == "det" and c.lower_ in {"a", "an", "the", "this", "that"} for c in token.children):
            token.pos_, token.tag_ = "NOUN", "NN"
        elif token.pos_ == "VERB" and token.dep_ in {"nsubj", "nsubjpass"} and token.tag_ in {"VB", "VBP", "NN"} and \
                not any(c.dep_ in {"aux", "auxpass", "nsubj", "dobj", "xcomp", "ccomp"} for c in token.children):
            token.pos_, token.tag_ = "NOUN", "NN"  # "Work on the joint radar began on Sunday": a subject is a noun
        elif token.pos_ == "VERB" and token.dep_ in {"pobj", "dobj"} and token.tag_ == "VBZ" and not any(
                c.dep_ in {"aux", "auxpass", "nsubj", "dobj", "prt", "xcomp", "ccomp"} for c in token.children):
            token.pos_, token.tag_ = "NOUN", "NNS"  # "two weeks of desert drills", "troops open desert drills": a
            # plural noun in a noun's place
        elif token.pos_ == "PROPN" and token.is_title and (token.i == 0 or doc[token.i - 1].is_punct) and \
                token.lemma_.lower() == token.lower_ and token.dep_ in {"nsubj", "nsubjpass", "ROOT", "dobj"} and \
                any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
            token.pos_, token.tag_ = "NOUN", "NN"  # "Delivery of Romania's tanks is under way": a sentence's first
            # word, capitalised, read as a name
        elif token.lower_ in {"first", "last", "final", "rest", "remainder", "bulk"} and token.dep_ == "advmod" and \
                is_verb(token.head) and not any(c.dep_ == "dobj" for c in token.head.children) and any(
                    c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
            token.dep_, token.pos_ = "dobj", "NOUN"  # "Guatemala receives first of four boats": a headline drops
            # the article, and the parser reads the object as an adverb
        elif ((token.pos_ == "NOUN" and token.tag_ == "NNS") or (token.pos_ == "ADJ" and token.lower_ in {
                "open", "close", "complete"})) and token.dep_ == "ROOT" and any(
                c.dep_ == "nsubj" and c.i < token.i for c in token.children) and any(
                c.dep_ == "dobj" and c.i > token.i for c in token.children):
            token.pos_, token.tag_ = "VERB", "VBZ"  # "Lithuania vows a larger share for its army": a headline's
            # verb read as a plural noun (or "troops open drills" as an adjective), with a subject and an object


def _deal_read_as_verb(doc: Doc, lexicon: Lexicon) -> None:
    """Mend a headline's parse: "Hanoi signs deal with Moscow", "Tashkent seals deal for helicopters" read as a
    plural noun "signs" subject of a verb "deal". A verb of agreeing in -s right before a deal word with no article
    is the verb, the deal word its object, and the name before it the subject."""
    for deal in doc:
        if deal.pos_ != "VERB" or deal.dep_ != "ROOT" or deal.i < 2 or \
                deal.lemma_.lower() not in lexicon.words["agreed_under"]:
            continue
        verb = doc[deal.i - 1]
        if verb.head.i != deal.i or verb.tag_ != "NNS" or not verb.lower_.endswith("s") or \
                lexicon.status_class(verb.lemma_.lower()) != "agreed":
            continue
        subjects = [c for c in verb.children if c.i < verb.i and c.dep_ in {"compound", "amod", "nmod"}]
        if not subjects:
            continue
        verb.head, verb.dep_, verb.pos_, verb.tag_ = verb, "ROOT", "VERB", "VBZ"
        deal.head, deal.dep_, deal.pos_, deal.tag_ = verb, "dobj", "NOUN", "NN"
        subjects[-1].dep_ = "nsubj"


#: Verbs whose bare participle after a thing is a headline's passive ("six launchers delivered", "order placed").
_HEADLINE_PASSIVES = frozenset({"deliver", "hand", "sign", "place", "approve", "ship", "transfer", "supply", "sell",
                                "order", "procure", "buy", "purchase", "complete", "seal", "ink", "clear", "award"})


def _headline_passive(doc: Doc) -> None:
    """Mend a brief's grammar: "all six launchers from the US delivered (Mon)", "IRIS-T order placed": a common
    noun before a bare participle with no auxiliary and no object is what was done to, not who did it."""
    for token in doc:
        if token.pos_ != "VERB" or token.tag_ not in {"VBN", "VBD"} or token.lemma_.lower() not in _HEADLINE_PASSIVES:
            continue
        if any(c.dep_ in {"aux", "auxpass", "dobj", "neg"} or (c.dep_ == "dative" and c.pos_ != "ADP")
               for c in token.children):
            continue  # (but "warships sold to Chile": "to" is a preposition the parser calls a dative)
        for child in token.children:
            if child.dep_ == "nsubj" and child.pos_ in {"NOUN", "NUM"} and child.i < token.i:
                child.dep_ = "nsubjpass"


def _exercise_read_as_verb(doc: Doc) -> None:
    """Mend a parse that reads "hold their SLINEX exercise", "began the Unitas exercise" with "exercise" as a verb:
    after a determiner and a name it is the noun, the object of the verb before it."""
    for token in doc:
        if token.lemma_.lower() not in {"exercise", "drill"} or token.pos_ != "VERB" or token.i < 2 or \
                token.dep_ not in {"ccomp", "xcomp", "conj", "advcl", "dobj", "pobj"} or not is_verb(token.head):
            continue
        start = token.i - 1  # the name may be several words: "the Veer Guardian drills"
        while start > 1 and token.i - start < 6 and doc[start - 1].i > 0 and (
                doc[start - 1].text[:1].isupper() or (
                    doc[start - 1].text == "-" and doc[start - 2].text[:1].isupper())):
            start -= 1  # ("the US-Philippine Balikatan drills")
        name, first = doc[token.i - 1], doc[start - 1]
        while first.i > 0 and first.tag_ == "JJ" and first.text.islower() and start - first.i < 3:
            first = doc[first.i - 1]  # "the annual Medusa exercise"
        if doc[start].text[:1].isupper() and first.lower_ in {"the", "their", "its", "a", "an", "this", "our"}:
            for adjective in doc[first.i + 1:start]:
                adjective.head, adjective.dep_ = token, "amod"
            token.pos_, token.tag_, token.dep_ = "NOUN", "NN", "dobj"
            if name.dep_ == "pobj" and name.head.pos_ == "ADP":  # "arrived for the Orruda drills"
                token.head, token.dep_ = name.head, "pobj"
            for child in list(token.children):
                if child.i < token.i and child.dep_ in {"nsubj", "dobj"}:
                    child.dep_ = "compound"
            for word in (*doc[start:token.i - 1], name, first):
                if word.head.i != token.i and word.i < token.i and word.head.i in {token.i, token.head.i}:
                    word.head = token
                    word.dep_ = "compound" if word is name else ("poss" if word.tag_ == "PRP$" else "det")


def _according_to_source(doc: Doc) -> None:
    """Mend a parse that leaves "according to" without its object and takes the source for the subject: in
    "According to a Polish newspaper, South Africa's committee suspended ..." the committee acts, the paper reports."""
    for according in doc:
        if according.lower_ != "according" or according.head.pos_ not in {"VERB", "AUX"}:
            continue
        to = next((c for c in according.children if c.lower_ == "to"), None)
        if to is None or any(c.dep_ == "pobj" for c in to.children):
            continue
        verb = according.head
        source = next((c for c in verb.children if c.dep_ == "nsubj" and c.i > to.i), None)
        actor = next((c for c in source.children if c.dep_ == "appos" and c.i > source.i), None) if source else None
        if source is None or actor is None or not any(t.text == "," for t in doc[source.i:actor.i]):
            continue
        source.head, source.dep_ = to, "pobj"
        actor.head, actor.dep_ = verb, "nsubj"


def _first_of_listed_adjectives(doc: Doc) -> None:
    """Mend a parse that hangs the first of listed nationalities on the verb: in "Greek, Egyptian and Cypriot forces
    wrapped up the drills" "Greek" modifies the forces as the others do."""
    for token in doc:
        if token.dep_ != "advmod" or token.tag_ != "JJ" or not token.text[:1].isupper() or token.i + 2 >= len(doc):
            continue
        comma, after = doc[token.i + 1], doc[token.i + 2]
        if comma.text == "," and after.tag_ == "JJ" and after.text[:1].isupper() and after.dep_ == "amod" and \
                any(c.dep_ == "conj" for c in after.children):
            token.head, token.dep_ = after.head, "amod"
            after.head, after.dep_ = token, "conj"


def _fronted_subject(doc: Doc) -> None:
    """Mend a parse that reads "On the sidelines of the fair in Abu Dhabi, the ministers of Serbia and Egypt met"
    as the ministers in apposition to Abu Dhabi: a verb with no subject takes the noun phrase that follows the
    comma closing its fronted phrase and ends right before it."""
    for verb in doc:
        if verb.pos_ != "VERB" or verb.dep_ in {"aux", "auxpass"} or any(
                c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj"} for c in verb.children):
            continue
        for noun in doc[:verb.i]:
            if noun.dep_ != "appos" or noun.pos_ not in {"NOUN", "PROPN"} or noun.head.i >= noun.i:
                continue
            left, right = noun.left_edge.i, noun.right_edge.i
            between = doc[right + 1:verb.i]
            if left > 0 and doc[left - 1].text == "," and noun.head.i < left and \
                    all(t.pos_ in {"AUX", "ADV", "PART"} for t in between) and noun not in verb.ancestors:
                noun.head, noun.dep_ = verb, "nsubj"
                break
        else:
            _fronted_list_subject(doc, verb)


def _verb_hung_on_subject(doc: Doc) -> None:
    """Mend a parse that reads "Portugal, for years a small spender, pledged to reach 3% of GDP" as a name
    described by a clause: a past verb after the comma closing the name's appositive, with no subject of its own,
    is the sentence's verb and the name its subject."""
    for noun in doc:
        if noun.dep_ != "ROOT" or noun.pos_ not in {"PROPN", "NOUN"}:
            continue
        verb = next((c for c in noun.children if c.dep_ == "acl" and c.tag_ in {"VBD", "VBN"} and c.i > noun.i
                     and doc[c.i - 1].text == "," and not any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)),
                    None)
        if verb is not None:
            verb.head, verb.dep_ = verb, "ROOT"
            noun.head, noun.dep_ = verb, "nsubj"


_VALUING = frozenset({"worth", "value", "price", "estimate", "cost"})


def _phrase_after_sum(doc: Doc) -> None:
    """Mend a parse that hangs "a contract worth €3 billion with Naval Group for frigates" (or "valued at $2
    billion with ...") from the sum: a partner, source or recipient after the sum belongs to the deal."""
    for prep in doc:
        if prep.dep_ != "prep" or prep.lower_ not in {"with", "from", "to", "for", "between"}:
            continue
        x, steps = prep.head, 0
        while steps < 5 and x.head.i != x.i and x.lemma_.lower() not in _VALUING and (
                x.pos_ in {"NUM", "NOUN", "SYM", "ADP", "ADV"} and x.dep_ != "ROOT"):
            x, steps = x.head, steps + 1
        if x.lemma_.lower() in _VALUING and x.i < prep.i and x.head.pos_ in {"NOUN", "PROPN"} and \
                x.head.i < x.i:
            prep.head = x.head




#: What is sent that a service's name may modify without making it a force ("military aid", "army supplies").
_AID_GOODS = frozenset({"aid", "assistance", "support", "supply", "supplies", "equipment", "hardware", "package",
                        "goods", "funding", "fund", "help", "technology", "export", "donation", "materiel", "gear"})


#: Spans of time that measure how long talks went on ("two years of talks").
_DURATIONS = frozenset({"month", "year", "decade"})


#: Nouns of an act that "make" only carries ("make purchases", "made an offer", "make a payment").
_LIGHT_OBJECTS = frozenset({"purchase", "order", "payment", "offer", "bid", "visit", "trip", "decision", "request",
                            "contribution", "investment", "commitment", "pledge", "call", "statement", "announcement",
                            "progress", "deal", "agreement", "proposal", "attempt", "effort", "case", "push", "move",
                            "acquisition", "donation", "delivery", "transfer", "sale", "appeal", "stop"})


#: Verbs whose subject is what undergoes upkeep ("the destroyer will undergo repairs", "the boat returned after a
#: refit in India").
_UNDERGOING = frozenset({"undergo", "receive", "get", "need", "require", "enter", "return", "sail", "leave", "arrive",
                         "dock", "head", "rejoin"})


#: Verbs of talking something over, whose partner a parse may hang on the topic ("discussed the sale with Modi").
_TALKING_OVER = frozenset({"discuss", "talk", "raise", "review", "debate", "explore", "go", "address"})


def _partner_of_talks(doc: Doc) -> None:
    """Mend a parse that hangs the partner of a talk on its topic: in "discussed the purchase with Prime Minister
    Albanese" the minister is who was talked with, not a party to the purchase."""
    for prep in doc:
        if prep.dep_ != "prep" or prep.lower_ != "with" or not any(
                g.dep_ == "pobj" and g.pos_ == "PROPN" for g in prep.children):
            continue
        x, steps = prep.head, 0  # the topic, or "by phone" after it
        while x.dep_ in {"pobj", "prep"} and steps < 3:
            x, steps = x.head, steps + 1
        if x.dep_ == "dobj" or (steps and x.pos_ == "VERB"):
            verb = x.head if x.dep_ == "dobj" else x
            if verb.lemma_.lower() in _TALKING_OVER and verb.i < prep.i:
                prep.head = verb


#: Nouns of a deal whose partner may follow the goods ("an order for 12 jets with Britain's BAE Systems").
_ORDERS = frozenset({"order", "contract", "deal", "agreement", "purchase", "tender"})


def _partner_after_goods(doc: Doc) -> None:
    """Mend a parse that hangs a deal's partner on its goods: in "placed an order for 12 Typhoons with Britain's BAE
    Systems" the firm is who the order is placed with, not something the jets come with."""
    for prep in doc:
        goods = prep.head
        if prep.dep_ != "prep" or prep.lower_ != "with" or goods.dep_ != "pobj" or goods.head.lower_ != "for" or \
                goods.head.head.lemma_.lower() not in _ORDERS:
            continue
        if any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in prep.children):
            prep.head = goods.head.head


def _contact_relative(doc: Doc) -> None:
    """Mend a parse that reads "the launchers Greece bought from Israel arrived" as two subjects of "arrived", the
    buying a clause on Greece: the name and its verb are a relative clause on the noun before them."""
    for verb in doc:
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if len(subjects) != 2:
            continue
        noun, name = sorted(subjects, key=lambda t: t.i)
        clause = next((c for c in name.children if c.dep_ in {"acl", "relcl"} and c.tag_ == "VBD"), None)
        if clause is None or noun.pos_ != "NOUN" or name.pos_ not in {"PROPN", "PRON"} or \
                name.i != noun.right_edge.i + 1 or clause.i != name.i + 1:
            continue
        clause.head, clause.dep_ = noun, "relcl"
        name.head, name.dep_ = clause, "nsubj"


def _closing_appositive(doc: Doc) -> None:
    """Mend a parse that reads "France and Poland signed a treaty, a step Warsaw had sought for years" with the
    signing as what the step sought: the closing noun phrase describes what was done, its verb is a relative
    clause on it."""
    for root in doc:
        if root.dep_ != "ROOT" or not is_verb(root):
            continue
        noun = next((c for c in root.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
        done = next((c for c in root.children if c.dep_ == "ccomp" and noun is not None and c.i < noun.i and any(
            g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)), None)
        if noun is None or done is None or noun.left_edge.i < 1 or doc[noun.left_edge.i - 1].text != "," or \
                not any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children):
            continue
        namer = next((c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        done.head, done.dep_ = done, "ROOT"
        target = next((c for c in done.children if c.dep_ == "dobj"), done)
        noun.head, noun.dep_ = target, "appos"
        root.head, root.dep_ = noun, "relcl"
        if namer is not None:
            namer.head, namer.dep_ = root, "nsubj"


def _object_after_first_time(doc: Doc) -> None:
    """Mend a parse that reads "unveiled for the first time the system procured from China" as a clause on "time"
    ("the time the system procured"): the noun is the verb's object, its participle describes it."""
    for time in doc:
        clause = next((c for c in time.children if c.dep_ == "relcl" and c.tag_ in {"VBN", "VBD"}), None)
        if time.lower_ not in {"time", "occasion"} or time.dep_ != "pobj" or clause is None or \
                any(c.dep_ in {"aux", "auxpass", "mark"} or c.tag_ in {"WDT", "WRB", "WP"} for c in clause.children):
            continue
        noun = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ in {"NOUN", "PROPN"}),
                    None)
        verb = time.head.head
        if noun is None or not is_verb(verb) or any(c.dep_ == "dobj" for c in verb.children) or \
                not any(c.lower_ == "first" or c.dep_ == "amod" for c in time.children):
            continue
        noun.head, noun.dep_ = verb, "dobj"
        clause.head, clause.dep_, clause.tag_ = noun, "acl", "VBN"


def _participle_before_equipment(doc: Doc, equipment: frozenset[str]) -> None:
    """Mend a parse that reads "transfer all of its FH70 towed howitzers" with "towed" as a verb taking the
    howitzers: a bare participle between a name and an equipment noun describes the noun, which takes the name's
    place."""
    for verb in doc:
        if verb.pos_ != "VERB" or verb.tag_ not in {"VBD", "VBN"} or verb.i < 1 or verb.i + 1 >= len(doc):
            continue
        name, noun = doc[verb.i - 1], doc[verb.i + 1]
        if noun.head.i != verb.i or noun.dep_ != "dobj" or noun.lemma_.lower() not in equipment or \
                name.pos_ not in {"PROPN", "NOUN"} or name.dep_ not in {"pobj", "dobj", "nsubj", "nsubjpass"} or \
                any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "neg"} for c in verb.children):
            continue
        noun.head, noun.dep_ = name.head, name.dep_
        above = next((a for a in noun.ancestors if is_verb(a) and a.i != verb.i), noun)
        for child in list(verb.children):
            if child.i > noun.i:
                child.head = above  # "... howitzers to Ukraine": the phrase after them is the act's
        name.head, name.dep_ = noun, "compound"
        verb.head, verb.dep_, verb.pos_, verb.tag_ = noun, "amod", "ADJ", "JJ"


def _fronted_list_subject(doc: Doc, verb: Token) -> None:
    """Mend a parse that reads "Despite protests from Beijing, Washington and Taipei signed" as one list of three
    inside the fronted phrase: the names after the comma that closes the phrase, right before the verb, are its
    subject."""
    for name in doc[:verb.i]:
        head = name.head
        if name.dep_ != "conj" or name.pos_ != "PROPN" or head.i >= name.i or doc[name.i - 1].text != "," or \
                any(t.text == "," for t in doc[head.i + 1:name.i - 1]):
            continue
        fronted = next((a for a in head.ancestors if a.head.i == verb.i), None)
        if fronted is None or fronted.dep_ != "prep" or fronted.i > head.i or fronted.left_edge.i != 0:
            continue
        between = doc[name.right_edge.i + 1:verb.i]
        if all(t.pos_ in {"AUX", "ADV", "PART"} for t in between):
            name.head, name.dep_ = verb, "nsubj"
            return


def _body(sentence: Span) -> tuple[int, str]:
    """The sentence without a leading dateline ("BERLIN, Feb. 3 (Reuters) —"), and where that starts."""
    dateline = parse_dateline(sentence.text)
    skip = dateline.length if dateline else 0
    return skip, sentence.text[skip:]


def _worth_parsing(sentence: Span, own: list[Mention], lexicon: Lexicon, has_program: bool) -> bool:
    words = set(re.findall(r"[a-z][a-z+-]*|2\+2|%", sentence.text.lower()))
    words |= {part for w in words if "-" in w and not w.startswith("co-") for part in w.split("-") if part}
    if words & _SIGNED and words & (_CONTRACTS | {"letter", "loa"}):
        return True  # "the ministers signed the contract": the stage of a sale told before
    if not lexicon.may_fire(words, has_program):
        return False
    return bool(own) or bool(words & {"they", "both", "two", "three", "allies", "sides", "countries", "budget",
                                      "spending", "ministers", "leaders", "partners", "joint"})


def _tokens_in(doc: Doc, offset: int, start: int, end: int) -> list[Token]:
    """The tokens that begin inside ``[start, end)`` of the article (found by bisection: sentences are long)."""
    starts = doc.user_data.get("starts")
    if starts is None:
        starts = doc.user_data["starts"] = [t.idx for t in doc]
    return list(doc[bisect_left(starts, start - offset):bisect_left(starts, end - offset)])


def _anchor(doc: Doc, offset: int, own: list[Mention]) -> list[tuple[Token, Mention]]:
    """Each party mention with the token that heads it in the parse."""
    out = []
    for mention in own:
        tokens = _tokens_in(doc, offset, mention.start, mention.end)
        if not tokens:  # a mention inside a token ("U.S.-made"): the token that holds it
            tokens = _tokens_in(doc, offset, 0, mention.start + 1)[-1:]
            tokens = [t for t in tokens if offset + t.idx + len(t) > mention.start]
        if tokens:
            out.append((root_of(tokens), mention))
    return out


def _programs(doc: Doc, offset: int, index: _Index, sentence: Span) -> list[tuple[Token, Entity]]:
    out = []
    for mention, entity in index.entities_in(sentence.start, sentence.end):
        if entity.type != "program":
            continue
        tokens = _tokens_in(doc, offset, mention.start, mention.end)
        if tokens:
            out.append((root_of(tokens), entity))
    return out


def _triggers_at(doc: Doc, token: Token, lexicon: Lexicon) -> list[tuple[Trigger, Token]]:
    """The lexicon entries that fire at a token: a lemma of the right part of speech, or a phrase starting
    there; a phrase's trigger token is its last word (the head of "supply chain", "export controls")."""
    lemma = token.lemma_.lower()
    found = []
    if token.lower_.startswith("co-") and len(token.lower_) > 5:
        return _co_word(token, lexicon)
    gerund = _gerund_stem(token, lexicon)
    for trigger in lexicon.triggers.get(lemma, ()) + lexicon.triggers.get(token.lower_, ()) + gerund:
        if len(trigger.lemmas) == 1:
            if token.pos_ in trigger.pos or trigger in gerund:
                found.append((trigger, token))
            continue
        if len(trigger.lemmas) == 2 and token.pos_ == "VERB" and any(
                c.dep_ == "prep" and c.lower_ == trigger.lemmas[1] for c in token.children):
            found.append((trigger, token))  # "signed in Berlin for 44 tanks"
            continue
        words = [t for t in doc[token.i:token.i + 2 * len(trigger.lemmas) - 1] if t.text != "-"][
            :len(trigger.lemmas)]  # ("supply-chain", read as three tokens)
        if len(words) == len(trigger.lemmas) and words[-1].i - token.i < 2 * len(trigger.lemmas) - 1 and all(
                w.lemma_.lower() == want or w.lower_ in {want, want + "s"}  # "bases", which the lemmatiser takes
                for w, want in zip(words, trigger.lemmas, strict=True)):    # for "basis"
            head = root_of(words)
            found.append((trigger, head))
    return found


def _gerund_stem(token: Token, lexicon: Lexicon) -> tuple[Trigger, ...]:
    """The verb triggers of a gerund the tagger reads as a noun ("the joint assembling of trucks"), for the kinds
    of joint work whose noun the lexicon lacks."""
    word = token.lower_
    if token.tag_ != "NN" or not word.endswith("ing") or len(word) < 7 or lexicon.triggers.get(token.lemma_.lower()):
        return ()
    for stem in (word[:-3] + "e", word[:-3], word[:-4]):  # assembling, developing, shipping
        found = tuple(t for t in lexicon.triggers.get(stem, ()) if len(t.lemmas) == 1 and "VERB" in t.pos
                      and t.type in {"co_production", "co_development", "maintenance", "supply_chain"})
        if found:
            return found
    return ()


def _co_word(token: Token, lexicon: Lexicon) -> list[tuple[Trigger, Token]]:
    """"co-developing", "co-production": the joint trigger the rest of the word starts with (the lemmatiser does
    not know these words)."""
    rest = token.lower_[3:]
    best: Trigger | None = None
    for word, triggers in lexicon.triggers.items():
        stem = word[:-1] if word.endswith("e") else word
        for trigger in triggers:
            if trigger.frame in {"joint", "make"} and len(trigger.lemmas) == 1 and rest.startswith(stem) and \
                    token.pos_ in trigger.pos and (best is None or len(word) > len(best.lemmas[0])):
                best = trigger
    return [(best, token)] if best is not None else []


def _sentence_events(sentence: _Sentence, text: str, lexicon: Lexicon, index: _Index, previous: list[set[str]],
                     main_party: str | None, quoted: list[tuple[int, int]], recent: list[_Draft]) -> list[_Draft]:
    doc = sentence.doc
    fired: dict[int, list[tuple[Trigger, Token]]] = {}
    used_heads: set[tuple[int, str]] = set()
    phrase_words: set[int] = set()
    words = [t.lower_ for t in doc]
    firsts = {idiom[0] for idiom in lexicon.idioms}
    idiomatic = {i + k for i, word in enumerate(words) if word in firsts for idiom in lexicon.idioms
                 if idiom[0] == word and tuple(words[i:i + len(idiom)]) == idiom for k in range(len(idiom))}
    for token in doc:
        at = sentence.offset + token.idx
        if token.i in idiomatic or (any(a <= at < b for a, b in quoted) and index.voice_at(at) is None):
            continue  # direct speech is read only when its speaker is known to act for a party
        for trigger, head in _triggers_at(doc, token, lexicon):
            if len(trigger.lemmas) > 1:
                # the words of a phrase ("curbs on exports"), wherever the parser put its head
                phrase_words.update(range(token.i, token.i + len(trigger.lemmas)))
            if any(t is trigger for t, _ in fired.get(head.i, [])):
                continue
            if (head.i, trigger.type) in used_heads and not any(
                    t.type == trigger.type and t.lemmas == trigger.lemmas for t, h in fired.get(head.i, [])):
                continue  # (a word may carry one type under other conditions: "a minerals deal", "a defence deal")
            used_heads.add((head.i, trigger.type))
            fired.setdefault(head.i, []).append((trigger, head))
    drafts: list[_Draft] = []
    read: set[tuple[int, str]] = set()
    for at in sorted(fired):
        for trigger, head in fired[at]:
            if (head.i, trigger.type) in read:
                continue  # the same word's type already read under its first conditions met
            if len(trigger.lemmas) == 1 and head.i in phrase_words and not any(
                    len(t.lemmas) > 1 for t, h in fired.get(head.i, []) if h.i == head.i):
                continue  # "export" inside "export controls" is the control, not a sale
            draft = _read(sentence, trigger, head, text, lexicon, index, previous, main_party, [*recent, *drafts])
            if draft is not None and draft.each:
                drafts.extend(replace(draft, participants=parties, each=[]) for parties in draft.each)
            elif draft is not None and draft.each_roles:
                drafts.extend(replace(draft, roles=roles, participants=set(roles.values()), each_roles=[])
                              for roles in draft.each_roles)
            elif draft is not None:
                drafts.append(draft)
            if draft is not None:
                read.add((head.i, trigger.type))
    drafts.extend(_elided_budgets(sentence, drafts, lexicon))
    return _one_type_per_trigger(drafts)


def _elided_budgets(sentence: _Sentence, drafts: list[_Draft], lexicon: Lexicon) -> list[_Draft]:
    """"Germany pledged to raise defence spending to 3.5% of GDP, while Britain plans to reach 2.5%": the second
    clause states a budget of its own party with the trigger left out."""
    budgets = [d for d in drafts if d.type == "defense_spending" and not d.carried]
    if not budgets:
        return []
    owners = {p for d in budgets for p in d.participants}
    out = []
    for token, mention in sentence.parties:
        verb = token.head
        if token.dep_ != "nsubj" or not is_verb(verb) or verb.dep_ not in {"advcl", "conj"} or mention.label in owners:
            continue
        clause = [t for t in verb.subtree]
        if not any(t.text == "%" or t.lower_ in {"percent", "per"} or t.ent_type_ == "MONEY" or
                   t.text[:1] in "$€£¥₩" or t.lower_ in {"euros", "dollars", "yen", "won", "pounds", "rupees"}
                   for t in clause):
            continue  # "..., while Brussels set aside 90 billion euros": a sum or a share of GDP
        chain = [*[t for t in clause if t.dep_ == "xcomp" and t.head.i == verb.i][:1], verb]
        status = read_status(chain[0], chain, lexicon, "defense_spending")
        if status.status is None:
            continue
        stage = lexicon.by_type.get("defense_spending", {}).get(status.status, status.status)
        first = budgets[0]
        out.append(replace(first, participants={mention.label}, status=stage, carried=False, item=_words(clause),
                           why=f"the budget of '{mention.text}' in a clause that leaves the trigger out; "
                               f"status {stage}: {status.why}"))
    return out


def _one_type_per_trigger(drafts: list[_Draft]) -> list[_Draft]:
    """A word read as two types ("send") keeps the one whose conditions it meets best: forces over equipment."""
    by_trigger: dict[tuple[int, str], list[_Draft]] = {}
    for draft in drafts:
        by_trigger.setdefault((draft.sentence.start, draft.trigger), []).append(draft)
    out = []
    for group in by_trigger.values():
        kinds = {d.type for d in group}
        if {"force_posture", "maintenance"} <= kinds:
            group = [d for d in group if d.type == "maintenance"]  # "send submarines to Russia for overhaul"
        elif {"force_posture", "arms_transfer"} <= kinds:
            deployed = _personnel(group[0].item) or any(d.mission for d in group)
            group = [d for d in group if d.type == ("force_posture" if deployed else "arms_transfer")]
        elif {"force_posture", "meeting"} <= kinds:
            group = [d for d in group if d.type == "force_posture"]  # "host a German brigade": forces, not guests
        out.extend(group)
    return out


def _personnel(item: str) -> bool:
    return bool(re.search(r"\b(?:troops|soldiers|personnel|forces|marines|battalions?|brigades?|squadrons?|units?|"
                          r"sailors|contingent|battlegroup|detachments?|companies|company|regiments?|platoons?|"
                          r"paratroopers|commandos|peacekeepers|task\s+force)\b", item, re.IGNORECASE))


def _read(sentence: _Sentence, trigger: Trigger, token: Token, text: str, lexicon: Lexicon, index: _Index,
          previous: list[set[str]], main_party: str | None, recent: list[_Draft]) -> _Draft | None:
    at = sentence.offset + token.idx
    if not is_verb(token) and any(
            e.type == "org" and m.start <= at and at + len(token.text) <= m.end and m.end - m.start > len(token.text)
            and e.name.split()[-1].lower() in _ORG_HEADS for m, e in index.entities_in(at - 80, at + 1)):
        return None  # "the Collective Security Treaty Organization": the body's name, no act
    if not is_verb(token) and token.dep_ == "pobj" and token.head.lower_ == "on" and \
            token.head.head.lemma_.lower() in lexicon.words["rivalry"]:
        return None  # "to cut its reliance on foreign arms purchases": a dependence, no act
    if trigger.frame == "make" and not is_verb(token) and token.lemma_.lower() in _PLANTS and \
            token.dep_ == "pobj" and token.head.lower_ == "for":
        return None  # "to refine copper for their arms factories": whom the work serves, not a plant built
    if trigger.frame == "make" and is_verb(token) and lemma(token) in {"build up", "make up"}:
        return None  # "jointly building up a stockpile of shells": amassing, not making (the stock is read as such)
    if token.lower_ == "developments" and not any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return None  # "reviewed regional developments", "the latest developments": news, not work on a weapon
    if trigger.type == "defense_spending" and token.lemma_ == "devote" and (
            token.dep_ in {"acl", "amod"} or not any(c.dep_ == "dobj" for c in token.children)):
        return None  # "talks devoted to defence production": what talks were about, no money
    if trigger.type == "force_posture" and any(
            p.dep_ in {"prep", "dative"} and p.lower_ == "to" and any(
                o.dep_ == "pobj" and o.lemma_.lower() in {"drill", "drills", "exercise", "manoeuvre", "maneuver",
                                                          "games", "wargame"} for o in p.children)
            for p in token.children):
        return None  # "asked to send marines to the Cobra Gold drills": taking part in drills, no posting
    if trigger.type == "meeting" and is_verb(token) and token.lemma_ == "host" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in lexicon.words["forces"] for c in token.children):
        return None  # "to prepare for hosting 5,000 German troops": a presence, not talks
    chain = governing_chain(token, lexicon, timed=trigger.type in {"meeting", "maintenance"})
    if trigger.type == "maintenance" and token.dep_ in {"amod", "acl"} and token.tag_ in {"VBN", "VBD"}:
        # "Dassault returned the last of the UAE's overhauled Mirages": who hands them back did the work
        noun = token.head
        while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ in {"dobj", "nsubjpass"}:
            noun = noun.head.head
        if noun.dep_ in {"dobj", "nsubjpass", "npadvmod"} and noun.head.lemma_.lower() in _RETURNING:
            chain = [token, token.head, *governing_chain(noun.head, lexicon)]
    themes = theme_tokens(token)
    kind = trigger.type
    if trigger.frame == "deal" and any(
            c.dep_ in {"acl", "relcl"} and is_verb(c) and any(a.lower_ == "to" for a in c.children) and any(
                t.type == "maintenance" for t in lexicon.triggers.get(c.lemma_.lower(), ())) for c in token.children):
        return None  # "a contract with Navantia to refit its frigates": the repair bought, no goods sold
    if kind == "force_posture" and any(
            is_verb(v) and any(c.dep_ in {"dobj", "nsubjpass"} and any(
                t.type == "exercise" for t in lexicon.triggers.get(c.lemma_.lower(), ())) for c in v.children)
            for v in chain[1:3]):
        return None  # "the armies carried out a combined exercise, deploying 1,400 troops": the drill's forces
    if kind == "maintenance" and not is_verb(token) and token.dep_ == "compound" and \
            token.head.lemma_.lower() in _KIT:
        return None  # "boats donated with maintenance spares": things for upkeep, not upkeep done
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if kind in {"arms_transfer", "force_posture"} and is_verb(token) and objects and all(
            t.lemma_.lower() in _HELP | lexicon.words["officials"] for t in objects):
        return None  # "the yards provide support activities for the navy", "sent its minister to Madrid for talks on
        # frigates": services or people, no goods
    if trigger.lemmas[0] == "accept" and any(c.dep_ == "dobj" and c.lemma_.lower() in _OFFERS | _REQUESTS
                                             for c in token.children):
        return None  # "accepted an offer", "accepted the invitation": the act offered, if any, is read on its own
    if kind == "arms_transfer" and not is_verb(token) and token.lemma_.lower() in _OFFERS | {"request"} and any(
            c.dep_ in {"acl", "relcl"} and is_verb(c) and any(a.lower_ == "to" for a in c.children)
            for c in token.children):
        return None  # "an offer from Israel to overhaul its boats", "a request from Manila to station aircraft":
        # the offer or request of that act, no goods
    if is_verb(token) and token.lemma_.lower() == "make" and any(
            c.dep_ in {"ccomp", "oprd", "xcomp"} and (c.pos_ == "ADJ" or any(g.dep_ == "nsubj" for g in c.children)
                                                      or any(d.dep_ == "dobj" for d in token.children))
            for c in token.children):
        return None  # "making it Madrid's biggest customer", "made the deal possible": what it makes of a thing
    if is_verb(token) and token.lemma_.lower() == "make" and any(
            c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in _LIGHT_OBJECTS for c in token.children):
        return None  # "is making large purchases", "made an offer", "made a visit": the act the noun names
    if kind == "exercise" and token.lemma_.lower() in {"training", "train"} and not is_verb(token) and (
            token.dep_ in {"compound", "amod", "nmod"} or any(
                not is_verb(t) and t.lemma_.lower() in lexicon.words["agreed_under"] | {"cooperation", "programme",
                                                                                         "program", "area"}
                for t in [token.head, *chain[1:3]])
            or any(is_verb(v) and v.lemma_.lower() in _COVERING | {"explore", "expand", "boost", "deepen", "discuss",
                                                                    "review", "enhance", "strengthen"}
                   for v in chain[1:2])):
        return None  # "an MoU on defence and training cooperation", "a pact that will include joint training",
        # "to review joint training": training as the topic of an accord or of talks, no drill held
    if kind != "agreement" and not is_verb(token) and any(
            v.lemma_.lower() in _COVERING and v.dep_ == "acl" and v.head.lemma_.lower() in lexicon.words["agreed_under"]
            for v in chain[1:4]) and (token.dep_ == "conj" or any(c.dep_ in {"conj", "cc"} for c in token.children)):
        # (but "a licence deal that covers making the howitzer at home" is that production, agreed)
        return None  # "an accord covering training and air surveillance": what the accord is about, no act
    if not is_verb(token) and token.dep_ == "pobj" and token.head.lower_ in {"about", "over", "of", "on"} and \
            token.head.head.lemma_.lower() in _CONCERNS:
        return None  # "amid concerns about a Chinese export ban": what is feared, not an act told
    if kind == "agreement" and token.dep_ == "pobj" and token.head.lower_ == "under":
        return None  # "designating four sites under a defence pact": the pact acted under, not agreed here
    if kind in {"export_control", "defense_spending"} and token.dep_ == "pobj" and \
            token.head.lower_ in {"on", "about", "over"} and any(
            t.type == "meeting" for t in lexicon.triggers.get(token.head.head.lemma_.lower(), ())):
        return None  # "talks on export controls": what was talked about, not a rule changed
    if kind == "defense_spending" and token.dep_ == "pobj" and token.head.lower_ == "of" and \
            token.head.head.lemma_.lower() in _SHARES and not any(
                t.lemma_.lower() in {"increase", "raise", "boost", "hike", "rise", "cut"} for t in chain):
        return None  # "to localise 50 percent of its military spending", "a third of the defence budget goes to":
        # a share of a budget, not the budget set
    if kind == "defense_spending" and is_verb(token) and any(
            c.dep_ in {"nsubjpass", "nsubj"} and c.lemma_.lower() in _SHARES for c in token.children):
        return None  # "half of the budget is spent at home": where a share goes, not the budget set
    frame_name = trigger.frame
    restriction = _restriction(token, chain, lexicon) if kind == "arms_transfer" and frame_name not in {
        "acquire", "arrive"} else None
    # (rules on what a state buys, "eased its rules on defence procurement", are no export rules)
    moved_chain = chain  # the transfer's own chain: "... on arms sales to Ankara" names the target there
    if restriction is not None:
        kind, frame_name = "export_control", "control"
        chain = governing_chain(restriction, lexicon)
    if kind == "maintenance" and token.dep_ == "pobj" and token.head.lower_ == "for" and is_verb(token.head.head) \
            and any(t.type == "arms_transfer" for t in lexicon.triggers.get(token.head.head.lemma_.lower(), ())) \
            and lexicon.status_class(lemma(token.head.head)) != "agreed":
        return None  # "sent its frigate to Italy for repairs": read at the verb, whose receiver repairs
    if kind in {"meeting", "exercise"} and token.dep_ == "pobj" and token.head.lower_ == "of" and \
            token.head.head.lemma_.lower() in {"sideline", "sidelines", "margin", "margins", "fringe", "fringes"}:
        return None  # "on the sidelines of the climate summit, the EU and Kazakhstan signed": a venue
    party_at = {t.i for t, _ in sentence.parties}
    if trigger.frame == "arrive" and any(
            c.dep_ in {"relcl", "acl"}
            and any(t.type == "arms_transfer" for t in lexicon.triggers.get(c.lemma_.lower(), ()))
            and any(w.i in party_at for w in c.subtree)  # (but "the tanks, an initial lot bought then, arrived")
            for theme in themes for c in [*theme.children, *(g for p in theme.children if p.dep_ == "appos"
                                                              for g in p.subtree if g.dep_ in {"relcl", "acl"})]):
        return None  # "the F-16s that Romania bought from Norway arrived": read at the buying, delivered
    if trigger.lemmas == ("make",) and (token.dep_ in {"amod", "compound"} or (
            token.i > 0 and token.nbor(-1).text in {"-", "‐"}) or (
            token.tag_ == "VBN" and token.dep_ == "acl") or not any(
            c.dep_ in {"dobj", "nsubjpass"} or (c.dep_ == "ccomp" and c.pos_ in {"NOUN", "PROPN"})
            for c in token.children) or any(
            c.dep_ == "prt" or (c.dep_ == "dobj" and c.pos_ == "PRON") for c in token.children)):
        return None  # "Dassault-made jets", "will make up a combined fleet", "making it the first buyer": no making
        # of something together
    if is_verb(token) and token.lemma_.lower() in {"send", "deliver", "dispatch"} and any(
            c.dep_ == "dobj" and c.lemma_.lower() in _MESSAGES for c in token.children):
        return None  # "will send a powerful signal to Pyongyang", "delivered a warning to Beijing": words, not forces
    if is_verb(token) and any(c.dep_ == "prt" and c.lower_ == "back" for c in token.children):
        return None  # "howitzers that Ukraine's army sends back from the front": a return, no transfer
    if kind == "arms_transfer" and restriction is None and token.i >= 2 and token.nbor(-1).text in {"-", "‐"} and \
            token.nbor(-2).lower_ == "re" and token.lemma_.lower() != "export":
        return None  # "the yard re-delivered the supply ship after its overhaul": handed back, not handed over
    permitted = _permitted_trade(token, chain, sentence) if kind == "arms_transfer" and is_verb(token) else None
    if permitted is not None:
        # "Kyiv has allowed its arms makers to export", "Norway changed its rules so that its firms may sell to
        # Ukraine": the rule that lets the trade is what changed
        kind, frame_name, chain = "export_control", "control", permitted
    if frame_name == "deal" and token.dep_ == "pobj" and token.head.lower_ == "of" and \
            token.head.head.lemma_.lower() == "part":
        return None  # "offered to develop drones with the US as part of a broader drone deal": the frame of an act
    if trigger.frame == "make" and not is_verb(token) and token.lemma_.lower() in _SITES and \
            token.dep_ == "pobj" and token.head.lower_ in {"at", "in"} and not any(
                w.lemma_.lower() in _BUILDING | _MAKING for w in chain[2:4]) and (is_verb(token.head.head) or any(
                t.type in {"maintenance", "arms_transfer"} for w in chain[2:4]
                for t in lexicon.triggers.get(w.lemma_.lower(), ()))):
        return None  # "offered to overhaul Vietnam's jets at HAL's plant in Nashik", "the repair of tanks at a plant in
        # Gliwice": where another act is done
    if kind == "arms_transfer" and permitted is None and token.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in {"so", "that"} for c in token.children) and any(
            c.dep_ == "aux" and c.lower_ in {"can", "could", "may", "might"} for c in token.children):
        return None  # "so that American forces can buy drones free of Chinese parts": a purpose, not a purchase
    frame = lexicon.frames[frame_name]
    slots: list[tuple[Mention, Slot, str]] = []
    firms: set[int] = set()
    firm_sides = 0  # firms named as a side of talks ("a meeting between Leonardo's vice president and ...")
    visited: set[str] = set()
    paired = _headline_pair(sentence)
    speaker = index.voice_at(sentence.offset + token.idx)
    own_voice = [(t, Mention(t.text, sentence.offset + t.idx, sentence.offset + t.idx + len(t), speaker, "pronoun"))
                 for t in sentence.doc if speaker and t.lower_ in {"we", "us", "our"}]  # "from us", "our unit"
    party_ids = {t.i for t, _ in sentence.parties}
    theme_words = {t.i for theme in themes for t in theme.subtree}
    designers = {e.party for t, e in sentence.programs if e.party and t.i in theme_words}
    for party_token, mention in [*sentence.parties, *own_voice, *_the_country(sentence)]:
        if sentence.slug and mention.start < sentence.slug_end:
            continue  # the slug stands outside the clause's grammar
        if party_token.dep_ in {"compound", "amod", "nmod"} and any(
                c.dep_ == "appos" and c.i in party_ids for c in party_token.head.children):
            continue  # "to a NATO country, Poland": the country named beside it is the party
        slot = slot_of(party_token, token if restriction is None else restriction, chain, themes, lexicon)
        if slot is None and restriction is not None:
            moved = slot_of(party_token, token, moved_chain, themes, lexicon)
            slot = moved if moved is not None and moved.name in {"to", "into"} else None  # "... sales to Ankara"
        if slot is None or (slot.name == "through" and party_token.dep_ != "pobj" and not (
                party_token.dep_ == "poss" and party_token.head.lemma_.lower() in _GROUNDS)):
            # (but "through Finland's training area": the ground forces pass through is the host's)
            continue  # "rotate bombers through northern Australia", not "through Australia's decision"
        role = frame.get(slot.name)
        if slot.name == "holder" and (role is None or mention.source == "company" or party_token.head.pos_ == "PROPN"
                                      or mention.label in designers):
            role = frame.get("maker")  # "repairs of Saab's Gripens", "France's Rafale", "Korea's K2 tanks": the
            # name of whose design it is
        if role is None:
            if mention.source == "place" and slot.name in {"in", "to", "at"}:
                visited.add(mention.label)  # "in talks in Doha", "a visit to Hanoi"
            continue
        if mention.source == "company" or (party_token.dep_ in {"amod", "compound"}
                                            and party_token.head.lemma_.lower() in _TRADERS):
            firms.add(id(mention))  # "Rheinmetall", "a Ukrainian partner company"
        if kind == "arms_transfer" and slot.name == "for" and role == "recipient" and not is_verb(token) and \
                mention.source == "company" and party_token.dep_ == "pobj":
            role = "supplier"  # "contracts for missile maker MBDA": the firm contracted sells (not "for Egypt")
        if kind == "meeting" and mention.source == "company":
            firm_sides += slot.name in {"between", "with", "among"}
            continue  # firms' talks are not talks between states
        if kind == "agreement" and slot.name == "to" and not is_verb(token):
            continue  # "described the pact as a signal to Moscow": the agreement is not with Moscow
        if kind in {"export_control", "arms_transfer"} and mention.label in index.blocs and \
                slot.name not in {"subject", "agent", "possessor", "modifier"} and \
                party_token.dep_ in {"compound", "amod", "nmod"} and party_token.head.lemma_.lower() in _MEMBERS:
            continue  # "exports to NATO allies", "sales to EU partners": its members, not the bloc
        if kind == "maintenance" and slot.name == "maker" and (mention.source == "company" or _made_by(party_token)):
            continue  # "maintain its Sukhoi fleet", "its Russian-origin jets": the maker is not the owner
        if permitted is not None and slot.name in {"subject", "agent", "possessor", "maker", "modifier"} and \
                slot.depth == 0:
            continue  # the firms allowed to sell are not the state that allows them
        slots.append((mention, slot, role))
    if kind == "defense_spending" and token.dep_ in {"compound", "amod", "nmod"} and \
            token.head.lemma_.lower() in lexicon.words["goals"] and \
            any(s.name not in {"possessor", "modifier"} for _, s, _ in slots):
        # "Italy pledged to meet NATO's spending target": the one who set the goal does not spend by it
        slots = [(m, s, r) for m, s, r in slots if s.name not in {"possessor", "modifier"}]
    if paired is not None:  # "Seoul, Warsaw to hold talks": the two names of a headline do the act together
        for named, beside in (paired, paired[::-1]):
            done = next(((s, r) for m, s, r in slots if m is named), None)
            if done is not None and not any(m is beside for m, _, _ in slots):
                slots.append((beside, Slot(done[0].name, "named beside it in a headline", done[0].depth), done[1]))
    if kind in JOINT_TYPES and kind != "meeting":
        # "Norway has invited the EU to invest in its rare-earth deposit": who invites joins the work it proposes
        inviting = next((v for v in chain[1:] if is_verb(v) and (
            (v.lemma_.lower() in {"invite", "ask", "urge"} and any(c.dep_ == "dobj" for c in v.children))
            or (v.lemma_.lower() in {"help", "assist"} and any(
                c.dep_ == "nsubj" for w in chain[:chain.index(v)] if w.head.i == v.i for c in w.children)))), None)
        # (and "Seoul will help Hanoi develop its graphite mines": who helps takes part)
        if inviting is not None:
            in_slots = {m.label for m, _, _ in slots}
            for party_token, mention in sentence.parties:
                if _head_of_conj(party_token).dep_ == "nsubj" and _head_of_conj(party_token).head.i == inviting.i \
                        and mention.label not in in_slots and frame.get("subject"):
                    slots.append((mention, Slot("subject", f"'{inviting.text}' the other side to join"),
                                  frame["subject"]))
    antecedent = _antecedent(themes, lexicon) if kind in {"arms_transfer", "maintenance"} else None
    if antecedent is not None:  # "... retired Australian warships, after purchasing them": what "them" is
        themes = [antecedent if t.pos_ == "PRON" else t for t in themes]
        have = {m.label for m, _, _ in slots}
        for party_token, mention in sentence.parties:
            if party_token.head.i == antecedent.i and party_token.dep_ in {"amod", "compound", "poss"} and \
                    mention.label not in have and frame.get("maker"):
                slots.append((mention, Slot("maker", f"makes the {antecedent.text} '{token.text}' names"),
                              frame["maker"]))
    if kind in {"arms_transfer", "maintenance"}:
        _add_asker(slots, chain, sentence)
    if kind == "arms_transfer" and frame_name == "provide" and is_verb(token):
        slots = _deal_with_supplier(slots, token, chain, sentence, lexicon)
    if kind == "maintenance" and _modified(token).lemma_.lower() in _FACILITIES and not any(
            r == "owner" for _, _, r in slots):
        providers = {m.label for m, s, r in slots if s.name == "subject" and r == "provider"}
        if providers:  # "Delhi will open a repair centre in Malaysia for the jets": the centre serves its host
            slots = [(m, replace(s, name="for"), "owner") if s.name == "in" and m.label not in providers else (m, s, r)
                     for m, s, r in slots]
    pronoun = _pronoun_subject(token, chain)
    if pronoun is not None and frame.get("subject") and not any(s.name == "subject" for _, s, _ in slots):
        referent = _referent(pronoun, token, chain, sentence, index, main_party)
        if referent is not None:
            at = sentence.offset + pronoun.idx
            slots.append((Mention(pronoun.text, at, at + len(pronoun), referent, "pronoun"),
                          Slot("subject", f"'{pronoun.text}' stands for {referent}"), frame["subject"]))
    if frame_name == "deploy":
        host = _own_soil(token, chain, sentence)
        if host is not None and host.label not in {m.label for m, _, _ in slots}:
            slots.append((host, Slot("in", "'its territory': the subject's own"), frame.get("in", "party")))
    modified = _head_of_conj(token)
    if trigger.frame == "make" and modified.dep_ in {"compound", "nmod"} and token.pos_ == "NOUN" and \
            modified.head.lemma_.lower() not in lexicon.words["bodies"] | lexicon.words["agreed_under"] | {
                "line", "plant", "facility", "centre", "center", "hub", "site", "cooperation", "partnership",
                "work", "effort", "activity", "phase", "stage"}:  # ("joint design work": the work is the design)
        return None  # "research and development costs": the costs are what is spoken of
    if not _needs_met(trigger, token, chain, themes, sentence, slots, lexicon) and restriction is None:
        return None
    if frame_name == "deal" and any(t.lemma_.lower() in {"venture", "consortium"} or t.lower_.startswith("co-")
                                    for t in _region(token, themes, lexicon.words["bystander"])):
        return None  # "a deal setting up a joint venture to build tanks": joint work, not a sale
    deals = [token, *(c for c in token.children if c.dep_ in {"dobj", "nsubjpass"})] if is_verb(token) else [token]
    if frame_name == "deal" and any(
            c.dep_ in {"compound", "amod", "nmod"} and any(t.type in {"maintenance", "co_development", "co_production"}
                                                           for t in lexicon.triggers.get(c.lemma_.lower(), ()))
            for d in deals for c in d.children):
        return None  # "a maintenance contract", "signed a repair deal": that act, not a sale
    if frame_name == "deal" and any(
            p.dep_ == "prep" and p.lower_ == "for" and any(c.dep_ == "pobj" and any(
                t.type == "maintenance" for t in lexicon.triggers.get(c.lemma_.lower(), ())) for c in p.children)
            for d in [*deals, *chain[1:2]] for p in d.children):
        return None  # "a deal with Textron for upkeep of the jets": that act
    if kind == "exercise" and token.dep_ == "compound" and token.head.lemma_.lower() in lexicon.words["equipment"]:
        return None  # "patrol ships", "training aircraft": a kind of equipment, not drills
    if kind == "meeting" and token.dep_ == "pobj" and token.head.lower_ == "of" and \
            token.head.head.lemma_.lower() in _DURATIONS:
        return None  # "after two years of talks", "months of negotiations": how long a deal took, not a meeting
    if kind == "meeting" and is_verb(token) and (
            any(c.dep_ == "dobj" and {t.lemma_.lower() for t in c.subtree} & lexicon.words["goals"]
                for c in token.children)
            or (trigger.lemmas[0] == "host" and not any(s.name in {"object", "dative", "maker"} for _, s, _ in slots))):
        return None  # "meet its targets"; "hosted a dinner" (the host of an occasion is no party to it)
    if kind == "agreement" and token.dep_ in {"compound", "amod"} and any(
            t.type == "agreement" and not t.needs for t in lexicon.triggers.get(token.head.lemma_.lower(), ())):
        return None  # "a framework agreement": one agreement, read at its head (but "a partnership deal")
    if kind == "agreement" and slots and all(id(m) in firms for m, _, _ in slots):
        return None  # "the German contractor and a Ukrainian partner company signed a letter of intent": firms'
    if kind == "agreement" and any(c.dep_ in {"amod", "det", "predet"} and c.lower_ in {"similar", "such", "comparable",
                                                                           "other"}
                                   for c in token.children):
        return None  # "Seoul signed such pacts with Canberra before": a precedent
    if kind == "agreement" and any(c.dep_ in {"compound", "amod"} and c.lemma_.lower() in lexicon.words["civil"]
                                   for c in token.children):
        return None  # "free-trade agreements", "a tax treaty": not defence cooperation
    signing = chain[1] if len(chain) > 1 and is_verb(chain[1]) else None
    topic = [*token.subtree, *(t for c in (signing.children if signing is not None else ())
                               if (c.dep_ in {"advcl", "xcomp"} and any(a.lower_ == "to" for a in c.children)) or (
                                   c.dep_ == "prep" and c.lower_ in {"on", "regarding", "concerning", "covering"}
                                   and c.i > token.i)
                               for t in c.subtree)]  # "signed a memorandum on Tuesday to explore tungsten", "set
    # up a working group on critical materials" (the phrase read as the verb's)
    if kind == "agreement" and (_mineral_words(topic, lexicon) or (
            any(t.lower_ == "supply" for t in topic) and "security of supply" in sentence.span.text.lower()) or (
            any(t.lemma_.lower() == "supply" and t.pos_ == "NOUN" for t in topic) and any(
                t.lemma_.lower() in {"secure", "security", "resilience", "resilient", "diversify", "guarantee"}
                for t in topic))):
        kind = "supply_chain"  # "a framework on critical minerals", "a minerals deal", "a Security of Supply pact"
    goods = [*themes, *(o for p in token.children if p.dep_ == "prep" and p.lower_ == "with"
                        for o in p.children if o.dep_ == "pobj")] if is_verb(token) else themes
    goods = [g for g in goods if not any(t.i == g.i for t, _ in sentence.parties)] or themes
    if kind == "arms_transfer" and goods and all(
            _mineral_words(theme.subtree, lexicon) for theme in goods) and not any(
            t.lemma_.lower() in lexicon.words["equipment"] - {"mine"} and not (
                t.dep_ in {"compound", "amod", "nmod"} and t.head.lemma_.lower() in _MAKERS)
            for theme in goods for t in theme.subtree):  # ("beryllium for its arms makers": who uses it)
        kind = "supply_chain"  # "Seoul will buy graphite from our deposits": minerals traded between states
        # feed a supply chain; no weapons moved
    if kind in {"co_development", "co_production"} and ((themes and all(
            _mineral_words(theme.subtree, lexicon) or (theme.lemma_.lower() == "chain" and any(
                c.lemma_.lower() == "supply" for c in theme.children)) for theme in themes)) or (
            not is_verb(token) and token.lemma_.lower() in _PLANTS | {"venture", "consortium"} and
            _mineral_words(token.subtree, lexicon))):  # (and "a joint venture to refine copper")
        kind = "supply_chain"  # "agreed to develop tungsten deposits together", "a jointly funded nickel-processing
        # plant": minerals, not weapons
    if kind == "co_development" and themes and all(
            theme.lemma_.lower() in lexicon.words["paperwork"] | lexicon.words["grounds"] for theme in themes):
        return None  # "will develop an operational roadmap", "jointly develop a strategy": a plan, no technology;
        # "develop military infrastructure on the island": works, no weapon
    status_chain = chain
    if kind == "meeting" and not is_verb(token) and token.dep_ == "pobj" and \
            token.head.lower_ in {"during", "after", "following"} and len(chain) > 2:
        # "inked a pact to prospect for lithium while the president was on a visit": the visit is at the
        # stage of the clause's own verb, not of what the accord is for
        held = token.head.head
        status_chain = [token, token.head, held if is_verb(held) and not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in held.children) else chain[-1]]  # (not "a pact to study")
    status = read_status(token, status_chain, lexicon, kind, trigger.status if restriction is None else None,
                         trigger.past if restriction is None else None)
    if status.status is None:
        return None
    stage = lexicon.by_type.get(kind, {}).get(status.status, status.status)
    if trigger.past == "completed" and (status.status == "completed" or (
            status.status == "ongoing" and token.tag_ == "VBZ" and _headline(sentence))):
        stage = "completed"  # "the last troops were withdrawn from Mali", a title's "France withdraws last troops
        # from Chad": leaving a posting is over once done
    if kind == "force_posture" and status.status == "completed" and not status.tense_only and any(
            is_verb(v) and lexicon.status_class(lemma(v)) == "completed" for v in chain):
        stage = "completed"  # "the deployment of jets to the Gulf ended on Wednesday": over, not in place
    if status.tense_only and not is_verb(token) and any(
            c.dep_ in {"amod", "compound"} and c.lower_ in {"draft", "proposed"} for c in token.children) and \
            stage in {"agreed", "completed", "ongoing"} and not any(
                is_verb(v) and lexicon.status_class(lemma(v)) == "agreed" for v in chain):
        stage = "proposed"  # "submitted a draft budget to parliament", "the proposed pact was published": put
        # forward, not adopted
    if kind in {"agreement", "supply_chain"} and stage in {"ongoing", "completed"} and not is_verb(token) and \
            _named_body(token, lexicon) and any(is_verb(v) and lemma(v) in {
                "launch", "start", "begin", "kick off", "set up", "establish", "create", "form"} for v in chain):
        stage = "agreed"  # "a critical-minerals partnership was launched", "set up a working group": an accord
        # made, as signed
    if kind not in {"agreement", "supply_chain", "defense_spending", "export_control"} and stage == "agreed" and \
            any(is_verb(v) and lemma(v) in {"conclude", "finalize", "finalise"} and v.tag_ in {"VBD", "VBN"}
                for v in chain[1:2]) and not is_verb(token) and trigger.frame != "deal" and \
            token.lemma_.lower() not in lexicon.words["agreed_under"]:
        stage = "completed"  # "joint development of a jammer was concluded on Saturday": the work is done (but
        # "concluded a deal" is an accord made)
    if kind == "export_control" and stage == "completed" and _TAKES_EFFECT_LATER.search(sentence.span.text):
        stage = "agreed"  # "the lifting of the ban, decided this week, will apply in the spring": decided, not
        # yet in force
    if stage == "completed" and any(is_verb(v) and v.lemma_ == "break" and any(
            c.dep_ == "dobj" and c.lower_ == "ground" for c in v.children) for v in chain):
        stage = "ongoing"  # "broke ground on a jointly funded plant": the work has begun
    if stage in {"completed", "agreed"} and any(
            is_verb(v) and lemma(v) in {"move", "enter", "advance", "progress", "pass", "reach", "go"} and any(
                t.lemma_.lower() in {"phase", "stage"} and t.i > v.i for t in v.subtree)
            for v in chain[1:]):
        stage = "ongoing"  # "the joint development moved into its testing phase": under way
    if kind != "arms_transfer" and stage in {"agreed", "ongoing", "completed"} and _ahead(token, chain) and \
            " under the " not in status.why and not any(
            is_verb(v) and (v.tag_ in {"VBD", "MD"} or (v.tag_ == "VBN" and any(
                c.dep_ in {"aux", "auxpass"} for c in v.children))) for v in chain):
        stage = "planned"  # "the deployment of a battalion to Korea next month is part of", "with Chile and Peru
        # signing a pact next week", "the drills begin next week": still to come
    if kind == "exercise" and token.dep_ == "pobj" and token.head.lower_ == "for" and \
            token.head.head.lemma_.lower() in {"arrive", "deploy", "land", "dock", "gather"} and \
            token.head.head.tag_ in {"VBD", "VBN"}:
        stage = "ongoing"  # "marines landed in Oman for the yearly joint drills": the drills are on
    if stage in {"proposed", "planned"} and _pundits_guess(token, chain, lexicon):
        return None  # "commentators suggested Seoul might one day co-develop an engine", "economists speculated
        # about a pact": a guess by onlookers, no step by a state
    if kind == "defense_spending" and stage in {"agreed", "completed"} and any(
            is_verb(v) and v.lemma_.lower() in {"send", "submit", "table", "present", "unveil", "propose"} and any(
                t.lemma_.lower() in _LAWMAKERS for c in v.children if c.dep_ in {"dative", "prep"} for t in c.subtree)
            for v in [*chain, *(c for c in token.children if c.dep_ in {"relcl", "acl"})]):
        stage = "proposed"  # "the cabinet has sent lawmakers a spending package", "the budget that the government
        # submitted to parliament": put to parliament, not passed
    if kind == "defense_spending" and stage == "planned" and not any(
            is_verb(v) and lexicon.status_class(lemma(v)) in {"planned", "proposed"} for v in chain) and not any(
            not is_verb(t) and lexicon.status_class(lemma(t)) in {"planned", "proposed"} for t in chain):
        stage = "agreed"  # "Belgium will spend 2% of GDP this year", "Britain will raise spending to 2.5%": a
        # government's word on its own budget is a pledge (but "Peru plans to raise spending" stays a plan)
    if kind == "defense_spending" and is_verb(token) and token.lemma_ == "spend" and token.tag_ == "VBD" and \
            status.status == "completed":
        stage = "completed"  # "Greece spent 3.1% of GDP on defence last year": the money spent, not a budget set
    ends = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else None
    if ends is not None and not is_verb(ends) and ends.lemma_.lower() in _ENDINGS and kind in JOINT_TYPES and \
            kind != "agreement" and (status.status not in {"planned", "proposed"} or "default" in status.why):
        stage = _ENDINGS[ends.lemma_.lower()]  # "the conclusion of joint naval drills was announced": done
    voice = index.voice_at(sentence.offset + token.idx)
    made = any(is_verb(v) and lexicon.status_class(lemma(v)) == "proposed" and (
        v.tag_ in {"VBD", "VBN"} or (v.tag_ == "VBG" and lemma(v) not in _WISHES)) for v in chain)
    # ("we are asking parliament for", "we are negotiating with": an act under way, not a wish)
    if voice and ((stage == "proposed" and not made) or "states no stage" in status.why or "default" in status.why):
        # in a quotation a stated fact or plan counts ("we have signed", "we will deliver", "we have offered"),
        # no wish
        return None
    if "in the present" in status.why and stage in {"completed", "ongoing"} and chain[-1].dep_ == "advcl" and any(
            c.lower_ in {"when", "once", "after", "before", "until"} for c in chain[-1].children) and \
            _dated_ahead(index, sentence.span):
        stage = "planned"  # "will sign a memorandum when they meet in Honolulu next month"
    if status.tense_only and stage != "planned" and not any(
            v.tag_ in {"VBD", "VBN"} for v in chain if is_verb(v)) and _dated_ahead(index, sentence.span):
        stage = "planned"  # "Tomorrow: Jeddah, for talks with the crown prince"
    if stage == "ongoing" and any(is_verb(v) and v.tag_ in {"VBZ", "VBP"} and
                                  lexicon.status_class(lemma(v)) == "ongoing" for v in chain) and \
            _dated_ahead(index, sentence.span):
        stage = "planned"  # "the drills start next Monday": a present tense for a day to come
    calling = next((v for v in chain if is_verb(v) and v.lemma_ == "call" and not any(
        c.dep_ in {"xcomp", "ccomp"} for c in v.children) and any(
        c.dep_ == "prep" and c.lower_ == "on" and any(g.lemma_.lower() in lexicon.words["officials"] for g in c.subtree)
        for c in v.children)), None)
    if kind == "meeting" and calling is not None:
        stage = "completed" if calling.tag_ in {"VBD", "VBN"} else "planned"  # "called on the president": a
        # courtesy visit paid (but "called on Nepal to join" asks for an act)
    if stage in {"ongoing", "completed", "planned"} and any(
            not is_verb(t) and (t.lemma_.lower() in {"signature", "signing"} or (
                t.lemma_.lower() == "conclusion" and kind not in {"exercise", "meeting", "force_posture"}))
            for t in chain[1:4]):  # (but "the conclusion of the drills" is their end)
        stage = "agreed"  # "the signature of a rare-earths accord by Malawi and Britain gives": signed
    if (stage == "planned" or (kind == "arms_transfer" and stage in {"ongoing", "completed"})) and any(
            not is_verb(t) and t.lemma_.lower() in _APPROVALS for t in chain[1:3]):
        stage = "agreed"  # "the cabinet has approved in principle a plan to buy tanks", "the approval of the sale
        # of 12 helicopters was made public": decided
    if stage == "completed" and any(is_verb(v) and v.lemma_ == "join" and any(
            c.dep_ == "dobj" and c.lower_ == "hands" for c in v.children) for v in chain):
        stage = "agreed"  # "India and Australia joined hands to develop supply chains": an undertaking agreed
    if kind == "meeting" and stage == "completed" and "in the present" in status.why and not _headline(sentence) \
            and any(is_verb(v) and v.lemma_ != "be" and v.tag_ in {"VBZ", "VBP"} for v in chain):
        stage = "ongoing"  # "envoys of Ghana and Togo take part in the talks" (a headline's present is
        # a report of what happened)
    if kind == "arms_transfer" and trigger.frame == "arrive" and stage == "planned" and any(
            c.dep_ == "aux" and c.lower_ in {"will", "'ll", "shall"} for c in token.children):
        stage = "agreed"  # "the first four Super Tucanos will arrive in Paraguay on Friday": bought, on their way
    if kind == "export_control" and not is_verb(token) and token.lemma_.lower() in _RULES | _CURBS and any(
            is_verb(v) and v.lemma_.lower() in {"review", "revisit", "reexamine", "re-examine"} for v in chain[1:2]):
        stage = "proposed"  # "is reviewing the rule that bars exports": a change considered (but "will review
        # requests to export drones like fighters" is how exports are now vetted)
    announced = chain[-1].dep_ == "ccomp" and chain[-1].head.lemma_ in {"announce", "unveil", "publish"}
    if kind == "export_control" and stage == "planned" and (status.by_modal or announced):
        stage = "completed"  # a rule change announced ("will stop approving exports") is adopted, whenever in force
        if any(p.dep_ == "prep" and p.lower_ in {"from", "starting"} and any(
                o.dep_ == "pobj" and (o.lower_ in _MONTHS or any(c.lower_ == "next" for c in o.children))
                for o in p.children) for v in chain if is_verb(v) for p in v.subtree):
            stage = "agreed"  # "will lift its ban on exporting engines to Ankara from January": decided, in force
            # later
    if kind == "force_posture" and token.lemma_.lower() == "base" and any(
            p.dep_ == "prep" and p.lower_ == "on" and any(o.lemma_.lower() in lexicon.words["equipment"] | _DESIGNS
                                                          for o in p.children if o.dep_ == "pobj")
            for p in token.children):
        return None  # "is based on an old Soviet system", "based on a Korean design": what it is made from
    if any((is_verb(v) and v.lemma_.lower() in {"compete", "vie", "jostle"}) or any(
            p.dep_ == "prep" and p.lower_ == "in" and any(
                g.lemma_.lower() in {"running", "race", "contention"} for g in p.children) for p in v.children)
           for v in [*chain, token.head]):
        return None  # "the two firms had been competing for sales to Australia": a contest, no sale yet
    deal_words = lexicon.words["agreed_under"]
    if (kind == "force_posture" or (kind == "arms_transfer" and not any(
            t.like_num for theme in themes for t in theme.subtree))) and any(
            is_verb(v) and v.lemma_.lower() in _LETTING and (v.head.lemma_.lower() in deal_words or any(
                c.dep_ == "nsubj" and c.lemma_.lower() in deal_words for c in v.children))
            for v in [*chain, token.head]):
        return None  # "an access agreement letting them base troops in each other's country", "a pact allowing
        # the transfer of defence equipment": what a framework permits (but "a deal allowing the sale of 12 jets")
    if is_verb(token) and trigger.lemmas[0] in _WORKING and any(
            c.dep_ in {"xcomp", "advcl"} and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            and any(t.type != kind for t in lexicon.triggers.get(c.lemma_.lower(), ())) for c in token.children):
        return None  # "will work with Poland to supply shells": the supply is the act
    if frame_name == "choose" and any(
            c.dep_ in {"xcomp", "advcl"} and {t.type for t in lexicon.triggers.get(c.lemma_.lower(), ())
                                              if "VERB" in t.pos} & {"maintenance", "co_development", "co_production"}
            and not any(t.type == "arms_transfer" for t in lexicon.triggers.get(c.lemma_.lower(), ()))
            for c in token.children):
        return None  # "Pakistan chose Turkish Aerospace to maintain its helicopters": the act chosen, no sale
    if frame_name == "deal" and any(
            c.dep_ in {"acl", "relcl", "advcl", "xcomp"}
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            and any(t.type == "arms_transfer" for t in lexicon.triggers.get(c.lemma_.lower(), ()))
            for c in [*token.subtree, *(token.head.children if token.dep_ in {"dobj", "nsubjpass"} else ())]
            if c.i != token.i and is_verb(c) and not _own_clause_between(c, token)
            and token.i in {t.i for t in governing_chain(c, lexicon)}):
        return None  # "signed a deal to buy 24 of Denmark's F-16s": read at the buying, which names its sides
    if frame_name == "deal" and any(
            c.dep_ == "acl" and is_verb(c) and c.lemma_.lower() in _LETTING and any(
                g.dep_ == "dobj" and any(t.type == "arms_transfer" for t in lexicon.triggers.get(g.lemma_.lower(), ()))
                for g in c.children) for c in token.children):
        return None  # "a deal allowing the sale of 12 helicopters to Doha": read at the sale, which names its sides
    if frame_name == "deal" and any(
            p.dep_ == "prep" and p.lower_ in {"on", "for", "covering", "regarding", "concerning"} and any(
                t.type in {"co_production", "co_development", "maintenance", "supply_chain"}
                for w in p.subtree if not (w.tag_ in {"VBN", "VBD"} and w.dep_ in {"amod", "compound", "acl"})
                for t in lexicon.triggers.get(w.lemma_.lower(), ()))  # (not "French-made jets")
            for p in token.children):
        return None  # "struck a deal on K2 tank production": the deal is that production's
    if frame_name == "deal" and token.dep_ == "pobj" and token.head.lower_ == "under":
        return None  # "will jointly develop a drone under a deal signed with Baykar": that act's deal, no sale
    if kind in JOINT_TYPES - {"agreement", "meeting"} and not is_verb(token) and _in_list(token) and any(
            (t.lemma_.lower() in deal_words and not is_verb(t)) or (
                t.lemma_.lower() in {"cover", "include", "span"} and any(
                n.lemma_.lower() in deal_words for n in [t.head, *t.children, *t.head.children]))
            for t in chain[1:]):
        return None  # "an agreement covering training, industry and intelligence": an area of the agreement
    if kind in JOINT_TYPES - {"agreement", "meeting"} and not is_verb(token) and _ranged(token) and any(
            w.lemma_.lower() in deal_words | {"cooperation", "ties", "relations", "partnership"}
            for t in chain[1:] for w in [t, *(c for c in t.children if c.dep_ == "dobj")]):
        return None  # "a declaration to deepen cooperation, from officer training to buying equipment": an area
    if token.dep_ in {"pcomp", "pobj"} and token.head.lower_ == "for" and \
            token.head.head.lemma_.lower() in {"framework", "basis", "rule", "procedure", "mechanism", "guideline"}:
        return None  # "an agreement that provides a legal framework for transferring equipment": no transfer yet
    if kind in {"exercise", "force_posture"} and chain[1:2] and chain[1].lemma_.lower() == "discuss":
        return None  # "the ministers met and discussed joint patrols": a topic, not a plan
    negated_by_no = [*chain[1:3], *themes, *([token.head] if token.dep_ in {"acl", "relcl", "advcl"} else [])]
    if any(not is_verb(t) and any(c.dep_ == "det" and c.lower_ == "no" for c in t.children) for t in negated_by_no):
        # "no date for the jets to be handed over was announced", "no Japanese troops are deployed there"
        return None
    if not is_verb(token) and token.dep_ == "nsubj" and any(c.dep_ == "det" and c.lower_ in {"a", "an"}
                                                             for c in token.children) and any(
            c.dep_ == "aux" and c.lower_ in {"could", "might", "may", "would"} for c in token.head.children):
        return None  # "a Japanese military presence could help Manila": a supposition, not a deployment
    if not is_verb(token) and any(c.dep_ == "det" and c.lower_ in {"any", "every"} for c in token.children):
        return None  # "any deployment of missiles would threaten peace": no act in particular
    if kind == "agreement" and any(c.dep_ == "det" and c.lower_ in {"this", "that", "these", "those"}
                                   for c in token.children):
        return None  # "this agreement": one named before
    if kind == "meeting" and stage in {"ongoing", "proposed"} and _topic_act(token, lexicon):
        return None  # "Japan and Indonesia have begun talks on transferring destroyers": the transfer, negotiated
    closing = next((v for v in chain if is_verb(v) and v.lemma_.lower() in _CLOSING - {"end", "complete"}
                    and v.tag_ in {"VBD", "VBN"}), None)
    if kind == "arms_transfer" and stage == "planned" and any(
            t.dep_ == "appos" and t.lemma_.lower() in {"order", "contract", "deal", "purchase", "acquisition"}
            for t in token.subtree):
        stage = "agreed"  # "Qatar will buy 24 jets from Britain, the biggest order in a decade": an order placed
        status = replace(status, why=f"{status.why}, but an apposition calls it an order placed: agreed")
    if kind in {"exercise", "meeting"} and closing is not None and stage == "agreed":
        stage = "completed"  # "concluded their exercise", "wrapped up talks": held and over
    if _headline(sentence) and any(
            is_verb(v) and v.lemma_.lower() in _CLOSING and v.tag_ in {"VBZ", "VBP", "VB"} and not any(
                c.dep_ in {"aux", "auxpass"} for c in v.children) for v in chain):
        stage = "completed"  # a headline's present tells what is done: "Yard wraps up repair of destroyer"
    if kind in {"agreement", "export_control"} and any(
            is_verb(v) and v.tag_ in {"VBD", "VBN", "VBZ"} and (
                (v.lemma_.lower() in {"enter", "come"} and any(c.lower_ == "into" and any(
                    g.lower_ in {"force", "effect", "service", "operation"} for g in c.children) for c in v.children))
                or (v.lemma_.lower() == "take" and any(c.lower_ == "effect" for c in v.children)))
            for v in [*chain, *(c for c in token.children if c.dep_ == "relcl"),
                      *(g for c in token.children if c.dep_ in {"relcl", "acl"} for g in c.children
                        if g.dep_ == "conj")]):
        stage = "completed"  # "the agreement entered into force", "the rules, which took effect on Sunday", "the
        # pact, ratified last month, entered into force" (read as a second participle)
    arrival = _arrival(token, lexicon) if kind == "arms_transfer" else None
    if arrival is not None:  # "the jets that Romania bought from Norway arrived on Monday": delivered
        stage = arrival
        status = replace(status, why=f"{status.why}, and what it names arrived: {arrival}")
    if trigger.frame == "arrive" and stage == "agreed" and token.tag_ in {"VBD", "VBN"} and \
            lexicon.status_class(lemma(token)) == "agreed":
        stage = "completed"  # "the batch reached Ghana": came, not "reached a deal"
    if trigger.frame == "arrive" and stage == "completed" and any(
            t.lower_ in {"second", "third", "fourth", "fifth", "next"} for theme in themes for t in theme.subtree):
        stage = "ongoing"  # "the second of three batches reached Serbia": more are to come
    if trigger.delivery and stage == "agreed" and "in the present" in status.why:
        stage = "completed"  # a headline's present: "Manila takes delivery of radars"
    if trigger.delivery and kind == "arms_transfer" and stage in {"planned", "completed"} and (
            not is_verb(token) or stage == "planned") and any(t.lemma_.lower() in _SCHEDULED for t in [*chain[1:3], *(
                c for v in chain[1:2] for c in v.children if c.dep_ in {"acomp", "oprd"})]):
        stage = "agreed"  # "deliveries are scheduled to begin next month", "the first delivery is due in May": the
        # schedule of a sale agreed
    if trigger.delivery and stage == "completed" and (_partial(themes) or any(
            t.lower_ in {"first", "initial"} and not _first_ever(t) and (
                t.head.lemma_.lower() in lexicon.words["equipment"] or any(
                c.dep_ == "prep" and c.lower_ == "of" and any(g.like_num for g in c.subtree)
                for c in [*t.children, *t.head.children]))  # ("an initial batch of 100")
            for t in sentence.doc) or _FIRST_OF.search(sentence.span.text)):  # ("took delivery on Tuesday of the
        # first of five C-130Js", "the first four of 40 fighters", however parsed)
        stage = "ongoing"  # "received the first three of 24 jets"
    if kind in {"maintenance", "exercise", "meeting", "co_production", "co_development", "force_posture"} and \
            stage == "planned" and any(is_verb(v) and v.lemma_.lower() in _CLOSING and v is not token for v in [
                *chain, *(c for v in chain[1:] for c in v.children if c.dep_ == "xcomp")]):
        stage = "ongoing"  # "the refit is expected to finish in 2026", "the drills will end on Sunday": under way
    nth = _NTH_OF.search(sentence.span.text)
    if kind == "arms_transfer" and stage == "completed" and trigger.delivery and nth and \
            _ORDINALS.index(nth.group(1).lower()) + 2 < _count(nth.group(2)):
        stage = "ongoing"  # "handed over the frigate, the third of four": one more is to come
    tally = _TALLY.search(sentence.span.text)
    if kind == "arms_transfer" and stage == "completed" and trigger.delivery and tally and \
            int(tally.group(1)) < int(tally.group(2)):
        stage = "ongoing"  # "handed over one more jet, taking deliveries to 9 of 30": more to come
    if kind == "arms_transfer" and trigger.delivery and stage == "agreed" and not is_verb(token) and any(
            c.lower_ in {"last", "final"} for t in [token, *themes] for x in t.subtree for c in [x]) and any(
            v.tag_ == "VBD" for v in [*chain, token.head] if is_verb(v)):
        stage = "completed"  # "the handover of the final one of 16 jets ended the order"
    if kind == "arms_transfer" and trigger.delivery and stage == "planned" and _FIRST_OF.search(sentence.span.text):
        stage = "agreed"  # "will receive the first of 24 trainers before December": deliveries of an order placed
    if kind == "arms_transfer" and stage in {"planned", "proposed"} and _OPTION.search(sentence.span.text) and \
            not by_modal_hedge(status):
        stage = "agreed"  # "is to buy ten jets plus an option on 20 more": a contract's terms
    if kind == "arms_transfer" and stage == "completed" and any(
            t.head.dep_ == "prep" and t.head.lower_ == "of" and (
                t.head.head.lower_ in {"first", "initial"} or _some_of(t.head.head))
            for t in themes or ([token.head] if token.dep_ in {"acl", "relcl"} else [])):
        stage = "ongoing"  # "unveiled the first of 36 jets bought from Sweden": the rest are still to come
    if kind == "arms_transfer" and stage == "completed" and not trigger.delivery and \
            _YET_TO_COME.search(sentence.span.text):
        stage = "agreed"  # "has acquired 35 F-35s ..., with deliveries due to start in 2026": bought, not delivered
    if kind == "arms_transfer" and stage in {"planned", "agreed"} and _BEGUN.search(sentence.span.text):
        stage = "ongoing"  # "will deliver another 100,000 shells; the first 20,000 are already there"
    if kind == "arms_transfer" and stage == "completed" and _MORE_TO_COME.search(sentence.span.text):
        stage = "ongoing"  # "four jets handed over last week; more to follow": deliveries begun, not finished
    if kind == "maintenance" and any(is_verb(v) and v.lemma_ in _UNDERGOING for v in chain) and \
            not (token.dep_ in {"amod", "acl"} and token.tag_ in {"VBN", "VBD"}):
        # "a U.S. destroyer will undergo maintenance at a Japanese yard", "the patrol vessel returned to Colombo after
        # a refit in India": the subject is what is repaired
        # "a U.S. destroyer will undergo maintenance at a Japanese yard": the subject is what is repaired
        slots = [(m, slot, "owner" if slot.name == "subject" else role) for m, slot, role in slots]
    if kind == "arms_transfer" and not is_verb(token) and token.lemma_.lower() == "request" and \
            token.dep_ in {"dobj", "nsubjpass"} and is_verb(token.head) and lemma(token.head) in {
                "approve", "weigh", "consider", "reject", "grant", "deny", "review", "examine", "study", "clear",
                "receive", "turn down", "refuse", "decline", "accept", "answer", "mull"}:
        # "Lima approved a request from Santiago for ten vehicles": who asks would receive; who weighs it, supply
        slots = [(m, slot, "supplier" if slot.name == "subject" and slot.depth >= 1 else
                  "recipient" if slot.name in {"from", "possessor", "modifier", "maker"} else role)
                 for m, slot, role in slots]
    offered = next((n for n, v in enumerate(chain) if not is_verb(v) and v.lemma_.lower() in _OFFERS), None)
    if offered is not None and offered + 1 < len(chain) and is_verb(chain[offered + 1]) and \
            (lexicon.status_class(lemma(chain[offered + 1])) in {"proposed", "agreed", "negated"} or
             lemma(chain[offered + 1]) == "accept") and \
            frame_name != "deal" and not (is_verb(token) and token.i == chain[offered + 1].i):
        # "Baku weighs an Italian offer of jets", "Algiers examines Moscow's plan to refit its fleet": whoever
        # weighs an offer is its other side; whose offer it is, the side that does the act
        if lemma(chain[offered + 1]) == "accept" and stage in {"proposed", "planned", "completed", "ongoing"}:
            stage = "agreed"  # "Kenya accepted an offer from Israel to overhaul its boats": agreed
        weigher = {"arms_transfer": "recipient", "maintenance": "owner"}.get(kind, "party")
        bidder = {"arms_transfer": "supplier", "maintenance": "provider"}.get(kind, "party")
        offering = {t.i for t in chain[offered].subtree} - {t.i for t in token.subtree} if offered else {
            t.i for c in token.children if c.dep_ in {"amod", "poss", "compound", "nmod"} or (
                c.dep_ == "prep" and c.lower_ in {"from", "by"}) for t in c.subtree}
        slots = [(m, slot, weigher) for m, slot, _ in slots if slot.name == "subject" and slot.depth == offered + 1]
        slots += [(m, Slot("possessor", f"whose {chain[offered].text} it is", offered), bidder)
                  for t, m in sentence.parties if t.i in offering and m.label not in {s[0].label for s in slots}]
    if kind == "maintenance" and not is_verb(token) and token.dep_ == "pobj" and token.head.lower_ == "for" and \
            is_verb(token.head.head) and token.head.head.lemma_.lower() in _SENDING:
        # "Laos will fly its trainers to China for engine repairs": who sends owns, where they go repairs
        slots = [(m, slot, "owner" if slot.name in {"subject", "agent"} else "provider" if slot.name in {
            "to", "in", "at"} else role) for m, slot, role in slots]
    if (kind == "force_posture" or (kind == "arms_transfer" and token.lemma_.lower() in _SENDING)) and \
            is_verb(token) and any(
            p.dep_ == "prep" and p.lower_ == "for" and any(
                t.type == "maintenance" for w in p.subtree for t in lexicon.triggers.get(w.lemma_.lower(), ()))
            for p in token.children):
        # "Ecuador will send its helicopters back to Russia for an overhaul": not a deployment, a repair abroad;
        # who sends owns, where they go repairs
        kind = "maintenance"
        slots = [(m, slot, "owner" if slot.name in {"subject", "agent", "possessor"} else "provider")
                 for m, slot, _ in slots if slot.name in {"subject", "agent", "possessor", "to", "in", "at"}]
        if stage == "completed":
            stage = "ongoing"  # "sent two ships to Spain for a refit in March": the refit under way
    beneficiaries = {m.label for m, slot, _ in slots if slot.name == "for"}
    buyers = {m.label for m, slot, _ in slots if slot.name in {"subject", "agent"}}
    if frame_name == "acquire" and beneficiaries and buyers - beneficiaries and \
            not any(slot.name in {"from", "maker"} for _, slot, _ in slots):
        # "Germany buys Patriots for Ukraine": the buyer supplies the one it buys for
        slots = [(m, slot, "supplier" if slot.name in {"subject", "agent"} and m.label not in beneficiaries else role)
                 for m, slot, role in slots]
    listed = token
    while listed.dep_ == "conj" and listed.head.i != listed.i:
        listed = listed.head  # "for maintenance and overhaul of the engines"
    ordered = listed.dep_ == "pobj" and listed.head.lower_ == "for" and any(
        lexicon.status_class(lemma(v)) == "agreed" or v.lemma_.lower() in lexicon.words["agreed_under"]
        for v in chain[1:4])  # "signed a deal with Britain for the refit of its frigates": a service bought
    papers = [token.head] if token.dep_ in {"acl", "relcl"} else [
        c for c in token.head.children if c.dep_ == "dobj"] if token.dep_ in {"advcl", "xcomp"} and \
        lexicon.status_class(lemma(token.head)) == "agreed" else []
    ordered = ordered or (is_verb(token) and any(a.lower_ == "to" for a in token.children) and any(
        p.lemma_.lower() in lexicon.words["agreed_under"] for p in papers)
        and any(c.dep_ == "poss" and c.lower_ in {"its", "their"} for t in themes for c in t.children))
    # "Fiji signed a deal with Australia to upgrade its patrol boats": the signer's own boats, the partner's work
    if kind == "maintenance" and (ordered or any(m.source == "company" and slot.name == "with"
                                                 for m, slot, _ in slots)) and \
            any(m.source != "company" and slot.name == "subject" for m, slot, _ in slots) and \
            not any(m.source == "company" and slot.name == "subject" for m, slot, _ in slots):
        # "Egypt signed a support contract with France's Naval Group": the firm provides, the state owns
        slots = [(m, slot, "owner" if slot.name == "subject" else "provider" if slot.name == "with" else role)
                 for m, slot, role in slots]
    roles: dict[str, list[str]] = {}
    each_roles: list[dict[str, str]] = []
    def rank(item: tuple[Mention, Slot, str]) -> tuple[int, int]:
        # a firm as subject does the act itself ("GA will set up a repair facility in India"); a state as subject
        # may only plan it ("Washington and Tokyo plan to allow repairs in Japan")
        mention, slot, _ = item
        return (0 if slot.name == "subject" and mention.source == "company" else _PRIORITY.get(slot.name, 1),
                slot.depth)

    for mention, _slot, role in sorted(slots, key=rank):
        roles.setdefault(role, [])
        if mention.label not in roles[role]:
            roles[role].append(mention.label)
    if kind == "export_control" and not roles.get("target") and not is_verb(token):
        by_slot = {(m.label, s.name) for m, s, r in slots if r == "actor"}
        issuers = {p for p, n in by_slot if n in {"subject", "agent"}}
        destined = {p for p, n in by_slot if n in {"modifier", "maker"}} - issuers
        if issuers and len(destined) == 1:
            # "Britain will suspend new Saudi licences": a licence named by its destination, issued by the subject
            roles["target"] = sorted(destined)
            roles["actor"] = [p for p in roles["actor"] if p not in destined]
    if kind == "export_control" and not roles.get("target"):
        aimed = _aimed_at(token if restriction is None else restriction, sentence, lexicon,
                          {p for ps in roles.values() for p in ps})
        if aimed:
            roles["target"] = [aimed]
    carried = False
    owners_each: list[set[str]] = []
    bloc = _members_of(chain, sentence, previous, index, kind)
    if bloc is not None and not any(s.name in {"subject", "agent", "possessor"} for _, s, _ in slots):
        roles = {role: [bloc] for role in {frame.get("subject", "party")}}  # "allies agreed to spend": NATO
        carried = True
    if kind in JOINT_TYPES or frame_name == "deal":
        parties = {p for r, ps in roles.items() if r != "host" for p in ps}
        if kind == "meeting":
            # "price talks with the British builder": states meet; a firm's home is no side of the talks
            token_of = {id(m): t for t, m in sentence.parties}

            firm_tokens = {t.i for t, m in sentence.parties if m.source == "company"}

            def of_a_firm(m: Mention) -> bool:  # "BAE Systems", "the British builder", "South Korea's Hanwha"
                t = token_of.get(id(m))
                return m.source == "company" or (t is not None and t.dep_ in {"amod", "compound", "poss"} and (
                    t.head.lemma_.lower() in _FIRM_NOUNS or t.head.i in firm_tokens))
            firms_only = {m.label for m, slot, _ in slots if of_a_firm(m) and slot.name not in {
                "subject", "agent", "modifier"}} - {m.label for m, _, _ in slots if not of_a_firm(m)}
            parties -= firms_only
        own = {m.label for m, slot, _ in slots if slot.name == "modifier"}
        if len(own) >= 2 and frame_name != "deal":
            parties = own  # "a UK-Germany treaty": the noun names its own parties
            if token.dep_ == "dobj" and lemma(token.head) in {"join", "enter"}:
                # "Japan joined the US-Philippine drills": who joins takes part too
                parties |= {m.label for m, slot, _ in slots if slot.name == "subject"}
        counted = _counted(chain)
        stated_joint = not parties and any(c.lemma_.lower() == "joint" for c in token.children
                                           if c.dep_ in {"amod", "compound"})
        if (len(parties) < 2 or (counted and len(parties) < counted)) and not (kind == "meeting" and firm_sides) and (
                counted or stated_joint or collective_subject(chain, {t.i for t, _ in sentence.parties})):
            # "they", "the two", "both sides", or "joint supply chains" with no party named: those just before
            here = {m.label for t, m in sentence.parties if _clause_of(t).i == _clause_of(token).i}
            top = chain[-1]
            if top.dep_ == "ccomp" and len(here | parties) < 2:  # "X and Y said their navies would hold drills"
                here |= {m.label for t, m in sentence.parties if _head_of_conj(t).dep_ == "nsubj"
                         and _head_of_conj(t).head.i == top.head.i and m.source not in {"place", "company"}}
            acted = [d.participants for d in reversed(recent) if len(d.participants) >= 2 and d.type in JOINT_TYPES][:1]
            earlier = [] if stated_joint and not counted else list(reversed(previous if counted else previous[-2:]))
            if stated_joint and index.leading:
                acted = [set(index.leading)]  # "joint supply chains": the pair the article is about
            ahead = {m.label for t, m in sentence.parties if t.i < token.i and m.source not in {"place", "company"}}
            if any(t.lower_ in {"they", "their"} for v in chain for t in v.children if t.dep_ in {"nsubj", "poss"}):
                # "ministers from Japan, Australia and India will sign a memorandum when they meet": those named
                # before in the sentence
                acted = [ahead, *acted] if len(ahead) >= 2 else acted
            if len(sentence.slug) >= 2:
                acted = [set(sentence.slug), *acted]  # "Finland–Norway: joint drills begin"
            just_named = {m.label for t, m in sentence.parties
                          if t.i < token.i and m.source not in {"place", "company"}}
            whole = [just_named] if counted and len(just_named) == counted else []  # "Brazil's ties with Chile
            # will grow, with the two countries renewing an accord": the two just named
            for before in [here, *whole, *acted, *earlier]:
                if counted and len(before | parties) != counted:
                    continue  # "the three countries": the last sentence that named three
                if len(before | parties) >= 2 and (len(before) >= 2 or parties):
                    parties |= before
                    carried = True
                    break
            else:
                if counted == 2 and parties <= index.leading:
                    parties = set(index.leading)
                    carried = True
        if kind != "meeting" and len(parties) == 1 and any(
                t.lemma_.lower() in lexicon.words["agreed_under"]
                for t in [*chain[1:], *(c for v in chain if is_verb(v) for c in v.children if c.dep_ == "nsubj")]):
            # "the contract includes local production in Egypt": the contract told just before, with its parties
            deals = [d for d in reversed(recent) if d.type in {"arms_transfer", "agreement"}
                     and parties < d.participants]
            if deals:
                parties = set(deals[0].participants)
                carried = True
                if status.tense_only or "present" in status.why:
                    stage = deals[0].status  # what the contract includes is as far along as the contract
        if kind == "force_posture" and any(m.source == "company" for m, slot, _ in slots
                                           if slot.name in {"subject", "agent"}):
            return None  # "BAE's US subsidiary will dispatch 25 guns": a firm ships goods, it deploys no forces
        if kind == "force_posture" and len(parties) == 1:
            parties |= _place_parties(index, sentence.span) | {  # "troops stationed at a base near Dushanbe"
                m.label for _, m in sentence.parties if m.source == "place"}
        if kind == "co_production" and len(parties) == 1:
            design = _foreign_design(token, themes, sentence, slots, lexicon)
            parties |= {design} if design else set()
        if frame_name == "deal" and len(parties) == 1:
            inside = {t.i for t in _region(token, themes, lexicon.words["bystander"])}
            parties |= {e.party for t, e in sentence.programs if e.party and t.i in inside}  # "a contract for Gripens"
        if kind == "meeting" and len(parties) <= 1 and _domestic_body(token):
            return None  # "after a meeting of Merkel's cabinet", "a session of the security committee"
        if kind == "meeting" and len(parties) == 1 and not parties <= index.blocs:
            # "Macron is in talks in Doha": the state visited; "after meeting his Ukrainian counterpart",
            # "for talks with the crown prince": the other side is the one the sentence is about
            places = visited - parties
            with_only = not any(slot.name in {"subject", "agent", "possessor", "modifier"} for _, slot, _ in slots)
            doer = None
            if token.dep_ == "pcomp" and token.head.lower_ in {"after", "before", "while", "following", "during"}:
                # "Borrell said after meeting Albania's prime minister in Brussels": who said it met
                verb = token.head.head
                doer = next((m.label for t, m in sentence.parties if _head_of_conj(t).dep_ == "nsubj"
                             and _head_of_conj(t).head.i == verb.i and m.label not in parties), None)
                doer = doer or next((m.label for t, m in sentence.parties if t.i < token.i and m.source != "place"
                                     and m.label not in parties and t.head.i == verb.i), None)
            withs = {m.label for m, slot, _ in slots if slot.name == "with"}
            firm_tokens = {t.i for t, m in sentence.parties if m.source == "company"}
            state_tokens = {t.i for t, m in sentence.parties if m.source not in {"company", "place"}}
            met = [o for p in token.children if p.dep_ == "prep" and p.lower_ == "with" for o in p.children
                   if o.dep_ == "pobj"]
            met += [c for o in met for c in o.children if c.dep_ == "conj"]
            partners = [o for p in token.subtree if p.dep_ == "prep" and p.lower_ == "with" for o in p.children
                        if o.dep_ == "pobj"]
            if partners and all(any(t.i in firm_tokens for t in o.subtree) and not any(
                    t.i in state_tokens for t in o.subtree) for o in partners):
                return None  # "the meeting of Zelenskyy with BAE Systems' chief executive": talks with a firm
            if with_only and len(met) >= 2 and len(withs) == 1 and doer is None:
                return None  # "approved in a meeting with President Widodo and Defence Minister Prabowo": at home
            inside = {t.i for t in token.subtree}
            firm_sides += any(t.i in inside and m.source == "company" for t, m in sentence.parties)
            if firm_sides and doer is None:
                return None  # "a meeting between Leonardo's vice president and Nigeria's air chief": a firm's talks
            if doer is not None:
                parties.add(doer)
            elif len(places) == 1:
                parties |= places
            elif with_only or any(t.lemma_ == "counterpart" for t in sentence.doc):
                other = [p for p in [_reporting_subject(chain, sentence), _main_subject(sentence), main_party,
                                     *sorted(index.leading)] if p and p not in parties]
                parties |= set(other[:1])
                carried = bool(other)
        if any(c.lower_ == "trilateral" for c in token.children) and len(parties) == 2:
            present = {m.label for _, m in sentence.parties if m.source not in {"place", "company"}}
            if len(present | parties) == 3:
                parties |= present  # "talks with Biden, followed by a trilateral summit with Marcos"
        if len(parties) < 2 and sentence.slug and len(parties | set(sentence.slug)) >= 2:
            parties |= set(sentence.slug)  # "Romania: F-35 deal signed — 32 jets from the US"
            carried = True
        bloc_meeting = kind == "meeting" and len(parties) == 1 and parties <= index.blocs and not is_verb(token)
        if len(parties) < 2 and not bloc_meeting:
            return None  # a meeting of NATO alone is its summit: "the NATO summit", "NATO's leaders' meeting"
        if frame_name == "deal":
            directed = _deal_roles(roles, sentence, parties, text,
                                   [m.label for m, slot, _ in slots if slot.name in {"subject", "agent"}]
                                   or [p for p in sentence.slug if p in parties][:1],  # "PRT: contract with France"
                                   _clause_span(token))
            if directed is None:
                return None
            final_roles = directed
            parties = set(directed.values())
        else:
            final_roles = {}
    elif kind == "defense_spending":
        owners = roles.get("owner", [])
        budgets = [d.participants for d in recent if d.type == "defense_spending"]
        owner = owners[0] if owners else next(iter(budgets[-1])) if budgets else _carried_single(previous, main_party)
        if owner is None or (not owners and "goal" in trigger.needs):
            return None  # "members vow to hit 5% of output": whoever reaches the goal is named
        carried = not owners
        parties, final_roles = {owner}, {}
        doing = [(m.label, slot.depth) for m, slot, role in slots
                 if role == "owner" and slot.name in {"subject", "agent"}]
        spenders = [p for p, depth in doing if depth == min(d for _, d in doing)]
        if len(set(spenders)) >= 2 and not any(b.type == "defense_spending" for b in recent[-1:]):
            owners_each = [{p} for p in dict.fromkeys(spenders)]  # "Estonia, Latvia and Lithuania each pledged
            # to spend 5% of GDP": a budget for each
        else:
            owners_each = []
    elif kind == "export_control":
        actors = roles.get("actor", []) or _outer_subject(token, sentence)
        if not actors:
            return None
        targets = [p for p in roles.get("target", []) if p != actors[0]]
        final_roles = {"actor": actors[0], **({"target": targets[0]} if targets else {})}
        parties = set(final_roles.values())
        alike = _coordinated(slots, "target", targets)
        if len(alike) >= 2:  # "curbs on Iran and Belarus": a rule against each
            each_roles = [{"actor": actors[0], "target": other} for other in alike]
    else:
        first, second = DIRECTED[kind]
        if kind == "maintenance" and roles.get("side"):
            # "a ship repair agreement between the US Navy and Mazagon Dock": the yard repairs, the navy owns
            yards = {m.label for m, _, role in slots if role == "side" and m.source == "company"}
            for side in roles["side"]:
                roles.setdefault("provider" if side in yards else "owner", []).append(side)
        a = roles.get(first, [])
        b = [p for p in roles.get(second, []) if p not in a[:1]]
        if kind == "arms_transfer" and (not a or not b):
            # "delivered the jets it promised Kyiv", "the radars procured by the Netherlands arrived": the clause
            # that describes the thing moved names the other side
            described = _described_by(themes, sentence, lexicon)
            a = a or [p for p in described.get(first, []) if p not in b][:1]
            b = b or [p for p in described.get(second, []) if p not in a][:1]
        if kind == "arms_transfer" and a and not b:
            holder = _holder(token, sentence)
            b = [holder] if holder and holder not in a else []  # "Serbia showed the system procured from China"
        if kind == "arms_transfer" and not a:
            inside = {t.i for t in _region(token, themes, lexicon.words["bystander"])}
            makers = {e.party for t, e in sentence.programs if e.party and t.i in inside} - set(b[:1])
            if len(makers) == 1:
                a = sorted(makers)  # "Thailand selected the Gripen": the programme's maker supplies
        both = a if len(a) >= 2 and not b else b if len(b) >= 2 and not a else []
        if kind == "arms_transfer" and both and not is_verb(token) and \
                set(both) <= {m.label for m, slot, _ in slots if slot.name == "subject"}:
            # "Helsinki and Washington agreed on the sale of F-35s", "Paris and Athens finalised the purchase of
            # Rafales": both sides agreed; the maker sells
            inside = {t.i for t in _region(token, themes, lexicon.words["bystander"])}
            makers = {e.party for t, e in sentence.programs if e.party and t.i in inside} & set(both)
            if len(makers) == 1:
                a, b = sorted(makers), [p for p in both if p not in makers][:1]
        if kind == "arms_transfer" and frame_name == "arrive" and a and not b:
            # "'All 75 U.S.-built tanks have now arrived,' an Australian Army spokesperson said"; "Manila said the
            # batteries from India would arrive by 2026": the state that reports the arrival receives
            told = speaker or _reporting_subject(chain, sentence)
            b = [told] if told and told not in a else []
        if kind == "maintenance" and not a:
            a = sorted(_place_parties(index, sentence.span) - set(b))[:1]
        if kind == "maintenance" and a and not b:
            owned = next((c for t in themes for c in t.children if c.dep_ == "poss" and c.lower_ in {"its", "their"}),
                         None)
            owner = _referent(owned, token, chain, sentence, index, main_party) if owned is not None else None
            if owner is None:  # "overhauling the helicopters that Ukraine's army pulled back": whose they are
                holders = [m.label for t, m in sentence.parties for theme in themes for r in theme.children
                           if r.dep_ == "relcl" and any(c.dep_ == "nsubj" and t in c.subtree for c in r.children)
                           and m.source not in {"place", "company"}]
                owner = holders[0] if len(set(holders)) == 1 else None
            if owner is not None and owner != a[0]:
                b = [owner]  # "chose Hanwha to maintain its submarines": the fleet's owner
            # "GA will set up a repair facility in India": the host is the owner when a firm provides;
            # "KAI will provide the maintenance": the owner is who bought from the provider just before
            hosts = [m.label for m, slot, _ in slots if slot.name in {"in", "at"} and m.label != a[0]]
            bought = [d.roles["recipient"] for d in reversed(recent) if d.type == "arms_transfer"
                      and d.roles.get("supplier") == a[0] and "recipient" in d.roles]
            b = b or (hosts or bought)[:1]
        if kind == "arms_transfer" and frame_name == "acquire" and a and not b and token.tag_ == "NN" and \
                any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) and \
                main_party and main_party not in a and not any(c.dep_ == "poss" for c in token.children):
            # "... and the purchase of American cruise missiles": a purchase with no buyer named is the country
            # the article is about
            b = [main_party]
            carried = True
        if sentence.slug and bool(a) != bool(b):
            # "Latvia: six launchers from the US delivered": the brief's slug names the side its clause leaves out
            rest = [p for p in sentence.slug if p not in (a or b)[:1]]
            if len(rest) == 1:
                a, b = a or rest, b or rest
                carried = True
        if kind == "arms_transfer" and a and not b and trigger.status != "proposed" and len(index.headline) == 2 \
                and a[0] in index.headline and is_verb(token) and token.tag_ in {"VBD", "VBN"} and \
                lemma(token) in _GIVING:
            lead = _other_lead(a[0], sentence, index)
            if lead is not None and lead in index.headline:
                # "the president took the trucks given by Beijing" under the title "Laos gets trucks
                # from Beijing": the side the sentence leaves out is the one the title names
                b, carried = [lead], True
        if kind == "arms_transfer" and b and not a and trigger.status != "proposed":  # (a request names whom)
            lead = _other_lead(b[0], sentence, index)
            if lead is not None:
                # "The vessel was then handed over to Tuvalu" in an article on Australia and Tuvalu; "signed
                # agreements for the acquisition of eight submarines" in one on Pakistan and China: the side the
                # sentence leaves out is the article's other party
                a, carried = [lead], True
        if not a or not b:
            return None
        if a[0] == b[0]:
            return None
        final_roles = {first: a[0], second: b[0]}
        parties = set(final_roles.values())
        if kind == "arms_transfer" and any(
                p.dep_ == "prep" and p.lower_ == "for" and any(
                    t.type == "maintenance" for w in p.subtree for t in lexicon.triggers.get(w.lemma_.lower(), ()))
                for p in token.children):
            # "will send two submarines to Russia for overhaul": the receiver repairs what it is sent
            kind, second, first = "maintenance", "owner", "provider"
            final_roles = {"provider": b[0], "owner": a[0]}
        alike = _coordinated(slots, second, b)
        if len(alike) >= 2:  # "sales to Egypt and Morocco", "curbs on Iran and Russia": one act towards each
            each_roles = [{first: a[0], second: other} for other in alike if other != a[0]]
    start = sentence.offset + token.idx
    if kind not in DIRECTED:
        each_roles = []
    draft = _Draft(type=kind, participants=parties, roles=final_roles, status=stage, each_roles=each_roles,
                   item=_item(kind, token, themes), sentence=sentence.span, trigger=token.text, carried=carried,
                   named=_named(token), tense_only=status.tense_only)
    if kind == "defense_spending" and owners_each:
        draft.each = owners_each
    subtree = list(token.subtree)
    draft.mission = any(p.dep_ == "prep" and p.lower_ == "for" and any(
        t.lemma_.lower() in lexicon.words["missions"] or t.lower_ in lexicon.words["missions"]  # ("policing", a verb)
        or (t.lemma_.lower() in {"month", "week", "year"} and t.dep_ == "pobj" and t.head.i == p.i)  # "for six months"
        for t in p.subtree) for p in token.children) or any(
        c.dep_ in {"advcl", "xcomp"} and any(a.lower_ == "to" for a in c.children) and (
            c.lemma_.lower() in _GUARDING or (c.lemma_.lower() == "help" and any(
                g.dep_ in {"xcomp", "ccomp", "dobj"} and g.lemma_.lower() in _GUARDING for g in c.children)))
        for c in token.children) or any(  # "arrived in Bulgaria to help guard its airspace"
        c.dep_ == "conj" and c.lemma_.lower() in {"stay", "remain"} for c in token.children)  # "and will stay"
    if trigger.lemmas[0] == "arrive":
        # "arrived under a bomber rotation", "arrived to help guard its airspace"; not "patrol vessels arrived",
        # nor "ships arrived for the drills" (they take part in the exercise)
        subject_words = {t.i for theme in themes for t in theme.subtree}
        staying = lexicon.words["missions"] - {"exercise", "drill", "training"}
        draft.mission = any(t.lemma_.lower() in staying and t.i not in subject_words for t in token.subtree) or any(
            c.dep_ in {"advcl", "xcomp"} and any(a.lower_ == "to" for a in c.children) for c in token.children) or any(
            c.dep_ == "conj" and c.lemma_.lower() in {"stay", "remain"} for c in token.children)
    visits = lexicon.words["missions"] | {"visit", "call", "exercise", "drill", "talks"}
    purpose = any(p.dep_ == "prep" and p.lower_ == "for" and any(t.lemma_.lower() in visits for t in p.subtree)
                  for p in (token.subtree if trigger.lemmas[0] == "arrive" else token.children))
    if kind == "arms_transfer" and trigger.lemmas[0] == "arrive" and (
            purpose or draft.mission or _personnel(" ".join(t.text for theme in themes for t in theme.subtree))):
        # "Russian ships arrived in Surabaya for the drills", "troops arrived with their ship docking for an
        # exercise": a visit or people, not a delivery
        return None
    if kind == "force_posture" and trigger.lemmas[0] == "arrive" and not (
            draft.mission or _personnel(" ".join(t.text for theme in themes for t in theme.subtree))):
        return None  # what arrives with no mission and no troops is delivered, not deployed
    draft.by_firm = any(m.source == "company" and slot.name in {"subject", "object", "with", "agent", "between"}
                        for m, slot, _ in slots)
    draft.describing = is_verb(token) and token.dep_ in {"acl", "amod"} and token.tag_ == "VBN"
    draft.bare = all((c.dep_ == "det" and c.lower_ == "the") or c.is_punct or
                     (c.dep_ == "prep" and c.lower_ in {"in", "at", "on", "during", "by"}) for c in token.children)
    draft.topical = any((c.dep_ in {"prep", "acl", "relcl"} and c.lower_ not in {"in", "at", "during", "between",
                                                                               "with"}
                         and not (c.dep_ in {"acl", "relcl"} and lexicon.status_class(c.lemma_.lower()) == "agreed")
                         and not (c.dep_ == "relcl" and any(g.dep_ == "prep" and g.lower_ == "under"
                                                            for g in c.children)))  # "under which Turkey sells"
                        or (c.dep_ == "compound" and c.pos_ == "NOUN" and c.lemma_.lower() not in _GENERAL_TOPICS)
                        for c in token.children) or (  # "a logistics agreement", "an agreement that opens their bases"
        token.lemma_.lower() in _TIES)  # "a strategic partnership": a tie of its own, never a sale's paper
    doers = [m.label for m, slot, _ in slots if slot.name == "subject"]
    partners = [m.label for m, slot, _ in slots if slot.name == "with"]
    if kind in JOINT_TYPES and token.tag_ == "NNS" and len(set(doers)) >= 2 and any(
            c.lower_ == "bilateral" for c in token.children):
        # "Norway and Japan are in talks on bilateral agreements (with the EU)": one agreement for each
        other = partners or [p for p in sorted(index.leading) if p not in doers]
        if other:
            draft.each = [{doer, other[0]} for doer in dict.fromkeys(doers) if doer != other[0]]
    if kind == "force_posture":
        draft.participants, draft.each = _postings(slots, draft.participants)
    draft.at = start
    draft.reach = (sentence.offset + subtree[0].idx, sentence.offset + subtree[-1].idx + len(subtree[-1]))
    draft.governors = frozenset(sentence.offset + t.idx for t in chain)
    if token.dep_ == "pobj" and token.head.head.i != token.head.i:
        above = token.head.head
        while token.head.lower_ == "under" and not is_verb(above) and above.head.i != above.i:
            above = above.head  # "will maintain the jets until 2035 under an agreement": the maintaining
        draft.attached = sentence.offset + above.idx  # "under the pact, ... will deploy"
    elif token.dep_ in {"dobj", "nsubjpass"} and kind == "agreement" and any(
            c.dep_ in {"advcl", "xcomp", "acl"} and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            for c in token.head.children):
        draft.attached = sentence.offset + token.head.idx  # "signed an arrangement on Monday to co-develop"
    _attach(draft, index, sentence.span)
    relations = "; ".join(f"{m.label} {s.name}→{r}" for m, s, r in slots)
    draft.why = (f"frame {frame_name} ('{trigger.text}' at {start}); {relations or 'no party in a slot'}"
                 + (" (parties carried from before)" if carried else "") + f"; status {stage}: {status.why}")
    return draft


def _own_clause_between(word: Token, top: Token) -> bool:
    """A clause with its own subject lies between a word and a token above it ("signed up for jets, and a Korean
    firm won a contract to supply howitzers")."""
    x = word
    while x.i != top.i and x.head.i != x.i:
        if x.dep_ in {"conj", "advcl", "ccomp", "parataxis"} and is_verb(x) and any(
                c.dep_ in {"nsubj", "nsubjpass"} for c in x.children):
            return True
        x = x.head
    return False


#: Purposes that make forces sent or arrived a deployment ("to help guard its airspace", "to patrol").
_GUARDING = frozenset({"guard", "patrol", "police", "protect", "defend", "deter", "reinforce", "train", "secure",
                       "monitor", "escort", "exercise", "drill"})

#: Verbs of handing repaired equipment back ("returned the overhauled jets").
_RETURNING = frozenset({"return", "hand", "redeliver", "deliver", "release", "give"})

#: Grounds that forces rotate through or stay on, which belong to the party that owns them.
_GROUNDS = frozenset({"area", "base", "range", "region", "territory", "facility", "port", "airfield", "camp",
                      "ground", "airspace", "waters"})

#: Verbs of working together whose infinitive says what the work is ("work with Poland to supply shells").
_WORKING = frozenset({"work", "cooperate", "collaborate", "partner", "team", "join"})

#: Who trades when a rule lets them: the firms, not the state ("allowed its arms makers to export").
_FIRM_NOUNS = frozenset({"builder", "shipbuilder", "maker", "firm", "company", "manufacturer", "shipyard", "contractor",
                         "supplier", "producer", "group", "yard", "conglomerate"})
_TRADERS = frozenset({"maker", "firm", "company", "manufacturer", "industry", "producer", "exporter", "contractor",
                      "supplier", "business", "group", "companies"})
_LETTING = frozenset({"allow", "permit", "authorise", "authorize", "let", "enable", "license", "licence"})
_RULES = frozenset({"rule", "law", "regulation", "policy", "guideline", "legislation", "regime", "principle"})
_CURBS = frozenset({"curb", "restriction", "ban", "control", "limit", "embargo", "licence", "license", "licensing",
                    "requirement", "procedure"})


def _permitted_trade(token: Token, chain: list[Token], sentence: _Sentence) -> list[Token] | None:
    """The chain of a rule that permits firms to trade ("allowed its arms makers to export", "changed its rules so
    that its firms may sell to Ukraine"), or None when the sale is an act of its own."""
    doers = [c for c in token.children if c.dep_ == "nsubj"]
    letting = next((v for v in [*chain[1:], token.head] if is_verb(v) and v.lemma_.lower() in _LETTING
                    and (v in chain or token.dep_ in {"ccomp", "xcomp"})), None)
    if letting is not None:
        doers += [c for c in letting.children if c.dep_ in {"dobj", "nsubjpass"}]
        anchor = letting
    elif token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in {"so", "that"} for c in token.children) and \
            any(c.dep_ == "dobj" and c.lemma_.lower() in _RULES for c in token.head.children):
        anchor = token.head
    else:
        return None
    if not doers or not all(d.lemma_.lower() in _TRADERS for d in doers):
        return None
    while not any(c.dep_ == "nsubj" for c in anchor.children):
        if anchor.dep_ not in {"advcl", "xcomp"} or anchor.head.i == anchor.i:
            return None
        anchor = anchor.head  # "eased its rules to allow its firms to export": who eased them lets them
    return _chain_to(token, anchor)


def _chain_to(token: Token, anchor: Token) -> list[Token]:
    """The tokens from ``token`` up its heads to ``anchor``."""
    out = [token]
    while out[-1].i != anchor.i and out[-1].head.i != out[-1].i:
        out.append(out[-1].head)
    return out


def _outer_subject(token: Token, sentence: _Sentence) -> list[str]:
    """The subject of the verb above a rule named inside a phrase ("Seoul added drone parts to the list of goods
    banned from export"): who changes the list changes the rule."""
    verb = token.head
    while not is_verb(verb) or verb.dep_ in {"acl", "relcl"}:
        if verb.head.i == verb.i:
            return []
        verb = verb.head
    for _ in range(3):
        subjects = {c.i for c in verb.children if c.dep_ == "nsubj"}
        found = [m.label for t, m in sentence.parties if _head_of_conj(t).i in subjects and m.source != "place"][:1]
        if found or verb.dep_ != "xcomp" or verb.head.i == verb.i:
            return found
        verb = verb.head  # "Oslo asked parliament to ease the rules on arms exports": the government's own rules
    return []


def _topic_act(token: Token, lexicon: Lexicon) -> bool:
    """Talks whose subject is an act of another kind ("talks on transferring destroyers", "negotiating to build
    rocket launchers"): a negotiation of that act, which the act itself records."""
    topics = [g for c in token.children if c.dep_ == "prep" and c.lower_ in {"on", "about", "over", "for"}
              for g in c.children if g.dep_ in {"pobj", "pcomp"}]
    topics += [c for c in token.children if c.dep_ in {"xcomp", "advcl", "acl"}
               and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    return any(t.type != "meeting" for topic in topics for w in topic.subtree
               if w.lemma_.lower() not in {"cooperation", "collaboration", "partnership", "industry", "tie"}
               for t in lexicon.triggers.get(w.lemma_.lower(), ()))  # (but "talks on cooperation": the talks)


def _ranged(token: Token) -> bool:
    """The word opens or closes a range of areas: "from officer training to joint purchases"."""
    prep = token.head if token.dep_ == "pobj" else None
    if prep is None or prep.lower_ not in {"from", "to"}:
        return False
    other = "to" if prep.lower_ == "from" else "from"
    return any(c.dep_ == "prep" and c.lower_ == other for c in [*prep.children, *prep.head.children, *token.children])


def _in_list(token: Token) -> bool:
    """The word is one item of a list ("training, the defence industry and intelligence sharing"), read from the
    coordination or, where the parser missed it, from the commas and the "and" that follow."""
    first = token
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    items = [first, *(t for t in first.subtree if t.dep_ == "conj" and _head_of_conj(t).i == first.i)]
    covered = first.head.lemma_.lower() in {"cover", "include", "span"}
    if len(items) >= 3 or (len(items) == 2 and covered) or (covered and any(
            c.dep_ in {"nmod", "compound", "amod"} and any(g.dep_ == "conj" for g in c.children)
            for c in token.children)):
        return True  # three or more areas, or the areas an agreement covers; "research and development" is one
    after = token.doc[token.i + 1:token.i + 10]
    if not len(after) or after[0].text != ",":
        return False
    for word in after[1:]:
        if is_verb(word) or word.text in {".", ";", ":"}:
            return False
        if word.lower_ in {"and", "or"}:
            return True
    return False


#: Agreements that set up a standing tie between states, whatever else they sign with them.
_TIES = frozenset({"partnership", "alliance", "declaration", "roadmap", "treaty"})

#: What is sent that is neither forces nor goods.
_MESSAGES = frozenset({"signal", "message", "warning", "letter", "note", "invitation", "condolence", "greeting",
                       "statement", "speech", "ultimatum", "reminder", "request", "appeal", "plea"})

#: Places of work: a joint one is joint production, but one where another act is done is only its place.
_SITES = frozenset({"plant", "factory", "facility", "site", "yard", "shipyard", "works", "line", "hub", "centre",
                    "center"})

#: Words that put a delivery on a schedule.
_SCHEDULED = frozenset({"schedule", "due", "slate", "set", "expect", "timetable"})

#: Parts of a whole: a budget's part is no budget.
_SHARES = frozenset({"percent", "%", "per", "share", "part", "portion", "fraction", "third", "quarter", "half",
                     "bulk", "majority", "proportion", "slice", "chunk"})

#: What a weapon is "based on" when it is not stationed anywhere.
_DESIGNS = frozenset({"design", "model", "version", "variant", "technology", "blueprint", "concept", "prototype",
                      "airframe", "hull", "chassis"})

#: A state's own bodies: a meeting of one is no meeting of states.
_DOMESTIC_BODIES = frozenset({"cabinet", "government", "parliament", "legislature", "committee", "politburo", "board",
                              "caucus", "senate", "congress", "assembly", "presidium", "shura"})


def _domestic_body(token: Token) -> bool:
    """A meeting or session of one state's own body ("a meeting of the cabinet", "the Cabinet Committee on Security's
    meeting"); not a joint one ("a meeting of the joint committee")."""
    bodies = [c for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children
              if c.dep_ == "pobj"] + [c for c in token.children if c.dep_ in {"poss", "compound"}]
    return any(b.lemma_.lower() in _DOMESTIC_BODIES and not any(
        c.lemma_.lower() in {"joint", "bilateral", "trilateral", "intergovernmental", "mixed", "combined"}
        for c in b.children) for b in bodies)


def _postings(slots: list[tuple[Mention, Slot, str]], parties: set[str]) -> tuple[set[str], list[set[str]]]:
    """The parties of a deployment, and one posting to each host when forces go to several side by side: where
    forces leave from is no party when they go elsewhere ("from Vilseck, Germany to Romania"), and "troops to
    Poland and Romania" posts troops to each."""
    hosts = {name: [m.label for m, slot, _ in slots if slot.name == name] for name in ("to", "into", "in")}
    going = next((labels for labels in hosts.values() if labels), [])
    senders = {m.label for m, slot, _ in slots if slot.name in {"subject", "agent", "possessor", "maker", "modifier"}}
    origins = {m.label for m, slot, _ in slots if slot.name == "from"} - senders - set(going)
    if going and origins and len(parties - origins) >= 2:
        parties = parties - origins
    destinations = list(dict.fromkeys(p for p in going if p not in senders))
    if len(destinations) >= 2 and len(senders) == 1 and parties <= senders | set(destinations):
        return parties, [senders | {host} for host in destinations]
    return parties, []


def _coordinated(slots: list[tuple[Mention, Slot, str]], role: str, named: list[str]) -> list[str]:
    """The parties of a role named side by side in one slot ("to Egypt and Morocco"), in order; [] when the
    role's parties come from different slots (one is then the act's, the others context)."""
    found = [(m.label, slot.name) for m, slot, r in slots if r == role and m.label in named and m.source != "place"]
    if len({name for _, name in found}) != 1:
        return []
    return list(dict.fromkeys(label for label, _ in found))


def _described_by(themes: list[Token], sentence: _Sentence, lexicon: Lexicon) -> dict[str, list[str]]:
    """Roles named in a clause that describes the thing moved ("the howitzers Estonia ordered", "the jets it
    promised Kyiv", "systems bought by Oslo"), read with the clause verb's own frame."""
    found: dict[str, list[str]] = {}
    # "two of the four frigates it ordered": the clause hangs from the whole the part is taken of
    wholes = [o for theme in themes for p in theme.children if p.dep_ == "prep" and p.lower_ == "of"
              for o in p.children if o.dep_ == "pobj"]
    for theme in [*themes, *wholes]:
        for clause in theme.children:
            if clause.dep_ not in {"relcl", "acl"} or not is_verb(clause):
                continue
            triggers = [t for t in lexicon.triggers.get(clause.lemma_.lower(), ())
                        if t.type == "arms_transfer" and "VERB" in t.pos]
            if not triggers:
                continue
            frame = lexicon.frames[triggers[0].frame]
            inside = {t.i for t in clause.subtree}
            named = [(t, m) for t, m in sentence.parties if t.i in inside]
            for party, mention in named:
                slot = slot_of(party, clause, [clause], [], lexicon)
                role = frame.get(slot.name) if slot is not None else None
                if role is not None and mention.label not in found.setdefault(role, []):
                    found[role].append(mention.label)
    return found


def _antecedent(themes: list[Token], lexicon: Lexicon) -> Token | None:
    """The equipment a pronoun theme stands for, named before it in the sentence ("sail two retired Australian
    warships home after purchasing them"): the nearest plural noun for "them", singular for "it"."""
    pronoun = next((t for t in themes if t.pos_ == "PRON" and t.lower_ in {"them", "it"}), None)
    if pronoun is None:
        return None
    plural = pronoun.lower_ == "them"
    for word in reversed(pronoun.doc[:pronoun.i]):
        if word.pos_ in {"NOUN", "PROPN"} and word.lemma_.lower() in lexicon.words["equipment"] and \
                (word.tag_ in {"NNS", "NNPS"}) == plural:
            return word
    return None


def _the_country(sentence: _Sentence) -> list[tuple[Token, Mention]]:
    """"the country" after "to", "from" or "with" standing for the state named last before it in the sentence, other
    than the one whose act it is ("Hyundai Rotem signed an agreement with Peru's arms factory aimed at exporting
    weapons to the country")."""
    out = []
    party_tokens = {t.i for t, _ in sentence.parties}
    for word in sentence.doc:
        # ("the South American nation", "the Gulf state": a region's word, no party's, may describe it)
        if word.lemma_.lower() not in {"country", "nation", "kingdom", "state", "emirate", "republic",
                                       "archipelago"} or word.dep_ != "pobj" or \
                word.head.lower_ not in {"to", "from", "with", "for"} or \
                not any(c.dep_ == "det" and c.lower_ == "the" for c in word.children) or \
                any(c.dep_ in {"poss", "prep"} or (c.dep_ in {"amod", "compound"} and (
                    any(t.i in party_tokens for t in c.subtree) or c.lower_ in {"member", "third", "other", "same"}))
                    for c in word.children):
            continue
        before = [(t, m) for t, m in sentence.parties if t.i < word.i and m.source != "place"]
        doers = {m.label for t, m in before if _head_of_conj(t).dep_ in {"nsubj", "nsubjpass"}}
        named = [m.label for _, m in before if m.label not in doers]
        if named:
            at = sentence.offset + word.idx
            out.append((word, Mention(word.text, at, at + len(word), named[-1], "pronoun")))
    return out


def _referent(pronoun: Token, token: Token, chain: list[Token], sentence: _Sentence, index: _Index,
              main_party: str | None) -> str | None:
    """The party a subject pronoun stands for: "we" in a quotation is the speaker's state; "he"/"she" the person
    named last before; "it" the party that reports its own act, or the subject named just before, or the article's
    main party."""
    at = sentence.offset + pronoun.idx
    voice = index.voice_at(sentence.offset + token.idx)
    if pronoun.lower_ in {"we", "our", "us"} and voice:
        return voice
    if pronoun.lower_ in {"he", "she"}:
        person = [e.party for _, e in index.entities_in(max(0, at - 400), at) if e.type == "person" and e.party]
        return person[-1] if person else None
    preceding = [(t, m.label) for t, m in sentence.parties if t.i < pronoun.i and m.source != "company"]
    subjects = [label for t, label in preceding if _head_of_conj(t).dep_ in {"nsubj", "nsubjpass"}]
    named = subjects or [label for _, label in preceding]
    return _reporting_subject(chain, sentence) or (named[-1] if named else None) or main_party


#: Last words of the names of standing bodies, inside which an act's word names no act ("... Treaty Organization").
_ORG_HEADS = frozenset({"organization", "organisation", "alliance", "council", "community", "union", "bloc",
                        "group", "forum", "bank", "fund", "institute", "agency", "bureau", "command", "office"})

#: Verbs that close an act ("wrap up", "conclude").
_CLOSING = frozenset({"conclude", "wrap", "finish", "close", "end", "complete"})


def _headline(sentence: _Sentence) -> bool:
    """The sentence is written as a headline: short, and with no closing stop."""
    text = sentence.span.text.rstrip()
    return len(sentence.doc) <= 18 and not text.endswith((".", "!", "?", '"', "”", ":", ";"))


def _headline_pair(sentence: _Sentence) -> tuple[Mention, Mention] | None:
    """The two parties a headline opens with ("Seoul, Warsaw to hold talks", "Philippines, US sign pact"), whose
    comma the parser seldom reads as "and"."""
    doc = sentence.doc
    if len(doc) < 4 or doc[1].text != "," or sentence.span.text.rstrip().endswith((".", "!", "?", '"', "”")):
        return None
    first = next((m for t, m in sentence.parties if t.i == 0 and m.source != "company"), None)
    second = next((m for t, m in sentence.parties if t.i == 2 and m.source != "company"), None)
    if first is None or second is None or first.label == second.label:
        return None
    return first, second


def _voices(extraction: Extraction) -> list[tuple[int, int, str]]:
    """Each quotation whose speaker is a known person or body with a party, with that party; or, when the speaker
    is not named, the state its attribution names ('," the Czech prime minister said', 'Denmark's defence
    minister said: "')."""
    parties = {e.name: e.party for e in extraction.entities if e.party and e.type in {"person", "org"}}
    voices = [(q.start, q.end, parties[q.speaker]) for q in extraction.quotes
              if q.speaker in parties and q.start >= 0]
    text = extraction.article.text
    mentions = sorted((m for m in extraction.party_mentions if m.source not in {"place", "ship"}),
                      key=lambda m: m.start)
    for quote in quote_spans(text):
        if any(a <= quote.start < b for a, b, _ in voices) or not _direct_speech(text, quote.start, quote.end):
            continue
        party = _attributed(text, quote.start, quote.end, mentions)
        if party is not None:
            voices.append((quote.start, quote.end, party))
    return voices


_SPEECH = re.compile(r"\b(?:said|says|told|added|announced|stated|declared|explained|wrote|insisted|stressed|"
                     r"confirmed|noted|informed|tweeted|posted)\b")
_TITLE = re.compile(r"(?i)\b(?:minister|ministry|official|spokes(?:man|woman|person)|chief|head|president|premier|"
                    r"secretary|ambassador|general|admiral|commander|envoy|officer|director|government|"
                    r"prime minister|chancellor|leader|king|emir|agency|navy|army|air force|embassy|presidency|"
                    r"department|mission|source|diplomat|adviser|advisor|commerce|military|forces)\b")


def _attributed(text: str, start: int, end: int, mentions: list[Mention]) -> str | None:
    """The state of an unnamed speaker: the first party named in the attribution after the quotation (up to the
    sentence's end) or just before it ('... said: "'), when a title follows it there."""
    after = text[end:end + 160]
    stop = re.search(r"[.!?\n]", after[1:])
    after_end = end + 1 + (stop.start() if stop else len(after) - 1)
    before_start = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start), start - 160)
    windows = [(end, after_end)]
    if text[max(0, start - 4):start].rstrip(" \"“‘'").endswith(":"):
        windows.append((before_start, start))
    for lo, hi in windows:
        if not _SPEECH.search(text, lo, hi):
            continue
        for mention in mentions:
            if lo <= mention.start and mention.end <= hi and _TITLE.search(text[mention.end:min(hi, mention.end + 45)]):
                return mention.label
    return None


def _dated_ahead(index: _Index, sentence: Span) -> bool:
    """The sentence names a day after the article's date ("tomorrow", "next Tuesday", "on June 3" to come)."""
    published = index.published
    text = sentence.text
    return bool(published) and any(
        d.value[:10] > published if len(d.value) >= 10 else d.value[:7] > published[:7]  # "next month"
        for d in index.dates_in(sentence.start, sentence.end)
        if len(d.value) >= 7 and not _UNTIL.search(text[:max(0, d.start - sentence.start)]))


#: What comes before a date that says when an act ends ("will stay until the end of the month"), not when it is.
_UNTIL = re.compile(r"\b(?:until|till|through)\s+(?:the\s+)?(?:(?:end|close)\s+of\s+)?(?:the\s+)?$")


def _main_subject(sentence: _Sentence) -> str | None:
    """The party that is the subject of the sentence's main verb ("Asked about the talks, Macron said ...")."""
    for token, mention in sentence.parties:
        if _head_of_conj(token).dep_ == "nsubj" and _head_of_conj(token).head.dep_ == "ROOT" and \
                mention.source != "company":
            return mention.label
    return None


#: Verbs of wanting, which in a speaker's mouth state no act ("we want to buy", "we are hoping to").
_WISHES = frozenset({"want", "hope", "wish", "like", "desire", "keen", "eager", "favour", "favor", "envisage",
                     "envision", "dream", "try"})
#: Nouns of an act's end or start ("the conclusion of the drills", "the launch of joint production").
_ENDINGS = {"conclusion": "completed", "completion": "completed", "end": "completed", "close": "completed",
            "start": "ongoing", "launch": "ongoing", "beginning": "ongoing", "opening": "ongoing",
            "kick-off": "ongoing", "commencement": "ongoing"}
#: Words that make what comes part of an order: a batch, a shipment, the first or last of them.
_CONSIGNMENTS = frozenset({"batch", "shipment", "consignment", "delivery", "tranche", "lot", "first", "second",
                           "third", "fourth", "last", "final", "remainder", "rest"})
#: Places where upkeep is done, which a provider may set up in its customer's country.
_FACILITIES = frozenset({"centre", "center", "facility", "hub", "depot", "workshop", "plant", "yard", "base"})


def _modified(token: Token) -> Token:
    """The noun a compound trigger names a kind of ("a repair centre" -> "centre"), or the trigger."""
    return token.head if token.dep_ in {"compound", "nmod", "amod"} and not is_verb(token.head) else token


#: Words after a hyphen that make a state the maker of a thing, not its holder ("Russian-origin", "US-built").
_MADE_BY = frozenset({"origin", "built", "made", "designed", "manufactured", "supplied", "era", "produced"})


def _made_by(token: Token) -> bool:
    doc = token.doc
    return token.i + 2 < len(doc) and doc[token.i + 1].text in {"-", "‐"} and doc[token.i + 2].lower_ in _MADE_BY


def _deal_with_supplier(slots: list[tuple[Mention, Slot, str]], token: Token, chain: list[Token],
                        sentence: _Sentence, lexicon: Lexicon) -> list[tuple[Mention, Slot, str]]:
    """"Kenya signed a contract with Katmerciler to supply 118 vehicles": the firm the deal is with supplies, and
    the signer receives."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) or any(
            c.dep_ in {"nsubj", "nsubjpass"} for c in token.children):
        return slots
    above = token.head  # the deal the infinitive hangs on, or the verb of signing it ("signed a deal ... to supply")
    deal = above if not is_verb(above) else next((c for c in above.children if c.dep_ == "dobj"), None)
    if deal is None or deal.lemma_.lower() not in lexicon.words["agreed_under"]:
        return slots
    withs = [(t, m) for t, m in sentence.parties if any(
        a.dep_ == "prep" and a.lower_ == "with" and a.head.i in {deal.i, above.i} for a in t.ancestors) and (
        m.source == "company" or any(w.lemma_.lower() in _FIRM_NOUNS for w in [t.head, *t.head.children]))]
    # (a firm sells; "a deal with Ukraine to supply it with tanks" leaves the sides to the sentence)
    if not withs or any(r == "recipient" for _, _, r in slots):
        return slots
    suppliers = {m.label for _, m in withs}
    kept = [(m, s, "recipient") if r == "supplier" and s.name == "subject" and m.label not in suppliers else (m, s, r)
            for m, s, r in slots]
    return kept + [(m, Slot("with", f"the deal is with {m.text}"), "supplier") for _, m in withs
                   if not any(x is m for x, _, _ in kept)]


#: Nouns for a bloc's members ("NATO allies", "EU partners").
_MEMBERS = frozenset({"ally", "member", "partner", "country", "state", "nation"})
#: Verbs of asking another to act ("asked Japan to transfer", "urged France to help maintain").
_ASKING = frozenset({"ask", "urge", "request", "press", "invite", "implore", "beg", "petition", "lobby"})
#: The other end of a directed act.
_OTHER_END = {"supplier": "recipient", "recipient": "supplier", "provider": "owner", "owner": "provider"}


def _add_asker(slots: list[tuple[Mention, Slot, str]], chain: list[Token], sentence: _Sentence) -> None:
    """"Sri Lanka asked Japan to transfer two frigates": the one asked does the act, so the one asking is at its
    other end (the buyer of what is sold, the owner of what is repaired), unless a phrase names that end."""
    asking = next((v for v in chain[1:] if is_verb(v) and v.lemma_.lower() in _ASKING), None)
    if asking is None:
        return
    asked = {c.i for c in asking.children if c.dep_ == "dobj"}
    done = next((r for m, s, r in slots if s.depth and any(t.i in asked for t, x in sentence.parties if x is m)),
                None)
    if done not in _OTHER_END or any(r == _OTHER_END[done] for _, _, r in slots):
        return
    for party_token, mention in sentence.parties:
        head = _head_of_conj(party_token)
        if head.dep_ == "nsubj" and head.head.i == asking.i and mention.source != "company":
            slots.append((mention, Slot("subject", f"'{asking.text}' the other side to act"), _OTHER_END[done]))


def _head_of_conj(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _members_of(chain: list[Token], sentence: _Sentence, previous: list[set[str]], index: _Index,
                kind: str = "") -> str | None:
    """"Allies agreed", "member states will": the bloc named in this sentence or the ones before, if just one."""
    subjects = [c for v in chain for c in v.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects or subjects[0].lemma_.lower() not in {"ally", "member", "members"} or \
            any(t.i == subjects[0].i for t, _ in sentence.parties):
        return None
    near: set[str] | frozenset[str] = {m.label for _, m in sentence.parties}.union(*previous[-3:]) & index.blocs
    if not near and kind == "defense_spending":
        near = index.named & index.blocs  # "the allies vowed to spend more": the one bloc the article names
    return next(iter(near)) if len(near) == 1 else None


def _clause_of(token: Token) -> Token:
    """The head of the clause a token stands in: "which Britain gave Kyiv" is not the clause of the main verb."""
    x = token
    while x.head.i != x.i and x.dep_ not in {"relcl", "advcl", "ccomp", "parataxis", "acl"}:
        x = x.head
    return x


_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5}


def _counted(chain: list[Token]) -> int | None:
    """"the three countries" as a subject: how many parties it stands for."""
    for word in chain:
        subjects = [c for c in word.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if not subjects and word.dep_ == "acl" and word.tag_ == "VBG" and not is_verb(word.head):
            subjects = [word.head]  # "with the two navies extending their pact"
        if subjects:
            child = subjects[0]
            number = next((_NUMBERS.get(c.lower_) for c in child.children if c.dep_ == "nummod"), None)
            if number or _NUMBERS.get(child.lower_):
                return number or _NUMBERS.get(child.lower_)
            break
    trigger = chain[0]
    if not is_verb(trigger) and trigger.lemma_.lower() in _GATHERINGS:
        # "talks between the two countries", "drills among the navies of the two states"
        for word in trigger.subtree:
            path = [word, *word.ancestors]
            steps = path[:path.index(trigger)] if trigger in path else []
            if word.dep_ == "pobj" and word.lemma_.lower() in _STATES and len(steps) <= 4 and all(
                    t.dep_ in {"pobj", "prep"} for t in steps) and steps[-1].lower_ in {"between", "among", "of"}:
                number = next((_NUMBERS.get(c.lower_) for c in word.children if c.dep_ == "nummod"), None)
                if number:
                    return number
    return None


#: Occasions whose "between the two countries" names who takes part (not "cooperation between the two").
_GATHERINGS = frozenset({"talk", "talks", "meeting", "summit", "dialogue", "consultation", "negotiation", "exercise",
                         "drill", "drills", "manoeuvre", "maneuver", "war game", "visit"})
#: Nouns that stand for states in "the two countries", "the three navies".
_STATES = frozenset({"country", "nation", "state", "side", "government", "navy", "army", "military", "ally",
                     "neighbour", "neighbor", "partner", "capital"})


def _other_lead(named: str, sentence: _Sentence, index: _Index) -> str | None:
    """The other of the article's two leading parties, when a sentence names only ``named`` (the other is then
    left out as understood) and the pair clearly leads the article."""
    if any(m.label != named and m.source != "place" for _, m in sentence.parties) or named not in index.leading or \
            len(index.leading) != 2 or index.leading & index.blocs:
        return None
    other = next(p for p in index.leading if p != named)
    return other if index.clear_lead else None


#: Verbs of showing, using or keeping equipment: whoever does so with a thing bought holds it.
_HOLDING = frozenset({"present", "display", "show", "unveil", "showcase", "parade", "deploy", "field", "operate",
                      "use", "test", "fire", "induct", "commission", "fly", "exhibit", "station"})


def _holder(token: Token, sentence: _Sentence) -> str | None:
    """The state that shows, uses or keeps what a participle says was bought or delivered ("Serbia presented the
    air defence system procured from China", "Manila fielded the missiles delivered by India"): the recipient."""
    thing = token.head
    if thing.dep_ == "pobj" and thing.head.lower_ == "of" and thing.head.head.pos_ in {"ADJ", "NUM", "NOUN"}:
        thing = thing.head.head  # "showed the first of 36 jets bought from Sweden"
    if token.dep_ != "acl" or token.tag_ != "VBN" or thing.dep_ not in {"dobj", "nsubjpass"}:
        return None
    verb = thing.head
    if verb.lemma_.lower() not in _HOLDING:
        return None
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "agent"}]
    subjects += [g for c in subjects if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    found = {m.label for t, m in sentence.parties if m.source != "place" and any(t.i == s.i for s in subjects)}
    return next(iter(found)) if len(found) == 1 else None


def _reporting_subject(chain: list[Token], sentence: _Sentence) -> str | None:
    """"Beijing announced that it would tighten ...": the party that reports its own act."""
    top = chain[-1]
    if top.dep_ != "ccomp":
        return None
    subjects = {c.i for c in top.head.children if c.dep_ == "nsubj"}
    for token, mention in sentence.parties:
        if token.i in subjects:
            return mention.label
    return None


_SOIL = frozenset({"territory", "soil", "land", "ground", "base", "bases", "island", "islands", "shore", "shores"})


def _own_soil(token: Token, chain: list[Token], sentence: _Sentence) -> Mention | None:
    """"Poland asked the US to station weapons on its territory": the host is the subject whose territory it is."""
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in {"on", "in", "to", "onto", "at"}:
            continue
        for noun in prep.children:
            if noun.lemma_.lower() in _SOIL and any(c.dep_ == "poss" and c.lower_ in {"its", "their", "our"}
                                                     for c in noun.children):
                subjects = [c for v in chain for c in v.children if c.dep_ in {"nsubj", "nsubjpass"}]
                for subject in reversed(subjects):  # the outermost clause's subject owns the land
                    found = next((m for t, m in sentence.parties if t.i == subject.i), None)
                    if found is not None:
                        return found
    return None


def _pronoun_subject(token: Token, chain: list[Token]) -> Token | None:
    """"it", "we", "he" or "she" as the clause's subject (or "its" on the trigger)."""
    for word in chain:
        for child in word.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and child.lower_ in {"it", "we", "he", "she"}:
                return child
            if child.dep_ in {"nsubj", "nsubjpass"}:
                # "its navy will hold drills": the state the pronoun stands for acts through its forces
                return next((c for c in child.children if c.dep_ == "poss" and c.lower_ in {"its", "our"}), None)
    return next((c for c in token.children if c.dep_ == "poss" and c.lower_ in {"its", "our"}), None)


def _restriction(token: Token, chain: list[Token], lexicon: Lexicon) -> Token | None:
    """The restriction that governs a transfer ("banned exports", "restrictions on arms sales"), if any."""
    restrictive = lexicon.words["restrictive"]
    for n, word in enumerate(chain[1:4], start=1):
        if any(is_verb(v) and v.dep_ in {"advcl", "xcomp"} and any(a.dep_ == "aux" and a.lower_ == "to"
                                                                    for a in v.children) for v in chain[1:n]) and \
                any(c.dep_ in {"dobj", "nsubjpass"} and lexicon.triggers.get(c.lemma_.lower()) for c in word.children):
            # "loosened its export controls to enable it to sell missiles to the US": the change is read at the
            # controls, and the sale it makes possible is a sale (not "eased its rules to allow firms to export")
            break
        if word.lemma_.lower() in {"approval", "clearance", "authorization", "authorisation", "authorize",
                                   "authorise", "allow"} and any(
                t.dep_ == "nummod" and t.head.i != token.i for t in token.subtree):
            break  # "the approval of the sale of 24 missiles to Lebanon": that sale, cleared; no rule changed
        if word.lemma_.lower() in _LETTING and is_verb(word) and any(
                t.lemma_.lower() in lexicon.words["agreed_under"]
                for t in [word.head if word.dep_ in {"relcl", "acl"} else None,
                          *(c for c in word.children if c.dep_ == "nsubj")] if t is not None):
            return None  # "an accord that permits the transfer of defence equipment": a framework, no rule
        if word.lemma_.lower() in restrictive and not _raised_to(word) and not (
                word.lemma_.lower() in {"licence", "license"} and token.lemma_.lower() in _BUILDING):
            return word  # (but "a licence to build six more hulls" is licensed production)
    top = chain[-1]
    if top.dep_ == "relcl" and top.head.lemma_.lower() in restrictive and len(chain) <= 4:
        return top.head  # "the curbs it had imposed on arms sales to Ankara"
    for child in token.children:
        if child.dep_ in {"compound", "amod"} and child.lemma_.lower() in restrictive:
            return token
    return None


def _raised_to(verb: Token) -> bool:
    """"lifting its total order to 42", "eased the tally up to 30": a number raised, not a rule lifted."""
    return any(c.dep_ == "prep" and c.lower_ in {"to", "by"} and any(
        g.like_num or g.pos_ == "NUM" or any(n.like_num for n in g.children) for g in c.children)
        for c in verb.children)


def _needs_met(trigger: Trigger, token: Token, chain: list[Token], themes: list[Token], sentence: _Sentence,
               slots: list[tuple[Mention, Slot, str]], lexicon: Lexicon) -> bool:
    bystander = lexicon.words["bystander"]
    if trigger.frame == "make":
        bystander = bystander | {"with", "for"}  # "teamed up with a patrol vessel": the partner, not the work
    region = _region(token, themes, bystander)
    lemmas = {t.lemma_.lower() for t in region}
    lemmas |= {w[:-1] for w in lemmas if w.endswith("s")}  # names keep their plural: "US Marines"
    for need in trigger.needs:
        if need == "equipment":
            programs = {t.i for t, _ in sentence.programs}
            if trigger.type == "maintenance" and not is_verb(token):
                # "the submarine returned after an upgrade in Kiel": what undergoes it is the verb's subject
                region = region + [t for v in chain if is_verb(v) and v.lemma_ in _UNDERGOING for c in v.children
                                   if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree]
                lemmas = lemmas | {t.lemma_.lower() for t in region}
                lemmas |= {w[:-1] for w in lemmas if w.endswith("s")}
            goods = {t.i for theme in themes for t in theme.subtree} - {token.i}
            military = any(t.tag_ == "NNS" and t.i in goods and t.lemma_.lower() not in _ABSTRACT | _PEOPLE |
                           lexicon.words["grounds"] and any(
                c.dep_ in {"amod", "compound"} and c.lemma_.lower() in ARMED for c in t.children)
                for t in region)  # "military automobiles" (not "military deals", "military goods")
            named = lemmas
            if is_verb(token) and token.lemma_.lower() != "arm":  # "graphite shipped to US users": the verb is
                # no ship (but "to arm Kyiv" is weapons sent)
                named = {t.lemma_.lower() for t in region if t.i != token.i}
                named |= {w[:-1] for w in named if w.endswith("s")}
            if not (named & lexicon.words["equipment"] or programs & {t.i for t in region} or military):
                return False
        elif need == "joint" and _foreign_design(token, themes, sentence, slots, lexicon):
            continue  # "production of the K9 in Poland began": one state's design made in another
        elif not _condition(need, lemmas, token, chain, sentence, slots, lexicon):
            return False
    return True


#: What is kept for upkeep, not upkeep done ("maintenance spares", "a repair kit").
_KIT = frozenset({"spare", "spares", "part", "kit", "tool", "manual", "crew", "cost", "budget", "need", "item",
                  "consumable", "equipment", "vehicle", "ship", "truck"})
#: Services provided, not goods moved ("provide support activities", "supply training").
_HELP = frozenset({"activity", "service", "support", "assistance", "training", "expertise", "advice", "help",
                   "guidance", "cooperation", "protection", "backing", "know-how", "consultancy"})

#: Nouns of an offer put to another party ("weighing a French offer of helicopters").
_OFFERS = frozenset({"offer", "proposal", "bid", "pitch", "proposition", "invitation"})

#: Nouns of asking another party for something ("accepted the invitation").
_REQUESTS = frozenset({"invitation", "request", "terms", "condition", "conditions", "plan", "deal", "demand",
                       "resignation", "credential", "credentials", "apology"})

#: A rule decided now that applies later ("will apply from March", "takes effect next month").
_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december"})
_TAKES_EFFECT_LATER = re.compile(
    r"\b(?:will|would|is\s+to|are\s+to|due\s+to)\s+(?:apply|take\s+effect|come\s+into\s+(?:force|effect)|"
    r"enter\s+into\s+force|start\s+to\s+apply|kick\s+in)\b|\bappl(?:y|ies)\s+(?:from|as\s+of)\s+(?:next|January|"
    r"February|March|April|May|June|July|August|September|October|November|December)\b|"
    r"\b(?:takes|take)\s+effect\s+(?:next|from|on\s+1|in\s+"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December))", re.IGNORECASE)

#: Verbs of sending a thing somewhere ("flew its jets to Turkey for repairs").
_SENDING = frozenset({"send", "fly", "ship", "take", "bring", "dispatch", "transport", "tow", "return", "sail",
                      "deliver"})

#: Words of leaving a posting ("withdrew its troops", "the pullout of forces"): a deployment ended.
_LEAVING = frozenset({"withdraw", "withdrawal", "pullout", "drawdown"})

#: People, who are sent but not delivered ("military advisers", "military officials").
_PEOPLE = PEOPLE_NOUNS | {"observer", "attaché", "attache", "cadet", "student", "doctor", "planner", "staff",
                          "commander"}

#: Words that make people civilian ("medical personnel").
_CIVILIAN = frozenset({"medical", "civilian", "humanitarian", "health", "rescue", "aid", "relief", "election",
                       "police"})

#: Verbs of handing goods over, whose receiver a title may name.
_GIVING = frozenset({"donate", "gift", "hand over", "hand", "deliver", "transfer", "give", "present", "send",
                     "supply", "provide"})
#: Nouns too general to be a thing moved when called military ("military goods", "military deals").
_ABSTRACT = frozenset({"good", "goods", "item", "product", "technology", "export", "deal", "contract", "sale", "tie",
                       "capability", "capabilities", "aid", "assistance", "support", "cooperation", "presence",
                       "relation", "purpose", "use", "end-use", "affair", "matter", "need", "expenditure", "spending",
                       "base", "basis", "facility", "installation", "infrastructure", "headquarters", "academy",
                       "school", "hospital", "barracks", "exercise", "drill"})  # ("bases" has the lemma "basis")

#: Nouns of making things: with a foreign design made at home, production under licence.
_MAKING = frozenset({"production", "manufacture", "manufacturing", "assembly"})


def _foreign_design(token: Token, themes: list[Token], sentence: _Sentence, slots: list[tuple[Mention, Slot, str]],
                    lexicon: Lexicon) -> str | None:
    """The state whose programme (by the knowledge base) one other state makes: "Poland began assembling K2
    tanks", "production of the K9 in Poland" (KOR); None when the maker is the one making it, or unclear."""
    if not (token.lemma_.lower() in _MAKING or (is_verb(token) and token.lemma_.lower() in _BUILDING)):
        return None
    makers = {m.label for m, slot, _ in slots if slot.name in {"in", "at", "subject", "possessor", "agent"}}
    if any(m.source == "company" for m, _, _ in slots) and not any(slot.name in {"in", "at"} for _, slot, _ in slots):
        return None  # "a yard built the navy's frigates": it builds for the navy it sells to (but "assembled in
        # Brazil by Embraer": a home firm makes the foreign design at home)
    if len(makers) != 1 or len({m.label for m, _, _ in slots}) != 1:
        return None
    inside = {t.i for t in _region(token, themes, lexicon.words["bystander"])}
    designs = {e.party for t, e in sentence.programs if e.party and t.i in inside}
    if len(designs) != 1 or designs & makers:
        return None
    return next(iter(designs))


def _condition(need: str, lemmas: set[str], token: Token, chain: list[Token], sentence: _Sentence,
               slots: list[tuple[Mention, Slot, str]], lexicon: Lexicon) -> bool:
    if need == "forces" and lemma(token) == "host":  # "host a German brigade", not "host Ukrainian production"
        forces = lexicon.words["forces"]
        return any(t.lemma_.lower() in forces or t.lemma_.lower().rstrip("s") in forces for t in theme_tokens(token))
    if need == "forces" and token.lemma_.lower() in _LEAVING:
        # what leaves is what is withdrawn or the one that withdraws, not what it withdraws from ("withdrew from
        # the frigate deal")
        leaving = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass", "compound", "amod", "poss"} or (
            c.dep_ == "prep" and c.lower_ == "of")] or [c for c in token.children if c.dep_ == "nsubj"]
        forces = lexicon.words["forces"]
        return any(t.lemma_.lower() in forces for c in leaving for t in c.subtree)
    if need == "forces":  # troops and units, or platforms the knowledge base names ("Eurofighters", "Patriots")
        movers_all = [t for c in token.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"} for t in c.subtree]
        if movers_all and all(any(c.lemma_.lower() in _CIVILIAN for c in t.children)
                              for t in movers_all if t.lemma_.lower() in lexicon.words["forces"]) and any(
                t.lemma_.lower() in lexicon.words["forces"] for t in movers_all):
            return False  # "medical personnel and supplies from China arrived": no forces
        if is_verb(token) and (token.lemma_.lower() in _MOVING or any(
                c.dep_ == "dobj" and c.lemma_.lower() in {"position", "post"} for c in token.children)) and not any(
                c.dep_ == "dobj" and c.lemma_.lower() not in {"position", "post"} for c in token.children):
            # ("Danish troops took up positions in Estonia": the post they take is no thing moved)
            # "American troops will rotate through Darwin": what moves is the subject
            movers = {t.lemma_.lower() for c in token.children if c.dep_ == "nsubj" for t in c.subtree}
            if movers & lexicon.words["forces"]:
                return True
        verb = token.head if token.dep_ == "dobj" else token.head.head if token.dep_ == "pobj" and \
            token.head.lower_ in {"for", "on"} else None
        movers_of_verb = [t for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree] if (
            not is_verb(token) and verb is not None and is_verb(verb)) else []
        if any(t.lemma_.lower() in lexicon.words["forces"] for t in movers_of_verb) or any(
                t.i in {m.i for m in movers_of_verb} for t, _ in sentence.programs):
            return True  # "Indian troops began a deployment to Fiji", "jets landed in Poland for a deployment"
        region_tokens = _region(token, theme_tokens(token))
        # "military aid", "army supplies": a service's name on something else is no force (but "the army", "navy
        # ships")
        moved = {t.lemma_.lower() for t in region_tokens if not (
            t.dep_ in {"amod", "compound"} and t.lemma_.lower() in {"military", "army", "navy", "force"}
            and t.head.lemma_.lower() in _AID_GOODS)}
        moved |= {w[:-1] for w in moved if w.endswith("s")}
        return bool(moved & lexicon.words["forces"]) or any(
            t.i in {x.i for x in region_tokens} for t, _ in sentence.programs)
    if need == "defence" and token.lemma_.lower() in {"aid", "assistance"}:
        own = {t.lemma_.lower() for c in token.children if c.dep_ in {"amod", "compound", "nmod"} for t in c.subtree}
        own |= {t.lemma_.lower() for c in token.children if c.dep_ == "prep" and c.lower_ in {"of", "worth"}
                for t in c.subtree}  # "military aid", "aid worth $1bn in weapons" (not "help in upgrading
        return bool(own & (lexicon.words["defence"] | lexicon.words["equipment"]))  # military bases")
    if need == "defence":
        # a share of GDP, the alliance's target ("NATO's 2% spending target"), or a defence body's money ("the
        # Defense Ministry requested a record budget") is defence spending
        subjects = {t.lemma_.lower() for v in chain for c in v.children if c.dep_ in {"nsubj", "nsubjpass"}
                    and c.lemma_.lower() in _BODIES for t in c.subtree}
        return bool((lemmas | subjects) & lexicon.words["defence"] or _PERCENT.search(sentence.span.text) or any(
            m.label == "NATO" for t, m in sentence.parties if t.i in {x.i for x in token.head.subtree}))
    if need == "sum":  # the money itself is what is approved, asked for or set aside
        if not is_verb(token):  # "a $895 billion defence bill": the sum in the noun's own phrase
            left = sentence.offset + token.left_edge.idx
            return any(left <= start and end <= sentence.offset + token.idx for start, end in sentence.sums)
        at = sentence.offset + token.idx + len(token) - sentence.span.start
        return _money_follows(token, sentence) or bool(_SHARE_AFTER.match(sentence.span.text[at:at + 80]))
    if need == "exports":  # "its rules for exporting weapons", "controls on sharing military technology abroad"
        if token.lemma_.lower() in {"licence", "license"} and any(
                c.dep_ in {"compound", "amod"} and c.lemma_.lower() in {"arm", "arms", "weapon", "weapons"}
                for c in token.children):
            return True  # "weapons licences for Israel", "revoked arms licences"
        after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else token
        scopes = [c for c in token.children if c.dep_ == "prep"] + ([after] if after.dep_ == "prep" else [])
        if any(c.dep_ in {"relcl", "acl"} and lexicon.status_class(c.lemma_.lower()) != "reporting" and any(
                w.lemma_.lower() in _TRADING for w in c.subtree) for c in token.children):
            return True  # "the rule that bars it from exporting lethal weapons", "rules governing arms sales"
        return any(c.lower_ in {"on", "for", "over", "governing", "of", "covering"} and any(
            w.lemma_.lower() in _TRADING or (w.lemma_.lower() == "share" and any(
                x.lemma_.lower() == "technology" for x in w.subtree)) for w in c.subtree) for c in scopes)
    if need == "in_service":  # "added six jets to its air force", "the latest addition to its fleet"
        if any(c.dep_ in {"xcomp", "ccomp"} for c in token.children):
            return False  # "commissioned Thales to build radars": an order for work
        if token.lemma_.lower() == "commission":
            return True
        if token.lemma_.lower() == "join":  # "two corvettes joined the Philippine navy"
            return any(c.dep_ == "dobj" and c.lemma_.lower() in _SERVICES for c in token.children)
        return any(c.dep_ == "prep" and c.lower_ in {"to", "into"} and any(
            w.lemma_.lower() in _SERVICES for w in c.subtree) for c in token.children)
    if need == "under":  # "built in Poland under Korean licence" (the phrase "under licence" is a trigger of its own)
        made = token.head.head
        if made.dep_ == "acl" and made.head.dep_ not in {"nsubj", "nsubjpass"}:
            return False  # "decided to transfer missiles built in Japan under US licences": what is moved, described
        return token.dep_ == "pobj" and token.head.lower_ == "under" and token.head.i < token.i - 1 and not any(
            c.dep_ in {"compound", "amod"} and c.lemma_.lower() in {"export", "import", "marketing", "trade"}
            for c in token.children)
    if need == "consignment":  # "the second batch of jets reached", "the last two of its Rafales landed"
        subject = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        return subject is not None and any(t.lemma_.lower() in _CONSIGNMENTS for t in subject.subtree)
    if need == "asked_for":  # "asked the US for missiles"; but "asked India to help maintain": the infinitive's act
        asked = [token, *(c for c in token.children if c.dep_ in {"dobj", "dative"})]
        return any(c.dep_ == "prep" and c.lower_ == "for" for a in asked for c in a.children) and \
            not any(c.dep_ in {"xcomp", "ccomp"} for c in token.children)
    if need == "phone":
        return bool(lemmas & {"phone", "telephone", "video"})
    if need == "goal":  # "pledged to reach NATO's target of 2% of GDP", "hit the 2% spending goal"
        goals = [t for t in theme_tokens(token) if t.lemma_.lower() in lexicon.words["goals"]]
        return any({x.lower_ for x in g.subtree} & {"spending", "gdp", "%", "percent", "expenditure"} for g in goals)
    if need == "official":  # "received his Russian counterpart", "welcomed a Korean delegation": a visit
        people = {t.i for t, m in sentence.parties if m.source == "person"}
        return any(t.lemma_.lower() in lexicon.words["officials"] or t.i in people
                   for h in theme_tokens(token) for t in (h, *(c for c in h.children if c.dep_ == "compound")))
    if need == "leaders":  # "the prime minister and the vice president jointly inaugurated": officials act
        doers = [c for v in chain[:1] for c in v.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if not is_verb(chain[0]):  # "the minister's trip", "a trip by the president", "the envoy made a trip"
            doers = [c for c in chain[0].children if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by")]
            verb = next((v for v in chain if is_verb(v) or v.lemma_ == "be"), None)  # "made a trip", "is on a trip"
            if verb is not None and chain[0].dep_ in {"dobj", "pobj"}:
                doers += [c for c in verb.children if c.dep_ == "nsubj"]
        if any(c.lower_ in {"he", "she", "i", "we"} for c in doers) and chain[0].dep_ == "ccomp":
            # "the prime minister said he had discussed it with ...": the speaker
            doers = [c for c in chain[0].head.children if c.dep_ == "nsubj"]
        people = {t.i for t, m in sentence.parties if m.source == "person"}
        return any(t.lemma_.lower() in lexicon.words["officials"] or t.i in people for c in doers for t in c.subtree)
    if need == "stated" and token.dep_ == "pobj" and token.head.lower_ in {"on", "over", "for", "about"} and (
            token.head.head.lemma_.lower() in NEGOTIATIONS or lemma(token.head.head) in {"negotiate", "bargain"}):
        return True  # "began negotiations over a defence partnership": the pact being negotiated
    if need == "stated":  # made, not strengthened: "signed a strategic partnership", "forged a partnership"
        verb = next((v for v in chain if is_verb(v)), None)  # the verb that takes the partnership itself
        return _named(token) or (verb is not None and (
            lexicon.status_class(lemma(verb)) in {"agreed", "planned", "proposed"}
            or verb.lemma_ in {"establish", "form", "forge", "launch", "create", "upgrade", "elevate", "enter",
                               "join", "convene", "inaugurate"} or lemma(verb) == "set up"
            or (verb.lemma_ == "open" and token.head.i == verb.i)))  # "will open a headquarters" (not "opened a
    # new chapter in the partnership")
    if need == "base":  # "gave up its final camp in Niger", "is enlarging its airbase in Oman"
        return any(t.lemma_.lower() in lexicon.words["bases"] for t in theme_tokens(token))
    if need == "abroad":  # "Rwandan troops will remain in Mozambique": two parties, the forces' and the place's
        # (and the forces are what stays: not "the offer of fighters remains on the table")
        stayers = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
        programs = {t.i for t, _ in sentence.programs}
        return len({m.label for m, slot, _ in slots}) >= 2 and any(
            c.lemma_.lower() in lexicon.words["forces"] or c.lemma_.lower().rstrip("s") in lexicon.words["forces"]
            or c.i in programs for c in stayers)
    if need == "struck":  # "signed a defence deal", "a security deal was sealed"; not "in the largest deal they
        # have struck" (the act the sentence tells), nor "a deal the two countries have struck" (a relative clause)
        if token.dep_ not in {"dobj", "nsubjpass"}:
            return False
        verb = token.head
        return is_verb(verb) and (lexicon.status_class(lemma(verb)) in {"agreed", "planned", "proposed"}
                                  or verb.lemma_ in {"reach", "strike", "clinch", "finalise", "finalize", "conclude"})
    if need == "customer":
        return any(slot.name in {"for", "dative"} for _, slot, _ in slots)
    if need == "firm":  # "signed a memorandum with MBDA for a coastal battery": a firm on the other side
        return any(slot.name == "with" and m.source == "company" for m, slot, _ in slots) and any(
            c.dep_ == "prep" and c.lower_ == "for" for c in token.children)
    if need == "recipient":
        return any(slot.name in {"to", "into", "for", "dative", "object"} for _, slot, _ in slots)
    if need == "minerals":
        return bool(lemmas & lexicon.words["minerals"])
    if need == "industry":
        subjects = {m.label for m, slot, _ in slots if slot.name == "subject"}
        return any(m.source == "company" for m, _, _ in slots) or len(subjects) >= 2 or \
            _joint(token, chain, slots, lexicon)
    if need == "joint" and any(is_verb(v) and v.lemma_ == "join" for v in chain[1:2]) and \
            {m.label for m, slot, _ in slots if slot.name == "subject"} and \
            {m.label for m, slot, _ in slots if slot.name in {"possessor", "modifier", "maker"}} - \
            {m.label for m, slot, _ in slots if slot.name == "subject"}:
        return True  # "Riyadh seeks to join Turkey's fighter programme": the newcomer and the programme's owner
    if need == "joint" and (len({m.label for m, slot, _ in slots if slot.name == "subject"}) >= 2 or
                            len({m.label for m, slot, _ in slots if slot.name == "agent"}) >= 2):
        return True  # "Britain and Germany will develop a missile", "a drone being developed by Kyiv and
        # Copenhagen": two doers of one act
    return need != "joint" or _joint(token, chain, slots, lexicon)


#: Who asks for, is given or sets aside money: a defence one of these spends on defence.
#: Verbs whose subject is what moves when they take no object ("troops rotate through", "jets redeployed to").
_MOVING = frozenset({"rotate", "deploy", "redeploy", "move", "relocate", "return", "arrive", "withdraw", "pull",
                     "station", "base"})

_BODIES = frozenset({"ministry", "department", "force", "forces", "military", "army", "navy", "pentagon", "agency",
                     "office", "command", "minister", "secretary"})

#: Words that say an agreement is about defence in general, not about a subject of its own.
_GENERAL_TOPICS = frozenset({"defence", "defense", "military", "security", "cooperation", "arm", "arms", "weapon",
                             "sale", "purchase", "deal", "contract", "procurement", "export", "supply", "framework",
                             "industry", "industrial", "-"})

#: Verbs of making a thing (not of designing it).
_BUILDING = frozenset({"build", "assemble", "manufacture", "produce", "make", "construct", "licence-build",
                       "license-build"})

#: What equipment is added to when it enters service.
_SERVICES = frozenset({"fleet", "inventory", "arsenal", "force", "navy", "army", "service", "squadron", "regiment",
                       "corps", "guard"})

#: What an export rule governs.
_TRADING = frozenset({"export", "re-export", "reexport", "sale", "transfer", "shipment", "trade"})

_MONEY_AFTER = re.compile(
    r"^\s*(?:(?:up|out|aside|for|on|to)\s+)?(?:(?:a|an|another|the|some|nearly|almost|about|around|over|more|than|"
    r"record|extra|additional|further|total|of)\s+)*(?:[$€£¥₩₱₹₺₫₴]|NT\$|A\$|US\$|Rs\.?\s?|\d[\d.,]*\s*(?:billion|million|"
    r"trillion|bn|m|tn)?\s*(?:dollars?|euros?|pounds?|yen|won|rupees?|kroner?|kronor|zloty|yuan|pesos?|dong|baht|"
    r"ringgit|shekels?|lira|rand|francs?|riyals?|rials?|dirhams?|dinars?|naira|rupiah|kron[aeu]r?|forints?|lei|leu|leva?|"
    r"hryvnias?|tenge|soms?|taka|kyats?|shillings?|cedis?|kwacha|reais|real|soles?|zlotys?|yuan|renminbi|pesos?)\b)",
    re.IGNORECASE)


def _money_follows(token: Token, sentence: _Sentence) -> bool:
    """A sum of money comes right after the verb ("approved €86 billion", "asked for 66.3 trillion won", "set aside
    50 billion kroner"), read from the text, which the parser often gets wrong around currency words."""
    last = max([token, *(c for c in token.children if c.dep_ == "prt")], key=lambda t: t.i)
    asked = next((c for c in token.children if c.dep_ in {"dobj", "dative"} and c.pos_ in {"PROPN", "NOUN"}
                  and c.i == last.i + 1 + sum(1 for t in c.lefts)
                  and not any(t.like_num or t.tag_ == "$" for t in c.subtree)), None)  # who is asked, not a sum
    if asked is not None and token.doc[asked.right_edge.i + 1:asked.right_edge.i + 2].text == "for":
        last = asked.right_edge  # "asked Congress for 133 billion reais", "asked lawmakers for"
    at = sentence.offset + last.idx + len(last) - sentence.span.start
    found = _MONEY_AFTER.match(sentence.span.text[at:at + 60])
    if found is None:
        return False
    rest = sentence.span.text[at + found.end():at + found.end() + 80]
    # "approved the $1.2 billion sale of jets": the sum of a deal, not money set aside
    return not re.match(r"[\d.,]*\s*(?:billion|million|trillion|bn|tn)?\s*(?:\([^)]{0,40}\)\s*)?"
                        r"(?:defen[cs]e\s+|military\s+)?(?:sale|deal|contract|package|order|purchase|"
                        r"programme|program|agreement|acquisition|loan|budget|spending|allocation|outlay|buildup|"
                        r"build-up|defen[cs]e\s+budget)\b", rest, re.IGNORECASE)


def _region(token: Token, themes: list[Token], bystander: frozenset[str] = frozenset()) -> list[Token]:
    """The words that say what an act is about: the trigger's own phrase and its theme, not its subject."""
    out: list[Token] = [token]
    for child in token.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and not any(child.i == t.i for t in themes):
            continue
        if child.dep_ == "prep" and child.lower_ in bystander:
            continue  # "selected the Gripen over the F-16"
        out.extend(child.subtree)
        if child.dep_ == "prep" and not any(c.dep_ in {"pobj", "pcomp"} for c in child.children):
            # a preposition the parser left without its object ("a contract for 17 Gripen fighters ends ..."):
            # the words up to the next verb are its phrase
            for word in token.doc[child.i + 1:]:
                if is_verb(word) or word.is_punct:
                    break
                out.append(word)
    for theme in themes:
        out.extend(theme.subtree)
    if bystander:  # "opted for Italy's trainer over South Korea's T-50": the losing bid is no part of the act
        roots = {token.i, *(t.i for t in themes)}

        def aside(word: Token) -> bool:
            for step in [word, *word.ancestors][:8]:
                if step.i in roots:
                    return False
                if step.dep_ == "prep" and step.lower_ in bystander:
                    return True
            return False
        out = [t for t in out if not aside(t)]
    subject_relative = token.dep_ == "relcl" and any(
        c.dep_ == "nsubj" and (c.tag_ in {"WDT", "WP"} or c.lower_ in {"that", "which", "who"}) for c in token.children)
    if token.dep_ in {"compound", "amod", "acl", "relcl"} and not subject_relative:
        # (but "battery makers, which buy graphite": the noun does the act, it is not what the act is about)
        out.append(token.head)
        out.extend(c for c in token.head.children if c.dep_ in {"compound", "amod"})
        if token.dep_ == "compound" and token.head.dep_ in {"dobj", "nsubjpass"}:
            # "start joint design work on a surface vessel": the phrase after the noun, hung from the verb
            out.extend(t for c in token.head.head.children if c.dep_ == "prep" and c.lower_ in {"on", "of", "for"}
                       and c.i == token.head.right_edge.i + 1 for t in c.subtree)
    if token.dep_ == "pobj" and token.head.head.i != token.head.i:
        out.append(token.head.head)
    if not is_verb(token) and token.dep_ in {"dobj", "nsubjpass"}:
        # "signed a contract ... for 180 tanks": the phrase often hangs from the verb
        out.extend(t for c in token.head.children if c.dep_ == "prep" and c.lower_ in {"for", "of", "worth"}
                   for t in c.subtree)
    return out


def _joint(token: Token, chain: list[Token], slots: list[tuple[Mention, Slot, str]], lexicon: Lexicon) -> bool:
    """The act is stated as joint: an adverb or adjective of jointness, a co- word, a "with" party, a joint body."""
    words = lexicon.words["joint"]
    near = [*token.children, *(c for v in chain for c in v.children), *chain]
    near += [g for c in token.children if c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_.lower() in {
        "venture", "consortium", "partnership"} for g in c.children]  # "a joint venture of X and Y will make"
    if token.dep_ in {"compound", "amod", "pobj"}:
        near.append(token.head)
        near.extend(token.head.children)
    if any(t.lemma_.lower() in words or t.lower_.startswith("co-") for t in near):
        return True
    if token.i >= 2 and token.nbor(-1).text == "-" and token.nbor(-2).lower_ == "co":
        return True  # "co-development", which the tokenizer splits
    if is_verb(token) and any(
            c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_.lower() in _STATES and (
                _NUMBERS.get(c.lower_) or any(n.dep_ == "nummod" and _NUMBERS.get(n.lower_) for n in c.children))
            for v in chain if is_verb(v) for c in v.children):
        return True  # "the three nations will go on to design a new submarine"
    makers = {m.label for m, slot, _ in slots if slot.name == "maker" or (
        slot.name in {"agent", "subject"} and m.source == "company")}  # "assembled in Brazil by Saab"
    places = {m.label for m, slot, _ in slots if slot.name in {"in", "at"} or (
        slot.name == "subject" and m.source != "company")}
    if is_verb(token) and token.lemma_.lower() in _BUILDING and makers and places and not makers & places:
        return True  # "Korean K2 tanks will be assembled in Poland", "Poland will make the Korean launcher"
    owners = {m.label for m, slot, _ in slots if slot.name == "possessor"}
    if not is_verb(token) and len(owners) == 1 and any(c.dep_ == "poss" for c in token.children):
        return False  # "as part of the Philippine navy's modernisation programme": one party's own programme
    return any(slot.name in {"with", "between", "among", "alongside"} for _, slot, _ in slots)


#: Words that point a rule at whom it is for: "aimed at China", "weapons bound for Israel", "targeting Chinese
#: chipmakers", "a package that bans exports to Russia".
_AIMING = frozenset({"aim", "target", "bind", "bound", "destine", "head", "direct", "intend", "export", "sale", "sell",
                     "ship", "shipment", "supply", "transfer", "delivery", "deliver"})


def _aimed_at(token: Token, sentence: _Sentence, lexicon: Lexicon, taken: set[str]) -> str | None:
    """The party a rule is aimed at, named inside the rule's own phrase, its participles or relative clauses."""
    top = token
    while top.dep_ in {"compound", "amod"} and top.head.i != top.i:
        top = top.head
    inside = {t.i for t in top.subtree}
    holder = top.head if top.dep_ in {"dobj", "nsubjpass"} else top.head.head if top.dep_ == "pobj" and \
        top.head.lower_ == "of" else None
    if holder is not None:  # "imposed export controls on rare earths bound for Japan", "the lifting of its ban on
        # exporting cameras to Qatar", where the parser hangs the phrase from the verb or the noun above
        inside |= {t.i for c in holder.children if c.dep_ == "prep" and c.i == top.right_edge.i + 1
                   and c.lower_ in {"on", "for", "to", "against"} for t in c.subtree}
    for party, mention in sentence.parties:
        if party.i not in inside or mention.label in taken or mention.source == "company":
            continue
        if party.dep_ in {"compound", "amod", "nmod"} and party.head.lemma_.lower() in _MEMBERS and \
                mention.label in {"NATO", "EU"}:
            continue  # "exports to NATO allies": its members, not the bloc
        x = party
        while x.dep_ in {"compound", "amod", "poss", "conj"} and x.head.i != x.i:
            x = x.head  # "Chinese chipmakers", "Russia and Belarus"
        if x.dep_ == "dobj" and lemma(x.head) in _AIMING:
            return mention.label  # "targeting Chinese chipmakers"
        if x.dep_ == "pobj" and x.head.lower_ in {"at", "for", "to", "against", "toward", "towards"} and \
                lemma(x.head.head) in _AIMING | lexicon.words["restrictive"] and x.head.head.i in inside:
            return mention.label
        if x.dep_ == "pobj" and x.head.lower_ in {"to", "into"} and x.head.head.i in inside and any(
                a.i in inside and lemma(a) in _TRADING for a in x.head.ancestors):
            return mention.label  # "relaxed limits on exporting sights to Chile": where the goods go
    return None


def _arrival(token: Token, lexicon: Lexicon) -> str | None:
    """The stage of a transfer named in the subject of an arrival ("the tanks that Taiwan bought from the US
    arrived", "missiles ordered from Norway began arriving"): completed, or ongoing when only some have come or
    they are still coming."""
    if token.dep_ not in {"relcl", "acl"}:
        return None
    noun = token.head
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in {"NOUN", "NUM", "ADJ", "PRON"}:
        noun = noun.head.head  # "the first four of the 12 radars that Manila ordered"
    if noun.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    verb = noun.head
    arriving = lexicon.words["arrival"]
    if lemma(verb) in arriving:
        coming = verb.tag_ == "VBG"
    elif noun.dep_ == "nsubjpass" and lemma(verb) in {"deliver", "hand", "transfer", "ship", "supply"} and \
            not any(c.dep_ in {"aux", "auxpass"} and c.lower_ in {"will", "would", "be", "to"} for c in verb.children):
        coming = verb.tag_ == "VBG"  # "the tanks that Australia pledged to Ukraine have been delivered"
    elif verb.lemma_ == "be" and verb.tag_ in {"VBP", "VBZ"} and any(
            c.dep_ == "advmod" and c.lower_ == "now" for c in verb.children) and any(
            c.dep_ == "prep" and c.lower_ in {"in", "with"} for c in verb.children):
        coming = False  # "all fifteen launchers we ordered from India are now in Armenia"
    else:
        comp = next((c for c in verb.children if c.dep_ == "xcomp" and lemma(c) in arriving), None)
        if comp is None or lexicon.status_class(lemma(verb)) != "ongoing":
            return None
        coming = True  # "began arriving"
    partial = any(t.lower_ in {"first", "initial", "some"} for t in noun.subtree if t.i < token.i)
    return "ongoing" if coming or partial else "completed"


#: Words that say a delivery goes on: "more to follow", "the rest are due by June", "80 of 108 delivered so far".
_MORE_TO_COME = re.compile(
    r"\b(?:more|others|the rest|the remainder|the remaining(?: \w+)?)\s+(?:are\s+|is\s+|will\s+be\s+)?"
    r"(?:to follow|to come|due|expected|scheduled|on (?:the|their) way)\b|\bso far\b", re.IGNORECASE)


#: Words that put the deliveries of a purchase still ahead.
_YET_TO_COME = re.compile(
    r"\bdeliver(?:y|ies)\s+(?:are\s+|is\s+)?(?:due|expected|scheduled|set|slated)\b|"
    r"\b(?:will|to)\s+be\s+delivered\b", re.IGNORECASE)

#: Words that say deliveries have begun: "the first 20,000 are already there", "some have already arrived".
_BEGUN = re.compile(
    r"\b(?:the first|some|part)\b[^.;]{0,40}?\b(?:are|were|is|was|have|has)\s+(?:been\s+)?already\s+"
    r"(?:there|in place|delivered|arrived|in service|on site)\b|\balready\s+(?:delivered|arrived)\b",
    re.IGNORECASE)


#: Where things are made.
_PLANTS = frozenset({"plant", "factory", "facility", "refinery", "smelter", "site", "mill", "works"})
#: Words that make a mine a weapon at sea or on land ("a pact on sweeping naval mines").
_SEA_MINES = frozenset({"clear", "clearing", "sweep", "sweeping", "lay", "laying", "drift", "drifting", "naval", "sea",
                        "land", "anti", "floating", "demining", "countermeasure", "detect", "defuse"})
#: Materials that are raw goods when so described ("critical materials", "battery materials").
_RAW = frozenset({"critical", "raw", "battery", "strategic", "rare", "mineral"})


def _mineral_words(tokens: Iterable[Token], lexicon: Lexicon) -> bool:
    """The words name minerals or raw materials, not mines laid as weapons."""
    for t in tokens:
        word = t.lemma_.lower()
        if word == "mine" and ({c.lower_ for c in t.children} | {t.head.lower_, t.head.lemma_.lower()}) & _SEA_MINES:
            continue
        if word in lexicon.words["minerals"]:
            return True
        if word == "material" and any(c.lemma_.lower() in _RAW for c in t.children):
            return True
    return False


#: Words that put a time ahead: "next month", "the coming weeks".
_NEXT = frozenset({"next", "coming", "upcoming"})
_SPANS = frozenset({"week", "month", "year", "spring", "summer", "autumn", "fall", "winter", "weekend", "decade",
                    "quarter", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


def _ahead(token: Token, chain: list[Token]) -> bool:
    """A time phrase on the act or its verbs puts it ahead ("next month", "in the coming weeks", "later this
    year")."""
    for word in [token, *chain]:
        for child in word.children:
            times = [child] if child.dep_ in {"npadvmod", "tmod"} else [
                g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" and child.lower_ in {
                "in", "during", "over"} else []
            for time in times:
                if time.lemma_.lower() in _SPANS and any(c.lower_ in _NEXT for c in time.children):
                    return True
            if child.dep_ == "advmod" and child.lower_ == "later" and any(
                    g.lemma_.lower() in _SPANS and any(d.lower_ == "this" for d in g.children)
                    for g in child.children):
                return True
    return False


#: Who makes things: "arms makers", "the defence industry" name users of a mineral, not the goods moved.
_MAKERS = frozenset({"maker", "manufacturer", "industry", "firm", "company", "producer", "contractor", "plant",
                     "factory", "sector"})
#: Nouns of unease whose object is feared, not done ("concerns about a ban").
_CONCERNS = frozenset({"concern", "fear", "worry", "anxiety", "alarm", "unease", "suspicion", "doubt"})
#: Nouns of consent that make the act they allow decided ("approval to order six jets").
_APPROVALS = frozenset({"approval", "go-ahead", "permission", "authorisation", "authorization", "consent", "nod",
                        "endorsement", "clearance"})
#: Verbs that say what an accord is about ("an accord covering training").
_COVERING = frozenset({"cover", "span", "encompass", "address", "include", "involve"})
#: Who guesses at acts they take no part in.
_PUNDITS = frozenset({"analyst", "economist", "commentator", "expert", "observer", "pundit", "critic", "scholar",
                      "academic", "researcher", "columnist", "speculation", "rumour", "rumor", "commentary"})
#: Bodies a budget is put to.
_LAWMAKERS = frozenset({"lawmaker", "legislator", "parliament", "legislature", "congress", "assembly", "senate",
                        "mp", "deputy", "diet", "duma", "majlis", "knesset", "bundestag", "riksdag", "storting",
                        "folketing", "eduskunta", "sejm", "seimas", "saeima", "riigikogu", "rada", "verkhovna",
                        "sabor", "cortes", "oireachtas", "dail", "sobranie", "skupstina", "jatiya", "sansad",
                        "lok", "rajya", "chamber", "house"})


def _pundits_guess(token: Token, chain: list[Token], lexicon: Lexicon) -> bool:
    """The act is a guess of onlookers: what analysts, economists or commentators said a state might do, or what
    they speculated about."""
    top = chain[-1]
    verbs = [top.head] if top.dep_ in {"ccomp", "xcomp"} and is_verb(top.head) else []
    if token.dep_ == "pobj" and token.head.lower_ in {"about", "on", "over"} and is_verb(token.head.head):
        verbs.append(token.head.head)  # "economists speculated about a lithium pact"
    verbs += [v for v in chain[1:] if is_verb(v)]  # "commentators suggested Seoul might ..." (read up to it)
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in _PUNDITS for v in verbs for c in v.children)


def _named_body(token: Token, lexicon: Lexicon) -> bool:
    """The noun (or the noun it modifies) names an accord or a joint body ("minerals partnership", "framework")."""
    nouns = [token, token.head] if token.dep_ in {"compound", "amod", "nmod"} else [token]
    return any(n.lemma_.lower() in lexicon.words["bodies"] | lexicon.words["agreed_under"] | {
        "group", "committee", "commission", "mechanism", "council", "alliance", "coalition", "platform"} for n in nouns)


def by_modal_hedge(status: StatusReading) -> bool:
    """The stage comes from a hedging modal ("could buy", "may order")."""
    return status.by_modal and status.status == "proposed"


def _partial(themes: list[Token]) -> bool:
    delivered = [o for t in themes if t.lemma_.lower() in {"delivery", "possession", "receipt"}
                 for p in t.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    return any(t.lower_ in {"first", "initial", "part", "some", "half", "majority", "bulk", "most"} or any(
        c.lower_ in {"first", "initial"} for c in t.children if not _first_ever(c)) or _some_of(t)
        for t in [*themes, *delivered])


def _first_ever(first: Token) -> bool:
    """"took delivery of drones from Ankara, its first armed drones": the first it ever had, said beside the thing, not
    a first batch ("has received its first battery" is the first of an order)."""
    return first.head.dep_ in {"appos", "attr"} and any(c.dep_ == "poss" for c in first.head.children) and not any(
        c.dep_ == "prep" and c.lower_ == "of" for c in [*first.children, *first.head.children])


_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                 "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty")

_ORDINALS = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
             "twelfth")
#: "the third of four frigates", "the second of its six boats": one of an order.
_NTH_OF = re.compile(r"\b(" + "|".join(_ORDINALS) + r")\s+(?:[\w-]+\s+){0,2}?of\s+(?:the\s+|its\s+|their\s+)?"
                     r"(\d+|" + "|".join(_NUMBER_WORDS[2:]) + r")\b", re.IGNORECASE)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS.index(word.lower())


#: A running count of deliveries ("bringing deliveries to 9 of 30 ordered", "taking the total to 20 out of
#: 48").
_TALLY = re.compile(r"\b(?:bringing|taking|raising|lifting)\s+(?:the\s+)?(?:\w+\s+){0,3}?to\s+(\d+)\s+"
                    r"(?:of|out\s+of)\s+(?:the\s+|its\s+|their\s+)?(\d+)\b", re.IGNORECASE)

#: The terms of a contract: more it may order ("plus an option on 20 more", "options for two further boats").
_OPTION = re.compile(r"\boptions?\s+(?:for|on|to\s+buy)\s+(?:up\s+to\s+)?(?:another\s+|a\s+further\s+)?(?:[\d,]+|"
                     + "|".join(_NUMBER_WORDS[1:]) + r"|more|further|additional)\b", re.IGNORECASE)


#: "the first four of 40", "the initial two of its 12": some of an order, not all.
_FIRST_OF = re.compile(r"\b(?:first|initial)\s+(?:[\w-]+\s+){0,2}of\s+(?:the\s+|its\s+|their\s+)?(?:[\d,]+|"
                       + "|".join(_NUMBER_WORDS[2:]) + r"|thirty|forty|fifty)\b", re.IGNORECASE)


def _some_of(theme: Token) -> bool:
    """"80 of the 108 tanks", "two of its four frigates": fewer than all."""
    def number(t: Token) -> float | None:
        if t.lower_ in _NUMBER_WORDS:
            return float(_NUMBER_WORDS.index(t.lower_))
        try:
            return float(t.text.replace(",", ""))
        except ValueError:
            return None
    if any(c.lower_ in {"last", "final", "remaining"} for c in theme.children):
        return False  # "the last two of 14 helicopters": the deliveries are done
    head = number(theme) if theme.like_num else None
    whole = next((number(n) for p in theme.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                  for n in o.subtree if n.like_num and n.i > theme.i), None)
    return head is not None and whole is not None and head < whole


def _clause_span(token: Token) -> set[int]:
    """The tokens of the clause a word stands in (its verb's subtree, less clauses of their own coordinated with it):
    "took delivery of Apaches from the US, while Indonesia signed a contract with France" keeps the two apart."""
    verb = token
    while not is_verb(verb) and verb.head.i != verb.i:
        verb = verb.head
    inner = {t.i for c in verb.children if c.dep_ in {"advcl", "conj", "ccomp"} and c.i > verb.i for t in c.subtree}
    return {t.i for t in verb.subtree} - inner


def _deal_roles(roles: dict[str, list[str]], sentence: _Sentence, parties: set[str],
                text: str, signers: Sequence[str] = (), clause: set[int] | None = None) -> dict[str, str] | None:
    """Who sells and who buys under a neutral contract: an explicit side when one is given, else the party named
    through a firm sells and the government buys, else the programme's owner sells, else the government that
    signs it with another buys ("Poland signed a contract with South Korea for tanks")."""
    supplier: str | None = next(iter(roles.get("supplier", [])), None)
    recipient: str | None = next(iter(roles.get("recipient", [])), None)
    sides = [p for p in dict.fromkeys([*roles.get("side", []), *(s for s in signers if s in parties)])
             if p not in {supplier, recipient}]
    firms = {m.label for t, m in sentence.parties if m.source == "company"}
    governments = {m.label for t, m in sentence.parties if m.source != "company"} - firms
    if supplier is None:
        options = [p for p in sides if p in firms and p != recipient] or \
                  [e.party for t, e in sentence.programs if e.party and e.party != recipient
                   and (clause is None or t.i in clause)]
        supplier = options[0] if options else None
    if recipient is None and supplier is None and len(sides) >= 2 and not set(sides) & set(signers):
        return None  # "talks between Seoul and Warsaw over a tank contract": nothing says who sells
    if recipient is None:
        options = [p for p in sides if p != supplier and (p in governments or not firms)]
        options = sorted(options, key=lambda p: p not in signers)  # the signing government first
        recipient = options[0] if options else None
    if supplier is None and recipient is not None:
        rest = sorted(parties - {recipient})
        supplier = rest[0] if len(rest) == 1 else None
    if recipient is None and supplier is not None:
        rest = sorted(parties - {supplier})
        recipient = rest[0] if len(rest) == 1 else None
    if supplier is None or recipient is None or supplier == recipient:
        return None
    return {"supplier": supplier, "recipient": recipient}


def _place_parties(index: _Index, sentence: Span) -> set[str]:
    """The states the places named in a sentence belong to ("HMAS Stirling" is Australia's)."""
    return {e.party for _, e in index.entities_in(sentence.start, sentence.end) if e.type == "location" and e.party}


def _carried_single(previous: list[set[str]], main_party: str | None) -> str | None:
    """A budget sentence without a party is the previous sentence's party when it names one, else the article's."""
    for parties in reversed(previous):
        if len(parties) == 1:
            return next(iter(parties))
    return main_party


def _named(token: Token) -> bool:
    """A titled agreement ("Reciprocal Access Agreement"), not a generic one ("the agreement")."""
    return token.text[:1].isupper() and any(c.dep_ == "compound" and c.text[:1].isupper() for c in token.children)


_LEAD = frozenset({"the", "a", "an", "its", "their", "his", "her", "of", "more", "some", "new", "both", "all", "also",
                   "and", "will", "would", "has", "have", "had", "been", "be", "this", "that", "these", "those"})


def _item(kind: str, token: Token, themes: list[Token]) -> str:
    """What the event is about, as written: the thing moved or made for transfers and joint work ("400 U.S.
    Tomahawk long-range cruise missiles"), else the trigger's own noun phrase ("joint exercises")."""
    if kind in {"co_development", "co_production"} and not themes and is_verb(token):
        themes = [c for p in token.children if p.dep_ == "prep" and p.lower_ == "on" for c in p.children
                  if c.dep_ == "pobj"]  # "work together on a combat aircraft"
    if kind in {"arms_transfer", "co_development", "co_production", "maintenance"} and not themes and \
            token.dep_ in {"relcl", "acl"} and token.head.pos_ == "NOUN":
        themes = [token.head]  # "the launchers Greece bought from Israel": what the clause describes
    if kind in {"arms_transfer", "co_development", "co_production", "maintenance"} and themes:
        theme = themes[0]
        if theme.pos_ == "PROPN":  # "asked the US for missiles", "picked Korea for its howitzers": the thing
            theme = next((c for p in [*token.children, *theme.children] if p.dep_ == "prep" and p.lower_ == "for"
                          for c in p.children if c.dep_ == "pobj"), theme)
        if theme.pos_ in {"ADJ", "NUM", "PRON", "DET"} and any(c.dep_ == "prep" and c.lower_ == "of"
                                                             for c in theme.children):
            return _words(list(theme.subtree))  # "the last of its F-16s", "two of the four frigates"
        words = [t for t in theme.subtree if t.i <= theme.i or (
            t.head.i == theme.i and t.dep_ in {"compound", "amod", "nummod"})]
        return _words(words) or _words(list(theme.subtree))  # "all of its howitzers"
    if is_verb(token):
        return str(token.text)
    words = [t for t in token.subtree if t.i <= token.i and t.dep_ not in {"poss", "case"}] or [token]
    return _words(words)


def _words(tokens: list[Token]) -> str:
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and tokens[0].lower_ in _LEAD:
        tokens = tokens[1:]
    written = tokens[0].doc.user_data.get("written") if tokens else None  # the text before any case change
    out = "".join((written[t.idx:t.idx + len(t)] + t.whitespace_) if written else t.text_with_ws
                  for t in tokens[-12:]).strip(" .,;:\"'")
    return out


def _attach(draft: _Draft, index: _Index, sentence: Span) -> None:
    """Programme, organisations, place, money and date stated in the same sentence."""
    for _, entity in index.entities_in(sentence.start, sentence.end):
        if entity.type == "program" and draft.program is None:
            draft.program = entity.name
        elif entity.type == "org" and entity.name not in {"European Union", "NATO", *draft.organizations}:
            draft.organizations.append(entity.name)
        elif entity.type == "location" and draft.location is None:
            draft.location = entity.name
    amounts = index.amounts_in(sentence.start, sentence.end)
    if amounts:
        draft.amount = amounts[0]
    dates = index.dates_in(sentence.start, sentence.end)
    if dates:
        draft.date = dates[0].value


#: Past forms of signing a contract.
_SIGNED = frozenset({"signed", "inked", "sealed", "concluded", "finalised", "finalized"})

#: The papers of a sale: signing one makes the sale agreed.
_CONTRACTS = frozenset({"deal", "contract", "agreement", "pact", "treaty", "accord", "arrangement", "package", "order"})


def _states_a_signing(doc: Doc) -> bool:
    """A sentence that tells a contract as signed ("Hegseth signed a Letter of Acceptance", "the contract was inked
    on Tuesday"), not one to be signed or not signed."""
    for verb in doc:
        if verb.lemma_.lower() not in {"sign", "ink", "seal", "conclude", "finalise", "finalize"} or \
                verb.tag_ not in {"VBD", "VBN"} or any(
                c.dep_ in {"neg", "aux", "auxpass"} and c.lower_ in {"not", "n't", "never", "will", "would", "to", "be"}
                for c in verb.children):
            continue
        for paper in (c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}):
            words = {t.lemma_.lower() for t in paper.subtree}
            if paper.lemma_.lower() in _CONTRACTS or (paper.lemma_.lower() == "letter" and words & {"acceptance",
                                                                                                   "offer"}):
                return True
    return False


def _signed_after(drafts: list[_Draft], signings: list[tuple[int, set[str]]], published: str) -> list[_Draft]:
    """A purchase told in the future ("Argentina will acquire eight vehicles from the US") whose contract the next
    sentences report signed, with no sale of their own, is agreed: the lead states the deal, the signing its stage."""
    def recent(date: str | None) -> bool:  # a signing this month or last, or undated
        if not date or not published:
            return True
        year, month = int(published[:4]), int(published[5:7] or 1)
        before = f"{year - 1}-12" if month == 1 else f"{year}-{month - 1:02d}"
        return date[:7] >= before if len(date) >= 7 else date[:4] >= published[:4]

    # a signing sentence that tells a sale of its own (not just "the contract") is another deal
    sold = {d.sentence.start for d in drafts if d.type == "arms_transfer" and not (
        d.item.split()[-1:] and d.item.split()[-1].lower() in _CONTRACTS and recent(d.date))}
    for draft in drafts:
        if draft.type != "arms_transfer" or draft.status != "planned" or not draft.tense_only:
            continue
        after = [parties for start, parties in signings if draft.sentence.start < start <= draft.sentence.end + 600
                 and start not in sold and (not parties or parties & draft.participants)]
        if after:
            draft.status = "agreed"
            draft.why += " (agreed: its contract is reported signed)"
    return drafts


def _one_rule(drafts: list[_Draft]) -> list[_Draft]:
    """One rule change told once: "lifted the restrictions it placed on weapons sales to Turkey" reads a rule at
    "restrictions" and at "sales"; the reading with the rule's target stands for both."""
    aimed = {(d.sentence.start, d.roles.get("actor")) for d in drafts if d.type == "export_control"
             and "target" in d.roles}
    return [d for d in drafts if not (d.type == "export_control" and "target" not in d.roles
                                      and (d.sentence.start, d.roles.get("actor")) in aimed)]


def _under_signed(drafts: list[_Draft]) -> list[_Draft]:
    """Once an article reports an agreement or a contract signed between parties, what it says they "will" do
    together is what they agreed (ONTOLOGY 3.1: "under the contract, France will deliver" is agreed), not a plan."""
    signed = [d for d in drafts if d.type in {"agreement", "arms_transfer"} and d.status == "agreed" and not d.carried
              and not d.tense_only]
    for draft in drafts:
        if draft.status == "planned" and draft.tense_only and draft.type not in {"meeting", "agreement"} and any(
                a.sentence.start <= draft.sentence.start and draft.participants <= a.participants for a in signed):
            draft.status = "agreed"
            draft.why += " (agreed: the parties signed the agreement reported before)"
    return drafts


def _budget(seen: list[Amount], amount: Amount) -> int:
    """Which of a party's budgets an amount states: two sums that differ by more than a tenth are two budgets
    ("a special budget of NT$1.25 trillion" and "the 2026 budget of NT$949.5 billion"), the first one unnumbered."""
    def value(a: Amount) -> tuple[str, float]:
        return ("USD", a.usd) if a.usd else (a.currency, a.value)

    for n, known in enumerate(seen):
        (c1, v1), (c2, v2) = value(known), value(amount)
        if c1 == c2 and abs(v1 - v2) <= 0.1 * max(v1, v2):
            return n
    seen.append(amount)
    return len(seen) - 1


def _merge(drafts: list[_Draft]) -> list[Event]:
    """One event per type, participants and direction in an article, with every sentence that states it.

    An agreement stated in the same sentence as a transfer or joint programme between the same parties is that
    event, unless it has a title of its own.
    """
    grouped: dict[tuple[str, tuple[str, ...], tuple[tuple[str, str], ...], int], list[_Draft]] = {}
    budgets: dict[tuple[str, ...], list[Amount]] = {}
    for draft in drafts:
        parties = tuple(sorted(draft.participants))
        which = 0
        own = draft.amount if draft.amount and draft.reach[0] <= draft.amount.start < draft.reach[1] else None
        if draft.type == "defense_spending" and own is not None:
            # the sum in the budget's own phrase ("a ¥43 trillion buildup"), not one it is part of
            which = _budget(budgets.setdefault(parties, []), own)
        key = (draft.type, parties, tuple(sorted(draft.roles.items())), which)
        grouped.setdefault(key, []).append(draft)
    specific = [d for d in drafts if d.type in SPECIFIC]

    def contains(agreement: _Draft) -> bool:
        """A transfer or joint programme that is what the agreement is about ("a deal to buy jets", "a pact under
        which Paris delivers"), or that the agreement states ("signed a framework on minerals")."""
        return any(d.sentence.start == agreement.sentence.start and d.participants <= agreement.participants and
                   not d.carried and (
            agreement.reach[0] <= d.at < agreement.reach[1] or agreement.at in d.governors
            or agreement.attached in d.governors) for d in specific)

    def named_for(agreement: _Draft) -> bool:
        """A titled agreement whose own name says the act ("a Master Ship Repair Agreement"): that act."""
        return any(d.sentence.start == agreement.sentence.start and d.participants <= agreement.participants and
                   agreement.reach[0] <= d.at < agreement.at for d in specific)

    events = []
    for (kind, participants, roles, _), group in grouped.items():
        if kind == "agreement":
            group = [d for d in group if (d.named and not named_for(d)) or not contains(d)]
            group = [d for d in group if d.named or not (d.by_firm or d.bare or (d.carried and not d.topical))
                     or not any(x.participants == set(participants) and not x.carried
                                and x.sentence.start <= d.sentence.start for x in specific)]
            # "the agreement was signed by ...", "the two governments signed a memorandum", "signed a MoU with a
            # shipyard to buy boats": the act told before, not an accord of its own
            if all(d.bare for d in group) and any(d.participants == set(participants) for d in specific):
                continue  # "signed the agreement" after the deal was told as a sale: that deal
            if all(not d.named and not d.topical for d in group) and any(
                    d.type == "arms_transfer" and d.participants == set(participants)
                    and d.status not in {"proposed", "planned"} for d in specific):
                continue  # "the biggest defence agreement ever struck between them": the sale told again (but
                # "signed a defence deal with Colombia, hoping to sell it jets": the pact, and a sale only hoped for)
            if not group:
                continue
        first = max(group, key=lambda d: (not d.carried, bool(d.amount or d.program), -d.sentence.start))
        evidence = tuple(sorted({d.sentence for d in group}, key=lambda s: s.start))
        confidence = round(min(0.95, 0.55 + 0.1 * len(evidence) + (0.0 if first.carried else 0.15)
                               + (0.1 if first.program else 0.0)), 3)
        # the stage as the article first states it of the parties themselves: the news is in the lead, and later
        # sentences about the same pair are often background (an earlier order, a purchase still considered)
        stating = max(group, key=lambda d: (not d.carried, -d.sentence.start, not d.describing))
        status = stating.status
        if kind == "arms_transfer" and status == "completed" and any(d.status == "ongoing" for d in group):
            status = "ongoing"  # "Taiwan has received 38 Abrams ... the first batch of 108": only part delivered
        if kind == "meeting" and status == "completed" and any(
                d.status == "ongoing" and d.sentence.start == stating.sentence.start and "now" in d.why for d in group):
            status = "ongoing"  # "has landed in Muscat and is holding talks with the sultan": there now
        events.append(Event(type=kind, participants=participants, roles=roles, status=status, item=first.item,
                            evidence=evidence, program=first.program,
                            organizations=tuple(dict.fromkeys(o for d in group for o in d.organizations)),
                            date=first.date, location=first.location, amount=first.amount,
                            confidence=confidence, trigger=first.trigger, why=first.why))
    return sorted(events, key=lambda e: e.evidence[0].start)
