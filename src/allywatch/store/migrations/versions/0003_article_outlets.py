"""An index of articles by story holding their outlet and doc, so the cooperation graph reads a story's outlets from
the index alone (SQLite; on PostgreSQL an article's text is kept apart from its row, which stays small to read).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

INDEX = "ix_articles_story_outlet"


def upgrade() -> None:
    # on PostgreSQL an index entry holds at most about 2.7 kB, and an outlet's name is not bounded: no index there
    if op.get_bind().dialect.name == "sqlite":
        op.create_index(INDEX, "articles", ["story_id", "source", "doc"])


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.drop_index(INDEX, table_name="articles")
