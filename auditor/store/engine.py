"""Connecting to the history database: URLs, engines, SQLite's locking, and error messages.

SQLite gets WAL, a busy timeout and `BEGIN IMMEDIATE` for writers; a writer that still finds the
database locked once the busy timeout has run out waits and tries again (`retry_busy`) rather
than failing the audit.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.pool import NullPool, StaticPool

from auditor.errors import StoreError, require_extra

# Seconds a writer waits for another's SQLite transaction before giving up.
BUSY_TIMEOUT = 30.0
# Seconds to wait before each new try of a SQLite write still locked after the busy timeout:
# each try waits up to BUSY_TIMEOUT again, so a writer gives up only after minutes.
WRITE_RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 2.0, 2.0)

T = TypeVar("T")


def database_url(location: str | Path) -> URL:
    """A SQLAlchemy URL for a file path, `:memory:`, `sqlite:///…` or `postgresql://…` (which
    gets the psycopg 3 driver)."""
    if isinstance(location, Path) or "://" not in location:
        return URL.create("sqlite+pysqlite", database=str(location))
    try:
        url = make_url(location)
    except (ArgumentError, ValueError):  # ValueError: a bad port, as in `http://[::1`
        raise StoreError(f"not a database URL: {location!r}") from None
    backend, _, driver = url.drivername.partition("+")
    if backend in ("postgresql", "postgres"):
        if driver not in ("", "psycopg"):
            raise StoreError(f"{url.drivername}: only the psycopg driver is supported")
        require_extra("psycopg", "postgres", "a PostgreSQL history database")
        return url.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        return url.set(drivername="sqlite+pysqlite")
    raise StoreError(
        f"unsupported database {url.drivername!r}: give a file path or a postgresql:// URL"
    )


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling does not cover DDL; transactions are begun by
    # _sqlite_begin instead (SQLAlchemy's documented recipe).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    # Writers take the write lock when they begin, so a second writer waits (busy timeout)
    # rather than failing half-way; readers run in autocommit and never block a writer.
    if connection.get_execution_options().get("auditor_write", True):
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: URL) -> Engine:
    """An engine for the history database; SQLite with WAL and a busy timeout."""
    if url.get_backend_name() == "sqlite":
        memory = url.database in (None, "", ":memory:")
        engine = create_engine(
            url,
            connect_args={"timeout": BUSY_TIMEOUT, "check_same_thread": False},
            poolclass=StaticPool if memory else NullPool,
        )
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": 10})


def is_busy(exc: BaseException) -> bool:
    """SQLite's SQLITE_BUSY ("database is locked"): another connection holds the write lock."""
    original = getattr(exc, "orig", None) or exc
    if not isinstance(original, sqlite3.OperationalError):
        return False
    code = getattr(original, "sqlite_errorcode", None)  # the extended code, on Python 3.11+
    if isinstance(code, int):
        return code & 0xFF == sqlite3.SQLITE_BUSY
    return "database is locked" in str(original)


def retry_busy(action: Callable[[], T]) -> T:
    """`action()`, tried again after a short, growing wait while SQLite says it is busy. Only
    for what can safely be repeated: taking the write lock, not the writes made under it."""
    for delay in WRITE_RETRY_DELAYS:
        try:
            return action()
        except OperationalError as exc:
            if not is_busy(exc):
                raise
        time.sleep(delay)
    return action()


def one_line(exc: BaseException) -> str:
    """The driver's message without SQLAlchemy's statement dump, on one line."""
    original = getattr(exc, "orig", None) or exc
    lines = [line.strip() for line in str(original).splitlines() if line.strip()]
    return "; ".join(lines[:2]) or type(original).__name__


def clean_text(value: str) -> str:
    """Text fit for any backend: PostgreSQL text cannot hold NUL, and page content is
    untrusted."""
    return value.replace("\x00", "\ufffd")
