"""An event's sources as rows of their own (``kb_event_sources``), one per source, instead of one list in the event's
row: an article joining a stored event adds a row and leaves the others as they were, so the cost of storing it no
longer grows with the event. Each event also keeps a tally of what its sources report (``tally``), which is what
merging more sources into it reads, and its own search text becomes its item and programme (each source row
holds its evidence sentences'). Stored events keep their sources, moved here in their order.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

#: Events moved a chunk at a time.
CHUNK = 500

_events = sa.table("kb_events", sa.column("id", sa.Integer()), sa.column("item", sa.Text()),
                   sa.column("program", sa.String(255)), sa.column("sources", sa.JSON()),
                   sa.column("search", sa.Text()), sa.column("tally", sa.JSON()))
_sources = sa.table("kb_event_sources", sa.column("id", sa.Integer()), sa.column("event_id", sa.Integer()),
                    sa.column("doc", sa.String(512)), sa.column("outlet", sa.Text()),
                    sa.column("published", sa.Text()), sa.column("status", sa.Text()), sa.column("date", sa.Text()),
                    sa.column("amount", sa.JSON()), sa.column("evidence", sa.JSON()), sa.column("search", sa.Text()))
_FIELDS = ("doc", "outlet", "published", "status", "date", "amount", "evidence")


# As the repository computed them when this migration was written (kept frozen here).
def _fold(parts: list[str]) -> str:
    return " ".join(" ".join(parts).split()).lower()


def _amount_text(amount: dict[str, Any] | None) -> str | None:
    if not amount:
        return None
    bound = {"min": "more than ", "max": "up to ", "about": "about "}.get(amount.get("bound") or "", "")
    return f"{bound}{amount.get('value'):g} {amount.get('currency')}"


def _tally(sources: list[dict[str, Any]]) -> dict[str, Any]:
    tally: dict[str, Any] = {"status": {}, "date": {}, "amount": {}, "first": {}, "figures": []}
    seen = set()
    for source in sources:
        amount = source.get("amount")
        for name, value in (("status", source.get("status")), ("date", source.get("date")),
                            ("amount", _amount_text(amount))):
            if value not in (None, ""):
                tally[name][value] = tally[name].get(value, 0) + 1
        text = _amount_text(amount)
        if amount and text is not None:
            tally["first"].setdefault(text, amount)
            figure = repr((amount.get("currency"), amount.get("value"), amount.get("usd"), amount.get("bound")))
            if figure not in seen:
                seen.add(figure)
                tally["figures"].append(amount)
    return tally


def upgrade() -> None:
    # kb_events first: on SQLite altering a column copies the table, which would take rows referring to it along
    with op.batch_alter_table("kb_events") as batch:
        batch.add_column(sa.Column("tally", sa.JSON(), nullable=True))
        batch.alter_column("sources", existing_type=sa.JSON(), nullable=True)
    op.create_table(
        "kb_event_sources",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("kb_events.id", ondelete="CASCADE"), nullable=False),
        sa.Column("doc", sa.String(512), nullable=False),
        sa.Column("outlet", sa.Text()),
        sa.Column("published", sa.Text()),
        sa.Column("status", sa.Text()),
        sa.Column("date", sa.Text()),
        sa.Column("amount", sa.JSON()),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("search", sa.Text(), nullable=False),
    )
    op.create_index("ix_kb_event_sources_event_doc", "kb_event_sources", ["event_id", "doc"])
    # on PostgreSQL an index entry holds at most about 2.7 kB, and an outlet's name is not bounded: no index there
    if op.get_bind().dialect.name == "sqlite":
        op.create_index("ix_kb_event_sources_event_outlet", "kb_event_sources", ["event_id", "outlet"])
    connection = op.get_bind()
    last = 0
    while True:  # existing events' sources move a chunk of events at a time, in their order
        rows = connection.execute(sa.select(_events.c.id, _events.c.item, _events.c.program, _events.c.sources)
                                  .where(_events.c.id > last).order_by(_events.c.id).limit(CHUNK)).all()
        if not rows:
            break
        moved = [{**{key: source.get(key) for key in _FIELDS}, "event_id": row.id,
                  "evidence": source.get("evidence") or [],
                  "search": _fold([span.get("text") or "" for span in source.get("evidence") or []])}
                 for row in rows for source in row.sources or []]
        if moved:
            connection.execute(_sources.insert(), moved)
        for row in rows:
            connection.execute(_events.update().where(_events.c.id == row.id).values(
                sources=None, tally=_tally(row.sources or []), search=_fold([row.item or "", row.program or ""])))
        last = rows[-1].id


def downgrade() -> None:
    connection = op.get_bind()
    last = 0
    while True:
        rows = connection.execute(sa.select(_events.c.id, _events.c.item, _events.c.program)
                                  .where(_events.c.id > last).order_by(_events.c.id).limit(CHUNK)).all()
        if not rows:
            break
        found: dict[int, list[dict[str, Any]]] = {row.id: [] for row in rows}
        for source in connection.execute(sa.select(_sources).where(_sources.c.event_id.in_(list(found)))
                                         .order_by(_sources.c.event_id, _sources.c.id)).mappings():
            found[source["event_id"]].append({key: source[key] for key in _FIELDS})
        for row in rows:
            evidence = [span.get("text") or "" for source in found[row.id] for span in source["evidence"] or []]
            connection.execute(_events.update().where(_events.c.id == row.id).values(
                sources=found[row.id], search=_fold([row.item or "", row.program or "", *evidence])))
        last = rows[-1].id
    op.drop_table("kb_event_sources")
    with op.batch_alter_table("kb_events") as batch:
        batch.drop_column("tally")
        batch.alter_column("sources", existing_type=sa.JSON(), nullable=False)
