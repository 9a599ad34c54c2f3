"""Bringing a history database to the newest schema when it is opened: Alembic's upgrade, after
recognising (and stamping) a database made by the hand-written migrations that came first."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

from auditor.errors import StoreError

if TYPE_CHECKING:
    from alembic.config import Config

    from auditor.store.database import Database

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
# The newest revision in MIGRATIONS_DIR (a test keeps them equal): a store already there opens
# without loading Alembic's scripts.
HEAD = "0005_wcag_version"
# The hand-written migrations that came before Alembic, as recorded in their `_migrations` table,
# in order, with the revision that creates the same schema.
LEGACY_REVISIONS = {"001_initial": "0001_initial", "002_crawl_state": "0002_crawl_state"}
# Two processes opening a new PostgreSQL database at once migrate it one after the other.
_MIGRATION_LOCK = 0x617564  # "aud"


def _alembic_config(connection: Connection) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


def current_revision(conn: Connection) -> str | None:
    """The revision the database is at (None when Alembic has never touched it)."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(database: Database) -> None:
    """Create or upgrade the database's schema to HEAD; a newer one than this auditor's is an
    error."""
    with database.read() as conn:
        if current_revision(conn) == HEAD:
            return
    with database.transaction() as conn:
        if database.dialect == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        current = current_revision(conn)
        if current == HEAD:  # another process migrated it while we waited
            return
        from alembic import command  # only when there is something to migrate: it is slow
        from alembic.util import CommandError

        config = _alembic_config(conn)
        try:
            if current is None and (legacy := _legacy_revision(conn, database.path)):
                command.stamp(config, legacy)
            command.upgrade(config, "head")
        except CommandError as exc:
            raise StoreError(
                f"history database {database.path}: {exc} (made by a newer auditor?)"
            ) from None


def _legacy_revision(conn: Connection, path: object) -> str | None:
    """The revision matching a database made by the hand-written migrations, if it is one."""
    tables = set(inspect(conn).get_table_names())
    if "_migrations" not in tables:
        if "runs" in tables or "crawls" in tables:
            raise StoreError(
                f"history database {path}: has auditor's tables but no record of its "
                "migrations; not opening it"
            )
        return None
    applied = {row[0] for row in conn.execute(text("SELECT name FROM _migrations"))}
    unknown = applied - LEGACY_REVISIONS.keys()
    if unknown:
        raise StoreError(
            f"history database {path}: unknown migrations {sorted(unknown)} "
            "(made by another version of auditor?)"
        )
    revision = None
    for name, equivalent in LEGACY_REVISIONS.items():
        if name not in applied:
            break
        revision = equivalent
    return revision


def applied_revisions(database: Database) -> list[str]:
    """The revisions applied to the database, oldest first."""
    with database.read() as conn:
        current = current_revision(conn)
    if current is None:
        return []
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    return [r.revision for r in reversed(list(script.walk_revisions("base", current)))]
