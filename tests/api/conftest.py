"""API fixtures: the bundled sample corpus ingested for real (as 'allywatch ingest' does) into a SQLite file and into
a database on the PostgreSQL server the store tests start, and test clients of the app over them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from allywatch.api.app import create_app
from allywatch.kb.loader import KnowledgeBase
from allywatch.settings import Settings
from allywatch.store.ingest import ingest
from allywatch.store.repository import Repository
from tests.store.conftest import postgres_url, store_url  # noqa: F401  (the store tests' fixtures and their skip rules)

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "corpus"
SETTINGS = Settings(use_model=False)


def fill(url: str) -> None:
    """Ingest the sample corpus into the store at ``url``."""
    repo = Repository.open(url)
    try:
        report = ingest([SAMPLE], repo, SETTINGS)
    finally:
        repo.close()
    assert (report.stored, report.rejected) == (5, [])


def fresh_database(server: str, name: str) -> str:
    """A new, empty database ``name`` on the PostgreSQL server of ``server`` (a URL); its URL."""
    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The shipped knowledge base, loaded once."""
    return KnowledgeBase.load()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def sample_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store holding the sample corpus: a SQLite file, then a PostgreSQL database (skipped, or failed under CI,
    as the store tests are when PostgreSQL is missing)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'sample.db'}"
    else:
        url = fresh_database(request.getfixturevalue("postgres_url"), "allywatch_api_sample")
    fill(url)
    return url


@pytest.fixture(scope="module")
def sample_repo(sample_url: str) -> Iterator[Repository]:
    """The sample store's repository, to compare the API with."""
    repo = Repository.open(sample_url)
    yield repo
    repo.close()


@pytest.fixture(scope="module")
def client(sample_repo: Repository, kb: KnowledgeBase) -> Iterator[TestClient]:
    """A client of the app over the sample store, with no tokens set."""
    with TestClient(create_app(sample_repo, SETTINGS, kb=kb)) as test_client:
        yield test_client
