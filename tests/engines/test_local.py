"""The local engine and batch runs: outputs, formats, and loading a batch output into the store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from allywatch.batch import batch, read_batch_articles, write_batch
from allywatch.engines import get_engine
from allywatch.engines.local import LocalEngine
from allywatch.settings import Settings
from allywatch.store.ingest import ingest, ingest_batch_output
from allywatch.store.repository import Repository

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"


@pytest.fixture(scope="module")
def result() -> object:
    return batch([EXAMPLES], LocalEngine(Settings(use_model=False)), Settings(use_model=False))


def test_a_batch_gives_articles_with_stories_and_consolidated_events(result: object) -> None:
    articles, stories, events = result.articles, result.stories, result.events  # type: ignore[attr-defined]
    assert len(articles) == len(list(EXAMPLES.iterdir()))
    assert {a["story"] for a in articles} == {s["id"] for s in stories}
    assert sum(s["articles"] for s in stories) == len(articles)
    by_story = {s["id"]: set(s["docs"]) for s in stories}
    for event in events:
        sources = {src["doc"] for src in event["sources"]}
        assert sources <= by_story[event["story"]]
    assert all({"text", "origin", "signature"} <= set(a) for a in articles)


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_written_outputs_read_back_the_same(result: object, tmp_path: Path, fmt: str) -> None:
    written = write_batch(result, tmp_path / fmt, fmt)  # type: ignore[arg-type]
    assert written["articles"].name == f"articles.{fmt}"
    back = list(read_batch_articles(tmp_path / fmt))
    assert back == result.articles  # type: ignore[attr-defined]


def test_ingesting_a_batch_output_stores_what_ingesting_the_inputs_stores(result: object, tmp_path: Path) -> None:
    write_batch(result, tmp_path / "out", "parquet")  # type: ignore[arg-type]
    loaded = Repository.open(f"sqlite:///{tmp_path / 'loaded.db'}")
    direct = Repository.open(f"sqlite:///{tmp_path / 'direct.db'}")
    try:
        report = ingest_batch_output(tmp_path / "out", loaded)
        assert report.stored == len(result.articles)  # type: ignore[attr-defined]
        ingest([EXAMPLES], direct, Settings(use_model=False))
        assert loaded.stories() == direct.stories()
        strip = [{k: v for k, v in e.items() if k != "id"} for e in loaded.events()]
        assert strip == [{k: v for k, v in e.items() if k != "id"} for e in direct.events()]
        again = ingest_batch_output(tmp_path / "out", loaded)
        assert (again.stored, again.skipped) == (0, report.stored)
    finally:
        loaded.close()
        direct.close()


def test_parquet_inputs_are_read_row_by_row(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{"id": "a", "text": "Poland signed a contract with South Korea for 180 K2 tanks.",
             "published": "2025-08-01"},
            {"id": "b", "text": None, "published": "2025-08-02"}]
    pq.write_table(pa.Table.from_pylist(rows), str(tmp_path / "in.parquet"))
    settings = Settings(use_model=False)
    out = batch([tmp_path / "in.parquet"], LocalEngine(settings), settings)
    assert [a["doc"] for a in out.articles] == ["a"]
    assert [e["type"] for e in out.events] == ["arms_transfer"]
    [bad] = out.rejected
    assert bad.line == 2 and "neither 'text' nor 'html'" in bad.reason


def test_an_unknown_engine_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown engine"):
        get_engine("duckdb")


def test_cli_batch_then_ingest_from(tmp_path: Path) -> None:
    run = [sys.executable, "-m", "allywatch"]
    done = subprocess.run([*run, "batch", str(EXAMPLES), "--out", str(tmp_path / "b"), "--no-model", "-q"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["engine"] == "local" and summary["articles"] == len(list(EXAMPLES.iterdir()))
    db = f"sqlite:///{tmp_path / 'x.db'}"
    loaded = subprocess.run([*run, "ingest", "--from", str(tmp_path / "b"), "--db", db, "-q"],
                            capture_output=True, text=True, check=False)
    assert loaded.returncode == 0, loaded.stderr
    both = subprocess.run([*run, "ingest", str(EXAMPLES), "--from", str(tmp_path / "b"), "--db", db],
                          capture_output=True, text=True, check=False)
    assert both.returncode == 2 and "either" in both.stderr
    bad = subprocess.run([*run, "batch", str(EXAMPLES), "--out", str(tmp_path / "c"), "--engine", "duckdb"],
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "local or spark" in bad.stderr
