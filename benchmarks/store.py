"""Ingest throughput into the store, printed as figures (run by hand, not a test).

    python benchmarks/store.py [--articles 500] [--db sqlite:///path] [--no-model]

Articles are made from the sample corpus with small edits so each is distinct;
the figures separate reading and extraction from storing, and show how long a
second ingest of the same articles (all skipped by content) takes.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from allywatch.settings import Settings
from allywatch.store.ingest import ingest_items
from allywatch.store.repository import Repository
from benchmarks.throughput import corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--db", default=None, help="a store URL (default: a new SQLite file)")
    parser.add_argument("--no-model", action="store_true")
    args = parser.parse_args()
    settings = Settings(use_model=not args.no_model)
    url = args.db or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    articles = corpus(args.articles, settings)
    repo = Repository.open(url)
    started = time.perf_counter()
    first = ingest_items(articles, repo, settings)
    middle = time.perf_counter()
    second = ingest_items(articles, repo, settings)
    done = time.perf_counter()
    stories = len(repo.stories())
    repo.close()
    print(f"store             {url.split('://', 1)[0]}; model {'no' if args.no_model else 'yes'}")
    print(f"first ingest      {first.stored} stored in {middle - started:.2f} s = "
          f"{first.stored / (middle - started):.1f} articles/s (extraction included), {stories} stories")
    print(f"second ingest     {second.skipped} already stored in {done - middle:.2f} s = "
          f"{second.skipped / (done - middle):.0f} articles/s")


if __name__ == "__main__":
    main()
