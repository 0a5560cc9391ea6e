"""A NUL character in one article (which PostgreSQL cannot store) never blocks the articles beside it."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from allywatch.cli import app
from allywatch.store.repository import Repository

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def test_an_article_with_nul_characters_is_stored_without_them_beside_the_others(store_url: str,
                                                                                  tmp_path: Path) -> None:
    files = sorted(EXAMPLES.glob("*.txt"))[:3]
    rows = [{"id": f.stem, "text": f.read_text(encoding="utf-8")} for f in files]
    bad = rows[1]
    bad["title"] = "Japan\x00 and the US"
    bad["text"] = bad["text"].replace(" ", " \x00", 2)
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    assert "\\u0000" in batch.read_text(encoding="utf-8")

    for _ in range(2):  # and a rerun finds them all stored
        result = CliRunner().invoke(app, ["ingest", str(batch), "--db", store_url, "--no-model"])
        assert result.exit_code == 0, result.output
    assert f"note {batch}:2: removed 3 NUL characters" in result.stderr

    repo = Repository.open(store_url)
    try:
        assert sorted(repo.article_docs()) == sorted(row["id"] for row in rows)
        [stored] = repo.article(bad["id"])
    finally:
        repo.close()
    assert stored["title"] == "Japan and the US"
    assert "\x00" not in json.dumps(stored)
