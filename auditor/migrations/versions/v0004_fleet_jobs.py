"""The fleet's jobs: one row per (batch, site, config) that workers claim, so a site of a
nightly batch is audited once, whichever worker does it and however often it is retried.

Revision ID: 0004_fleet_jobs
Revises: 0003_run_summaries
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_fleet_jobs"
down_revision = "0003_run_summaries"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fleet_jobs",
        sa.Column("job_id", sa.Text(), primary_key=True),
        sa.Column("batch", sa.Text(), nullable=False),
        sa.Column("site", sa.Text(), nullable=False),
        sa.Column("config_hash", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("config_json", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Text()),
        sa.Column("worker", sa.Text()),
        sa.Column("enqueued_at", sa.Float(), nullable=False),
        sa.Column("started_at", sa.Float()),
        sa.Column("finished_at", sa.Float()),
        sa.Column("heartbeat", sa.Float()),
        sa.Column("error", sa.Text()),
    )
    op.create_index("fleet_jobs_batch", "fleet_jobs", ["batch", "status"])


def downgrade() -> None:
    op.drop_index("fleet_jobs_batch", table_name="fleet_jobs")
    op.drop_table("fleet_jobs")
