"""The central objects that flow through allywatch: frozen, picklable dataclasses.

Each stage returns new objects; database rows and API schemas are separate
types converted in one place (``allywatch.output`` for the JSON contract).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass(frozen=True)
class OffsetMap:
    """Maps offsets in an article's cleaned text back to its original text.

    ``segments`` holds ``(clean_start, original_start)`` pairs, sorted by
    ``clean_start``: inside one segment both texts advance together. An
    ``original_start`` of -1 marks text that has no counterpart in the
    original (for example a title taken from metadata).
    """

    segments: tuple[tuple[int, int], ...] = ()

    def to_original(self, offset: int) -> int | None:
        """The original offset of cleaned ``offset``, or None if it was synthesised."""
        if not self.segments:
            return offset
        starts = [s for s, _ in self.segments]
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return None
        clean_start, original_start = self.segments[i]
        if original_start < 0:
            return None
        return original_start + (offset - clean_start)


@dataclass(frozen=True)
class Article:
    """One news article as read from a source, with its cleaned text."""

    doc: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    author: str | None = None
    origin: str = ""
    original: str = ""
    offsets: OffsetMap = field(default_factory=OffsetMap)
    published_inferred: bool = False


@dataclass(frozen=True)
class Rejected:
    """An input that could not be read: where it came from and why."""

    origin: str
    reason: str
    line: int | None = None
    doc: str | None = None


@dataclass(frozen=True)
class Skipped(Rejected):
    """A file in a folder that is not read, with why (no extension or one no reader takes, a link to nothing):
    reported and counted apart from rejected inputs, and no error."""


@dataclass(frozen=True)
class Span:
    """A stretch of an article's cleaned text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """One surface form of an entity at a place in the text (``label``: a party code for party mentions)."""

    text: str
    start: int
    end: int
    label: str = ""
    source: str = ""
    """For party mentions: what names the party ("company" when only a firm's home state does, "person" for an
    official acting for it, "place" for a city or region)."""


@dataclass(frozen=True)
class Entity:
    """An entity reported once per article with its canonical name and mentions."""

    type: str
    name: str
    mentions: tuple[Mention, ...] = ()
    party: str | None = None
    kb_id: str | None = None
    resolved_by: str = ""


@dataclass(frozen=True)
class Amount:
    """A sum of money as written, with its value in units and in US dollars."""

    value: float
    currency: str
    text: str
    start: int = -1
    end: int = -1
    usd: float | None = None
    year: int | None = None
    #: "min" for "more than $2 billion", "max" for "up to", "about" for "about", "nearly"; None for a figure
    bound: str | None = None


@dataclass(frozen=True)
class DateMention:
    """A resolved date expression."""

    text: str
    value: str
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class Quote:
    """A direct quotation with its speaker."""

    speaker: str | None
    text: str
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class Event:
    """One act or state of cooperation between parties, tied to its sentences."""

    type: str
    participants: tuple[str, ...]
    status: str
    item: str
    evidence: tuple[Span, ...]
    roles: tuple[tuple[str, str], ...] = ()
    program: str | None = None
    organizations: tuple[str, ...] = ()
    date: str | None = None
    location: str | None = None
    amount: Amount | None = None
    confidence: float = 0.5
    trigger: str = ""
    why: str = ""


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    amounts: tuple[Amount, ...] = ()
    dates: tuple[DateMention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    sentences: tuple[Span, ...] = ()
    party_mentions: tuple[Mention, ...] = ()
    headline_parties: tuple[str, ...] = ()
    """The parties the article's title names, in order: the story's protagonists (the title is not in ``text``,
    so these have no mentions)."""
    story: str | None = None
    notes: tuple[str, ...] = ()
