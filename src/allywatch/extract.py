"""Batch extraction: inputs in, extractions out, in input order, sequentially or in processes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
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


#: Articles run through the pipeline together: the statistical models are much faster on a batch of texts, and
#: output still flows every few articles.
BATCH = 32


def extract_articles(
    articles: Iterable[Article | Rejected], settings: Settings, pipeline: Pipeline | None = None
) -> Iterator[Result]:
    """Run the pipeline over ``articles`` (Rejected ones pass through), keeping input order."""
    if settings.jobs > 1:
        yield from _extract_parallel(articles, settings)
        return
    pipeline = pipeline or shared_pipeline(settings)
    iterator = iter(articles)
    while chunk := list(islice(iterator, BATCH)):
        yield from process(pipeline, chunk)


def extract_paths(paths: Iterable[str | Path], settings: Settings, today: dt.date | None = None) -> Iterator[Result]:
    """Read and extract every article under ``paths``."""
    yield from extract_articles(read_inputs(paths, settings, today=today), settings)


def process(pipeline: Pipeline, items: Sequence[Article | Rejected]) -> list[Result]:
    """A batch of items through the pipeline together, in order; one bad article is recorded as rejected and never
    stops the others."""
    articles = [item for item in items if isinstance(item, Article)]
    done = iter(pipeline.pipe(articles))
    out: list[Result] = []
    for item in items:
        if isinstance(item, Rejected):
            out.append(item)
            continue
        result = next(done)
        if isinstance(result, Exception):
            out.append(Rejected(origin=item.origin, doc=item.doc,
                                reason=f"extraction failed: {type(result).__name__}: {result}"))
        else:
            out.append(result)
    return out


def _work(settings: Settings, chunk: list[Article | Rejected]) -> list[Result]:
    """A batch in a worker process; each worker loads its pipeline once (``shared_pipeline``)."""
    return process(shared_pipeline(settings), chunk)


def _extract_parallel(articles: Iterable[Article | Rejected], settings: Settings) -> Iterator[Result]:
    iterator = iter(articles)
    work = partial(_work, settings)
    with ProcessPoolExecutor(max_workers=settings.jobs) as pool:
        while True:
            chunks = [chunk for _ in range(4 * settings.jobs) if (chunk := list(islice(iterator, BATCH)))]
            if not chunks:
                break
            for results in pool.map(work, chunks):
                yield from results
