"""Clustering gives exactly the stories of the straightforward algorithm it was optimised from.

``ReferenceClusterer`` below is that algorithm as it was (each candidate scored in full, with its sets, word maps
and norms built as they are read); ``StoryClusterer`` must assign every article to the same story, with the same
story ids, on the benchmark's composed signatures and on random ones (undated articles, words out of order or
repeated, other tunings, stories rebuilt with ``remember``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import random
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice

import pytest

from allywatch.corpus.stories import Signature, StoryClusterer, StoryParams


def _similarity(a: Signature, b: Signature, params: StoryParams, text: float) -> float:
    if a.day and b.day and abs((a.day - b.day).days) > params.max_days:
        return 0.0
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


def _norm(words: Iterable[tuple[str, float]], idf: dict[str, float]) -> float:
    return math.sqrt(sum((v * idf.get(w, 1.0)) ** 2 for w, v in words)) or 1.0


@dataclass
class _RefStory:
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
class ReferenceClusterer:
    """Story clustering as it was: assigns articles to stories incrementally; memberships never change.

    The cost of adding an article stays flat however large the corpus and its stories:
    - blocking: an inverted index from features (resolved names, event keys, the article's most distinctive
      words) to the stories that had them, most recent last, gives the candidates; a feature's list is read only
      to its last ``posting_limit`` stories (a name every story shares tells nothing), and only the
      ``candidates`` stories sharing the most with the article are scored, those outside the date window not at
      all;
    - a story is represented by its first article and its ``recent`` latest ones, not all its members;
    - text similarity uses the current inverse document frequencies, but a stored article's vector norm is
      recomputed only when the corpus has grown by ``epoch_growth`` since it was last computed.
    Memory holds a story's representatives, its members' ids and the word counts.
    """

    params: StoryParams = field(default_factory=StoryParams)
    stories: dict[str, _RefStory] = field(default_factory=dict)
    document_frequency: Counter[str] = field(default_factory=Counter)
    documents: int = 0
    index: dict[str, dict[str, None]] = field(default_factory=dict)
    recent: int = 2
    candidates: int = 5
    posting_limit: int = 64
    epoch_growth: float = 1.2
    _norms: dict[int, tuple[int, float]] = field(default_factory=dict)
    _vectors: dict[int, dict[str, float]] = field(default_factory=dict)

    @property
    def members(self) -> dict[str, list[str]]:
        """Each story's article ids, in the order they joined."""
        return {story: list(s.docs) for story, s in self.stories.items()}

    def remember(self, story: str, sig: Signature) -> None:
        """Record an article already assigned to ``story`` (when rebuilding from a store)."""
        self._count(sig)
        self._join(story, sig, self._idf(sig))

    def add(self, sig: Signature) -> str:
        """The story of a new article: the most similar existing story above threshold, else a new one."""
        self._count(sig)
        idf = self._idf(sig)
        best, best_score = None, 0.0
        own = dict(sig.words)
        own_norm = _norm(sig.words, idf)
        for story in self._candidates(sig, idf):
            score = max(self._score(sig, own, own_norm, member, idf) for member in story.exemplars())
            if score > best_score:
                best, best_score = story.id, score
        if best is None or best_score < self.params.threshold:
            best = self._new_id(sig)
        self._join(best, sig, idf)
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

    def _score(self, sig: Signature, own: dict[str, float], own_norm: float, member: Signature,
               idf: dict[str, float]) -> float:
        if sig.day and member.day and abs((sig.day - member.day).days) > self.params.max_days:
            return 0.0
        theirs = self._vectors.get(id(member))
        if theirs is None:
            theirs = self._vectors[id(member)] = dict(member.words)
        if len(own) <= len(theirs):
            dot = sum(v * theirs[w] * idf[w] ** 2 for w, v in own.items() if w in theirs)
        else:
            dot = sum(v * own[w] * idf[w] ** 2 for w, v in theirs.items() if w in own)
        return _similarity(sig, member, self.params, dot / (own_norm * self._member_norm(member, idf)))

    def _member_norm(self, member: Signature, idf: dict[str, float]) -> float:
        epoch = int(math.log(max(self.documents, 1)) / math.log(self.epoch_growth))
        known = self._norms.get(id(member))
        if known is None or known[0] != epoch:
            full = {w: math.log((1 + self.documents) / (1 + self.document_frequency[w])) + 1.0
                    for w, _ in member.words}
            known = (epoch, _norm(member.words, full))
            self._norms[id(member)] = known
        return known[1]

    def _count(self, sig: Signature) -> None:
        self.documents += 1
        self.document_frequency.update(w for w, _ in sig.words)

    def _join(self, story_id: str, sig: Signature, idf: dict[str, float]) -> None:
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = _RefStory(story_id, sig, [], sig.day, sig.day, [])
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
        for feature in self._features(sig, idf):
            posting = self.index.setdefault(feature, {})
            posting.pop(story_id, None)
            posting[story_id] = None  # most recently touched last

    def _candidates(self, sig: Signature, idf: dict[str, float]) -> list[_RefStory]:
        shared: dict[str, float] = defaultdict(float)
        for feature in self._features(sig, idf):
            posting = self.index.get(feature)
            if not posting:
                continue
            # a feature few stories have tells more; names and event keys more than words
            weight = (1.0 + math.log(len(self.stories) / len(posting))) * (1 if feature.startswith("w:") else 2)
            for story_id in islice(reversed(posting), self.posting_limit):  # the most recent stories
                shared[story_id] += weight
        window = self.params.max_days
        found = []
        for story_id, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0])):
            story = self.stories[story_id]
            if sig.day and story.earliest and story.latest and not (
                    (story.earliest - sig.day).days <= window and (sig.day - story.latest).days <= window):
                continue
            found.append(story)
            if len(found) >= self.candidates:
                break
        return found

    @staticmethod
    def _features(sig: Signature, idf: dict[str, float]) -> list[str]:
        rare = sorted(sig.words, key=lambda wv: (-wv[1] * idf.get(wv[0], 1.0), wv[0]))[:8]
        return ([f"n:{n}" for n in sorted(sig.names)] + [f"e:{t}:{','.join(p)}" for t, p in sorted(sig.events)]
                + [f"w:{w}" for w, _ in rare])

    def _idf(self, sig: Signature) -> dict[str, float]:
        n = self.documents
        return {w: math.log((1 + n) / (1 + self.document_frequency[w])) + 1.0 for w, _ in sig.words}


