"""Story clustering at scale: seconds per 10,000 articles as the corpus grows (run by hand, not a test).

    python -m benchmarks.clustering [--articles 10000 100000]

Extracting 100,000 articles takes hours, so the articles' signatures are composed from their sentences': every
sentence of the source articles is extracted once (knowledge base only), and a synthetic article of
``benchmarks.corpus`` gets the union of its sentences' names, event keys and parties and the sum of their words.
Clustering then runs exactly as in ``extract`` and ``ingest``, and is timed apart (the time of each ``add``);
composing, the sentences' extraction included, is shown beside it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import resource
import time
from collections import Counter
from collections.abc import Iterator
from functools import cache

from allywatch.corpus.stories import _WORD, STOPWORDS, Signature, StoryClusterer, signature
from allywatch.extract import extract_articles
from allywatch.model import Article, Extraction
from allywatch.settings import Settings
from benchmarks.corpus import plans, sentences_of, source_articles


@cache
def _parts() -> tuple[list[Article], list[list[str]], dict[tuple[int, int], Signature]]:
    sources = source_articles()
    sentences = sentences_of(sources)
    articles = [Article(doc=f"{k}:{j}", text=text, published=sources[k].published)
                for k, own in enumerate(sentences) for j, text in enumerate(own)]
    parts = {}
    for result in extract_articles(articles, Settings(use_model=False)):
        if isinstance(result, Extraction):
            k, j = (int(x) for x in result.article.doc.split(":"))
            parts[(k, j)] = signature(result)
    return sources, sentences, parts


def compose(doc: str, day: dt.date | None, title: str, parts: list[Signature]) -> Signature:
    """An article's signature from its sentences' signatures."""
    counts: Counter[str] = Counter(w for w in _WORD.findall(title.lower()) if w not in STOPWORDS)
    for part in parts:
        counts.update(_counts(part))
    return _signature(doc, day, counts, parts)


def _counts(part: Signature) -> dict[str, int]:
    """A sentence's word counts, back from their weights (1 + ln count)."""
    return {word: round(math.exp(weight - 1.0)) for word, weight in part.words}


def _signature(doc: str, day: dt.date | None, counts: Counter[str], parts: list[Signature]) -> Signature:
    words = tuple(sorted((w, 1.0 + math.log(c)) for w, c in counts.items()))
    return Signature(doc, day, frozenset().union(*(p.names for p in parts)),
                     frozenset().union(*(p.events for p in parts)), frozenset().union(*(p.parties for p in parts)),
                     words, math.sqrt(sum(v * v for _, v in words)) or 1.0)


def signatures(count: int) -> Iterator[Signature]:
    """The benchmark corpus's first ``count`` articles as signatures, composed from their sentences' (each
    sentence's and each title's word counts worked out once)."""
    sources, sentences, parts = _parts()
    counts = {key: _counts(part) for key, part in parts.items()}
    titles: dict[int, Counter[str]] = {}
    for i, (k, chosen) in enumerate(plans(sentences, count)):
        title = titles.get(k)
        if title is None:
            title = titles[k] = Counter(w for w in _WORD.findall((sources[k].title or "").lower())
                                        if w not in STOPWORDS)
        total = Counter(title)
        for key in chosen:
            total.update(counts[key])
        day = dt.date.fromisoformat(sources[k].published) if sources[k].published else None
        yield _signature(f"bench-{i:06d}", day, total, [parts[key] for key in chosen])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    print(f"{'articles':>9} {'clustering s':>12} {'per 10k (first)':>16} {'per 10k (last)':>15} {'composing s':>12} "
          f"{'stories':>8} {'largest':>8} {'peak MB':>8}")
    for count in args.articles:
        clusterer = StoryClusterer()
        composing = clustering = mark = 0.0
        slices: list[float] = []
        before = time.perf_counter()
        for i, sig in enumerate(signatures(count)):
            started = time.perf_counter()
            composing += started - before
            clusterer.add(sig)
            before = time.perf_counter()
            clustering += before - started
            if (i + 1) % 10_000 == 0 or i + 1 == count:
                slices.append((clustering - mark) * 10_000 / ((i % 10_000) + 1))
                mark = clustering
        sizes = [len(s.docs) for s in clusterer.stories.values()]
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{count:>9,} {clustering:>12.1f} {slices[0]:>16.1f} {slices[-1]:>15.1f} {composing:>12.1f} "
              f"{len(sizes):>8,} {max(sizes):>8,} {peak:>8.0f}")


if __name__ == "__main__":
    main()
