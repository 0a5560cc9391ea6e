"""Tables fit the terminal (80 columns: a row a line, long cells cut with an ellipsis), ``--wide`` shows every
column, ``--help`` shows no ``<bool>`` beside a flag, and ``ingest`` takes ``--max-bytes``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from allywatch.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
runner = CliRunner()


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tables") / "out.jsonl"
    result = runner.invoke(app, ["extract", str(EXAMPLES), "--no-model", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('tables') / 'store.db'}"
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--no-model", "--db", url, "-q"])
    assert result.exit_code == 0, result.output
    return url


def _lines(output: str) -> list[str]:
    return output.rstrip("\n").splitlines()


def test_the_summary_fits_80_columns_a_row_a_line(extracted: Path) -> None:
    rows = [json.loads(line) for line in extracted.read_text(encoding="utf-8").splitlines()]
    events = sum(len(r["events"]) for r in rows)
    narrow = runner.invoke(app, ["summary", str(extracted)], env={"COLUMNS": "80"})
    assert narrow.exit_code == 0, narrow.output
    lines = _lines(narrow.stdout)
    assert max(map(len, lines)) <= 80
    # two tables (title, 3 header lines, a line a row, a bottom line) and the totals
    assert len(lines) == (4 + len(rows) + 1) + (4 + events + 1) + 1
    assert "…" in narrow.stdout and "evidence" not in narrow.stdout
    wide = runner.invoke(app, ["summary", str(extracted), "--wide"], env={"COLUMNS": "80"})
    assert wide.exit_code == 0 and "evidence" in wide.stdout and "quotes" in wide.stdout
    assert len(_lines(wide.stdout)) > len(lines)  # every column, long cells folded


@pytest.mark.parametrize("command", [["events"], ["stories"], ["entity", "JPN"]])
def test_store_tables_fit_80_columns_and_wide_shows_every_column(store: str, command: list[str]) -> None:
    narrow = runner.invoke(app, [*command, "--db", store], env={"COLUMNS": "80"})
    assert narrow.exit_code == 0, narrow.output
    assert max(map(len, _lines(narrow.stdout))) <= 80
    wide = runner.invoke(app, [*command, "--db", store, "--wide"], env={"COLUMNS": "80"})
    assert wide.exit_code == 0, wide.output
    hidden = "outlets" if command[0] != "stories" else "first_seen"
    assert hidden not in narrow.stdout and hidden in wide.stdout


def test_a_story_fits_80_columns(store: str) -> None:
    stories = json.loads(runner.invoke(app, ["stories", "--db", store, "--json"]).stdout)["data"]
    for story in stories:
        shown = runner.invoke(app, ["story", story["id"], "--db", store], env={"COLUMNS": "80"})
        assert shown.exit_code == 0, shown.output
        assert max(map(len, _lines(shown.stdout))) <= 80


def test_a_title_that_looks_like_markup_is_shown_as_text(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps({"doc": "[bold]x[/bold]", "title": "[red]Tanks[/red] for Poland", "entities": [],
                               "events": [], "quotes": []}) + "\n", encoding="utf-8")
    shown = runner.invoke(app, ["summary", str(out)], env={"COLUMNS": "120"})
    assert shown.exit_code == 0 and "[red]Tanks[/red] for Poland" in shown.stdout and "[bold]x[/bold]" in shown.stdout


@pytest.mark.parametrize("command", [[], ["extract"], ["summary"], ["ingest"], ["events"], ["stories"], ["story"],
                                     ["entity"], ["export"], ["serve"], ["watch"], ["batch"], ["explain"],
                                     ["kb", "lookup"]])
def test_help_shows_no_type_beside_a_flag(command: list[str]) -> None:
    shown = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "160"})
    assert shown.exit_code == 0, shown.output
    assert "<bool>" not in shown.stdout and "--help" in shown.stdout


def test_ingest_takes_max_bytes(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    result = runner.invoke(app, ["ingest", str(EXAMPLES / "corpus"), "--db", db, "--no-model", "--max-bytes", "2500"])
    assert result.exit_code == 1, result.output
    big = [p.name for p in (EXAMPLES / "corpus").iterdir() if p.stat().st_size > 2500]
    assert big and all(f"rejected {EXAMPLES / 'corpus' / name}: oversize file" in result.stderr for name in big)
    assert f"stored {5 - len(big)}," in result.stderr
