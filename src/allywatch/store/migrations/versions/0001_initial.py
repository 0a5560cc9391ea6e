"""Articles, entities, stories and consolidated events.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("doc", sa.String(512), nullable=False, index=True),
        sa.Column("title", sa.Text()),
        sa.Column("source", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("published", sa.String(10), index=True),
        sa.Column("published_inferred", sa.Boolean(), nullable=False),
        sa.Column("story_id", sa.String(40), nullable=False, index=True),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("extraction", sa.JSON(), nullable=False),
        sa.Column("signature", sa.JSON(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "entities",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("article_id", sa.Integer(), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("name", sa.String(512), nullable=False, index=True),
        sa.Column("party", sa.String(8)),
        sa.Column("mentions", sa.JSON(), nullable=False),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("title", sa.Text()),
        sa.Column("first_seen", sa.String(10)),
        sa.Column("last_seen", sa.String(10)),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("outlets", sa.Integer(), nullable=False),
    )
    op.create_table(
        "kb_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("story_id", sa.String(40), sa.ForeignKey("stories.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("participants", sa.String(255), nullable=False, index=True),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("item", sa.Text(), nullable=False),
        sa.Column("program", sa.String(255)),
        sa.Column("date", sa.String(10)),
        sa.Column("amount", sa.JSON()),
        sa.Column("first_seen", sa.String(10)),
        sa.Column("last_seen", sa.String(10)),
        sa.Column("outlets", sa.Integer(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("conflicts", sa.JSON(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.UniqueConstraint("story_id", "key"),
    )
    op.create_index("ix_kb_events_type_first", "kb_events", ["type", "first_seen"])


def downgrade() -> None:
    op.drop_index("ix_kb_events_type_first", table_name="kb_events")
    op.drop_table("kb_events")
    op.drop_table("stories")
    op.drop_table("entities")
    op.drop_table("articles")
