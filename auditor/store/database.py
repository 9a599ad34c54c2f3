"""`Database`: one open history database, its schema brought up to date, with the transactions
and reads that everything kept in it (`Store`, `CrawlState`, other packages' tables) uses."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, Self

from sqlalchemy import Connection, Engine, RootTransaction, Select
from sqlalchemy.exc import SQLAlchemyError

from auditor.errors import StoreError
from auditor.store.engine import database_url, make_engine, one_line, retry_busy
from auditor.store.migrate import applied_revisions, migrate
from auditor.store.schema import compiled_sql


class Database:
    """A history database, a file path or a `postgresql://` URL; its schema is created or
    upgraded on first use. Transactions and reads for the stores built on it."""

    def __init__(self, path: str | Path) -> None:
        url = database_url(path)
        self.url = url
        self.dialect = url.get_backend_name()
        self.path: Path | str = (
            Path(url.database or ":memory:")
            if self.dialect == "sqlite"
            else url.render_as_string(hide_password=True)
        )
        self._engine: Engine | None = None
        self._writing: bool | None = None
        self._reader: Connection | None = None
        try:
            if isinstance(self.path, Path) and str(self.path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            engine = self._engine = make_engine(url)
            self._conn = retry_busy(engine.connect)
            migrate(self)
        except (SQLAlchemyError, OSError) as exc:
            self.close()
            raise StoreError(f"history database {self.path}: {one_line(exc)}") from None
        except StoreError:
            self.close()
            raise

    def close(self) -> None:
        if self._engine is None:
            return
        for conn in (self._reader, getattr(self, "_conn", None)):
            if conn is not None:
                conn.close()
        self._engine.dispose()
        self._engine = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[Connection]:
        """One transaction on the store's connection: committed, or rolled back on error.

        A SQLite writer takes the write lock as it begins; while another holds it past the busy
        timeout, beginning is tried again after a pause. Keep write transactions short."""
        try:
            self._mode(write)
            with self._begin(write):
                yield self._conn
        except SQLAlchemyError as exc:
            raise StoreError(f"history database {self.path}: {one_line(exc)}") from None

    def read(self) -> AbstractContextManager[Connection]:
        """A transaction that only reads (on SQLite: autocommit, never waiting for a writer)."""
        return self.transaction(write=False)

    def _begin(self, write: bool) -> RootTransaction:
        if write and self.dialect == "sqlite":
            return retry_busy(self._conn.begin)
        return self._conn.begin()

    def _mode(self, write: bool) -> None:
        if self._writing is not write:
            self._conn.execution_options(auditor_write=write)
            self._writing = write

    def _rows(self, statement: Select[Any], params: dict[str, Any] | None = None) -> list[Any]:
        """One read statement, the cheap way: the crawl asks thousands of these (is this URL
        known?). Every write is committed before anything reads it, so these run in autocommit:
        on SQLite straight through the driver (SQLAlchemy's per-statement work costs more than
        SQLite's lookup), on PostgreSQL on a second connection, one round trip each."""
        try:
            if self._conn.in_transaction():
                return list(self._conn.execute(statement, params))
            if self.dialect == "sqlite":
                sql, names, defaults = compiled_sql(statement, self._conn.dialect)
                values = {**defaults, **(params or {})}
                raw = self._conn.connection.driver_connection
                assert raw is not None
                return list(raw.execute(sql, [values[name] for name in names]))
            if self._engine is not None and self._reader is None:
                self._reader = self._engine.connect().execution_options(
                    isolation_level="AUTOCOMMIT"
                )
            reader = self._reader or self._conn
            try:
                return list(reader.execute(statement, params))
            finally:
                reader.rollback()  # ends SQLAlchemy's bookkeeping; nothing to undo
        except (SQLAlchemyError, sqlite3.Error) as exc:
            raise StoreError(f"history database {self.path}: {one_line(exc)}") from None

    def migrations(self) -> list[str]:
        """The revisions applied, oldest first."""
        return applied_revisions(self)
