"""Alembic's entry point. `Store` passes its open connection (inside the transaction that holds
the migration lock); the `alembic` command line passes `-x db=PATH_OR_URL` instead."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from auditor.migrations import head_metadata
from auditor.store.engine import database_url, make_engine


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=head_metadata(),
        # SQLite cannot ALTER most things in place: batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


given = context.config.attributes.get("connection")
if given is not None:
    _run(given)
else:
    location = context.get_x_argument(as_dictionary=True).get("db")
    if not location:
        raise SystemExit("give the database: alembic -x db=PATH_OR_URL …")
    engine = make_engine(database_url(location))
    with engine.begin() as connection:
        _run(connection)
    engine.dispose()
