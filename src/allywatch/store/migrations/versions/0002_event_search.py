"""A consolidated event's search text: its item, programme and evidence sentences, lowercased, for ``q``.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _search(item: str | None, program: str | None, sources: list[dict[str, Any]] | None) -> str:
    """As ``repository.event_search_text`` computed it when this migration was written (kept frozen here)."""
    parts = [item or "", program or ""]
    parts += [span.get("text") or "" for source in sources or [] for span in source.get("evidence") or []]
    return " ".join(" ".join(parts).split()).lower()


def upgrade() -> None:
    with op.batch_alter_table("kb_events") as batch:
        batch.add_column(sa.Column("search", sa.Text()))
    events = sa.table("kb_events", sa.column("id", sa.Integer()), sa.column("item", sa.Text()),
                      sa.column("program", sa.String(255)), sa.column("sources", sa.JSON()),
                      sa.column("search", sa.Text()))
    connection = op.get_bind()
    last = 0
    while True:  # existing events get their search text a chunk at a time
        rows = connection.execute(sa.select(events.c.id, events.c.item, events.c.program, events.c.sources)
                                  .where(events.c.id > last).order_by(events.c.id).limit(500)).all()
        if not rows:
            break
        for row in rows:
            connection.execute(events.update().where(events.c.id == row.id)
                               .values(search=_search(row.item, row.program, row.sources)))
        last = rows[-1].id


def downgrade() -> None:
    with op.batch_alter_table("kb_events") as batch:
        batch.drop_column("search")
