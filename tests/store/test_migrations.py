"""Migrations: a store made before the events' search text (revision 0001) gets it for every stored event."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, select

from allywatch.settings import Settings
from allywatch.store.ingest import ingest
from allywatch.store.repository import Repository, event_search_text
from allywatch.store.tables import KbEventRow


def _alembic(repo: Repository, action: str, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(resources.files("allywatch.store") / "migrations"))
    with repo.engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, action)(config, revision)


def test_upgrading_gives_stored_events_their_search_text(store_url: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "x.txt").write_text("Published: 2025-08-01\n\nPoland signed a contract on Friday with South Korea's "
                                  "Hyundai Rotem for 180 K2 tanks worth $6.5 billion, the agency said.\n")
    (corpus / "y.txt").write_text("Published: 2025-09-01\n\nJapan and Italy on Tuesday agreed to jointly develop "
                                  "a new radar for their navies, the defence ministries said.\n")
    repo = Repository.open(store_url)
    try:
        ingest([corpus], repo, Settings(use_model=False))
        with repo.sessions() as session:
            made = {row.id: row.search for row in session.scalars(select(KbEventRow))}
        assert len(made) >= 2 and all(made.values())
        assert repo.count_events(q="K2 TANKS") == 1 and repo.count_events(q="radar") == 1
        _alembic(repo, "downgrade", "0001")
        assert "search" not in {c["name"] for c in inspect(repo.engine).get_columns("kb_events")}
        repo.migrate()  # as opening the store does
        with repo.sessions() as session:
            rows = session.scalars(select(KbEventRow)).all()
            assert {row.id: row.search for row in rows} == made
            assert all(row.search == event_search_text(row.item, row.program, []) for row in rows)
        assert repo.count_events(q="k2 tanks") == 1 and repo.count_events(q="radar navies") == 1
    finally:
        repo.close()


def test_articles_are_indexed_by_story_with_their_outlet_on_sqlite(store_url: str) -> None:
    repo = Repository.open(store_url)
    try:
        def indexes() -> dict[str, list[str | None]]:
            return {i["name"] or "": i["column_names"] for i in inspect(repo.engine).get_indexes("articles")}

        sqlite = repo.engine.dialect.name == "sqlite"
        # on PostgreSQL the article's text is kept apart from its row: the index would only bound an outlet's length
        assert (indexes().get("ix_articles_story_outlet") == ["story_id", "source", "doc"]) is sqlite
        _alembic(repo, "downgrade", "0002")
        assert "ix_articles_story_outlet" not in indexes()
        repo.migrate()
        assert ("ix_articles_story_outlet" in indexes()) is sqlite
    finally:
        repo.close()
