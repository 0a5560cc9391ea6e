"""Throughput and memory of extraction, printed as figures (run by hand, not a test).

    python benchmarks/throughput.py [--articles 500] [--jobs 1] [--no-model]

It builds a corpus by repeating the bundled sample articles with small edits,
so every article is distinct, then times reading + extraction + story
clustering, and reports articles per second, characters per second, and the
peak resident memory.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from allywatch.corpus.stories import assign_stories
from allywatch.extract import build_pipeline, extract_articles
from allywatch.ingest import read_inputs
from allywatch.model import Article, Extraction
from allywatch.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def corpus(count: int, settings: Settings) -> list[Article]:
    """``count`` distinct articles made from the sample corpus."""
    base = [a for a in read_inputs([EXAMPLES], settings) if isinstance(a, Article)]
    out = []
    for i in range(count):
        article = base[i % len(base)]
        out.append(Article(doc=f"{article.doc}-{i}", text=f"{article.text}\n\nUpdate {i}: officials said talks "
                           f"would continue.", title=article.title, published=article.published))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--no-model", action="store_true")
    args = parser.parse_args()
    settings = Settings(jobs=args.jobs, use_model=not args.no_model)
    articles = corpus(args.articles, settings)
    chars = sum(len(a.text) for a in articles)
    started = time.perf_counter()
    build_pipeline(settings)
    loaded = time.perf_counter()
    results = [r for r in extract_articles(articles, settings) if isinstance(r, Extraction)]
    extracted = time.perf_counter()
    assign_stories(results)
    clustered = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    seconds = extracted - loaded
    print(f"articles          {len(results)} ({chars / len(articles):.0f} characters each)")
    print(f"model             {'none (knowledge base only)' if args.no_model else 'en_core_web_sm'}; "
          f"jobs {args.jobs}")
    print(f"start-up          {loaded - started:.2f} s (knowledge base and model)")
    print(f"extraction        {seconds:.2f} s = {len(results) / seconds:.1f} articles/s, "
          f"{chars / seconds / 1e3:.0f} k characters/s")
    print(f"story clustering  {clustered - extracted:.2f} s")
    print(f"articles per day  {len(results) / seconds * 86400:,.0f} at this rate")
    print(f"peak memory       {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
