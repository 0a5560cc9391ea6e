"""Throughput and memory of extraction against spaCy's recogniser alone, printed as a table (run by hand).

    python -m benchmarks.throughput [--articles 10000] [--rounds 4] [--spark] [--memory]

The corpus is ``benchmarks.corpus`` (sentences of the sample corpora recombined, deterministic, cached outside
git). It is cut into ``rounds`` slices and, slice after slice, every configuration runs on the same slice in its own
process, so a slow moment of the machine falls on all of them alike (interleaved). Model loading is timed apart.

Configurations: ``extract`` on one core with the model, without it (``--no-model``), with ``--jobs 2``; and, as the
reference, spaCy's ``en_core_web_sm`` recogniser alone (``nlp.pipe`` with only its ``tok2vec`` and ``ner``) over the
same texts. ``--spark`` adds ``batch --engine spark`` on ``local[1]`` and ``local[2]`` over the whole corpus (with
its scaling efficiency); ``--memory`` adds the peak memory of ``extract`` over the first 1,000 articles and over all
of them. Story clustering at scale is ``python -m benchmarks.clustering``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.corpus import ensure

CONFIGS = {
    "extract, model, 1 core": {"use_model": True, "jobs": 1},
    "extract, no model, 1 core": {"use_model": False, "jobs": 1},
    "extract, model, --jobs 2": {"use_model": True, "jobs": 2},
    "spaCy NER alone (reference)": {"spacy": True},
}


def _records(path: Path, start: int, end: int) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for n, line in enumerate(lines) if start <= n < end]


def worker(config: str, path: Path, start: int, end: int) -> dict[str, float]:
    """Run one configuration over records ``start:end``; its timings as a dict."""
    records = _records(path, start, end)
    words = sum(len(r["text"].split()) for r in records)
    options = CONFIGS[config]
    loading = time.perf_counter()
    if options.get("spacy"):
        import importlib

        from allywatch.nlp.model import MODEL_PACKAGE

        nlp = importlib.import_module(MODEL_PACKAGE).load(exclude=["parser", "tagger", "lemmatizer",
                                                                   "attribute_ruler", "senter"])
        loaded = time.perf_counter()
        found = sum(len(doc.ents) for doc in nlp.pipe((r["text"] for r in records), batch_size=64))
        done = time.perf_counter()
        assert found >= 0
    else:
        from allywatch.extract import extract_articles, shared_pipeline
        from allywatch.ingest.readers import article_from_record
        from allywatch.model import Article
        from allywatch.settings import Settings

        settings = Settings(use_model=bool(options["use_model"]), jobs=int(options["jobs"]))
        articles = [a for n, r in enumerate(records) if isinstance(a := article_from_record(r, "bench", n, settings),
                                                                       Article)]
        if settings.jobs == 1:
            shared_pipeline(settings)
        loaded = time.perf_counter()
        results = list(extract_articles(articles, settings))
        done = time.perf_counter()
        assert len(results) == len(articles)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"articles": len(records), "words": words, "load": loaded - loading, "seconds": done - loaded,
            "peak_mb": max(peak, children)}


def _run(args: list[str]) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-m", "benchmarks.throughput", *args], capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _spark(path: Path, master: str) -> float:
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable}
    started = time.perf_counter()
    out = path.parent / f"spark-{master.replace('[', '').replace(']', '')}"
    subprocess.run([sys.executable, "-m", "allywatch", "batch", str(path), "--engine", "spark", "--master", master,
                    "--out", str(out), "-q"], check=True, env=env, capture_output=True)
    return time.perf_counter() - started


def _peak_of_extract(path: Path, count: int) -> float:
    head = path.parent / f"head-{count}.jsonl"
    with path.open(encoding="utf-8") as src, head.open("w", encoding="utf-8") as out:
        for n, line in enumerate(src):
            if n >= count:
                break
            out.write(line)
    return _run(["--peak", str(head)])["peak_mb"]


def peak(path: Path) -> dict[str, float]:
    """``allywatch extract`` over ``path`` in this process; its peak memory."""
    from allywatch.cli import app

    with contextlib.suppress(SystemExit):  # the command ends with its exit status
        app(["extract", str(path), "-o", os.devnull, "-q"], standalone_mode=False)
    return {"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--spark", action="store_true", help="add Spark local[1] and local[2]")
    parser.add_argument("--memory", action="store_true", help="add peak memory of extract at 1k and all articles")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--peak", help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    parser.add_argument("--start", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--end", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, Path(args.input), args.start, args.end)))
        return
    if args.peak:
        print(json.dumps(peak(Path(args.peak))))
        return
    path = ensure(args.articles)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"corpus {path.name}: {args.articles:,} articles, {args.rounds} interleaved rounds")
    totals: dict[str, dict[str, float]] = {c: {"articles": 0, "words": 0, "seconds": 0, "load": 0, "peak_mb": 0}
                                           for c in CONFIGS}
    step = -(-args.articles // args.rounds)
    for r in range(args.rounds):
        for config in CONFIGS:
            got = _run(["--worker", config, "--input", str(path), "--start", str(r * step),
                        "--end", str(min(args.articles, (r + 1) * step))])
            for key in ("articles", "words", "seconds", "load"):
                totals[config][key] += got[key]
            totals[config]["peak_mb"] = max(totals[config]["peak_mb"], got["peak_mb"])
        print(f"  round {r + 1}/{args.rounds} done", file=sys.stderr)
    reference = totals["spaCy NER alone (reference)"]
    reference_rate = reference["words"] / reference["seconds"]
    print(f"{'configuration':<30} {'articles/s':>10} {'words/s':>9} {'x NER':>6} {'load s':>7} {'peak MB':>8}")
    for config, t in totals.items():
        rate = t["words"] / t["seconds"]
        print(f"{config:<30} {t['articles'] / t['seconds']:>10.1f} {rate:>9,.0f} {rate / reference_rate:>6.2f} "
              f"{t['load'] / args.rounds:>7.1f} {t['peak_mb']:>8.0f}")
    if args.spark:
        one, two = _spark(path, "local[1]"), _spark(path, "local[2]")
        print(f"spark batch local[1] {args.articles / one:.1f} articles/s, local[2] {args.articles / two:.1f} "
              f"articles/s: scaling efficiency {one / two / 2:.2f} (wall time, start-up included)")
    if args.memory:
        print(f"extract peak memory: 1,000 articles {_peak_of_extract(path, 1000):.0f} MB, "
              f"{args.articles:,} articles {_peak_of_extract(path, args.articles):.0f} MB")


if __name__ == "__main__":
    main()
