"""A compact summary row per run (scores by category, versions, counts) that `history trend`
reads and `history prune` keeps; filled in here for the runs already stored.

Revision ID: 0003_run_summaries
Revises: 0002_crawl_state
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003_run_summaries"
down_revision = "0002_crawl_state"
branch_labels = None
depends_on = None


def upgrade() -> None:
    summaries = op.create_table(
        "run_summaries",
        sa.Column("run_id", sa.Text(), primary_key=True),
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
        sa.Column("by_category_json", sa.Text(), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("needs_review", sa.Integer(), nullable=False),
        sa.Column("failures_by_impact_json", sa.Text(), nullable=False),
        sa.Column("pruned", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_index("run_summaries_site", "run_summaries", ["site", "started_at"])
    # The table is frozen here as it was in this revision, not imported from auditor.store.
    copied = [
        "site",
        "started_at",
        "finished_at",
        "tool_version",
        "axe_version",
        "browser_version",
        "ruleset_id",
        "ruleset_sha256",
        "score_model_version",
        "score",
        "pages",
        "failures",
    ]
    runs = sa.table("runs", *(sa.column(name) for name in ["id", *copied, "run_json"]))
    bind = op.get_bind()
    rows: list[dict[str, Any]] = []
    for row in bind.execute(sa.select(runs)).mappings():
        stored = json.loads(row["run_json"])
        summary = stored.get("summary") or {}
        rows.append(
            {
                "run_id": row["id"],
                **{name: row[name] for name in copied},
                "by_category_json": json.dumps((stored.get("score") or {}).get("by_category", {})),
                "needs_review": int(summary.get("needs_review", 0)),
                "failures_by_impact_json": json.dumps(summary.get("failures_by_impact", {})),
                "pruned": False,
            }
        )
    if rows:
        op.bulk_insert(summaries, rows)


def downgrade() -> None:
    op.drop_index("run_summaries_site", table_name="run_summaries")
    op.drop_table("run_summaries")
