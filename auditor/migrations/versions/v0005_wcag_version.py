"""The WCAG version each run audited against (2.1 or 2.2), so trends can say when it changed.
Runs stored before have none, and read back as WCAG 2.1.

Revision ID: 0005_wcag_version
Revises: 0004_fleet_jobs
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_wcag_version"
down_revision = "0004_fleet_jobs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("runs", "run_summaries"):
        op.add_column(table, sa.Column("wcag_version", sa.Text()))


def downgrade() -> None:
    for table in ("runs", "run_summaries"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("wcag_version")
