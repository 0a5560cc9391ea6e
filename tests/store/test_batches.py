"""Articles joining stored stories merge into their events: a corpus stored in many batches ends as one batch of it."""

from __future__ import annotations

import random
import re
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event, inspect, select, update

from allywatch.extract import extract_articles
from allywatch.ingest.readers import article_from_record
from allywatch.model import Article, Extraction
from allywatch.settings import Settings
from allywatch.store.repository import Repository
from allywatch.store.tables import ArticleRow, KbEventRow, KbEventSourceRow
from tests.store.test_writers import EXAMPLES, _snapshot

SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _records() -> list[dict[str, Any]]:
    """Articles recombined from the sample corpus's sentences (few, large stories, figures and dates that disagree),
    each dated, and a corrected version of one of them."""
    generator = random.Random(12)
    sources = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        body = path.read_text(encoding="utf-8").split("\n\n", 1)[-1]
        sources.append([s for s in SENTENCE.split(" ".join(body.split())) if len(s) > 30])
    outlets = ["Wire A", "Wire B", "Daily C", "", "Post D"]
    records = []
    for n in range(48):
        own = sources[n % len(sources)]
        chosen = generator.sample(own, min(len(own), generator.randint(6, 10)))
        chosen.append(generator.choice(sources[(n + 1) % len(sources)]))
        records.append({"id": f"r{n:03d}", "title": f"Report {n}" if n % 4 else None, "text": " ".join(chosen),
                        "published": f"2025-05-{10 + n % 19}", "source": outlets[n % len(outlets)]})
    corrected = dict(records[5], text=records[5]["text"].replace(".", ", officials said.", 1))
    records.insert(40, corrected)
    return records


def _extractions() -> list[Extraction]:
    settings = Settings(use_model=False)
    articles = [a for n, r in enumerate(_records())
                if isinstance(a := article_from_record(r, "t", n, settings), Article)]
    return [e for e in extract_articles(articles, settings) if isinstance(e, Extraction)]


def _store(url: str, extractions: list[Extraction], size: int) -> None:
    repo = Repository.open(url)
    try:
        clusterer = repo.load_clusterer()
        for i in range(0, len(extractions), size):
            repo.store_batch(extractions[i:i + size], clusterer)
    finally:
        repo.close()


def _stories(url: str) -> list[Any]:
    """Each story's events as ``story`` lists them (in order), without row ids, by the story's docs."""
    repo = Repository.open(url)
    try:
        out = []
        for story in repo.stories(limit=None):
            found = repo.story(story["id"])
            assert found is not None
            out.append((sorted(a["doc"] for a in found["articles"]), found["first_seen"], found["last_seen"],
                        found["conflicts"], [{k: v for k, v in e.items() if k not in {"id", "story"}}
                                             for e in found["events"]]))
        return sorted(out, key=repr)
    finally:
        repo.close()


def test_a_corpus_stored_in_batches_ends_as_one_batch_of_it(store_url: str, tmp_path: Path) -> None:
    extractions = _extractions()
    single = f"sqlite:///{tmp_path / 'single.db'}"
    _store(single, extractions, len(extractions))
    _store(store_url, extractions, 5)
    whole, batched = _snapshot(single), _snapshot(store_url)
    assert max(len(docs) for docs, *_ in whole["stories"]) >= 5  # stories grow over several batches
    assert any(e["conflicts"] for *_, events in _stories(single) for e in events)
    assert batched == whole
    assert _stories(store_url) == _stories(single)
    # a store written before events kept what merging needs consolidates their stories again, alike
    _forget_reported_confidence(store_url)
    again = f"sqlite:///{tmp_path / 'again.db'}"
    _store(again, extractions[:30], 30)
    _forget_reported_confidence(again)
    _store(again, extractions[30:], 4)
    assert _snapshot(again) == whole
    assert _stories(again) == _stories(single)


def _forget_reported_confidence(url: str) -> None:
    """Make the store look as if written before events kept what merging needs."""
    repo = Repository.open(url)
    try:
        with repo.engine.begin() as connection:
            connection.execute(update(KbEventRow).values(reported_confidence=None))
    finally:
        repo.close()


