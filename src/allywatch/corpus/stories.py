"""Stories: articles that report the same real-world development share one story id.

Each article is reduced to a ``Signature``: the resolved people, programmes
and organisations it names, its event keys (type and parties), its parties,
its date, and a bag of content words. Two articles are compared by a blend of
text cosine similarity and overlaps of what the pipeline resolved, so
rewrites with garbled names still meet on the canonical names the resolver
gave them, and a summary with different wording still shares its events.
Articles more than ``max_days`` apart are different developments, however
alike (China's export bans of 2023 and of 2024 are two stories).

Clustering is incremental and stable: a new article joins the story whose
members it is most similar to, if that is above ``threshold``, or starts a
new story; existing memberships never change, so unrelated arrivals cannot
move an article to another story.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from allywatch.model import Extraction

_WORD = re.compile(r"[a-z][a-z'-]{2,}")
STOPWORDS = frozenset("""
the and for that with this from have has had was were will would said says also its their they them than
then there these those which while about after before into over under more most such other some any all
been being are not but can could may might should our out who whom what when where how his her him she
one two three new last year years week month day told added including according percent per like just
""".split())


@dataclass(frozen=True)
class Signature:
    """What story clustering needs to know about one article."""

    doc: str
    day: dt.date | None
    names: frozenset[str]
    events: frozenset[tuple[str, tuple[str, ...]]]
    parties: frozenset[str]
    words: tuple[tuple[str, float], ...]
    norm: float


def signature(extraction: Extraction) -> Signature:
    """The signature of one extraction."""
    article = extraction.article
    names = frozenset(f"{e.type}:{e.name}" for e in extraction.entities if e.type in {"person", "program", "org"})
    events = frozenset((e.type, e.participants) for e in extraction.events)
    parties = frozenset(e.name for e in extraction.entities if e.type == "country")
    text = f"{article.title or ''} {article.text}".lower()
    counts = Counter(w for w in _WORD.findall(text) if w not in STOPWORDS)
    weights = tuple(sorted((w, 1.0 + math.log(c)) for w, c in counts.items()))
    norm = math.sqrt(sum(v * v for _, v in weights)) or 1.0
    day = dt.date.fromisoformat(article.published) if article.published else None
    return Signature(article.doc, day, names, events, parties, weights, norm)


@dataclass(frozen=True)
class StoryParams:
    """Tuning of story clustering."""

    threshold: float = 0.42
    max_days: int = 45
    text_weight: float = 0.45
    names_weight: float = 0.35
    events_weight: float = 0.20


def similarity(a: Signature, b: Signature, params: StoryParams = StoryParams(),
               idf: dict[str, float] | None = None) -> float:
    """How likely two articles report the same development, in [0, 1]."""
    if a.day and b.day and abs((a.day - b.day).days) > params.max_days:
        return 0.0
    text = _cosine(a, b, idf)
    # leaders recur across a country's stories; programmes, firms and bodies are more telling
    people_a = frozenset(n for n in a.names if n.startswith("person:"))
    people_b = frozenset(n for n in b.names if n.startswith("person:"))
    things_a, things_b = a.names - people_a, b.names - people_b
    if things_a or things_b:
        names = 0.7 * _overlap(things_a, things_b) + 0.3 * _overlap(people_a, people_b)
    else:
        names = _overlap(people_a, people_b)
    events = _overlap(frozenset(a.events), frozenset(b.events))
    score = params.text_weight * text + params.names_weight * names + params.events_weight * events
    if a.events and b.events and not events:
        score *= 0.8  # both report acts, and not the same ones
    if a.parties and b.parties and not (a.parties & b.parties):
        score *= 0.5
    return score


def _overlap(a: frozenset[object], b: frozenset[object]) -> float:
    """Overlap coefficient: a summary that names less is still fully inside the fuller report."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _cosine(a: Signature, b: Signature, idf: dict[str, float] | None) -> float:
    weights_b = dict(b.words)
    if idf is None:
        dot = sum(v * weights_b.get(w, 0.0) for w, v in a.words)
        return dot / (a.norm * b.norm)
    dot = sum(v * weights_b.get(w, 0.0) * idf.get(w, 1.0) ** 2 for w, v in a.words)
    norm_a = math.sqrt(sum((v * idf.get(w, 1.0)) ** 2 for w, v in a.words)) or 1.0
    norm_b = math.sqrt(sum((v * idf.get(w, 1.0)) ** 2 for w, v in b.words)) or 1.0
    return dot / (norm_a * norm_b)


