"""The repository: the one place that reads and writes the store (SQLite by default, PostgreSQL by URL).

Articles are identified by their content (a hash of the cleaned text), so
storing the same article twice changes nothing. Each batch is one transaction:
its articles, their entities, their stories and the events of those stories
(the new articles' events merged into them) commit together or not at all, so a run killed at any moment
leaves whole batches and nothing half-written, and the next run picks up the
articles that were not committed.

Writers take turns: a batch's read-cluster-write section (and a migration) holds the store's writer lock, an
advisory lock on PostgreSQL and ``BEGIN IMMEDIATE`` on SQLite, and first teaches the story clusterer the articles
other writers stored since it last looked. Two ingests into one store thus end as one ingest of both would.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sqlite3
import sys
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from itertools import combinations
from typing import Any, TypeVar

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Connection,
    Engine,
    Select,
    Text,
    and_,
    bindparam,
    case,
    cast,
    create_engine,
    delete,
    event,
    exists,
    func,
    insert,
    or_,
    select,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from allywatch.corpus.consolidate import (
    KbEvent,
    Source,
    _amount_text,
    _bound_of,
    _figure,
    compatible,
    consolidate,
    merge,
    reported_confidence,
    reports_by_key,
    story_conflicts,
)
from allywatch.corpus.stories import Signature, StoryClusterer, dates_as_of, signature_from_json, signature_to_json
from allywatch.errors import InputError, StoreError
from allywatch.model import Extraction
from allywatch.output import extraction_to_json
from allywatch.store.tables import ArticleRow, EntityRow, KbEventRow, KbEventSourceRow, StoryRow

DEFAULT_URL = "sqlite:///allywatch.db"
#: Stories whose articles one query reads (bound parameters: SQLite takes 32,766 in a query, PostgreSQL 65,535).
STORY_CHUNK = 5000
_Query = TypeVar("_Query", bound=Select)
#: The key of the PostgreSQL advisory lock writers take turns on ("allyw" in ASCII).
WRITER_LOCK_KEY = 0x616C6C7977
#: How long (ms) a SQLite writer waits for the lock before saying it waits, then between two tries.
_SQLITE_TRY_MS, _SQLITE_WAIT_MS = 50, 1000
#: How long (ms) SQLite waits on a locked database outside the writer lock (the driver's default).
_SQLITE_BUSY_MS = 5000


def content_hash(text: str) -> str:
    """The identity of an article: a hash of its cleaned text with whitespace folded."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def url_hash(url: str | None) -> str | None:
    """What finds the stored versions of an article's address: a hash of its URL, whitespace folded."""
    url = " ".join((url or "").split())
    return hashlib.sha256(url.encode("utf-8")).hexdigest() if url else None


def normalise_url(url: str) -> str:
    """A store URL as SQLAlchemy wants it: a bare path means a SQLite file, postgres:// means psycopg."""
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


_PERIOD = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def check_period(value: str, name: str = "date") -> str:
    """A date bound of an events query, checked: YYYY, YYYY-MM or YYYY-MM-DD, a real day or month."""
    value = value.strip()
    try:
        if not _PERIOD.fullmatch(value):
            raise ValueError(value)
        dt.date.fromisoformat((value + "-01-01")[:10])
    except ValueError:
        raise InputError(f"{name} takes a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}") from None
    return value


@dataclass(frozen=True)
class ArticleRecord:
    """An extracted article as the store takes it: its contract JSON, its text and its clustering signature."""

    payload: dict[str, Any]
    text: str
    origin: str | None
    signature: Signature

    @property
    def published(self) -> str | None:
        """The article's own publication date (not one taken from its story)."""
        return None if self.payload.get("published_inferred") else self.payload.get("published")

    @classmethod
    def of(cls, extraction: Extraction) -> ArticleRecord:
        """The record of an extraction made in this process."""
        from allywatch.corpus.stories import signature

        return cls(extraction_to_json(extraction), extraction.article.text, extraction.article.origin,
                   signature(extraction))

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> ArticleRecord:
        """The record of one row of a batch run's article output (the contract JSON with ``text``, ``origin``
        and ``signature``)."""
        missing = [k for k in ("doc", "text", "signature", "entities", "events") if k not in row]
        if missing:
            raise StoreError(f"article {row.get('doc', '?')!r} lacks {', '.join(missing)}: not a batch output row")
        payload = {k: v for k, v in row.items() if k not in {"text", "origin", "signature"}}
        return cls(payload, str(row["text"]), row.get("origin"), signature_from_json(row["signature"]))


@dataclass(slots=True)
class GraphEdge:
    """The events of one type between two parties: how many, how many give the two distinct roles, the outlets
    reporting them, and their earliest and latest sighting (``None`` when none was dated)."""

    events: int = 0
    directed: int = 0
    outlets: set[str] = field(default_factory=set)
    first_seen: str | None = None
    last_seen: str | None = None


@dataclass
class Cooperation:
    """The cooperation graph of a set of events: how many events, the events each party takes part in, and an edge
    per pair of parties (codes sorted) and event type."""

    events: int = 0
    parties: dict[str, int] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], GraphEdge] = field(default_factory=dict)


@dataclass(frozen=True)
class IngestCounts:
    """What one batch did."""

    stored: int
    duplicates: int


