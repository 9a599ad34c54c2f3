"""Alembic migrations of the history database (SQLite and PostgreSQL), applied by `Store` on
open. Append a revision for every schema change; never edit one that has shipped."""

from __future__ import annotations

from functools import cache

from sqlalchemy import MetaData

# The store runs these scripts by their folder (store/migrate.py: MIGRATIONS_DIR, HEAD); it never
# imports this package, which knows every table of the history: the store's and the fleet's.


@cache
def head_metadata() -> MetaData:
    """Every table the migrations build, as they are at HEAD, on one `MetaData`: the store's and
    the fleet's. What autogenerate compares with (the migrations test keeps them equal)."""
    from auditor.fleet.tables import metadata as fleet
    from auditor.store.schema import metadata as store

    head = MetaData()
    for part in (store, fleet):
        for table in part.sorted_tables:
            table.to_metadata(head)
    return head
