"""The local engine: every step in this process, extraction in ``settings.jobs`` worker processes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from itertools import islice
from typing import Any

from allywatch.corpus.consolidate import Source
from allywatch.engines import Row, article_rows, consolidate_story
from allywatch.extract import BATCH, shared_pipeline
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
        iterator = iter(items)
        if self.settings.jobs <= 1:
            pipeline = shared_pipeline(self.settings)
            while chunk := list(islice(iterator, BATCH)):
                yield from article_rows(pipeline, chunk)
            return
        work = partial(_rows, self.settings)
        with ProcessPoolExecutor(max_workers=self.settings.jobs) as pool:
            while chunks := [c for _ in range(4 * self.settings.jobs) if (c := list(islice(iterator, BATCH)))]:
                for rows in pool.map(work, chunks):
                    yield from rows

    def consolidate(self, stories: Mapping[str, Sequence[Source]]) -> dict[str, list[dict[str, Any]]]:
        """Each story's consolidated events."""
        return {story: consolidate_story(sources) for story, sources in stories.items()}


def _rows(settings: Settings, chunk: list[Article | Rejected]) -> list[Row | Rejected]:
    """A batch in a worker process, which loads its pipeline once."""
    return article_rows(shared_pipeline(settings), chunk)
