"""The repository: the one place that reads and writes the store (SQLite by default, PostgreSQL by URL).

Articles are identified by their content (a hash of the cleaned text), so
storing the same article twice changes nothing. Each batch is one transaction:
its articles, their entities, their stories and the re-consolidated events of
those stories commit together or not at all, so a run killed at any moment
leaves whole batches and nothing half-written, and the next run picks up the
articles that were not committed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from sqlalchemy import Engine, Select, create_engine, delete, event, func, or_, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from allywatch.corpus.consolidate import Source, consolidate, story_conflicts
from allywatch.corpus.stories import Signature, StoryClusterer, signature_from_json, signature_to_json
from allywatch.errors import InputError, StoreError
from allywatch.model import Extraction
from allywatch.output import extraction_to_json
from allywatch.store.tables import ArticleRow, EntityRow, KbEventRow, StoryRow

DEFAULT_URL = "sqlite:///allywatch.db"


def content_hash(text: str) -> str:
    """The identity of an article: a hash of its cleaned text with whitespace folded."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


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


@dataclass(frozen=True)
class IngestCounts:
    """What one batch did."""

    stored: int
    duplicates: int


class Repository:
    """Typed access to the store."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str = DEFAULT_URL, migrate: bool = True) -> Repository:
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
            repo = cls(engine)
            if migrate:
                repo.migrate()
            return repo
        except SQLAlchemyError as err:
            raise StoreError(f"cannot open the store at {_redact(url)}: {err}") from err

    def migrate(self) -> None:
        """Run the Alembic migrations up to the newest."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(resources.files("allywatch.store") / "migrations"))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()

    # ---- writing -------------------------------------------------------------------------------------------

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Which of these content hashes are stored already."""
        wanted = list(set(hashes))
        found: set[str] = set()
        with self.sessions() as session:
            for i in range(0, len(wanted), 500):
                chunk = wanted[i:i + 500]
                found.update(session.scalars(select(ArticleRow.content_hash).where(
                    ArticleRow.content_hash.in_(chunk))))
        return found

    def load_clusterer(self, clusterer: StoryClusterer | None = None) -> StoryClusterer:
        """A story clusterer that knows every stored article, so new ones join their stories."""
        clusterer = clusterer or StoryClusterer()
        with self.sessions() as session:
            rows = session.execute(select(ArticleRow.story_id, ArticleRow.signature).order_by(ArticleRow.id))
            for story, sig in rows:
                clusterer.remember(story, signature_from_json(sig))
        return clusterer

    def store_batch(self, extractions: Sequence[Extraction], clusterer: StoryClusterer) -> IngestCounts:
        """Store new articles with their stories, and re-consolidate the stories they touch; one transaction."""
        return self.store_records([ArticleRecord.of(e) for e in extractions], clusterer)

    def store_records(self, records: Sequence[ArticleRecord], clusterer: StoryClusterer) -> IngestCounts:
        """Store extracted articles (from this process or a batch run's output) with their stories, and
        re-consolidate the stories they touch; one transaction."""
        now = dt.datetime.now(dt.UTC)
        stored = duplicates = 0
        touched: set[str] = set()
        try:
            with self.sessions.begin() as session:
                known = self.known_hashes(content_hash(r.text) for r in records)
                seen: set[str] = set()
                # dated articles first, so an undated one can take its story's date
                for record in sorted(records, key=lambda r: r.published is None):
                    digest = content_hash(record.text)
                    if digest in known or digest in seen:
                        duplicates += 1
                        continue
                    seen.add(digest)
                    story = clusterer.add(record.signature)  # a failed batch ends the run; the next rebuilds
                    touched.add(story)
                    payload = dict(record.payload)
                    published, inferred = record.published, False
                    day = clusterer.earliest(story) if published is None else None
                    if day is not None:  # an undated article takes its story's date, marked as inferred
                        published, inferred = day.isoformat(), True
                    payload.update(story=story, published=published, published_inferred=inferred)
                    row = ArticleRow(content_hash=digest, doc=payload["doc"], title=payload.get("title"),
                                     source=payload.get("source"), url=payload.get("url"), published=published,
                                     published_inferred=inferred, story_id=story, origin=record.origin,
                                     text=record.text, extraction=payload,
                                     signature=signature_to_json(record.signature), ingested_at=now)
                    session.add(row)
                    session.flush()
                    for entity in payload["entities"]:
                        session.add(EntityRow(article_id=row.id, type=entity["type"], name=entity["name"],
                                              party=entity.get("party"), mentions=entity["mentions"]))
                    stored += 1
                for story in touched:
                    self._consolidate(session, story)
        except SQLAlchemyError as err:
            raise StoreError(f"could not store a batch of {len(records)} articles: {err}") from err
        return IngestCounts(stored, duplicates)

    def _consolidate(self, session: Session, story: str) -> None:
        rows = session.execute(select(ArticleRow.doc, ArticleRow.source, ArticleRow.published,
                                      ArticleRow.published_inferred, ArticleRow.title, ArticleRow.extraction)
                               .where(ArticleRow.story_id == story).order_by(ArticleRow.id)).all()
        sources = [Source(doc=r.doc, outlet=r.source, published=None if r.published_inferred else r.published,
                          events=tuple(r.extraction.get("events", []))) for r in rows]
        days = sorted(s.published for s in sources if s.published)
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
        for kb_event in consolidate(sources):
            session.add(KbEventRow(story_id=story, key=kb_event.key[:255], type=kb_event.type,
                                   participants="," + ",".join(kb_event.participants) + ",",
                                   roles=kb_event.roles, status=kb_event.status, item=kb_event.item,
                                   program=kb_event.program, date=kb_event.date, amount=kb_event.amount,
                                   first_seen=kb_event.first_seen, last_seen=kb_event.last_seen,
                                   outlets=kb_event.outlets, confidence=kb_event.confidence,
                                   conflicts=kb_event.conflicts, sources=kb_event.sources))

    # ---- reading -------------------------------------------------------------------------------------------

    def count_articles(self) -> int:
        """How many articles are stored."""
        with self.sessions() as session:
            return int(session.scalar(select(func.count(ArticleRow.id))) or 0)

    def article_docs(self) -> list[str]:
        """Every stored article's doc id, in storing order."""
        with self.sessions() as session:
            return list(session.scalars(select(ArticleRow.doc).order_by(ArticleRow.id)))

    def events(self, party: str | Iterable[str] | None = None, type: str | None = None, since: str | None = None,
               status: str | None = None, limit: int | None = 1000, until: str | None = None,
               urls: bool = False) -> list[dict[str, Any]]:
        """Consolidated events, newest first, filtered by party (one code, or several that must all take part),
        type, dates (``since``/``until``: YYYY, YYYY-MM or YYYY-MM-DD, each bound inclusive) and status; at most
        ``limit`` (``None``: all). With ``urls``, each source also carries its article's ``url``."""
        return list(self.iter_events(party=party, type=type, since=since, until=until, status=status, limit=limit,
                                     urls=urls))

    def iter_events(self, party: str | Iterable[str] | None = None, type: str | None = None,
                    since: str | None = None, until: str | None = None, status: str | None = None,
                    limit: int | None = None, urls: bool = False, chunk: int = 500) -> Iterator[dict[str, Any]]:
        """The events of :meth:`events` (same filters, same order), read ``chunk`` rows at a time so memory stays
        flat however many there are; all of them unless ``limit`` is given.

        An event is on or after ``since`` when its date or its last sighting is, and on or before ``until`` when
        its date or its first sighting is (a period covers its whole span: ``until=2024-04`` takes 2024-04-30)."""
        query = select(KbEventRow)
        codes = [party] if isinstance(party, str) else list(party or [])
        for code in (c.strip().upper() for c in codes if c.strip()):
            query = query.where(KbEventRow.participants.like(f"%,{code},%"))
        if type:
            query = query.where(KbEventRow.type == type)
        if since:
            since = check_period(since, "since")
            query = query.where(or_(KbEventRow.date >= since, KbEventRow.last_seen >= since))
        if until:
            until = check_period(until, "until")
            # compare the prefix as long as the bound, so a day or month inside the bound's period is before it
            query = query.where(or_(func.substr(KbEventRow.date, 1, len(until)) <= until,
                                    func.substr(KbEventRow.first_seen, 1, len(until)) <= until))
        if status:
            query = query.where(KbEventRow.status == status)
        query = query.order_by(KbEventRow.last_seen.desc(), KbEventRow.id)
        if limit is not None:
            query = query.limit(limit)
        return self._stream_events(query, urls, chunk)  # the filters are checked now, the rows read when iterated

    def _stream_events(self, query: Select[KbEventRow], urls: bool, chunk: int) -> Iterator[dict[str, Any]]:
        with self.sessions() as session:
            for rows in session.scalars(query.execution_options(yield_per=chunk)).partitions():
                found = [_event_dict(row) for row in rows]
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

    def stories(self, limit: int = 1000) -> list[dict[str, Any]]:
        """Stories, newest first, with their size."""
        query = select(StoryRow).order_by(StoryRow.last_seen.desc(), StoryRow.id).limit(limit)
        with self.sessions() as session:
            return [{"id": s.id, "title": s.title, "first_seen": s.first_seen, "last_seen": s.last_seen,
                     "articles": s.articles, "outlets": s.outlets} for s in session.scalars(query)]

    def story(self, story_id: str) -> dict[str, Any] | None:
        """One story: its articles side by side, its events and their conflicts."""
        with self.sessions() as session:
            found = session.get(StoryRow, story_id)
            if found is None:
                return None
            articles = session.scalars(select(ArticleRow).where(ArticleRow.story_id == story_id)
                                       .order_by(ArticleRow.published, ArticleRow.id)).all()
            events = session.scalars(select(KbEventRow).where(KbEventRow.story_id == story_id)
                                     .order_by(KbEventRow.id)).all()
            sources = [Source(doc=a.doc, outlet=a.source, published=a.published, events=()) for a in articles]
            conversions = story_conflicts(sources, {a.doc: a.extraction.get("amounts", []) for a in articles})
            return {"id": found.id, "title": found.title, "first_seen": found.first_seen,
                    "last_seen": found.last_seen, "outlets": found.outlets, "conflicts": conversions,
                    "articles": [{"doc": a.doc, "title": a.title, "source": a.source, "published": a.published,
                                  "published_inferred": a.published_inferred,
                                  "events": len(a.extraction.get("events", [])),
                                  "amounts": [x["text"] for x in a.extraction.get("amounts", [])],
                                  "dates": [f"{x['text']}={x['value']}" for x in a.extraction.get("dates", [])]}
                                 for a in articles],
                    "events": [_event_dict(e) for e in events]}

    def entity(self, name: str) -> dict[str, Any] | None:
        """An entity across the store: its type, parties, the articles and events it appears in."""
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
            events = session.scalars(select(KbEventRow).where(KbEventRow.story_id.in_(stories))).all()
            return {"name": entity.name, "type": entity.type, "party": entity.party,
                    "articles": sorted({doc for _, doc, _ in rows}), "stories": stories,
                    "co_occurring_parties": dict(sorted(co_parties.items(), key=lambda kv: -kv[1])),
                    "events": [_event_dict(e) for e in events]}


def _event_dict(row: KbEventRow) -> dict[str, Any]:
    return {"id": row.id, "story": row.story_id, "type": row.type, "participants": row.participants.strip(",")
            .split(","), "roles": row.roles, "status": row.status, "item": row.item, "program": row.program,
            "date": row.date, "amount": row.amount, "first_seen": row.first_seen, "last_seen": row.last_seen,
            "outlets": row.outlets, "confidence": row.confidence, "conflicts": row.conflicts,
            "sources": row.sources}


def _sqlite_pragmas(connection: Any, _: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _redact(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # a URL too broken to parse is shown as given
        return url
