"""The hostile-input corpus (see ``tests/test_cli_hostile.py``) stored by ``ingest`` on SQLite and PostgreSQL:
nothing crashes, the good articles are stored (once, however often it runs), every other input is named."""

from __future__ import annotations

import os
from pathlib import Path

from allywatch.store.repository import Repository
from tests.test_cli_hostile import READ, _expected, _run
from tests.test_cli_hostile import corpus as corpus  # a fixture


def test_ingest_stores_the_good_hostile_inputs_and_names_the_rest(corpus: Path, store_url: str) -> None:
    for _ in range(2):  # and a rerun finds them stored
        done = _run("ingest", str(corpus), "--db", store_url, "--no-model")
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    expected = _expected()
    for name, line, start, skipped in expected:
        where = f"{corpus}/{name}" + (f":{line}" if line is not None else "")
        assert f"{'skipped' if skipped else 'rejected'} {where}: {start}" in done.stderr
    assert f"rejected {sum(not s for *_, s in expected)}, skipped {sum(s for *_, s in expected)}" in done.stderr
    repo = Repository.open(store_url)
    try:
        docs = sorted(repo.article_docs())
    finally:
        repo.close()
    if os.geteuid() == 0:
        docs.remove("inside")
    assert docs == READ


def test_watch_names_what_a_folder_holds_and_cannot_read_once(corpus: Path, store_url: str) -> None:
    done = _run("watch", str(corpus), "--db", store_url, "--no-model", "--rounds", "2", "--every", "0")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr  # rejected inputs; no error
    assert "errors 0" in done.stderr and "error " not in done.stderr.replace("errors 0", "")
    for name, _, start, skipped in _expected():
        if skipped:
            assert done.stderr.count(f"skipped {corpus}/{name}: {start}") == 1, done.stderr
    assert "round 2: read 0, stored 0" in done.stderr
