"""The crawl in progress, so a killed run resumes (was the hand-written 002_crawl_state).

Revision ID: 0002_crawl_state
Revises: 0001_initial
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_crawl_state"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def _run_id() -> sa.Column[str]:
    return sa.Column(
        "run_id", sa.Text(), sa.ForeignKey("crawls.run_id", ondelete="CASCADE"), primary_key=True
    )


def upgrade() -> None:
    op.create_table(
        "crawls",
        sa.Column("run_id", sa.Text(), primary_key=True),
        sa.Column("site", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("started_at", sa.Text(), nullable=False),
        sa.Column("config_json", sa.Text(), nullable=False),
        sa.Column("seeds_json", sa.Text(), nullable=False),
    )
    op.create_table(
        "frontier",
        _run_id(),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), primary_key=True),
        sa.Column("depth", sa.Integer(), nullable=False),
        sa.Column("found_on", sa.Text()),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text()),
    )
    op.create_index("frontier_next", "frontier", ["run_id", "state", "seq"])
    op.create_table(
        "crawl_pages",
        _run_id(),
        sa.Column("url", sa.Text(), primary_key=True),
        sa.Column("content_hash", sa.Text()),
        sa.Column("page_json", sa.Text(), nullable=False),
    )
    op.create_table(
        "crawl_resources",
        _run_id(),
        sa.Column("url", sa.Text(), primary_key=True),
        sa.Column("resource_json", sa.Text(), nullable=False),
    )
    op.create_table(
        "crawl_external",
        _run_id(),
        sa.Column("url", sa.Text(), primary_key=True),
        sa.Column("found_on", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    for table in ("crawl_external", "crawl_resources", "crawl_pages", "frontier", "crawls"):
        op.drop_table(table)
