"""The Spark engine (the ``[spark]`` extra): extraction inside Spark partitions, consolidation as a Spark job.

Each partition loads the pipeline once (``shared_pipeline``) and runs the same :func:`~allywatch.engines.article_rows`
as the local engine, so rows are identical; story clustering runs on the driver (see :mod:`allywatch.engines`);
consolidation runs per story across the cluster. Works with any master URL: ``local[*]`` (the default), a
standalone cluster (``spark://host:7077``), YARN or Kubernetes through ``spark-submit``.

The workers' Python must have allywatch installed; when ``PYSPARK_PYTHON`` is not set it is this interpreter,
which is right for local masters.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

from allywatch.corpus.consolidate import Source
from allywatch.engines import Row, article_rows, consolidate_story
from allywatch.errors import AllywatchError
from allywatch.model import Article, Rejected
from allywatch.settings import Settings


class SparkUnavailable(AllywatchError):
    """Spark or Java is missing."""


def session(master: str = "local[*]", app: str = "allywatch") -> Any:
    """A Spark session for ``master`` (an existing active one is reused)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as err:
        raise SparkUnavailable("the Spark engine needs PySpark: pip install 'allywatch[spark]'") from err
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    try:
        spark = (SparkSession.builder.master(master).appName(app)
                 .config("spark.ui.enabled", "false")
                 .config("spark.ui.showConsoleProgress", "false")
                 .config("spark.sql.execution.arrow.pyspark.enabled", "false")
                 .getOrCreate())
    except Exception as err:  # Java missing or a bad master URL: say so in one line
        raise SparkUnavailable(f"could not start Spark at {master!r} (is Java 17 installed?): {err}") from err
    spark.sparkContext.setLogLevel("ERROR")
    return spark


class SparkEngine:
    """Runs extraction and consolidation as Spark jobs."""

    name = "spark"

    def __init__(self, settings: Settings | None = None, master: str = "local[*]", spark: Any = None) -> None:
        self.settings = settings or Settings()
        self.spark = spark if spark is not None else session(master)

    def extract(self, items: Sequence[Article | Rejected]) -> list[Row | Rejected]:
        """Each item's output row, in input order; articles are spread over the cluster's partitions."""
        context = self.spark.sparkContext
        numbered = list(enumerate(items))
        if not numbered:
            return []
        slices = max(1, min(len(numbered), context.defaultParallelism * 4))
        done = context.parallelize(numbered, slices).mapPartitions(partial(_extract_partition, self.settings))
        return [row for _, row in sorted(done.collect(), key=lambda pair: pair[0])]

    def extract_parquet(self, path: str | Path) -> list[Row | Rejected]:
        """Each record of a Parquet file or folder with a ``text`` (or ``html``) column, read by Spark itself, so
        a large input never passes through the driver before extraction."""
        frame = self.spark.read.parquet(str(path))
        numbered = frame.rdd.zipWithIndex().map(lambda pair: (pair[1], pair[0].asDict()))
        done = numbered.mapPartitions(partial(_record_partition, self.settings, str(path)))
        return [row for _, row in sorted(done.collect(), key=lambda pair: pair[0])]

    def consolidate(self, stories: Mapping[str, Sequence[Source]]) -> dict[str, list[dict[str, Any]]]:
        """Each story's consolidated events, one story per task."""
        if not stories:
            return {}
        context = self.spark.sparkContext
        pairs = [(story, list(sources)) for story, sources in stories.items()]
        slices = max(1, min(len(pairs), context.defaultParallelism * 4))
        return dict(context.parallelize(pairs, slices).map(lambda pair: (pair[0], consolidate_story(pair[1])))
                    .collect())

    def stop(self) -> None:
        """Stop the Spark session."""
        self.spark.stop()


def _extract_partition(settings: Settings, items: Iterable[tuple[int, Article | Rejected]]
                       ) -> Iterator[tuple[int, Row | Rejected]]:
    from allywatch.extract import BATCH, shared_pipeline

    pipeline = shared_pipeline(settings)
    iterator = iter(items)
    while chunk := list(islice(iterator, BATCH)):
        yield from zip((n for n, _ in chunk), article_rows(pipeline, [item for _, item in chunk]), strict=True)


def _record_partition(settings: Settings, origin: str, rows: Iterable[tuple[int, dict[str, Any]]]
                      ) -> Iterator[tuple[int, Row | Rejected]]:
    from allywatch.extract import BATCH, shared_pipeline
    from allywatch.ingest.readers import article_from_record

    pipeline = shared_pipeline(settings)
    iterator = iter(rows)
    while chunk := list(islice(iterator, BATCH)):
        items = [article_from_record(record, origin, n + 1, settings) for n, record in chunk]
        yield from zip((n for n, _ in chunk), article_rows(pipeline, items), strict=True)
