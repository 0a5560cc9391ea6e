from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from allywatch.cli import app

runner = CliRunner()
CONTRACT_FIELDS = {"doc", "published", "story", "title", "entities", "events", "amounts", "dates", "quotes"}


def test_extract_writes_one_contract_object_per_article(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = runner.invoke(
        app, ["extract", str(data / "header.txt"), str(data / "page.html"), "-o", str(out), "--no-model"]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["doc"] for r in rows] == ["header", "page"]
    for row in rows:
        assert set(row) >= CONTRACT_FIELDS
        assert row["story"]
    assert rows[0]["published"] == "2024-03-01"
    assert "read 2, extracted 2, rejected 0" in result.output


def test_rejected_inputs_exit_1_and_go_to_the_rejects_file(data: Path, tmp_path: Path) -> None:
    out, bad = tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"
    result = runner.invoke(
        app, ["extract", str(data / "records.jsonl"), "-o", str(out), "--rejects", str(bad), "--no-model"]
    )
    assert result.exit_code == 1
    assert [json.loads(x)["doc"] for x in out.read_text().splitlines()] == ["rec-1", "rec-3"]
    rejects = [json.loads(x) for x in bad.read_text().splitlines()]
    assert [r["line"] for r in rejects] == [2, 4]
    assert all(r["origin"].endswith("records.jsonl") and r["reason"] for r in rejects)
    assert "rejected 2" in result.output


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert runner.invoke(app, ["extract"]).exit_code == 2
    assert runner.invoke(app, ["extract", ".", "--jobs", "0"]).exit_code == 2
    bad_config = tmp_path / "bad.toml"
    bad_config.write_text("[allywatch]\nno_such_setting = 1\n")
    result = runner.invoke(app, ["extract", ".", "--config", str(bad_config)])
    assert result.exit_code == 2 and "unknown settings" in result.output


def test_parallel_jobs_give_the_same_output(data: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert runner.invoke(app, ["extract", str(data), "-o", str(one), "--no-model", "-q"]).exit_code == 1
    assert runner.invoke(app, ["extract", str(data), "-o", str(two), "--no-model", "-q", "--jobs", "2"]).exit_code == 1
    assert one.read_text() == two.read_text()
    assert len(one.read_text().splitlines()) >= 8


def test_module_entry_point_and_stdout(data: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "allywatch", "extract", str(data / "dateline.txt"), "--no-model"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    row = json.loads(proc.stdout)
    assert row["doc"] == "dateline" and row["published"] == "2025-08-01"
    assert "extracted 1" in proc.stderr


def test_kb_lookup_explains_the_winner() -> None:
    result = runner.invoke(app, ["kb", "lookup", "Shingo Kiyozumi", "--on", "2026-01-15", "--office",
                                 "defense_minister", "--party", "JPN", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["data"][0]["name"] == "Shinjiro Koizumi" and data["data"][0]["fits"]
    assert any("defense_minister of JPN" in r for r in data["data"][0]["reasons"])
    assert runner.invoke(app, ["kb", "lookup", "X", "--office", "wizard"]).exit_code == 2
    assert runner.invoke(app, ["kb", "lookup", "X", "--on", "last tuesday"]).exit_code == 2


def test_explain_prints_events_with_evidence_and_reasons(data: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("date 2025-08-01\nPoland bought 96 Apache helicopters from the United States on Friday.\n",
                       encoding="utf-8")
    result = runner.invoke(app, ["explain", str(article), "--no-model"])
    assert result.exit_code == 0, result.output
    assert "arms_transfer" in result.output and "supplier=USA" in result.output
    assert "why: frame acquire ('buy'" in result.output and "POL subject→recipient" in result.output
    assert "Apache helicopters" in result.output


def test_read_commands_refuse_a_store_that_does_not_exist_and_ingest_creates_it(data: Path, tmp_path: Path) -> None:
    db = tmp_path / "typo.db"
    for args in (["events"], ["events", "--json"], ["stories"], ["story", "s-1"], ["entity", "JPN"],
                 ["export", "--format", "csv", "--out", str(tmp_path / "out.csv")]):
        result = runner.invoke(app, [*args, "--db", f"sqlite:///{db}"])
        assert result.exit_code == 2, (args, result.output)
        assert f"no store at {db}; 'allywatch ingest' fills one" in result.stderr, args
        assert not db.exists(), args
    result = runner.invoke(app, ["stories", "--db", str(db)])  # a bare path is a SQLite file too
    assert result.exit_code == 2 and f"no store at {db}" in result.stderr and not db.exists()
    result = runner.invoke(app, ["summary", str(tmp_path / "typo.jsonl")])
    assert result.exit_code == 2 and f"cannot read {tmp_path / 'typo.jsonl'}" in result.stderr

    result = runner.invoke(app, ["ingest", str(data / "dateline.txt"), "--db", f"sqlite:///{db}", "--no-model"])
    assert result.exit_code == 0, result.output
    assert db.exists()
    result = runner.invoke(app, ["stories", "--db", f"sqlite:///{db}", "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["count"] == 1


def test_summary_of_a_binary_file_is_an_error_naming_it(tmp_path: Path) -> None:
    binary = tmp_path / "image.jsonl"
    binary.write_bytes(bytes(range(256)) * 4)
    result = runner.invoke(app, ["summary", str(binary)])
    assert result.exit_code == 2 and result.exception is not None and isinstance(result.exception, SystemExit)
    assert f"cannot read {binary}: not UTF-8 text" in result.stderr
