"""Versions of an article: a corrected article (the same URL, or the same outlet and doc id, with other text)
supersedes the one stored before, which is kept; ``superseded_by`` names the article that replaced a version, and
``url_hash`` (a hash of the URL, which is not bounded in length) finds the versions of an address.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _url_hash(url: str | None) -> str | None:
    """As ``repository.url_hash`` computed it when this migration was written (kept frozen here)."""
    url = " ".join((url or "").split())
    return hashlib.sha256(url.encode("utf-8")).hexdigest() if url else None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("superseded_by", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("url_hash", sa.String(64), nullable=True))
        batch.create_index("ix_articles_superseded_by", ["superseded_by"])
        batch.create_index("ix_articles_url_hash", ["url_hash"])
    articles = sa.table("articles", sa.column("id", sa.Integer()), sa.column("url", sa.Text()),
                        sa.column("url_hash", sa.String(64)))
    connection = op.get_bind()
    last = 0
    while True:  # stored articles get the hash of their URL a chunk at a time
        rows = connection.execute(sa.select(articles.c.id, articles.c.url).where(articles.c.id > last,
                                                                                   articles.c.url.is_not(None))
                                  .order_by(articles.c.id).limit(500)).all()
        if not rows:
            break
        for row in rows:
            connection.execute(articles.update().where(articles.c.id == row.id).values(url_hash=_url_hash(row.url)))
        last = rows[-1].id


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_index("ix_articles_url_hash")
        batch.drop_index("ix_articles_superseded_by")
        batch.drop_column("url_hash")
        batch.drop_column("superseded_by")
