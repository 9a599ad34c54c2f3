"""Runs, their pages and their findings (was the hand-written migration 001_initial).

Revision ID: 0001_initial
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision: str | None = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Text(), primary_key=True),
        sa.Column("site", sa.Text(), nullable=False),
        sa.Column("started_at", sa.Text(), nullable=False),
        sa.Column("finished_at", sa.Text(), nullable=False),
        sa.Column("tool_version", sa.Text(), nullable=False),
        sa.Column("axe_version", sa.Text()),
        sa.Column("browser_version", sa.Text()),
        sa.Column("ruleset_id", sa.Text(), nullable=False),
        sa.Column("ruleset_sha256", sa.Text(), nullable=False),
        sa.Column("score_model_version", sa.Text(), nullable=False),
        sa.Column("score", sa.Float()),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("run_json", sa.Text(), nullable=False),
    )
    op.create_index("runs_site", "runs", ["site", "started_at"])
    op.create_table(
        "pages",
        sa.Column(
            "run_id",
            sa.Text(),
            sa.ForeignKey("runs.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("url", sa.Text(), primary_key=True),
        sa.Column("final_url", sa.Text(), nullable=False),
        sa.Column("status", sa.Integer()),
        sa.Column("load_error", sa.Text()),
        sa.Column("score", sa.Float()),
    )
    op.create_table(
        "findings",
        sa.Column(
            "run_id", sa.Text(), sa.ForeignKey("runs.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("fingerprint", sa.Text(), nullable=False),
        sa.Column("check_id", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("selector", sa.Text(), nullable=False),
        sa.Column("impact", sa.Text(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("viewport", sa.Text(), nullable=False),
    )
    op.create_index("findings_run", "findings", ["run_id", "fingerprint"])


def downgrade() -> None:
    op.drop_table("findings")
    op.drop_table("pages")
    op.drop_table("runs")
