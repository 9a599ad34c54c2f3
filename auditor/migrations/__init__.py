"""Alembic migrations of the history database (SQLite and PostgreSQL), applied by `Store` on
open. Append a revision for every schema change; never edit one that has shipped."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from sqlalchemy import MetaData

MIGRATIONS_DIR = Path(__file__).resolve().parent
# The newest revision in MIGRATIONS_DIR (a test keeps them equal): a store already there opens
# without loading Alembic's scripts.
HEAD = "0004_fleet_jobs"


@cache
def head_metadata() -> MetaData:
    """Every table the migrations build, as they are at HEAD, on one `MetaData`: the store's and
    the fleet's. What autogenerate compares with, and what a scratch in-memory store creates."""
    from auditor.fleet.tables import metadata as fleet
    from auditor.store.schema import metadata as store

    head = MetaData()
    for part in (store, fleet):
        for table in part.sorted_tables:
            table.to_metadata(head)
    return head
