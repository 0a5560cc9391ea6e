"""Story clustering at scale: seconds per 10,000 articles as the corpus grows (run by hand, not a test).

    python -m benchmarks.clustering [--articles 10000 100000]

Extracting 100,000 articles takes hours, so the articles' signatures are composed from their sentences': every
sentence of the source articles is extracted once (knowledge base only), and a synthetic article of
``benchmarks.corpus`` gets the union of its sentences' names, event keys and parties and the sum of their words.
Clustering then runs exactly as in ``extract`` and ``ingest``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import resource
import time
from collections import Counter

from allywatch.corpus.stories import _WORD, STOPWORDS, Signature, StoryClusterer, signature
from allywatch.extract import extract_articles
from allywatch.model import Article, Extraction
from allywatch.settings import Settings
from benchmarks.corpus import plans, sentences_of, source_articles


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
        for word, weight in part.words:
            counts[word] += round(math.exp(weight - 1.0))
    words = tuple(sorted((w, 1.0 + math.log(c)) for w, c in counts.items()))
    return Signature(doc, day, frozenset().union(*(p.names for p in parts)),
                     frozenset().union(*(p.events for p in parts)), frozenset().union(*(p.parties for p in parts)),
                     words, math.sqrt(sum(v * v for _, v in words)) or 1.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    sources, sentences, parts = _parts()
    print(f"{len(sources)} source articles, {len(parts)} sentences")
    print(f"{'articles':>9} {'seconds':>8} {'per 10k (last)':>15} {'stories':>8} {'largest':>8} {'peak MB':>8}")
    for count in args.articles:
        clusterer = StoryClusterer()
        started = last = time.perf_counter()
        for i, (k, chosen) in enumerate(plans(sentences, count)):
            day = dt.date.fromisoformat(sources[k].published) if sources[k].published else None
            clusterer.add(compose(f"bench-{i:06d}", day, sources[k].title or "", [parts[p] for p in chosen]))
            if (i + 1) % 10_000 == 0 and i + 1 < count:
                last = time.perf_counter()
        elapsed = time.perf_counter() - started
        tail = min(count, 10_000)
        sizes = [len(s.docs) for s in clusterer.stories.values()]
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{count:>9,} {elapsed:>8.1f} {(time.perf_counter() - last) * 10_000 / tail:>15.1f} "
              f"{len(sizes):>8,} {max(sizes):>8,} {peak:>8.0f}")


if __name__ == "__main__":
    main()