class Repository:
    """Typed access to the store."""

    def __init__(self, engine: Engine, on_wait: Callable[[str], None] | None = None) -> None:
        self.engine = engine
        self.sessions = sessionmaker(engine, expire_on_commit=False)
        #: Told (with a message) when a writer has to wait for another one to finish; default: printed to stderr.
        self.on_wait = on_wait or _print_wait
        #: The last stored article id each clusterer in use here has learnt (by ``id()`` of the clusterer).
        self._learnt: dict[int, int] = {}

    @classmethod
    def open(cls, url: str = DEFAULT_URL, migrate: bool = True,
             on_wait: Callable[[str], None] | None = None) -> Repository:
        """Connect to the store at ``url`` and bring its schema up to date."""
        url = normalise_url(url)
        try:
            parsed = make_url(url)
            if parsed.get_backend_name() == "postgresql":
                try:
                    import psycopg  # noqa: F401
                except ImportError as err:
                    raise StoreError("PostgreSQL needs the driver: pip install 'allywatch[postgres]'") from err
            engine = create_engine(url, future=True, pool_pre_ping=True)
            if parsed.get_backend_name() == "sqlite":
                event.listen(engine, "connect", _sqlite_pragmas)
            repo = cls(engine, on_wait)
            if migrate:
                repo.migrate()
            return repo
        except SQLAlchemyError as err:
            raise StoreError(f"cannot open the store at {_redact(url)}: {err}") from err

    def migrate(self) -> None:
        """Run the Alembic migrations up to the newest."""
        from alembic import command
        from alembic.config import Config
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        config = Config()
        config.set_main_option("script_location", str(resources.files("allywatch.store") / "migrations"))
        head = ScriptDirectory.from_config(config).get_current_head()
        with self.engine.connect() as connection:
            if MigrationContext.configure(connection).get_current_revision() == head:
                return  # up to date: a reader need not wait for writers
        with self.engine.begin() as connection:
            self.lock_writers(connection)  # two first runs on a new store must not both create it
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def lock_writers(self, connection: Connection) -> None:
        """Take the store's writer lock for the rest of ``connection``'s transaction (which must not have run
        anything yet), saying so through :attr:`on_wait` when another writer holds it."""
        where = self.engine.url.render_as_string(hide_password=True)
        if connection.dialect.name == "postgresql":
            if not connection.execute(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": WRITER_LOCK_KEY}) \
                    .scalar():
                self.on_wait(f"waiting for another writer on {where} …")
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITER_LOCK_KEY})
            return
        if connection.dialect.name != "sqlite":
            return
        connection.exec_driver_sql(f"PRAGMA busy_timeout = {_SQLITE_TRY_MS}")
        told = False
        try:
            while True:
                try:
                    connection.exec_driver_sql("BEGIN IMMEDIATE")
                    return
                except OperationalError as error:
                    if not isinstance(error.orig, sqlite3.OperationalError) or "locked" not in str(error.orig):
                        raise
                if not told:
                    self.on_wait(f"waiting for another writer on {where} …")
                    told = True
                    connection.exec_driver_sql(f"PRAGMA busy_timeout = {_SQLITE_WAIT_MS}")
        finally:
            connection.exec_driver_sql(f"PRAGMA busy_timeout = {_SQLITE_BUSY_MS}")

    def _learn(self, session: Session, clusterer: StoryClusterer) -> None:
        """Teach ``clusterer`` the articles stored since it last learnt (by other writers), in storing order."""
        since = self._learnt.get(id(clusterer))
        if since is None:
            since = 0
            weakref.finalize(clusterer, self._learnt.pop, id(clusterer), None)
        rows = session.execute(select(ArticleRow.id, ArticleRow.story_id, ArticleRow.signature)
                               .where(ArticleRow.id > since).order_by(ArticleRow.id))
        for row_id, story, sig in rows:
            clusterer.remember(story, signature_from_json(sig))
            since = row_id
        self._learnt[id(clusterer)] = since

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()

    # ---- writing -------------------------------------------------------------------------------------------

    def known_hashes(self, hashes: Iterable[str], session: Session | None = None) -> set[str]:
        """Which of these content hashes are stored already."""
        if session is None:
            with self.sessions() as own:
                return self.known_hashes(hashes, own)
        wanted = list(set(hashes))
        found: set[str] = set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            found.update(session.scalars(select(ArticleRow.content_hash).where(ArticleRow.content_hash.in_(chunk))))
        return found

    def load_clusterer(self, clusterer: StoryClusterer | None = None) -> StoryClusterer:
        """A story clusterer that knows every stored article, so new ones join their stories; each batch stored
        with it first teaches it what other writers stored meanwhile."""
        clusterer = clusterer or StoryClusterer()
        with self.sessions() as session:
            self._learn(session, clusterer)
        return clusterer

    def store_batch(self, extractions: Sequence[Extraction], clusterer: StoryClusterer) -> IngestCounts:
        """Store new articles with their stories, and re-consolidate the stories they touch; one transaction."""
        return self.store_records([ArticleRecord.of(e) for e in extractions], clusterer)

    def store_records(self, records: Sequence[ArticleRecord], clusterer: StoryClusterer) -> IngestCounts:
        """Store extracted articles (from this process or a batch run's output) with their stories, and
        re-consolidate the stories they touch; one transaction, holding the writer lock, in which ``clusterer``
        first learns the articles other writers stored since it last learnt."""
        now = dt.datetime.now(dt.UTC)
        stored = duplicates = 0
        touched: set[str] = set()
        # per story, the new current articles (as consolidation sees them) in storing order; stories where an
        # article was superseded (or arrived superseded) are consolidated again from all their articles
        added: dict[str, list[Source]] = {}
        titles: dict[str, list[str | None]] = {}
        ids: dict[str, list[int]] = {}
        whole: set[str] = set()
        last = None
        try:
            with self.sessions.begin() as session:
                self.lock_writers(session.connection())
                self._learn(session, clusterer)
                known = self.known_hashes((content_hash(r.text) for r in records), session)
                seen: set[str] = set()
                # dated articles first, so an undated one can take its story's date
                for record in sorted(records, key=lambda r: r.published is None):
                    digest = content_hash(record.text)
                    if digest in known or digest in seen:
                        duplicates += 1
                        continue
                    seen.add(digest)
                    payload = dict(record.payload)
                    link = url_hash(payload.get("url"))
                    versions = self._current_versions(session, payload["doc"], payload.get("source"), link)
                    if versions:  # a new version of a stored article (a correction) joins its story
                        story = versions[-1].story_id
                        clusterer.remember(story, record.signature)
                    else:
                        story = clusterer.add(record.signature)  # a failed batch ends the run; the next rebuilds
                    touched.add(story)
                    published, inferred = record.published, False
                    day = clusterer.earliest(story) if published is None else None
                    if day is not None:  # an undated article takes its story's date, marked as inferred
                        published, inferred = day.isoformat(), True
                        payload["dates"] = dates_as_of(record.text, published)  # relative dates count from it
                    payload.update(story=story, published=published, published_inferred=inferred)
                    row = ArticleRow(content_hash=digest, doc=payload["doc"], title=payload.get("title"),
                                     source=payload.get("source"), url=payload.get("url"), published=published,
                                     published_inferred=inferred, story_id=story, origin=record.origin,
                                     text=record.text, extraction=payload,
                                     signature=signature_to_json(record.signature), ingested_at=now, url_hash=link)
                    session.add(row)
                    session.flush()
                    if versions:
                        whole.add(story)
                    if _supersede(session, row, published, versions):
                        added.setdefault(story, []).append(Source(
                            doc=row.doc, outlet=row.source, published=None if inferred else published,
                            events=tuple(json.loads(json.dumps(payload.get("events") or [])))))  # as stored
                        titles.setdefault(story, []).append(row.title)
                        ids.setdefault(story, []).append(row.id)
                        for entity in payload["entities"]:
                            session.add(EntityRow(article_id=row.id, type=entity["type"], name=entity["name"],
                                                  party=entity.get("party"), mentions=entity["mentions"]))
                    stored += 1
                    last = row.id
                for story in sorted(touched):
                    if story in whole or not self._extend(session, story, added.get(story, []),
                                                                 titles.get(story, []), ids.get(story, [])):
                        self._consolidate(session, story)
        except SQLAlchemyError as err:
            raise StoreError(f"could not store a batch of {len(records)} articles: {err}") from err
        if last is not None:  # the clusterer added these itself: it need not learn them again
            self._learnt[id(clusterer)] = last
        return IngestCounts(stored, duplicates)

    @staticmethod
    def _current_versions(session: Session, doc: str, source: str | None, link: str | None) -> list[ArticleRow]:
        """The stored articles a new article is a version of, oldest first: those not superseded with its URL, or
        with its outlet and doc id."""
        same = [and_(ArticleRow.doc == doc, ArticleRow.source == source)] if source else []
        if link:
            same.append(ArticleRow.url_hash == link)
        if not same:
            return []
        return list(session.scalars(select(ArticleRow).where(ArticleRow.superseded_by.is_(None), or_(*same))
                                    .order_by(ArticleRow.id)))

    def _consolidate(self, session: Session, story: str) -> None:
        """Consolidate the events of ``story`` from its current articles (a superseded version takes no part)."""
        events = ArticleRow.extraction["events"].label("events")  # not whole extractions: they grow with the story
        rows = session.execute(select(ArticleRow.doc, ArticleRow.source, ArticleRow.published,
                                      ArticleRow.published_inferred, ArticleRow.title, events)
                               .where(ArticleRow.story_id == story, ArticleRow.superseded_by.is_(None))
                               .order_by(ArticleRow.id)).all()
        sources = [Source(doc=r.doc, outlet=r.source, published=None if r.published_inferred else r.published,
                          events=tuple(r.events or [])) for r in rows]
        days = sorted(s.published for s in sources if s.published)
        session.execute(delete(KbEventSourceRow).where(KbEventSourceRow.event_id.in_(
            select(KbEventRow.id).where(KbEventRow.story_id == story))))
        session.execute(delete(KbEventRow).where(KbEventRow.story_id == story))
        title = next((r.title for r in rows if r.title), None)
        existing = session.get(StoryRow, story)
        values = {"title": title, "first_seen": days[0] if days else None, "last_seen": days[-1] if days else None,
                  "articles": len(rows), "outlets": len({s.outlet or s.doc for s in sources})}
        if existing is None:
            session.add(StoryRow(id=story, **values))
        else:
            for key, value in values.items():
                setattr(existing, key, value)
        session.flush()
        reported = {key: reported_confidence(reports) for key, reports in reports_by_key(sources).items()}
        written = []
        for kb_event in consolidate(sources):
            row = KbEventRow(story_id=story)
            _write_event(row, kb_event, reported[kb_event.key])
            session.add(row)
            written.append((row, kb_event.sources))
        _add_sources(session, written)

    def _extend(self, session: Session, story: str, sources: Sequence[Source], titles: Sequence[str | None],
                ids: Sequence[int]) -> bool:
        """Merge the events of new current articles of a stored ``story`` (``sources``, with their ``titles`` and
        row ``ids``, in storing order, after every stored article of it) into its consolidated events, as
        consolidating it again from all its articles would; only the events they report are read and rewritten, and
        of those only the rows themselves (their sources are not read: the new ones are added beside them).
        ``False`` (nothing done) when the story is not stored yet or one of those events was stored without what
        merging needs."""
        existing = session.get(StoryRow, story)
        if existing is None or not sources:
            return False
        grouped = reports_by_key(sources)
        rows: dict[str, KbEventRow] = {}
        keys = sorted({key[:255] for key in grouped})
        for i in range(0, len(keys), 500):
            rows.update((row.key, row) for row in session.scalars(
                select(KbEventRow).where(KbEventRow.story_id == story, KbEventRow.key.in_(keys[i:i + 500]))))
        if any(row.reported_confidence is None or row.tally is None for row in rows.values()):
            return False
        reporters = _reporters(session, [row.id for row in rows.values()], {s.outlet or s.doc for s in sources})
        written = []
        with session.no_autoflush:  # the rows are written together when the new sources are added
            for key, reports in grouped.items():
                row = rows.get(key[:255])
                reported = reported_confidence(reports)
                if row is None:
                    row = KbEventRow(story_id=story)
                    kb_event = merge(key, reports)
                    _write_event(row, kb_event, reported)
                    session.add(row)
                    written.append((row, kb_event.sources))
                    continue
                written.append((row, _merge_into(session, row, reports, reported, reporters.get(row.id, set()))))
        _add_sources(session, written)
        days = sorted(d for d in [existing.first_seen, existing.last_seen, *(s.published for s in sources)] if d)
        # an outlet the story's other current articles lack (a source without one counts as its doc) adds one
        before = min(ids)
        new_outlets = 0
        for outlet in dict.fromkeys(s.outlet or s.doc for s in sources):
            found = session.scalar(_STORY_OUTLET, {"story": story, "outlet": outlet, "before": before})
            new_outlets += found is None
        existing.title = existing.title or next((t for t in titles if t), None)
        existing.first_seen, existing.last_seen = (days[0], days[-1]) if days else (None, None)
        existing.articles += len(sources)
        existing.outlets += new_outlets
        return True

    # ---- reading -------------------------------------------------------------------------------------------

    def count_articles(self, story: str | None = None, source: str | None = None,
                       party: str | Iterable[str] | None = None, since: str | None = None, until: str | None = None,
                       q: str | None = None) -> int:
        """How many articles are stored; with the filters of :meth:`articles`, how many match them."""
        query = select(func.count(ArticleRow.id)).where(*_article_conditions(
            story=story, source=source, party=party, since=since, until=until, q=q))
        with self.sessions() as session:
            return int(session.scalar(query) or 0)

    def article_docs(self) -> list[str]:
        """Every stored article's doc id, in storing order."""
        with self.sessions() as session:
            return list(session.scalars(select(ArticleRow.doc).order_by(ArticleRow.id)))

    def articles(self, story: str | None = None, source: str | None = None, party: str | Iterable[str] | None = None,
                 since: str | None = None, until: str | None = None, q: str | None = None, limit: int | None = 50,
                 offset: int = 0) -> list[dict[str, Any]]:
        """Stored articles, newest first (undated ones last), without their text: those of ``story``, from the
        outlet ``source`` (any case), naming every party of ``party``, published on or after ``since`` and on or
        before ``until`` (YYYY, YYYY-MM or YYYY-MM-DD, inclusive), whose title or text holds every word of ``q``
        (any case); at most ``limit`` from ``offset`` on."""
        query = (select(ArticleRow).where(*_article_conditions(story=story, source=source, party=party, since=since,
                                                                until=until, q=q))
                 .order_by(ArticleRow.published.desc().nulls_last(), ArticleRow.id.desc()))
        with self.sessions() as session:
            return [_article_summary(row) for row in session.scalars(_page(query, limit, offset))]

    def article(self, doc: str) -> list[dict[str, Any]]:
        """The articles stored under the doc id ``doc`` (one, unless different articles were given the same name
        in different runs, or a corrected version replaced an earlier one: that one is kept, ``superseded``), in
        storing order, each with its text and its whole extraction: entities, events with their evidence
        offsets, amounts, dates and quotes, as stored."""
        with self.sessions() as session:
            rows = session.scalars(select(ArticleRow).where(ArticleRow.doc == doc).order_by(ArticleRow.id)).all()
            return [{**_article_summary(row), "text": row.text,
                     **{key: row.extraction.get(key, []) for key in ("entities", "events", "amounts", "dates",
                                                                     "quotes")}} for row in rows]

    def article_by_hash(self, digest: str) -> dict[str, Any] | None:
        """The stored article whose content hash (:func:`content_hash`) is ``digest``, as :meth:`articles` lists it."""
        with self.sessions() as session:
            row = session.scalar(select(ArticleRow).where(ArticleRow.content_hash == digest))
            return None if row is None else _article_summary(row)

    def events(self, party: str | Iterable[str] | None = None, type: str | None = None, since: str | None = None,
               status: str | None = None, limit: int | None = 1000, until: str | None = None,
               urls: bool = False, program: str | None = None, q: str | None = None,
               offset: int = 0) -> list[dict[str, Any]]:
        """Consolidated events, newest first, filtered by party (one code, or several that must all take part),
        type, dates (``since``/``until``: YYYY, YYYY-MM or YYYY-MM-DD, each bound inclusive), status, programme
        (any case) and ``q`` (every word in the item, programme or an evidence sentence, any case); at most
        ``limit`` (``None``: all) from ``offset`` on. With ``urls``, each source also carries its article's
        ``url``."""
        return list(self.iter_events(party=party, type=type, since=since, until=until, status=status, limit=limit,
                                     urls=urls, program=program, q=q, offset=offset))

    def iter_events(self, party: str | Iterable[str] | None = None, type: str | None = None,
                    since: str | None = None, until: str | None = None, status: str | None = None,
                    limit: int | None = None, urls: bool = False, chunk: int = 500, program: str | None = None,
                    q: str | None = None, offset: int = 0) -> Iterator[dict[str, Any]]:
        """The events of :meth:`events` (same filters, same order), read ``chunk`` rows at a time so memory stays
        flat however many there are; all of them unless ``limit`` is given.

        An event is on or after ``since`` when its date or its last sighting is, and on or before ``until`` when
        its date or its first sighting is (a period covers its whole span: ``until=2024-04`` takes 2024-04-30)."""
        query = (select(KbEventRow)
                 .where(*_event_conditions(party=party, type=type, since=since, until=until, status=status,
                                           program=program, q=q))
                 .order_by(KbEventRow.last_seen.desc().nulls_last(), KbEventRow.story_id, KbEventRow.key,
                           KbEventRow.id))  # ties by content, so two stores of the same articles list alike
        # the filters are checked now, the rows read when iterated
        return self._stream_events(_page(query, limit, offset), urls, chunk)

    def count_events(self, party: str | Iterable[str] | None = None, type: str | None = None,
                     since: str | None = None, until: str | None = None, status: str | None = None,
                     program: str | None = None, q: str | None = None) -> int:
        """How many events :meth:`events` gives with these filters and no limit."""
        query = select(func.count(KbEventRow.id)).where(*_event_conditions(
            party=party, type=type, since=since, until=until, status=status, program=program, q=q))
        with self.sessions() as session:
            return int(session.scalar(query) or 0)

    def event_months(self, party: str | Iterable[str] | None = None, type: str | None = None,
                     since: str | None = None, until: str | None = None, status: str | None = None,
                     program: str | None = None, q: str | None = None) -> list[tuple[str | None, str, int]]:
        """How many of the events :meth:`events` gives with these filters were first reported in each month, by
        type: ``(YYYY-MM, type, n)`` in month order, with ``None`` for the month of events no dated source
        reports."""
        months = (select(func.substr(KbEventRow.first_seen, 1, 7).label("month"), KbEventRow.type.label("type"))
                  .where(*_event_conditions(party=party, type=type, since=since, until=until, status=status,
                                            program=program, q=q)).subquery())
        query = (select(months.c.month, months.c.type, func.count().label("n"))
                 .group_by(months.c.month, months.c.type).order_by(months.c.month, months.c.type))
        with self.sessions() as session:
            return [(month, kind, int(n)) for month, kind, n in session.execute(query)]

    def cooperation(self, party: str | Iterable[str] | None = None, type: str | None = None,
                    since: str | None = None, until: str | None = None, status: str | None = None,
                    program: str | None = None, q: str | None = None) -> Cooperation:
        """The cooperation graph of the events :meth:`events` gives with these filters, as ``export --format
        graphml`` draws it from them: an edge per pair of parties and event type with its events, those giving the
        two distinct roles, the distinct outlets reporting them (a source without an outlet counts as its doc) and
        the earliest and latest sighting.

        No event is read whole: one query reads each event's parties, type, roles and sightings, and the outlets of
        its sources are read as little as they can be. An event's sources are articles of its story (consolidation
        makes them so), so an event reported by as many outlets as its story has is reported by the story's
        outlets: those come from the story's articles (their outlet and doc columns, by story), and only the other
        events of two parties or more have the outlet and doc of each source taken out of their sources' JSON, by
        the database. Events alike in parties, type and roles are summed before they are spread over their pairs of
        parties."""
        conditions = _event_conditions(party=party, type=type, since=since, until=until, status=status,
                                       program=program, q=q)
        edged = KbEventRow.participants.like("%,%,%,%")  # ",A,B," or longer: two parties or more
        # an event of two parties or more reported by all its story's outlets, or by some (or with no story row)
        as_story = and_(edged, KbEventRow.outlets == StoryRow.outlets)
        from_sources = case((and_(edged, or_(StoryRow.outlets.is_(None), KbEventRow.outlets != StoryRow.outlets)),
                             self._source_outlets()))
        events = (select(KbEventRow.participants, KbEventRow.type, cast(KbEventRow.roles, Text),
                         KbEventRow.first_seen, KbEventRow.last_seen, KbEventRow.story_id, as_story, from_sources)
                  .outerjoin(StoryRow, StoryRow.id == KbEventRow.story_id).where(*conditions))
        articles = select(ArticleRow.story_id, func.coalesce(func.nullif(ArticleRow.source, ""), ArticleRow.doc))
        # per kind of event (parties, type, roles): [events, first seen, last seen, stories, outlets]
        groups: dict[tuple[str, str, str | None], list[Any]] = {}
        story_outlets: dict[str, set[str]] = {}
        with self.engine.connect() as connection:
            for participants, kind, roles, first_seen, last_seen, story, whole, outlets in connection.execute(events):
                group = groups.get((participants, kind, roles))
                if group is None:
                    group = groups[(participants, kind, roles)] = [0, None, None, set(), set()]
                group[0] += 1
                if first_seen and (group[1] is None or first_seen < group[1]):
                    group[1] = first_seen
                if last_seen and (group[2] is None or last_seen > group[2]):
                    group[2] = last_seen
                if whole:
                    group[3].add(story)
                elif outlets is not None:
                    group[4].update(json.loads(outlets) if isinstance(outlets, str) else outlets)
            # the outlets of those stories, a chunk of stories at a time (were articles stored in between, a story
            # could show an outlet more than its events had when they were read: never an error)
            wanted = sorted({story for group in groups.values() for story in group[3]})
            for i in range(0, len(wanted), STORY_CHUNK):
                for story, outlet in connection.execute(articles.where(
                        ArticleRow.story_id.in_(wanted[i:i + STORY_CHUNK]))):
                    story_outlets.setdefault(story, set()).add(outlet)
        graph = Cooperation()
        in_roles: dict[str | None, set[str]] = {}
        pairs: dict[str, tuple[set[str], list[tuple[str, str]]]] = {}
        for (participants, kind, roles), (events_n, first, last, stories_of, outlets_of) in groups.items():
            if participants not in pairs:
                parties = set(participants.strip(",").split(","))  # as :meth:`events` gives them
                pairs[participants] = parties, list(combinations(sorted(parties), 2))
            parties, among = pairs[participants]
            graph.events += events_n
            for code in parties:
                graph.parties[code] = graph.parties.get(code, 0) + events_n
            if not among:
                continue
            if roles not in in_roles:
                in_roles[roles] = set(((json.loads(roles) if roles else None) or {}).values())
            directed = in_roles[roles]
            outlets = outlets_of.union(*(story_outlets.get(story, ()) for story in stories_of)) if stories_of \
                else outlets_of
            for a, b in among:
                edge = graph.edges.get((a, b, kind))
                if edge is None:
                    edge = graph.edges[(a, b, kind)] = GraphEdge()
                edge.events += events_n
                if a in directed and b in directed:
                    edge.directed += events_n
                edge.outlets |= outlets
                if first and (edge.first_seen is None or first < edge.first_seen):
                    edge.first_seen = first
                if last and (edge.last_seen is None or last > edge.last_seen):
                    edge.last_seen = last
        return graph

    def _source_outlets(self) -> Any:
        """The outlets of an event's sources (the source's doc when it names none), gathered by the database from
        its sources' rows: a JSON array from SQLite, a list from PostgreSQL."""
        gather: Any = func.array_agg if self.engine.dialect.name == "postgresql" else func.json_group_array
        outlet = func.coalesce(func.nullif(KbEventSourceRow.outlet, ""), KbEventSourceRow.doc)
        return (select(gather(outlet)).where(KbEventSourceRow.event_id == KbEventRow.id)
                .correlate(KbEventRow).scalar_subquery())

    def _stream_events(self, query: Select[KbEventRow], urls: bool, chunk: int) -> Iterator[dict[str, Any]]:
        with self.sessions() as session:
            for rows in session.scalars(query.execution_options(yield_per=chunk)).partitions():
                found = _event_dicts(session, rows)
                if urls:
                    self._add_source_urls(found)
                yield from found

    def _add_source_urls(self, events: list[dict[str, Any]]) -> None:
        """Give each source of these events its article's URL (a source is an article of the event's story)."""
        stories = sorted({e["story"] for e in events})
        found: dict[tuple[str, str], str | None] = {}
        with self.sessions() as session:
            for i in range(0, len(stories), 500):
                found.update(((story, doc), url) for story, doc, url in session.execute(
                    select(ArticleRow.story_id, ArticleRow.doc, ArticleRow.url)
                    .where(ArticleRow.story_id.in_(stories[i:i + 500]))))
        for kb_event in events:
            kb_event["sources"] = [{**source, "url": found.get((kb_event["story"], source["doc"]))}
                                   for source in kb_event["sources"]]

    def stories(self, limit: int | None = 1000, offset: int = 0, party: str | Iterable[str] | None = None,
                since: str | None = None, until: str | None = None, q: str | None = None) -> list[dict[str, Any]]:
        """Stories, newest first (undated ones last), with their size: those with an event every party of
        ``party`` takes part in, last seen on or after ``since`` and first seen on or before ``until``, whose
        title holds every word of ``q`` (any case); at most ``limit`` from ``offset`` on."""
        query = (select(StoryRow).where(*_story_conditions(party=party, since=since, until=until, q=q))
                 .order_by(StoryRow.last_seen.desc().nulls_last(), StoryRow.id))
        with self.sessions() as session:
            return [{"id": s.id, "title": s.title, "first_seen": s.first_seen, "last_seen": s.last_seen,
                     "articles": s.articles, "outlets": s.outlets}
                    for s in session.scalars(_page(query, limit, offset))]

    def count_stories(self, party: str | Iterable[str] | None = None, since: str | None = None,
                      until: str | None = None, q: str | None = None) -> int:
        """How many stories :meth:`stories` gives with these filters and no limit."""
        query = select(func.count(StoryRow.id)).where(*_story_conditions(party=party, since=since, until=until, q=q))
        with self.sessions() as session:
            return int(session.scalar(query) or 0)

    def story(self, story_id: str) -> dict[str, Any] | None:
        """One story: its articles side by side, its events and their conflicts."""
        with self.sessions() as session:
            found = session.get(StoryRow, story_id)
            if found is None:
                return None
            every = session.scalars(select(ArticleRow).where(ArticleRow.story_id == story_id)
                                    .order_by(ArticleRow.published, ArticleRow.id)).all()
            articles = [a for a in every if a.superseded_by is None]
            # in consolidation's order, however the story's events were written (at once or merged into)
            events = sorted(session.scalars(select(KbEventRow).where(KbEventRow.story_id == story_id)),
                            key=lambda e: (e.first_seen or "", e.key))
            sources = [Source(doc=a.doc, outlet=a.source, published=a.published, events=()) for a in articles]
            conversions = story_conflicts(sources, {a.doc: a.extraction.get("amounts", []) for a in articles})
            return {"id": found.id, "title": found.title, "first_seen": found.first_seen,
                    "last_seen": found.last_seen, "outlets": found.outlets, "conflicts": conversions,
                    "articles": [{"doc": a.doc, "title": a.title, "source": a.source, "url": a.url,
                                  "published": a.published, "published_inferred": a.published_inferred,
                                  "events": len(a.extraction.get("events", [])),
                                  "amounts": [x["text"] for x in a.extraction.get("amounts", [])],
                                  "dates": [f"{x['text']}={x['value']}" for x in a.extraction.get("dates", [])]}
                                 for a in articles],
                    "events": _event_dicts(session, events),
                    "corrections": _corrections(every)}

    def entities(self, type: str | None = None, party: str | None = None, q: str | None = None,
                 limit: int | None = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Entities across the store, one per name (any case), those in the most articles first: of ``type``, of
        the party ``party``, whose name holds every word of ``q`` (any case); each with its type, party and the
        number of articles it appears in; at most ``limit`` from ``offset`` on."""
        articles = func.count(func.distinct(EntityRow.article_id))
        name = func.min(EntityRow.name)
        query = (select(name, func.min(EntityRow.type), func.max(EntityRow.party), articles)
                 .where(*_entity_conditions(type=type, party=party, q=q)).group_by(func.lower(EntityRow.name))
                 .order_by(articles.desc(), name))
        with self.sessions() as session:
            return [{"name": n, "type": t, "party": p, "articles": int(a)}
                    for n, t, p, a in session.execute(_page(query, limit, offset))]

    def count_entities(self, type: str | None = None, party: str | None = None, q: str | None = None) -> int:
        """How many entities :meth:`entities` gives with these filters and no limit."""
        names = (select(func.lower(EntityRow.name).label("key")).where(*_entity_conditions(type=type, party=party, q=q))
                 .group_by(func.lower(EntityRow.name)).subquery())
        with self.sessions() as session:
            return int(session.scalar(select(func.count()).select_from(names)) or 0)

    def entity(self, name: str, events_limit: int | None = None, events_offset: int = 0) -> dict[str, Any] | None:
        """An entity across the store: its type, parties, the articles and stories it appears in and the events of
        those stories (newest first; ``events_limit`` of them from ``events_offset`` on, all by default, and how
        many there are in ``events_count``)."""
        with self.sessions() as session:
            rows = session.execute(select(EntityRow, ArticleRow.doc, ArticleRow.story_id)
                                   .join(ArticleRow, ArticleRow.id == EntityRow.article_id)
                                   .where(func.lower(EntityRow.name) == name.lower())).all()
            if not rows:
                return None
            entity = rows[0][0]
            stories = sorted({story for _, _, story in rows})
            co_parties: dict[str, int] = {}
            article_ids = [e.article_id for e, _, _ in rows]
            for party, in session.execute(select(EntityRow.name).where(EntityRow.article_id.in_(article_ids),
                                                                        EntityRow.type == "country")):
                co_parties[party] = co_parties.get(party, 0) + 1
            in_stories = KbEventRow.story_id.in_(stories)
            events = session.scalars(_page(select(KbEventRow).where(in_stories).order_by(
                KbEventRow.last_seen.desc().nulls_last(), KbEventRow.story_id, KbEventRow.key, KbEventRow.id),
                events_limit, events_offset)).all()
            count = session.scalar(select(func.count(KbEventRow.id)).where(in_stories))
            return {"name": entity.name, "type": entity.type, "party": entity.party,
                    "articles": sorted({doc for _, doc, _ in rows}), "stories": stories,
                    "co_occurring_parties": dict(sorted(co_parties.items(), key=lambda kv: -kv[1])),
                    "events": _event_dicts(session, events), "events_count": int(count or 0)}


def _supersede(session: Session, row: ArticleRow, published: str | None, versions: Sequence[ArticleRow]) -> bool:
    """Make the new article ``row`` (published on ``published``, its own date or its story's) the current version
    of the stored ``versions`` of it, or, when one of those is dated later (an older version arriving late), a
    version that one supersedes; whether ``row`` is current. A superseded version keeps its row and extraction
    but loses its entity rows, so queries of entities read current articles only."""
    own = None if row.published_inferred else published
    later = [v for v in versions if own and v.published and not v.published_inferred and v.published > own]
    if later:
        row.superseded_by = later[-1].id
        return False
    for version in versions:
        version.superseded_by = row.id
        session.execute(delete(EntityRow).where(EntityRow.article_id == version.id))
    return True


def event_search_text(item: str | None, program: str | None, sources: Iterable[dict[str, Any]]) -> str:
    """What ``q`` searches in an event: its item, programme and evidence sentences, whitespace folded, lowercased."""
    parts = [item or "", program or ""]
    parts += [span.get("text") or "" for source in sources for span in source.get("evidence") or []]
    return " ".join(" ".join(parts).split()).lower()


def _page(query: _Query, limit: int | None, offset: int) -> _Query:
    if offset:
        query = query.offset(offset)
    return query if limit is None else query.limit(limit)


def _like_words(column: Any, q: str | None) -> list[ColumnElement[bool]]:
    """One condition per word of ``q``: the (lowercased) column holds it, LIKE's wildcards taken literally."""
    return [column.like(f"%{_escape_like(word)}%", escape="\\") for word in (q or "").lower().split()]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _codes(party: str | Iterable[str] | None) -> list[str]:
    codes = [party] if isinstance(party, str) else list(party or [])
    return [c.strip().upper() for c in codes if c.strip()]


def _event_conditions(party: str | Iterable[str] | None = None, type: str | None = None, since: str | None = None,
                      until: str | None = None, status: str | None = None, program: str | None = None,
                      q: str | None = None) -> list[ColumnElement[bool]]:
    """The WHERE conditions of an events query (see :meth:`Repository.iter_events`); dates are checked here."""
    conditions: list[ColumnElement[bool]] = [KbEventRow.participants.like(f"%,{_escape_like(code)},%", escape="\\")
                                             for code in _codes(party)]
    if type:
        conditions.append(KbEventRow.type == type)
    if since:
        since = check_period(since, "since")
        conditions.append(or_(KbEventRow.date >= since, KbEventRow.last_seen >= since))
    if until:
        until = check_period(until, "until")
        # compare the prefix as long as the bound, so a day or month inside the bound's period is before it
        conditions.append(or_(func.substr(KbEventRow.date, 1, len(until)) <= until,
                              func.substr(KbEventRow.first_seen, 1, len(until)) <= until))
    if status:
        conditions.append(KbEventRow.status == status)
    if program and program.strip():
        conditions.append(func.lower(KbEventRow.program) == program.strip().lower())
    # a word is in the event's own search text (item, programme) or in one of its sources' (evidence sentences)
    return conditions + [or_(word, exists().where(KbEventSourceRow.event_id == KbEventRow.id,
                                                  in_source).correlate(KbEventRow))
                         for word, in_source in zip(_like_words(KbEventRow.search, q),
                                                    _like_words(KbEventSourceRow.search, q), strict=True)]


def _article_conditions(story: str | None = None, source: str | None = None,
                        party: str | Iterable[str] | None = None, since: str | None = None, until: str | None = None,
                        q: str | None = None) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [ArticleRow.superseded_by.is_(None)]  # current versions only
    if story:
        conditions.append(ArticleRow.story_id == story)
    if source and source.strip():
        conditions.append(func.lower(ArticleRow.source) == source.strip().lower())
    for code in _codes(party):
        conditions.append(ArticleRow.id.in_(select(EntityRow.article_id).where(EntityRow.type == "country",
                                                                                EntityRow.name == code)))
    if since:
        conditions.append(ArticleRow.published >= check_period(since, "since"))
    if until:
        until = check_period(until, "until")
        conditions.append(func.substr(ArticleRow.published, 1, len(until)) <= until)
    words = (q or "").lower().split()
    for word in words:
        pattern = f"%{_escape_like(word)}%"
        conditions.append(or_(func.lower(ArticleRow.title).like(pattern, escape="\\"),
                              func.lower(ArticleRow.text).like(pattern, escape="\\")))
    return conditions


def _story_conditions(party: str | Iterable[str] | None = None, since: str | None = None, until: str | None = None,
                      q: str | None = None) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if _codes(party):
        conditions.append(StoryRow.id.in_(select(KbEventRow.story_id).where(*_event_conditions(party=party))))
    if since:
        conditions.append(StoryRow.last_seen >= check_period(since, "since"))
    if until:
        until = check_period(until, "until")
        conditions.append(func.substr(StoryRow.first_seen, 1, len(until)) <= until)
    return conditions + _like_words(func.lower(StoryRow.title), q)


def _entity_conditions(type: str | None = None, party: str | None = None,
                       q: str | None = None) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if type:
        conditions.append(EntityRow.type == type)
    if party and party.strip():
        conditions.append(EntityRow.party == party.strip().upper())
    return conditions + _like_words(func.lower(EntityRow.name), q)


def _article_summary(row: ArticleRow) -> dict[str, Any]:
    return {"doc": row.doc, "title": row.title, "source": row.source, "url": row.url, "published": row.published,
            "published_inferred": row.published_inferred, "story": row.story_id,
            "events": len(row.extraction.get("events", [])), "entities": len(row.extraction.get("entities", [])),
            "ingested_at": row.ingested_at.isoformat() if row.ingested_at else None,
            "superseded": row.superseded_by is not None}


#: At most this many sentences of a version's text are shown as taken out or put in by a correction.
CHANGED_SENTENCES = 5
_SENTENCE = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+")


def _corrections(rows: Sequence[ArticleRow]) -> list[dict[str, Any]]:
    """Each superseded version among ``rows`` beside the version that replaced it, in storing order: what they
    are, and what changed (title, date, figures, dates, events, and the sentences taken out and put in)."""
    by_id = {row.id: row for row in rows}
    out = []
    for old in sorted(rows, key=lambda r: r.id):
        new = by_id.get(old.superseded_by) if old.superseded_by is not None else None
        if new is None:
            continue
        changes = []
        for name, value_of in (("title", lambda r: r.title), ("published", lambda r: r.published),
                               ("amounts", lambda r: [x["text"] for x in r.extraction.get("amounts", [])]),
                               ("dates", lambda r: [f"{x['text']}={x['value']}"
                                                    for x in r.extraction.get("dates", [])]),
                               ("events", _event_lines)):
            was, now = value_of(old), value_of(new)
            if was != now:
                changes.append({"field": name, "was": was, "now": now})
        was_sentences = [s.strip() for s in _SENTENCE.split(old.text) if s.strip()]
        now_sentences = [s.strip() for s in _SENTENCE.split(new.text) if s.strip()]
        removed = [s for s in was_sentences if s not in set(now_sentences)]
        added = [s for s in now_sentences if s not in set(was_sentences)]
        if removed or added:
            changes.append({"field": "text", "was": removed[:CHANGED_SENTENCES], "now": added[:CHANGED_SENTENCES]})
        out.append({"doc": new.doc, "source": new.source, "url": new.url, "changes": changes,
                    **{key: {"doc": row.doc, "published": row.published, "content_hash": row.content_hash,
                             "ingested_at": row.ingested_at.isoformat() if row.ingested_at else None}
                       for key, row in (("was", old), ("now", new))}})
    return out


def _event_lines(row: ArticleRow) -> list[str]:
    """An article's events in a line each: type, parties, status and figure."""
    lines = []
    for found in row.extraction.get("events", []):
        amount = found.get("amount") or {}
        figure = f" {amount.get('value'):g} {amount.get('currency')}" if amount.get("value") is not None else ""
        lines.append(f"{found.get('type')} {','.join(found.get('participants') or [])} {found.get('status')}{figure}")
    return lines


def _write_event(row: KbEventRow, kb_event: KbEvent, reported: float) -> None:
    """Set ``row`` to the consolidated event ``kb_event``, whose sources gave it at most ``reported`` confidence;
    its sources are written apart (:func:`_add_sources`)."""
    row.key, row.type = kb_event.key[:255], kb_event.type
    row.participants = "," + ",".join(kb_event.participants) + ","
    row.roles, row.status, row.item, row.program = kb_event.roles, kb_event.status, kb_event.item, kb_event.program
    row.date, row.amount, row.first_seen, row.last_seen = (kb_event.date, kb_event.amount, kb_event.first_seen,
                                                           kb_event.last_seen)
    row.outlets, row.confidence, row.reported_confidence = kb_event.outlets, kb_event.confidence, reported
    row.conflicts, row.sources = kb_event.conflicts, None
    row.search = event_search_text(kb_event.item, kb_event.program, [])
    row.tally = _tally(_new_tally(), kb_event.sources)


def _new_tally() -> dict[str, Any]:
    return {"status": {}, "date": {}, "amount": {}, "first": {}, "figures": []}


def _tally(tally: dict[str, Any], reports: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """``tally`` (see :attr:`KbEventRow.tally`, changed in place) counting these reports of its event too (each
    an event as a source reported it, or a source of a consolidated event: what merging reads is alike)."""
    for report in reports:
        amount = report.get("amount")
        text = _amount_text(report)
        for name, value in (("status", report.get("status")), ("date", report.get("date")), ("amount", text)):
            if value not in (None, ""):
                tally[name][value] = tally[name].get(value, 0) + 1
        if amount and text is not None:
            tally["first"].setdefault(text, amount)
            if all(_figure(amount) != _figure(known) for known in tally["figures"]):
                tally["figures"].append(amount)
    return tally


def _chosen(counts: dict[str, int], exact: bool = False) -> str | None:
    """The value most reports give (the greatest of those most give), among figures not bounds with ``exact``
    when there are some, as consolidation chooses it."""
    values = [v for v in counts if not _bound_of(v)] if exact else []
    return max(values or counts, key=lambda v: (counts[v], str(v))) if counts else None


def _story_outlet() -> Select[int]:
    """A current article of the story ``:story`` stored before the article ``:before`` from the outlet ``:outlet``
    (or without one and with that doc): each way of being that outlet is looked up in the index of articles by
    story, outlet and doc (SQLite), and "+ 0" keeps the other conditions from choosing an index of their own."""
    story: BindParameter[str] = bindparam("story")
    outlet: BindParameter[str] = bindparam("outlet")
    return select(ArticleRow.id).where(
        or_(and_(ArticleRow.story_id == story, ArticleRow.source == outlet),
            and_(ArticleRow.story_id == story, ArticleRow.source.is_(None), ArticleRow.doc == outlet),
            and_(ArticleRow.story_id == story, ArticleRow.source == "", ArticleRow.doc == outlet)),
        (ArticleRow.superseded_by + 0).is_(None), ArticleRow.id + 0 < bindparam("before")).limit(1)


def _event_reporters() -> Select[int, str | None, str]:
    """The sources of the events ``:events`` from the outlets ``:outlets`` or with those docs, looked up by event and
    outlet and by event and doc."""
    source = KbEventSourceRow
    events: BindParameter[list[int]] = bindparam("events", expanding=True)
    outlets: BindParameter[list[str]] = bindparam("outlets", expanding=True)
    return select(source.event_id, source.outlet, source.doc).where(
        or_(and_(source.event_id.in_(events), source.outlet.in_(outlets)),
            and_(source.event_id.in_(events), source.doc.in_(outlets))))


#: Made once: a query made for each article or event costs more to build than to run.
_STORY_OUTLET, _EVENT_REPORTERS = _story_outlet(), _event_reporters()


def _reporters(session: Session, events: Sequence[int], outlets: set[str]) -> dict[int, set[str]]:
    """Which of these ``outlets`` already report each of these stored ``events`` (a source without an outlet
    counts as its doc)."""
    found: dict[int, set[str]] = {}
    wanted = sorted(outlets)
    for i in range(0, len(events), 500):
        for event_id, outlet, doc in session.execute(_EVENT_REPORTERS, {"events": list(events[i:i + 500]),
                                                                        "outlets": wanted}):
            if (outlet or doc) in outlets:
                found.setdefault(event_id, set()).add(outlet or doc)
    return found


def _merge_into(session: Session, row: KbEventRow, reports: list[tuple[Source, dict[str, Any]]],
                reported: float, reporters: set[str]) -> list[dict[str, Any]]:
    """Merge more ``reports`` of the stored event ``row`` (a source and its event of the row's key, in storing order
    after the row's sources) into it, as consolidating all its reports at once would, reading what its tally
    keeps and not its sources (but those of a field that comes to be in conflict, once); the new sources, which
    :func:`_add_sources` writes. ``reported`` is the highest confidence the new reports give, ``reporters`` the
    outlets of the new reports that its sources have already."""
    assert row.tally is not None and row.reported_confidence is not None
    new = [{"doc": s.doc, "outlet": s.outlet, "published": s.published, "status": e.get("status"),
            "date": e.get("date"), "amount": e.get("amount"), "evidence": e.get("evidence", [])} for s, e in reports]
    kept = row.tally
    tally = _tally({**{name: dict(kept[name]) for name in ("status", "date", "amount", "first")},
                    "figures": list(kept["figures"])}, new)
    status, date, figure = _chosen(tally["status"]), _chosen(tally["date"]), _chosen(tally["amount"], exact=True)
    conflicts = []
    before = {c["field"]: c for c in row.conflicts or []}
    for name, value_of in (("date", lambda s: s.get("date")), ("amount", lambda s: _amount_text(s))):
        counts = tally[name]
        if len(counts) < 2 or (name == "amount" and all(compatible(a, b)
                                                         for a, b in combinations(tally["figures"], 2))):
            continue
        # a conflict, once there, stays and names every value; one that has just arisen reads the stored sources
        docs: dict[str, set[str]] = {}
        if name in before:
            for entry in before[name]["values"]:
                docs[entry["value"]] = set(entry["docs"])
        else:
            column = KbEventSourceRow.date if name == "date" else KbEventSourceRow.amount
            for doc, value in session.execute(select(KbEventSourceRow.doc, column)
                                              .where(KbEventSourceRow.event_id == row.id)):
                found = value_of({name: value})
                if found not in (None, ""):
                    docs.setdefault(found, set()).add(doc)
        for source in new:
            found = value_of(source)
            if found not in (None, ""):
                docs.setdefault(found, set()).add(source["doc"])
        conflicts.append({"field": name, "values": [{"value": v, "docs": sorted(d)}
                                                    for v, d in sorted(docs.items(), key=str)]})
    outlets = {s["outlet"] or s["doc"] for s in new} - reporters
    days = sorted(d for d in [row.first_seen, row.last_seen, *(s["published"] for s in new)] if d)
    reported = max(reported, row.reported_confidence)
    program = row.program or next((e.get("program") for _, e in reports if e.get("program")), None)
    row.status = status or row.status
    row.date = date
    row.amount = tally["first"][figure] if figure is not None else row.amount
    row.program = program
    row.first_seen, row.last_seen = (days[0], days[-1]) if days else (None, None)
    row.outlets += len(outlets)
    row.reported_confidence = reported
    row.confidence = round(min(0.99, reported + 0.05 * (row.outlets - 1)), 3)
    row.conflicts = conflicts
    row.search = event_search_text(row.item, program, [])
    row.tally = tally
    return new


def _add_sources(session: Session, written: Sequence[tuple[KbEventRow, Sequence[dict[str, Any]]]]) -> None:
    """Add these sources (each as consolidation gives it) to the events they were written with, after those
    events' other sources."""
    if any(row.id is None for row, _ in written):
        session.flush()  # the new events get their ids
    rows = [{"event_id": row.id, "doc": s["doc"], "outlet": s.get("outlet"), "published": s.get("published"),
             "status": s.get("status"), "date": s.get("date"), "amount": s.get("amount"),
             "evidence": s.get("evidence") or [], "search": event_search_text(None, None, [s])}
            for row, sources in written for s in sources]
    if rows:
        session.connection().execute(insert(KbEventSourceRow), rows)


def _source_dict(row: KbEventSourceRow) -> dict[str, Any]:
    return {"doc": row.doc, "outlet": row.outlet, "published": row.published, "status": row.status,
            "date": row.date, "amount": row.amount, "evidence": row.evidence}


def _sources_of(session: Session, events: Sequence[KbEventRow]) -> dict[int, list[dict[str, Any]]]:
    """The sources of these events, each event's in its order."""
    found: dict[int, list[dict[str, Any]]] = {row.id: [] for row in events}
    ids = list(found)
    for i in range(0, len(ids), 500):
        for source in session.scalars(select(KbEventSourceRow).where(KbEventSourceRow.event_id.in_(ids[i:i + 500]))
                                      .order_by(KbEventSourceRow.event_id, KbEventSourceRow.id)):
            found[source.event_id].append(_source_dict(source))
    return found


def _event_dicts(session: Session, rows: Sequence[KbEventRow]) -> list[dict[str, Any]]:
    sources = _sources_of(session, rows)
    return [_event_dict(row, sources[row.id]) for row in rows]


def _event_dict(row: KbEventRow, sources: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": row.id, "story": row.story_id, "type": row.type, "participants": row.participants.strip(",")
            .split(","), "roles": row.roles, "status": row.status, "item": row.item, "program": row.program,
            "date": row.date, "amount": row.amount, "first_seen": row.first_seen, "last_seen": row.last_seen,
            "outlets": row.outlets, "confidence": row.confidence, "conflicts": row.conflicts,
            "sources": sources}


def _sqlite_pragmas(connection: Any, _: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _print_wait(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _redact(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # a URL too broken to parse is shown as given
        return url
