"""An event's highest confidence as one source reported it (before the bonus for independent outlets), so that
articles joining a story merge into its events without re-reading the story; events stored before this have none,
and their story is consolidated again from its articles when new articles join it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("kb_events") as batch:
        batch.add_column(sa.Column("reported_confidence", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("kb_events") as batch:
        batch.drop_column("reported_confidence")