@dataclass
class StoryClusterer:
    """Assigns articles to stories incrementally; memberships, once given, never change.

    Candidates are found through an inverted index of each story's resolved names, event keys and most
    distinctive words, so a new article is compared with the few stories that share something with it,
    not with the whole store; within a story, the most recent members stand for it.
    """

    params: StoryParams = field(default_factory=StoryParams)
    members: dict[str, list[Signature]] = field(default_factory=dict)
    document_frequency: Counter[str] = field(default_factory=Counter)
    documents: int = 0
    index: dict[str, set[str]] = field(default_factory=dict)
    compare_last: int = 25

    def remember(self, story: str, sig: Signature) -> None:
        """Record an article already assigned to ``story`` (when rebuilding from a store)."""
        self._count(sig)
        self._join(story, sig)

    def add(self, sig: Signature) -> str:
        """The story of a new article: the most similar existing story above threshold, else a new one."""
        self._count(sig)
        idf = self._idf(sig)
        best, best_score = None, 0.0
        for story in self._candidates(sig, idf):
            score = max(similarity(sig, m, self.params, idf) for m in self._representatives(story))
            if score > best_score:
                best, best_score = story, score
        if best is None or best_score < self.params.threshold:
            best = "s-" + hashlib.sha1(sig.doc.encode("utf-8")).hexdigest()[:12]
        self._join(best, sig, idf)
        return best

    def earliest(self, story: str) -> dt.date | None:
        """The earliest publication date among a story's articles, if any is dated."""
        return min((m.day for m in self.members.get(story, []) if m.day), default=None)

    def _count(self, sig: Signature) -> None:
        self.documents += 1
        self.document_frequency.update(w for w, _ in sig.words)

    def _join(self, story: str, sig: Signature, idf: dict[str, float] | None = None) -> None:
        self.members.setdefault(story, []).append(sig)
        for feature in self._features(sig, idf or self._idf(sig)):
            self.index.setdefault(feature, set()).add(story)

    def _representatives(self, story: str) -> list[Signature]:
        members = self.members[story]
        return members if len(members) <= self.compare_last else [members[0], *members[-self.compare_last:]]

    def _candidates(self, sig: Signature, idf: dict[str, float]) -> set[str]:
        found: set[str] = set()
        for feature in self._features(sig, idf):
            found |= self.index.get(feature, set())
        return found

    @staticmethod
    def _features(sig: Signature, idf: dict[str, float]) -> list[str]:
        rare = sorted(sig.words, key=lambda wv: -wv[1] * idf.get(wv[0], 1.0))[:8]
        return ([f"n:{n}" for n in sig.names] + [f"e:{t}:{','.join(p)}" for t, p in sig.events]
                + [f"w:{w}" for w, _ in rare])

    def _idf(self, sig: Signature) -> dict[str, float]:
        n = self.documents
        return {w: math.log((1 + n) / (1 + self.document_frequency[w])) + 1.0 for w, _ in sig.words}


def assign_stories(extractions: Iterable[Extraction], clusterer: StoryClusterer | None = None) -> list[Extraction]:
    """Give every extraction its story id (dated articles first, so the earliest report leads); an undated
    article takes the earliest date of its story, marked as inferred."""
    items = list(extractions)
    clusterer = clusterer or StoryClusterer()
    order = sorted(range(len(items)), key=lambda i: (items[i].article.published is None,
                                                     items[i].article.published or "", i))
    stories: dict[int, str] = {}
    for i in order:
        stories[i] = clusterer.add(signature(items[i]))
    earliest: dict[str, str] = {}
    for i, e in enumerate(items):
        if e.article.published:
            earliest[stories[i]] = min(earliest.get(stories[i], e.article.published), e.article.published)
    out = []
    for i, e in enumerate(items):
        story = stories[i]
        if e.article.published is None and story in earliest:
            article = replace(e.article, published=earliest[story], published_inferred=True)
            e = replace(e, article=article)
        out.append(replace(e, story=story))
    return out
