"""Writers take turns: two ingests into one store at once end as one ingest of both would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import select

from allywatch.store.repository import Repository
from allywatch.store.tables import ArticleRow, KbEventRow, KbEventSourceRow, StoryRow

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"
#: Two halves of the sample corpus; 001 and 002 report one story, so each half holds a part of it.
HALVES = (["000_d56af7cce0ae1683.txt", "001_566b1ad3839cd3de.txt", "003_d77a52cf5c881cd8.txt"],
          ["002_8325cd46da079034.txt", "004_5b5dc9eb8f601fe5.txt"])


def _ingest(paths: list[Path], url: str, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "allywatch", "ingest", *map(str, paths), "--db", url,
                             "--no-model", "--batch", "1", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(proc: subprocess.Popen[str]) -> str:
    _, errors = proc.communicate(timeout=300)
    assert proc.returncode == 0, errors
    return errors


def _snapshot(url: str) -> dict[str, Any]:
    """The store's content without its row ids and story ids: articles, stories as sets of docs, events."""
    repo = Repository.open(url)
    try:
        with repo.sessions() as session:
            articles = session.scalars(select(ArticleRow)).all()
            events = session.scalars(select(KbEventRow)).all()
            sources: dict[int, list[dict[str, Any]]] = {e.id: [] for e in events}
            for source in session.scalars(select(KbEventSourceRow).order_by(KbEventSourceRow.id)):
                sources[source.event_id].append({"doc": source.doc, "outlet": source.outlet,
                                                 "published": source.published, "status": source.status,
                                                 "date": source.date, "amount": source.amount,
                                                 "evidence": source.evidence})
            docs: dict[str, frozenset[str]] = {}
            for row in articles:
                docs[row.story_id] = docs.get(row.story_id, frozenset()) | {row.doc}
            return {
                "articles": sorted((a.doc, a.content_hash, a.title, a.source, a.published, a.published_inferred,
                                    len(a.extraction["events"]), len(a.extraction["entities"])) for a in articles),
                "stories": sorted((sorted(docs[s.id]), s.title, s.first_seen, s.last_seen, s.articles, s.outlets)
                                  for s in session.scalars(select(StoryRow))),
                "events": sorted(repr((sorted(docs[e.story_id]), e.key, e.type, e.participants, e.roles, e.status,
                                       e.item, e.program, e.date, e.amount, e.first_seen, e.last_seen, e.outlets,
                                       e.confidence, e.conflicts, sources[e.id]))
                                 for e in events),
            }
    finally:
        repo.close()


def test_two_ingests_at_once_store_what_one_ingest_of_both_stores(store_url: str, tmp_path: Path) -> None:
    # a fresh store: both create it, both cluster against what the other stored
    first, second = (_ingest([EXAMPLES / name for name in half], store_url) for half in HALVES)
    _finish(first)
    _finish(second)
    together = _snapshot(store_url)
    shared = [docs for docs, *_ in together["stories"] if len(docs) > 1]
    assert shared == [["001_566b1ad3839cd3de", "002_8325cd46da079034"]]  # one story, not split in two

    # one writer storing the whole corpus in the order the two stored it (an undated article takes the date of
    # a story stored before it, and a story's first source words its events, so the order is the single run's)
    repo = Repository.open(store_url)
    try:
        order = repo.article_docs()
    finally:
        repo.close()
    single = f"sqlite:///{tmp_path / 'single.db'}"
    _finish(_ingest([EXAMPLES / f"{doc}.txt" for doc in order], single))
    assert _snapshot(single) == together
    assert len(together["articles"]) == 5


def test_a_writer_waits_for_the_one_holding_the_store_and_says_so(store_url: str) -> None:
    holder = Repository.open(store_url)
    try:
        with holder.engine.begin() as connection:
            holder.lock_writers(connection)
            proc = _ingest([EXAMPLES / HALVES[1][0]], store_url)
            assert proc.stderr is not None
            line = proc.stderr.readline()  # the writer says it waits before anything else
            assert line.startswith("waiting for another writer on "), line
        errors = _finish(proc)
    finally:
        holder.close()
    assert "stored 1" in errors
    assert _snapshot(store_url)["articles"][0][0] == HALVES[1][0].removesuffix(".txt")
