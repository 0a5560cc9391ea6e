"""The Spark engine gives what the local engine gives: the same rows, stories and consolidated events."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from allywatch.batch import batch
from allywatch.engines import BatchResult
from allywatch.engines.local import LocalEngine
from allywatch.settings import Settings
from tests.conftest import shared_corpus


def _missing() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "PySpark is not installed (pip install 'allywatch[spark]')"
    if shutil.which("java") is None:
        return "Java is not installed (Spark needs Java 17 or 21)"
    return None


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    why = _missing()
    if why:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{why}, and CI needs the Spark tests to run")
        pytest.skip(why)
    os.environ["PYSPARK_PYTHON"] = sys.executable
    from allywatch.engines.spark import session

    started = session("local[2]", "allywatch-tests")
    yield started
    started.stop()


def _partition(result: BatchResult) -> set[frozenset[str]]:
    return {frozenset(s["docs"]) for s in result.stories}


@pytest.mark.parametrize("corpus", ["seeds", "dev", "dev2"])
def test_both_engines_give_the_same_articles_stories_and_events(spark: Any, corpus: str) -> None:
    from allywatch.engines.spark import SparkEngine

    settings = Settings()
    folder = shared_corpus(corpus)
    local = batch([folder], LocalEngine(settings), settings)
    remote = batch([folder], SparkEngine(settings, spark=spark), settings)
    assert remote.articles == local.articles
    assert _partition(remote) == _partition(local) and remote.stories == local.stories
    assert remote.events == local.events
    assert [r.origin for r in remote.rejected] == [r.origin for r in local.rejected]
    assert len(local.articles) > 4 and local.events


def test_spark_reads_parquet_itself(spark: Any, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from allywatch.engines.spark import SparkEngine

    rows = [{"id": f"p{i}", "text": text, "published": "2025-03-0" + str(i + 1)} for i, text in enumerate([
        "Norway has pledged 12 of its K9 howitzers to Ukraine.",
        "Romania formally requested 54 Abrams tanks from the United States.",
    ])]
    pq.write_table(pa.Table.from_pylist(rows), str(tmp_path / "in.parquet"))
    settings = Settings(use_model=False)
    remote = batch([tmp_path / "in.parquet"], SparkEngine(settings, spark=spark), settings)
    local = batch([tmp_path / "in.parquet"], LocalEngine(settings), settings)
    assert [a["doc"] for a in remote.articles] == ["p0", "p1"]
    assert remote.articles == local.articles and remote.events == local.events