def _source_rows(url: str) -> dict[int, tuple[Any, ...]]:
    repo = Repository.open(url)
    try:
        with repo.sessions() as session:
            return {r.id: (r.event_id, r.doc, r.outlet, r.published, r.status, r.date, r.amount, r.evidence, r.search)
                    for r in session.scalars(select(KbEventSourceRow))}
    finally:
        repo.close()


def test_an_article_joining_a_large_story_adds_its_sources_and_rewrites_no_other(store_url: str,
                                                                                tmp_path: Path) -> None:
    extractions = _extractions()
    *stored, last = extractions
    _store(store_url, stored, 5)
    before = _source_rows(store_url)
    repo = Repository.open(store_url)
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(" ".join(statement.split()))

    try:
        with repo.sessions() as session:
            stories = {a.story_id for a in session.scalars(select(ArticleRow))}
        clusterer = repo.load_clusterer()
        event.listen(repo.engine, "before_cursor_execute", seen)
        try:
            assert repo.store_batch([last], clusterer).stored == 1
        finally:
            event.remove(repo.engine, "before_cursor_execute", seen)
        with repo.sessions() as session:
            story = session.scalar(select(ArticleRow.story_id).where(ArticleRow.doc == last.article.doc))
            members = session.scalars(select(ArticleRow.doc).where(ArticleRow.story_id == story)).all()
    finally:
        repo.close()
    assert story in stories and len(members) >= 5  # it joined a large stored story
    after = _source_rows(store_url)
    # the sources stored before are the same rows with the same content; the article's events add one each
    assert {k: v for k, v in after.items() if k in before} == before
    added = [v for k, v in after.items() if k not in before]
    assert {v[1] for v in added} == {last.article.doc} and len(added) == len(last.events)
    touching = [s for s in statements if "kb_event_sources" in s]
    assert touching and not [s for s in touching if s.startswith(("UPDATE", "DELETE"))]
    assert not [s for s in touching if s.startswith("SELECT") and "evidence" in s.split(" FROM ", 1)[0]]
    # and the store is what storing all the articles at once makes
    single = f"sqlite:///{tmp_path / 'single.db'}"
    _store(single, extractions, len(extractions))
    assert _snapshot(store_url) == _snapshot(single)
    assert _stories(store_url) == _stories(single)


def _alembic(url: str, action: str, revision: str) -> None:
    repo = Repository.open(url)
    try:
        config = Config()
        config.set_main_option("script_location", str(resources.files("allywatch.store") / "migrations"))
        with repo.engine.begin() as connection:
            config.attributes["connection"] = connection
            getattr(command, action)(config, revision)
    finally:
        repo.close()


def test_a_store_written_before_sources_had_rows_of_their_own_keeps_them(store_url: str, tmp_path: Path) -> None:
    extractions = _extractions()
    single = f"sqlite:///{tmp_path / 'single.db'}"
    _store(single, extractions, len(extractions))
    _store(store_url, extractions[:30], 6)
    repo = Repository.open(store_url)
    try:
        events = repo.events(limit=None)
        stories = {s["id"]: repo.story(s["id"]) for s in repo.stories(limit=None)}
        word = events[0]["sources"][0]["evidence"][0]["text"].split()[-1].strip(".,").lower()
        matching = repo.count_events(q=word)
    finally:
        repo.close()
    assert events and all(e["sources"] for e in events) and matching
    # the store as revision 0005 left it: each event's sources one list in its row, searched in its row
    _alembic(store_url, "downgrade", "0005")
    repo = Repository.open(store_url, migrate=False)
    try:
        assert "kb_event_sources" not in inspect(repo.engine).get_table_names()
        with repo.sessions() as session:
            lists = {event_id: found for event_id, found in session.execute(select(KbEventRow.id,
                                                                                  KbEventRow.sources))}
        assert lists == {e["id"]: e["sources"] for e in events}
        repo.migrate()  # as opening the store does
        assert repo.events(limit=None) == events
        assert {story: repo.story(story) for story in stories} == stories
        assert repo.count_events(q=word) == matching
        with repo.sessions() as session:
            assert all(row.sources is None and row.tally for row in session.scalars(select(KbEventRow)))
    finally:
        repo.close()
    # articles stored after the upgrade merge into the moved sources as into any others
    _store(store_url, extractions[30:], 4)
    assert _snapshot(store_url) == _snapshot(single)
    assert _stories(store_url) == _stories(single)
