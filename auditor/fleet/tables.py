"""The fleet's own table in the shared history database, on its own `MetaData`: the store's
tables are the store's (`auditor.store.schema`); the migrations build both."""

from __future__ import annotations

from sqlalchemy import Column, Float, Index, Integer, MetaData, Table, Text

metadata = MetaData()

# One row per (batch, site, config), whoever audits it (auditor.fleet.state).
fleet_jobs = Table(
    "fleet_jobs",
    metadata,
    Column("job_id", Text, primary_key=True),
    Column("batch", Text, nullable=False),
    Column("site", Text, nullable=False),
    Column("config_hash", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("url", Text, nullable=False),
    Column("config_json", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("run_id", Text),
    Column("worker", Text),
    Column("enqueued_at", Float, nullable=False),
    Column("started_at", Float),
    Column("finished_at", Float),
    Column("heartbeat", Float),
    Column("error", Text),
    Index("fleet_jobs_batch", "batch", "status"),
)
