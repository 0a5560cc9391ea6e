"""Ingest into the store as it grows: the cost of each article, slice by slice (run by hand, not a test).

    python -m benchmarks.store [--articles 20000] [--slice 1000] [--model] [--db sqlite:///path]

The articles are the benchmark corpus (``benchmarks.corpus``: sentences of the sample corpora recombined, so
stories grow large, the worst case for a store that re-reads stories). Extraction runs first, outside the timing
(without the model unless ``--model``), and the extractions are stored in batches as ``ingest`` stores them
(``Repository.store_batch``, 50 a batch, one transaction each, clustering and consolidation included). For every
slice of ``--slice`` articles the milliseconds per article are printed, storing alone; if they stay flat as the
store grows, ingest is linear. Then a second ingest of the same articles, all skipped by their content, is timed.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from itertools import islice
from pathlib import Path

from allywatch.extract import extract_articles
from allywatch.ingest.readers import article_from_record
from allywatch.model import Article, Extraction
from allywatch.settings import Settings
from allywatch.store.ingest import ingest_items
from allywatch.store.repository import Repository
from benchmarks.corpus import ensure

BATCH = 50


def articles(count: int, settings: Settings) -> list[Article]:
    """The first ``count`` articles of the benchmark corpus."""
    with ensure(count).open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in islice(lines, count)]
    return [a for n, r in enumerate(records) if isinstance(a := article_from_record(r, "bench", n, settings), Article)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--slice", type=int, default=1_000)
    parser.add_argument("--db", default=None, help="a store URL (default: a new SQLite file)")
    parser.add_argument("--model", action="store_true", help="extract with the model (slower; storing is the same)")
    args = parser.parse_args()
    settings = Settings(use_model=args.model)
    url = args.db or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    items = articles(args.articles, settings)
    started = time.perf_counter()
    extracted = [e for e in extract_articles(items, settings) if isinstance(e, Extraction)]
    extraction = time.perf_counter() - started
    print(f"store {url.split('://', 1)[0]}; {len(extracted):,} articles extracted in {extraction:.0f} s "
          f"({'with' if args.model else 'without'} the model), not counted below")
    print(f"{'articles':>9} {'ms/article':>11} {'stories':>8}")
    repo = Repository.open(url)
    clusterer = repo.load_clusterer()
    total = 0.0
    stored = 0
    slice_time = 0.0
    for i in range(0, len(extracted), BATCH):
        batch = sorted(extracted[i:i + BATCH], key=lambda e: (e.article.published is None, e.article.published or ""))
        begun = time.perf_counter()
        stored += repo.store_batch(batch, clusterer).stored
        spent = time.perf_counter() - begun
        total += spent
        slice_time += spent
        done = i + len(batch)
        if done % args.slice == 0 or done == len(extracted):
            size = done % args.slice or args.slice
            print(f"{done:>9,} {slice_time * 1000 / size:>11.1f} {len(clusterer.stories):>8,}")
            slice_time = 0.0
    print(f"storing: {stored:,} articles in {total:.1f} s = {stored / total:.0f} articles/s "
          f"({total * 1000 / max(stored, 1):.1f} ms an article)")
    again = time.perf_counter()
    second = ingest_items(items, repo, settings)
    elapsed = time.perf_counter() - again
    repo.close()
    print(f"second ingest: {second.skipped:,} already stored, skipped in {elapsed:.1f} s = "
          f"{second.skipped / elapsed:.0f} articles/s")


if __name__ == "__main__":
    main()
