"""The local engine: every step in this process, extraction in ``settings.jobs`` worker processes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from itertools import islice
from typing import Any

from allywatch.corpus.consolidate import Source
from allywatch.engines import Row, article_row, consolidate_story
from allywatch.extract import shared_pipeline
from allywatch.model import Article, Rejected
from allywatch.settings import Settings


class LocalEngine:
    """Runs the pipeline and consolidation in this process (and its worker processes)."""

    name = "local"

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def extract(self, items: Sequence[Article | Rejected]) -> list[Row | Rejected]:
        """Each item's output row, in input order."""
        return list(self.iter_extract(items))

    def iter_extract(self, items: Sequence[Article | Rejected]) -> Iterator[Row | Rejected]:
        """Each item's output row as soon as it is ready, in input order."""
        if self.settings.jobs <= 1:
            pipeline = shared_pipeline(self.settings)
            for item in items:
                yield item if isinstance(item, Rejected) else article_row(pipeline, item)
            return
        work = partial(_row, self.settings)
        chunk = 64 * self.settings.jobs
        iterator = iter(items)
        with ProcessPoolExecutor(max_workers=self.settings.jobs) as pool:
            while batch := list(islice(iterator, chunk)):
                yield from pool.map(work, batch, chunksize=max(1, len(batch) // (self.settings.jobs * 4)))

    def consolidate(self, stories: Mapping[str, Sequence[Source]]) -> dict[str, list[dict[str, Any]]]:
        """Each story's consolidated events."""
        return {story: consolidate_story(sources) for story, sources in stories.items()}


def _row(settings: Settings, item: Article | Rejected) -> Row | Rejected:
    """One item in a worker process, which loads its pipeline once."""
    return item if isinstance(item, Rejected) else article_row(shared_pipeline(settings), item)
