"""Batch extraction: inputs in, extractions out, in input order, sequentially or in processes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache, partial
from itertools import islice
from pathlib import Path

from allywatch.ingest import read_inputs
from allywatch.model import Article, Extraction, Rejected
from allywatch.pipeline import Pipeline
from allywatch.settings import Settings

Result = Extraction | Rejected


def build_pipeline(settings: Settings) -> Pipeline:
    """The default per-article pipeline for ``settings``."""
    from allywatch.nlp import default_components

    components, notes = default_components(settings)
    return Pipeline.build(components, notes)


@lru_cache(maxsize=4)
def shared_pipeline(settings: Settings) -> Pipeline:
    """One pipeline per settings in a process: it is read-only, and loading the model and the knowledge base
    is the slow part of a small batch (a watch round, an API call)."""
    return build_pipeline(settings)


def extract_articles(
    articles: Iterable[Article | Rejected], settings: Settings, pipeline: Pipeline | None = None
) -> Iterator[Result]:
    """Run the pipeline over ``articles`` (Rejected ones pass through), keeping input order."""
    if settings.jobs > 1:
        yield from _extract_parallel(articles, settings)
        return
    pipeline = pipeline or shared_pipeline(settings)
    for item in articles:
        yield item if isinstance(item, Rejected) else _run_one(pipeline, item)


def extract_paths(paths: Iterable[str | Path], settings: Settings, today: dt.date | None = None) -> Iterator[Result]:
    """Read and extract every article under ``paths``."""
    yield from extract_articles(read_inputs(paths, settings, today=today), settings)


def _run_one(pipeline: Pipeline, article: Article) -> Result:
    try:
        return pipeline(article)
    except Exception as err:  # one bad article is recorded as rejected and never stops a batch
        return Rejected(
            origin=article.origin, doc=article.doc, reason=f"extraction failed: {type(err).__name__}: {err}"
        )


def _work(settings: Settings, item: Article | Rejected) -> Result:
    """One article in a worker process; each worker loads its pipeline once (``shared_pipeline``)."""
    return item if isinstance(item, Rejected) else _run_one(shared_pipeline(settings), item)


def _extract_parallel(articles: Iterable[Article | Rejected], settings: Settings) -> Iterator[Result]:
    batch = 64
    iterator = iter(articles)
    work = partial(_work, settings)
    with ProcessPoolExecutor(max_workers=settings.jobs) as pool:
        while chunk := list(islice(iterator, batch * settings.jobs)):
            yield from pool.map(work, chunk, chunksize=max(1, len(chunk) // (settings.jobs * 4)))
