"""Corrections: a newer version of a stored article (the same URL, or the same outlet and doc id, with another
text) supersedes the older one in its story's consolidation, the older stays retrievable, and ``story`` shows what
changed; on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import inspect, select
from typer.testing import CliRunner

from allywatch.cli import app
from allywatch.settings import Settings
from allywatch.store.ingest import ingest
from allywatch.store.repository import Repository, url_hash
from allywatch.store.tables import ArticleRow
from tests.store.test_migrations import _alembic

SETTINGS = Settings(use_model=False)
DEAL = ("SEOUL, {day} — South Korea's Hyundai Rotem signed a contract with Poland on Monday for 180 more K2 tanks "
        "worth {figure}, the Polish armament agency said.\n\nDeliveries are to start in 2026, officials added.")
OTHER = ("Poland and South Korea sealed a deal on Monday for another 180 K2 tanks, the Korean maker Hyundai Rotem "
         "said in a statement from its plant in Changwon{figure:.0}.")


def _record(doc: str, figure: str, source: str | None = "Wire One", published: str = "2025-08-04",
            url: str | None = None, template: str = DEAL) -> dict[str, str]:
    row = {"id": doc, "published": published, "text": template.format(day="Aug. 4, 2025", figure=figure)}
    if source:
        row["source"] = source
    if url:
        row["url"] = url
    return row


def _write(path: Path, *rows: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def _transfer(repo: Repository) -> dict:
    [event] = repo.events(party="POL", type="arms_transfer")
    return event


def test_a_corrected_figure_supersedes_the_older_one_which_stays_retrievable(store_url: str, tmp_path: Path) -> None:
    first = _write(tmp_path / "monday.jsonl", _record("k2-deal", "$2 billion"),
                   _record("k2-other", "$2 billion", source="Wire Two", template=OTHER))
    corrected = _write(tmp_path / "tuesday.jsonl", _record("k2-deal", "$2.5 billion"))
    repo = Repository.open(store_url)
    try:
        ingest([first], repo, SETTINGS)
        before = _transfer(repo)
        assert before["amount"]["value"] == 2e9 and before["conflicts"] == []
        report = ingest([corrected], repo, SETTINGS)
        assert (report.stored, report.skipped) == (1, 0)
        after = _transfer(repo)
        # the newer figure, and no conflict with the version it replaced
        assert after["story"] == before["story"]
        assert after["amount"]["value"] == 2.5e9 and after["conflicts"] == []
        assert sorted(s["doc"] for s in after["sources"]) == ["k2-deal", "k2-other"] and after["outlets"] == 2
        # the old version is kept, marked superseded
        versions = repo.article("k2-deal")
        assert [(v["superseded"], v["text"].count("$2.5 billion")) for v in versions] == [(True, 0), (False, 1)]
        assert repo.count_articles() == 2 and repo.count_articles(story=after["story"]) == 2
        story = repo.story(after["story"])
        assert story is not None and sorted(a["doc"] for a in story["articles"]) == ["k2-deal", "k2-other"]
        [correction] = story["corrections"]
        assert correction["doc"] == "k2-deal" and correction["source"] == "Wire One"
        assert {"field": "amounts", "was": ["$2 billion"], "now": ["$2.5 billion"]} in correction["changes"]
        [text] = [c for c in correction["changes"] if c["field"] == "text"]
        assert "$2 billion" in text["was"][0] and "$2.5 billion" in text["now"][0]
        # ingesting either version again changes nothing
        assert ingest([first, corrected], repo, SETTINGS).stored == 0
        assert _transfer(repo)["amount"]["value"] == 2.5e9
    finally:
        repo.close()

    runner = CliRunner()
    shown = runner.invoke(app, ["story", after["story"], "--db", store_url], env={"COLUMNS": "100"})
    assert shown.exit_code == 0, shown.output
    assert "corrected k2-deal (Wire One)" in shown.stdout and "amounts: $2 billion → $2.5 billion" in shown.stdout
    as_json = json.loads(runner.invoke(app, ["story", after["story"], "--db", store_url, "--json"]).stdout)
    assert as_json["data"][0]["corrections"][0]["changes"] == correction["changes"]


def test_which_version_wins_does_not_depend_on_the_order_they_arrive(store_url: str, tmp_path: Path) -> None:
    older = _record("k2-deal", "$2 billion", published="2025-08-04")
    newer = _record("k2-deal", "$2.5 billion", published="2025-08-05")
    figures = []
    for n, order in enumerate((([older], [newer]), ([newer], [older]), ([older, newer],), ([newer, older],))):
        url = store_url if n == 0 else f"sqlite:///{tmp_path / f'order{n}.db'}"
        repo = Repository.open(url)
        try:
            for i, rows in enumerate(order):
                ingest([_write(tmp_path / f"{n}-{i}.jsonl", *rows)], repo, SETTINGS)
            figures.append(_transfer(repo)["amount"]["value"])
            assert [v["superseded"] for v in repo.article("k2-deal")].count(False) == 1
        finally:
            repo.close()
    assert figures == [2.5e9] * 4


def test_an_article_at_the_same_url_is_a_version_and_one_of_another_outlet_is_not(store_url: str,
                                                                                 tmp_path: Path) -> None:
    link = "https://wire.example/2025/08/04/k2"
    repo = Repository.open(store_url)
    try:
        ingest([_write(tmp_path / "a.jsonl", _record("k2", "$2 billion", url=link),
                       _record("same-name", "$2 billion", source="Wire Two", template=OTHER))], repo, SETTINGS)
        # another id at the same address: a version; the same id from no outlet and no address: another article
        ingest([_write(tmp_path / "b.jsonl", _record("k2-renamed", "$2.5 billion", source=None, url=link),
                       _record("same-name", "$3 billion", source=None))], repo, SETTINGS)
        assert [v["superseded"] for v in repo.article("k2")] == [True]
        assert [v["superseded"] for v in repo.article("k2-renamed")] == [False]
        assert [v["superseded"] for v in repo.article("same-name")] == [False, False]
        with repo.sessions() as session:
            assert session.scalar(select(ArticleRow.url_hash).where(ArticleRow.doc == "k2")) == url_hash(link)
    finally:
        repo.close()


def test_versions_in_one_run_keep_their_name_and_the_last_read_wins(store_url: str, tmp_path: Path) -> None:
    batch = _write(tmp_path / "both.jsonl", _record("k2-deal", "$2 billion"), _record("k2-deal", "$2.5 billion"),
                   _record("k2-deal", "$3 billion", source="Wire Two"))
    repo = Repository.open(store_url)
    try:
        ingest([batch], repo, SETTINGS)
        assert [(v["doc"], v["superseded"]) for v in repo.article("k2-deal")] == [("k2-deal", True),
                                                                                  ("k2-deal", False)]
        assert [v["superseded"] for v in repo.article("k2-deal~2")] == [False]  # another outlet: another article
    finally:
        repo.close()


def test_upgrading_gives_stored_articles_their_url_hash(store_url: str, tmp_path: Path) -> None:
    link = "https://wire.example/2025/08/04/k2"
    repo = Repository.open(store_url)
    try:
        ingest([_write(tmp_path / "a.jsonl", _record("k2", "$2 billion", url=link))], repo, SETTINGS)
        _alembic(repo, "downgrade", "0003")
        assert "superseded_by" not in {c["name"] for c in inspect(repo.engine).get_columns("articles")}
        repo.migrate()
        with repo.sessions() as session:
            assert session.execute(select(ArticleRow.url_hash, ArticleRow.superseded_by)).all() == [
                (url_hash(link), None)]
        ingest([_write(tmp_path / "b.jsonl", _record("k2", "$2.5 billion", url=link))], repo, SETTINGS)
        assert [v["superseded"] for v in repo.article("k2")] == [True, False]
    finally:
        repo.close()
