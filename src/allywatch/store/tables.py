"""The store's tables (SQLAlchemy 2). Rows are separate from the pipeline's objects; ``repository`` converts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Base of every table."""


class ArticleRow(Base):
    """One article, identified by its content, with its whole extraction."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    doc: Mapped[str] = mapped_column(String(512), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(10), index=True)
    published_inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    story_id: Mapped[str] = mapped_column(String(40), index=True)
    origin: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    extraction: Mapped[dict[str, Any]] = mapped_column(JSON)
    signature: Mapped[dict[str, Any]] = mapped_column(JSON)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    superseded_by: Mapped[int | None] = mapped_column(Integer, index=True, default=None)
    """The article that replaced this version of it (a correction), or ``None`` for a current article."""
    url_hash: Mapped[str | None] = mapped_column(String(64), index=True, default=None)
    """A hash of ``url``, which finds the versions of one address."""


class EntityRow(Base):
    """An entity as one article reports it."""

    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(512), index=True)
    party: Mapped[str | None] = mapped_column(String(8))
    mentions: Mapped[list[str]] = mapped_column(JSON)


class StoryRow(Base):
    """A real-world development and how widely it was reported."""

    __tablename__ = "stories"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str | None] = mapped_column(Text)
    first_seen: Mapped[str | None] = mapped_column(String(10))
    last_seen: Mapped[str | None] = mapped_column(String(10))
    articles: Mapped[int] = mapped_column(Integer, default=0)
    outlets: Mapped[int] = mapped_column(Integer, default=0)


class KbEventRow(Base):
    """A consolidated event of a story, with every source and the conflicts between them."""

    __tablename__ = "kb_events"
    __table_args__ = (UniqueConstraint("story_id", "key"), Index("ix_kb_events_type_first", "type", "first_seen"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(255))
    type: Mapped[str] = mapped_column(String(32))
    participants: Mapped[str] = mapped_column(String(255), index=True)
    roles: Mapped[dict[str, str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16))
    item: Mapped[str] = mapped_column(Text)
    program: Mapped[str | None] = mapped_column(String(255))
    date: Mapped[str | None] = mapped_column(String(10))
    amount: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    first_seen: Mapped[str | None] = mapped_column(String(10))
    last_seen: Mapped[str | None] = mapped_column(String(10))
    outlets: Mapped[int] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float)
    reported_confidence: Mapped[float | None] = mapped_column(Float, default=None)
    """The highest confidence one source gave the event (``confidence`` adds a bonus for independent outlets); what
    merging more sources into it needs. ``None`` for events stored before it was kept."""
    conflicts: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    sources: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, nullable=True, default=None)
    """Where stores before revision 0006 kept the event's sources, as one list; ``None`` since: an event's sources
    are rows of ``kb_event_sources`` (:class:`KbEventSourceRow`), and the migration moved them there."""
    search: Mapped[str | None] = mapped_column(Text)
    """What ``q`` searches of the event itself: its item and programme, whitespace folded, lowercased (the evidence
    sentences are searched in its sources' rows)."""
    tally: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True, default=None)
    """What merging more sources into the event reads of those it has, so that they need not be read again: how
    many report each status, date and figure (``status``, ``date``, ``amount``: value → count), the first amount
    given as each figure (``first``: figure → amount) and the distinct amounts (``figures``). ``None`` for events
    stored before it was kept."""


class KbEventSourceRow(Base):
    """One source of a consolidated event: an article's report of it. An event's sources are its rows in storing
    order (by ``id``); an article joining the event adds a row and leaves the others as they are."""

    __tablename__ = "kb_event_sources"
    # and on SQLite an index of ("event_id", "outlet"): on PostgreSQL an index entry holds at most about 2.7 kB,
    # and an outlet's name is not bounded
    __table_args__ = (Index("ix_kb_event_sources_event_doc", "event_id", "doc"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("kb_events.id", ondelete="CASCADE"))
    doc: Mapped[str] = mapped_column(String(512))
    outlet: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(Text)
    amount: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    search: Mapped[str] = mapped_column(Text, default="")
    """What ``q`` searches of this source: its evidence sentences, whitespace folded, lowercased."""
