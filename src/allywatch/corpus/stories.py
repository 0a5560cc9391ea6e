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
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from heapq import nlargest
from itertools import compress, islice, repeat
from operator import add, and_, itemgetter, le, lt, mul, neg, pow, truediv
from typing import Any

from allywatch.model import Extraction
from allywatch.nlp.dates import find_dates

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

    threshold: float = 0.37
    max_days: int = 45
    text_weight: float = 0.47
    names_weight: float = 0.35
    events_weight: float = 0.18


def similarity(a: Signature, b: Signature, params: StoryParams = StoryParams(),
               idf: dict[str, float] | None = None) -> float:
    """How likely two articles report the same development, in [0, 1]."""
    return _similarity(a, b, params, _cosine(a, b, idf))


def _similarity(a: Signature, b: Signature, params: StoryParams, text: float) -> float:
    if a.day and b.day and abs((a.day - b.day).days) > params.max_days:
        return 0.0
    people_a, things_a = _split_names(a.names)
    people_b, things_b = _split_names(b.names)
    return _blend(params, text, a, people_a, things_a, b, people_b, things_b)


def _split_names(names: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """People, and the programmes, firms and bodies."""
    people = frozenset(n for n in names if n.startswith("person:"))
    return people, names - people


def _blend(params: StoryParams, text: float, a: Signature, people_a: frozenset[str], things_a: frozenset[str],
           b: Signature, people_b: frozenset[str], things_b: frozenset[str]) -> float:
    return _combine(params, text, *_agreement(a, people_a, things_a, b, people_b, things_b))


def _agreement(a: Signature, people_a: frozenset[str], things_a: frozenset[str], b: Signature,
               people_b: frozenset[str], things_b: frozenset[str]) -> tuple[float, float, bool, bool]:
    """What two articles' names and events share, and whether their acts and their parties differ: the part of
    their similarity that is not the words'."""
    # leaders recur across a country's stories; programmes, firms and bodies are more telling
    if things_a or things_b:
        names = 0.7 * _overlap(things_a, things_b) + 0.3 * _overlap(people_a, people_b)
    else:
        names = _overlap(people_a, people_b)
    events = _overlap(a.events, b.events)
    other_acts = bool(a.events and b.events and not events)
    other_parties = bool(a.parties and b.parties and not (a.parties & b.parties))
    return names, events, other_acts, other_parties


def _combine(params: StoryParams, text: float, names: float, events: float, other_acts: bool,
             other_parties: bool) -> float:
    score = params.text_weight * text + params.names_weight * names + params.events_weight * events
    if other_acts:
        score *= 0.8  # both report acts, and not the same ones
    if other_parties:
        score *= 0.5
    return score


def _overlap(a: frozenset[Any], b: frozenset[Any]) -> float:
    """Overlap coefficient: a summary that names less is still fully inside the fuller report."""
    if not a or not b:
        return 0.0
    size_a, size_b = len(a), len(b)
    return len(a & b) / (size_a if size_a < size_b else size_b)


def _cosine(a: Signature, b: Signature, idf: dict[str, float] | None) -> float:
    weights_b = dict(b.words)
    if idf is None:
        dot = sum(v * weights_b.get(w, 0.0) for w, v in a.words)
        return dot / (a.norm * b.norm)
    dot = sum(v * weights_b.get(w, 0.0) * idf.get(w, 1.0) ** 2 for w, v in a.words)
    return dot / (_norm(a.words, idf) * _norm(b.words, idf))


def _norm(words: Iterable[tuple[str, float]], idf: dict[str, float]) -> float:
    return math.sqrt(sum((v * idf.get(w, 1.0)) ** 2 for w, v in words)) or 1.0


@dataclass(slots=True)
class _Vector:
    """What scoring reads of one article, worked out once: its words and their weights (also as a map), whether
    its words are sorted and distinct, and its names split into people and the rest."""

    words: tuple[str, ...]
    weights: tuple[float, ...]
    map: dict[str, float]
    ordered: bool
    people: frozenset[str]
    things: frozenset[str]

    @classmethod
    def of(cls, sig: Signature) -> _Vector:
        words: tuple[str, ...] = ()
        weights: tuple[float, ...] = ()
        if sig.words:
            words, weights = zip(*sig.words, strict=True)
        weighted = dict(sig.words)
        people, things = _split_names(sig.names)
        return cls(words, weights, weighted, len(weighted) == len(words) and words == tuple(sorted(words)), people,
                   things)


def _dot(own: _Vector, theirs: _Vector, idf2: dict[str, float]) -> float:
    """The idf-weighted dot product of two articles' words, added up over their shared words in the order of the
    one with fewer words (so the sum is the same to the last bit whichever way it is computed)."""
    if own.ordered and theirs.ordered:  # the shared words in word order, either's
        if len(own.words) <= len(theirs.words):
            common = list(filter(theirs.map.__contains__, own.words))
        else:
            common = list(filter(own.map.__contains__, theirs.words))
        if len(common) > 1:
            get = itemgetter(*common)
            return sum(map(mul, map(mul, get(own.map), get(theirs.map)), get(idf2)))
        if common:
            word = common[0]
            return own.map[word] * theirs.map[word] * idf2[word]
        return 0.0
    if len(own.map) <= len(theirs.map):
        return sum(v * theirs.map[w] * idf2[w] for w, v in own.map.items() if w in theirs.map)
    return sum(v * own.map[w] * idf2[w] for w, v in theirs.map.items() if w in own.map)


@dataclass
class _Story:
    """What clustering keeps of a story: its first and latest articles stand for it, with its date range."""

    id: str
    first: Signature
    recent: list[Signature]
    earliest: dt.date | None
    latest: dt.date | None
    docs: list[str]

    def exemplars(self) -> list[Signature]:
        return [self.first, *[m for m in self.recent if m is not self.first]]


@dataclass
class StoryClusterer:
    """Assigns articles to stories incrementally; memberships, once given, never change.

    The cost of adding an article stays flat however large the corpus and its stories:
    - blocking: an inverted index from features (resolved names, event keys, the article's most distinctive
      words) to the stories that had them, most recent last, gives the candidates; a feature's list is read only
      to its last ``posting_limit`` stories (a name every story shares tells nothing), and only the
      ``candidates`` stories sharing the most with the article are scored, those outside the date window not at
      all;
    - a story is represented by its first article and its ``recent`` latest ones, not all its members, each with
      its word map, word set and split names worked out once;
    - text similarity uses the current inverse document frequencies, but a stored article's vector norm is
      recomputed only when the corpus has grown by ``epoch_growth`` since it was last computed; the dot product
      runs over the shared words only, in C (the same sum, term by term, as a loop over the smaller vector).
    Memory holds a story's representatives, its members' ids and the word counts.
    """

    params: StoryParams = field(default_factory=StoryParams)
    stories: dict[str, _Story] = field(default_factory=dict)
    document_frequency: Counter[str] = field(default_factory=Counter)
    documents: int = 0
    index: dict[str, dict[str, None]] = field(default_factory=dict)
    recent: int = 2
    candidates: int = 5
    posting_limit: int = 64
    epoch_growth: float = 1.2
    _norms: dict[int, tuple[int, float]] = field(default_factory=dict)
    _vectors: dict[int, _Vector] = field(default_factory=dict)
    _bounded: bool = True
    _text_bound: float = 1.0

    def __post_init__(self) -> None:
        # The highest text similarity: a stored norm is at most one epoch old, and in an epoch a word's idf
        # (ln((1 + N) / (1 + df)) + 1, at least 1 while no article has a word twice) grows by at most ln(growth),
        # so the current norm is at most 1 + ln(growth) times the stored one (Cauchy-Schwarz does the rest); with
        # a margin for rounding.
        self._bounded = self.epoch_growth > 1.0
        self._text_bound = (1.0 + math.log(self.epoch_growth)) * 1.01 if self._bounded else math.inf

    @property
    def members(self) -> dict[str, list[str]]:
        """Each story's article ids, in the order they joined."""
        return {story: list(s.docs) for story, s in self.stories.items()}

    def remember(self, story: str, sig: Signature) -> None:
        """Record an article already assigned to ``story`` (when rebuilding from a store)."""
        vector = _Vector.of(sig)
        self._count(vector)
        self._join(story, sig, vector, self._features(sig, vector, self._idf(vector)))

    def add(self, sig: Signature) -> str:
        """The story of a new article: the most similar existing story above threshold, else a new one."""
        own = _Vector.of(sig)
        self._count(own)
        idf = self._idf(own)
        features = self._features(sig, own, idf)
        own_norm = math.sqrt(sum(map(pow, map(mul, own.weights, idf), repeat(2)))) or 1.0
        idf2 = dict(zip(own.words, map(pow, idf, repeat(2)), strict=True))
        epoch = int(math.log(max(self.documents, 1)) / math.log(self.epoch_growth))
        best, best_score = None, 0.0
        for story in self._candidates(sig, features):
            # a story scores its best member: taking its members one by one picks the same story
            for member in story.exemplars():
                score = self._score(sig, own, own_norm, member, idf2, epoch, best_score)
                if score > best_score:
                    best, best_score = story.id, score
        if best is None or best_score < self.params.threshold:
            best = self._new_id(sig)
        self._join(best, sig, own, features)
        return best

    def _new_id(self, sig: Signature) -> str:
        """A new story's id, from what its first article says (its date, names, events and words), not from the
        article's file name: two articles called the same are not one story; the same on any machine."""
        content = json.dumps([sig.day.isoformat() if sig.day else None, sorted(sig.names), sorted(sig.events),
                              sig.words], ensure_ascii=False)
        base = "s-" + hashlib.sha1(content.encode("utf-8")).hexdigest()[:12]
        story, n = base, 1
        while story in self.stories:  # two first articles that say exactly the same
            n += 1
            story = f"{base}-{n}"
        return story

    def earliest(self, story: str) -> dt.date | None:
        """The earliest publication date among a story's articles, if any is dated."""
        found = self.stories.get(story)
        return found.earliest if found else None

    def _score(self, sig: Signature, own: _Vector, own_norm: float, member: Signature, idf2: dict[str, float],
               epoch: int, floor: float) -> float:
        """The similarity of a new article to a story's member; 0.0 when it could not be above both ``floor`` and
        the threshold, and so could change nothing (what names, events and parties give, with the highest text
        similarity possible, tells without reading the words)."""
        params = self.params
        if sig.day and member.day and abs((sig.day - member.day).days) > params.max_days:
            return 0.0
        key = id(member)
        theirs = self._vectors.get(key)
        if theirs is None:
            theirs = self._vectors[key] = _Vector.of(member)
        # the norm now even if unused: when a norm is taken is part of it
        known = self._norms.get(key)
        if known is None or known[0] != epoch:
            known = self._norms[key] = (epoch, self._norm_of(theirs))
        agreement = _agreement(sig, own.people, own.things, member, theirs.people, theirs.things)
        if self._bounded:
            highest = _combine(params, self._text_bound, *agreement)
            if highest < params.threshold or highest <= floor:
                return 0.0
        return _combine(params, _dot(own, theirs, idf2) / (own_norm * known[1]), *agreement)

    def _norm_of(self, vector: _Vector) -> float:
        """An article's vector norm with the current idf."""
        return math.sqrt(sum(map(pow, map(mul, vector.weights, self._idf(vector)), repeat(2)))) or 1.0

    def _count(self, vector: _Vector) -> None:
        self.documents += 1
        self.document_frequency.update(vector.words)
        if len(vector.map) != len(vector.words):  # a word twice: its document frequency can pass the documents
            self._bounded = False

    def _join(self, story_id: str, sig: Signature, vector: _Vector, features: list[str]) -> None:
        self._vectors[id(sig)] = vector
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = _Story(story_id, sig, [], sig.day, sig.day, [])
        else:
            story.recent.append(sig)
            if len(story.recent) > self.recent:
                dropped = story.recent.pop(0)
                self._norms.pop(id(dropped), None)
                self._vectors.pop(id(dropped), None)
            if sig.day:
                story.earliest = min(story.earliest or sig.day, sig.day)
                story.latest = max(story.latest or sig.day, sig.day)
        story.docs.append(sig.doc)
        for feature in features:
            posting = self.index.setdefault(feature, {})
            posting.pop(story_id, None)
            posting[story_id] = None  # most recently touched last

    def _candidates(self, sig: Signature, features: list[str]) -> list[_Story]:
        shared: dict[str, float] = {}
        get = shared.get
        stories = len(self.stories)
        for feature in features:
            posting = self.index.get(feature)
            if not posting:
                continue
            # a feature few stories have tells more; names and event keys more than words
            weight = (1.0 + math.log(stories / len(posting))) * (1 if feature.startswith("w:") else 2)
            recent = list(islice(reversed(posting), self.posting_limit))  # the most recent stories
            # each story's sum grows feature by feature, as a loop would add them, but in C
            shared.update(zip(recent, map(add, map(get, recent, repeat(0.0)), repeat(weight)), strict=True))
        # the most shared first, then by id; ordered a slice of scores at a time, as far as needed
        ids, scores = list(shared), list(shared.values())
        window = self.params.max_days
        found: list[_Story] = []
        upper, taken = math.inf, 0
        while taken < len(scores) and len(found) < self.candidates:
            taken = min(taken + 16, len(scores))
            lower = nlargest(taken, scores)[-1]  # the taken-th highest score
            chunk = list(compress(ids, map(and_, map(le, repeat(lower), scores), map(lt, scores, repeat(upper)))))
            upper = lower
            for _, story_id in sorted(zip(map(neg, map(shared.__getitem__, chunk)), chunk, strict=True)):
                story = self.stories[story_id]
                if sig.day and story.earliest and story.latest and not (
                        (story.earliest - sig.day).days <= window and (sig.day - story.latest).days <= window):
                    continue
                found.append(story)
                if len(found) >= self.candidates:
                    break
        return found

    @staticmethod
    def _features(sig: Signature, vector: _Vector, idf: list[float]) -> list[str]:
        """Resolved names, event keys and the eight words weighing most with the current idf."""
        keys = list(map(mul, map(neg, vector.weights), idf))
        pairs: Iterable[tuple[float, str]] = zip(keys, vector.words, strict=True)
        if len(keys) > 8:  # those up to the eighth key, then the first eight of them by key and word
            pairs = compress(pairs, map(le, keys, repeat(sorted(keys)[7])))
        rare = sorted(pairs)[:8]
        return ([f"n:{n}" for n in sorted(sig.names)] + [f"e:{t}:{','.join(p)}" for t, p in sorted(sig.events)]
                + [f"w:{w}" for _, w in rare])

    def _idf(self, vector: _Vector) -> list[float]:
        """The current inverse document frequency of each of an article's words, in its order."""
        frequencies = map(self.document_frequency.__getitem__, vector.words)
        ratios = map(truediv, repeat(1 + self.documents), map(add, frequencies, repeat(1)))
        return list(map(add, map(math.log, ratios), repeat(1.0)))


def story_ids(signatures: list[Signature], published: list[str | None],
              clusterer: StoryClusterer | None = None) -> tuple[list[str], list[str | None]]:
    """Each article's story id (dated articles clustered first, so the earliest report leads), and the date an
    undated one takes from its story (None when it keeps none). The one story algorithm every engine runs."""
    clusterer = clusterer or StoryClusterer()
    order = sorted(range(len(signatures)), key=lambda i: (published[i] is None, published[i] or "", i))
    stories: dict[int, str] = {}
    for i in order:
        stories[i] = clusterer.add(signatures[i])
    earliest: dict[str, str] = {}
    for i, day in enumerate(published):
        if day:
            earliest[stories[i]] = min(earliest.get(stories[i], day), day)
    ids = [stories[i] for i in range(len(signatures))]
    inferred = [None if published[i] else earliest.get(ids[i]) for i in range(len(signatures))]
    return ids, inferred


def assign_stories(extractions: Iterable[Extraction], clusterer: StoryClusterer | None = None) -> list[Extraction]:
    """Give every extraction its story id; an undated article takes the earliest date of its story, marked as
    inferred."""
    items = list(extractions)
    ids, inferred = story_ids([signature(e) for e in items], [e.article.published for e in items], clusterer)
    out = []
    for e, story, day in zip(items, ids, inferred, strict=True):
        if day is not None:
            e = _dated(e, day)
        out.append(replace(e, story=story))
    return out


def _dated(extraction: Extraction, day: str) -> Extraction:
    """An undated article given its story's date, marked as inferred, with its relative dates ("last Saturday")
    resolved against that date."""
    article = replace(extraction.article, published=day, published_inferred=True)
    return replace(extraction, article=article,
                   dates=tuple(find_dates(article.text, dt.date.fromisoformat(day[:10]))))


def dates_as_of(text: str, day: str) -> list[dict[str, Any]]:
    """The dates of an article's text resolved against the story's date it took (the output rows' form)."""
    return [{"text": d.text, "value": d.value, "start": d.start, "end": d.end}
            for d in find_dates(text, dt.date.fromisoformat(day[:10]))]


def stream_stories(extractions: Iterable[Extraction], clusterer: StoryClusterer | None = None
                   ) -> Iterator[Extraction]:
    """Each extraction with its story id as soon as it arrives, so output flows and memory stays flat: an article
    joins the best story among the articles before it (input order, not date order); an undated one takes the
    earliest date its story has so far, marked as inferred."""
    clusterer = clusterer or StoryClusterer()
    for extraction in extractions:
        story = clusterer.add(signature(extraction))
        day = clusterer.earliest(story) if extraction.article.published is None else None
        if day is not None:
            extraction = _dated(extraction, day.isoformat())
        yield replace(extraction, story=story)


def signature_to_json(sig: Signature) -> dict[str, Any]:
    """A signature as JSON (kept with stored and batch articles, so clustering can resume without extracting)."""
    return {"doc": sig.doc, "day": sig.day.isoformat() if sig.day else None, "names": sorted(sig.names),
            "events": [[t, list(p)] for t, p in sorted(sig.events)], "parties": sorted(sig.parties),
            "words": [[w, v] for w, v in sig.words], "norm": sig.norm}


def signature_from_json(data: dict[str, Any]) -> Signature:
    """The signature :func:`signature_to_json` wrote."""
    return Signature(doc=data["doc"], day=dt.date.fromisoformat(data["day"]) if data.get("day") else None,
                     names=frozenset(data["names"]), events=frozenset((t, tuple(p)) for t, p in data["events"]),
                     parties=frozenset(data["parties"]), words=tuple((w, float(v)) for w, v in data["words"]),
                     norm=float(data["norm"]))