def _benchmark_signatures(count: int) -> list[Signature]:
    """The first ``count`` articles of ``python -m benchmarks.clustering``, composed the same way."""
    from benchmarks.clustering import _parts, compose
    from benchmarks.corpus import plans

    sources, sentences, parts = _parts()
    out = []
    for i, (k, chosen) in enumerate(plans(sentences, count)):
        day = dt.date.fromisoformat(sources[k].published) if sources[k].published else None
        out.append(compose(f"bench-{i:06d}", day, sources[k].title or "", [parts[p] for p in chosen]))
    return out


def _random_signatures(count: int, seed: int) -> list[Signature]:
    """Signatures over a small vocabulary, so stories overlap a lot: some undated, a few with their words out of
    order or repeated."""
    rng = random.Random(seed)
    vocabulary = [f"w{i:03d}" for i in range(400)]
    names = [f"{kind}:{kind.title()} {i}" for kind in ("person", "program", "org") for i in range(30)]
    countries = ["AUS", "FRA", "JPN", "USA", "GBR", "IND"]
    topics = [(rng.sample(vocabulary, 40), rng.sample(names, 4), rng.sample(countries, 2)) for _ in range(60)]
    start = dt.date(2024, 1, 1)
    out = []
    for i in range(count):
        words, named, parties = topics[rng.randrange(len(topics))]
        chosen = rng.sample(words, rng.randint(8, 30)) + rng.sample(vocabulary, rng.randint(0, 12))
        weighted = [(w, 1.0 + math.log(rng.randint(1, 6))) for w in dict.fromkeys(chosen)]
        if i % 97 == 5:
            weighted.reverse()
        elif i % 89 == 7:
            weighted.append(weighted[0])
        else:
            weighted.sort()
        events = frozenset((rng.choice(["deal", "delivery", "meeting"]), tuple(sorted(rng.sample(parties, 2))))
                           for _ in range(rng.randint(0, 2)))
        day = None if rng.random() < 0.05 else start + dt.timedelta(days=rng.randint(0, 400))
        words_ = tuple(weighted)
        out.append(Signature(f"r{i:05d}", day, frozenset(rng.sample(named, rng.randint(0, 3))), events,
                             frozenset(rng.sample(parties, rng.randint(0, 2))), words_,
                             math.sqrt(sum(v * v for _, v in words_)) or 1.0))
    return out


def _assert_same(signatures: list[Signature], **tuning: object) -> None:
    new, reference = StoryClusterer(**tuning), ReferenceClusterer(**tuning)  # type: ignore[arg-type]
    assert [new.add(sig) for sig in signatures] == [reference.add(sig) for sig in signatures]
    assert new.members == reference.members


@pytest.fixture(scope="module")
def benchmark_signatures() -> list[Signature]:
    return _benchmark_signatures(2_000)


def test_the_benchmark_articles_get_the_stories_of_the_reference(benchmark_signatures: list[Signature]) -> None:
    _assert_same(benchmark_signatures)


def test_other_tunings_get_the_stories_of_the_reference(benchmark_signatures: list[Signature]) -> None:
    _assert_same(benchmark_signatures[:800], params=StoryParams(threshold=0.3, max_days=10), recent=1,
                 candidates=3, posting_limit=8, epoch_growth=1.05)
    _assert_same(benchmark_signatures[:400], recent=4, candidates=8, epoch_growth=2.0)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_articles_get_the_stories_of_the_reference(seed: int) -> None:
    _assert_same(_random_signatures(1_500, seed))


def test_remembered_stories_go_on_as_in_the_reference(benchmark_signatures: list[Signature]) -> None:
    first = ReferenceClusterer()
    known = [(first.add(sig), sig) for sig in benchmark_signatures[:600]]
    new, reference = StoryClusterer(), ReferenceClusterer()
    for story, sig in known:
        new.remember(story, sig)
        reference.remember(story, sig)
    rest = benchmark_signatures[600:1_200]
    assert [new.add(sig) for sig in rest] == [reference.add(sig) for sig in rest]
