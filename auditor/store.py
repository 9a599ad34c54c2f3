"""The run history and the crawl in progress, in SQLite (a file, the default) or PostgreSQL.

SQLAlchemy Core over one connection per `Store`; the schema comes from the Alembic migrations
in `auditor/migrations/`, applied when a store is opened. The full Run JSON is kept so that old
runs can be re-rendered; pages, findings and a compact per-run summary (what `history trend`
reads, and what `history prune` keeps) are normalised tables.
"""

from __future__ import annotations

import json
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from pydantic import ValidationError
from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Select,
    Table,
    Text,
    bindparam,
    create_engine,
    delete,
    event,
    false,
    func,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, Dialect, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import NullPool, StaticPool
from sqlalchemy.sql.dml import Insert

from auditor.errors import StoreError
from auditor.history import RunRecord, run_record
from auditor.models import Run, RunHeader

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest revision in MIGRATIONS_DIR (a test keeps them equal): a store already there opens
# without loading Alembic's scripts.
HEAD = "0004_fleet_jobs"
# The hand-written migrations that came before Alembic, as recorded in their `_migrations` table,
# in order, with the revision that creates the same schema.
LEGACY_REVISIONS = {"001_initial": "0001_initial", "002_crawl_state": "0002_crawl_state"}
# How many URLs a crawl remembers as already in its frontier (a few MB at most).
KNOWN_URLS_CACHED = 20_000
# Seconds a writer waits for another's SQLite transaction before giving up.
BUSY_TIMEOUT = 30.0
# Two processes opening a new PostgreSQL database at once migrate it one after the other.
_MIGRATION_LOCK = 0x617564  # "aud"

metadata = MetaData()

runs = Table(
    "runs",
    metadata,
    Column("id", Text, primary_key=True),
    Column("site", Text, nullable=False),
    Column("started_at", Text, nullable=False),
    Column("finished_at", Text, nullable=False),
    Column("tool_version", Text, nullable=False),
    Column("axe_version", Text),
    Column("browser_version", Text),
    Column("ruleset_id", Text, nullable=False),
    Column("ruleset_sha256", Text, nullable=False),
    Column("score_model_version", Text, nullable=False),
    Column("score", Float),
    Column("pages", Integer, nullable=False),
    Column("failures", Integer, nullable=False),
    Column("run_json", Text, nullable=False),
    Index("runs_site", "site", "started_at"),
)
pages = Table(
    "pages",
    metadata,
    Column("run_id", Text, ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column("url", Text, primary_key=True),
    Column("final_url", Text, nullable=False),
    Column("status", Integer),
    Column("load_error", Text),
    Column("score", Float),
)
findings = Table(
    "findings",
    metadata,
    Column("run_id", Text, ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
    Column("fingerprint", Text, nullable=False),
    Column("check_id", Text, nullable=False),
    Column("url", Text, nullable=False),
    Column("selector", Text, nullable=False),
    Column("impact", Text, nullable=False),
    Column("outcome", Text, nullable=False),
    Column("viewport", Text, nullable=False),
    Index("findings_run", "run_id", "fingerprint"),
)
crawls = Table(
    "crawls",
    metadata,
    Column("run_id", Text, primary_key=True),
    Column("site", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("started_at", Text, nullable=False),
    Column("config_json", Text, nullable=False),
    Column("seeds_json", Text, nullable=False),
)


def _crawl_id() -> Column[str]:
    return Column("run_id", Text, ForeignKey("crawls.run_id", ondelete="CASCADE"), primary_key=True)


frontier = Table(
    "frontier",
    metadata,
    _crawl_id(),
    Column("seq", Integer, nullable=False),
    Column("url", Text, primary_key=True),
    Column("depth", Integer, nullable=False),
    Column("found_on", Text),
    Column("source", Text, nullable=False),
    Column("state", Text, nullable=False),
    Column("reason", Text),
    Index("frontier_next", "run_id", "state", "seq"),
)
crawl_pages = Table(
    "crawl_pages",
    metadata,
    _crawl_id(),
    Column("url", Text, primary_key=True),
    Column("content_hash", Text),
    Column("page_json", Text, nullable=False),
)
crawl_resources = Table(
    "crawl_resources",
    metadata,
    _crawl_id(),
    Column("url", Text, primary_key=True),
    Column("resource_json", Text, nullable=False),
)
crawl_external = Table(
    "crawl_external",
    metadata,
    _crawl_id(),
    Column("url", Text, primary_key=True),
    Column("found_on", Text, nullable=False),
)
run_summaries = Table(
    "run_summaries",
    metadata,
    Column("run_id", Text, primary_key=True),
    Column("site", Text, nullable=False),
    Column("started_at", Text, nullable=False),
    Column("finished_at", Text, nullable=False),
    Column("tool_version", Text, nullable=False),
    Column("axe_version", Text),
    Column("browser_version", Text),
    Column("ruleset_id", Text, nullable=False),
    Column("ruleset_sha256", Text, nullable=False),
    Column("score_model_version", Text, nullable=False),
    Column("score", Float),
    Column("by_category_json", Text, nullable=False),
    Column("pages", Integer, nullable=False),
    Column("failures", Integer, nullable=False),
    Column("needs_review", Integer, nullable=False),
    Column("failures_by_impact_json", Text, nullable=False),
    Column("pruned", Boolean, nullable=False, server_default=false()),
    Index("run_summaries_site", "site", "started_at"),
)
# The fleet's jobs (auditor.fleet.state): one row per (batch, site, config), whoever audits it.
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


@cache
def _insert_ignoring_duplicates(dialect: str, table: Table) -> Insert:
    """INSERT that leaves a row already there alone (ON CONFLICT DO NOTHING)."""
    if dialect == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing()
    return sqlite.insert(table).on_conflict_do_nothing()


@cache
def _upsert_crawl_page(dialect: str) -> Insert:
    insert = (
        postgresql.insert(crawl_pages) if dialect == "postgresql" else sqlite.insert(crawl_pages)
    )
    return insert.on_conflict_do_update(
        index_elements=[crawl_pages.c.run_id, crawl_pages.c.url],
        set_={
            "content_hash": insert.excluded.content_hash,
            "page_json": insert.excluded.page_json,
        },
    )


@cache
def _compiled(statement: Select[Any], dialect: Dialect) -> tuple[str, list[str], dict[str, Any]]:
    """SQL text, positional parameter names and literal values of a prebuilt statement."""
    compiled = statement.compile(dialect=dialect)
    return str(compiled), list(compiled.positiontup or ()), dict(compiled.params)


# The crawl's hot statements, built once (building and caching them per call costs more than
# SQLite's lookup).
_SEEN = select(frontier.c.seq).where(
    frontier.c.run_id == bindparam("run_id"), frontier.c.url == bindparam("url")
)
_NEXT_QUEUED = (
    select(frontier.c.url, frontier.c.depth, frontier.c.found_on, frontier.c.source)
    .where(frontier.c.run_id == bindparam("run_id"), frontier.c.state == "queued")
    .order_by(frontier.c.seq)
    .limit(1)
    .with_for_update(skip_locked=True)
)
_SET_STATE = (
    update(frontier)
    .where(frontier.c.run_id == bindparam("for_run"), frontier.c.url == bindparam("for_url"))
    .values(state=bindparam("new_state"))
)
_READMIT = (
    update(frontier)
    .where(
        frontier.c.run_id == bindparam("for_run"),
        frontier.c.url == bindparam("for_url"),
        frontier.c.state == "refused",
    )
    .values(state="queued", reason=None, found_on=bindparam("new_found_on"))
)
_QUEUED = (
    select(func.count())
    .select_from(frontier)
    .where(frontier.c.run_id == bindparam("run_id"), frontier.c.state == "queued")
)
_CRAWL_PAGE_JSON = select(crawl_pages.c.page_json).where(
    crawl_pages.c.run_id == bindparam("run_id"), crawl_pages.c.url == bindparam("url")
)


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


def _one_line(exc: BaseException) -> str:
    """The driver's message without SQLAlchemy's statement dump, on one line."""
    original = getattr(exc, "orig", None) or exc
    lines = [line.strip() for line in str(original).splitlines() if line.strip()]
    return "; ".join(lines[:2]) or type(original).__name__


def _clean(value: str) -> str:
    # PostgreSQL text cannot hold NUL, and page content is untrusted.
    return value.replace("\x00", "\ufffd")


def _alembic_config(connection: Connection) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


def _current_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


@dataclass(frozen=True)
class RunRow:
    id: str
    site: str
    started_at: str
    score: float | None
    pages: int
    failures: int
    ruleset_id: str
    axe_version: str | None


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
            self._engine = make_engine(url)
            self._conn = self._engine.connect()
            self._migrate()
        except (SQLAlchemyError, OSError) as exc:
            self.close()
            raise StoreError(f"history database {self.path}: {_one_line(exc)}") from None
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
    def _transaction(self, write: bool = True) -> Iterator[Connection]:
        """One transaction on the store's connection: committed, or rolled back on error."""
        try:
            self._mode(write)
            with self._conn.begin():
                yield self._conn
        except SQLAlchemyError as exc:
            raise StoreError(f"history database {self.path}: {_one_line(exc)}") from None

    def _read(self) -> AbstractContextManager[Connection]:
        return self._transaction(write=False)

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
                sql, names, defaults = _compiled(statement, self._conn.dialect)
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
            raise StoreError(f"history database {self.path}: {_one_line(exc)}") from None

    def _revision(self) -> str | None:
        with self._read() as conn:
            return _current_revision(conn)

    def _migrate(self) -> None:
        if str(self.path) == ":memory:":
            # A scratch store (`--no-store`) starts empty: the tables as they are at HEAD (the
            # migrations test proves them equal) without loading Alembic.
            with self._transaction() as conn:
                metadata.create_all(conn)
                conn.execute(
                    text("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
                )
                conn.execute(text("INSERT INTO alembic_version VALUES (:head)"), {"head": HEAD})
            return
        if self._revision() == HEAD:
            return
        with self._transaction() as conn:
            if self.dialect == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
            current = _current_revision(conn)
            if current == HEAD:  # another process migrated it while we waited
                return
            from alembic import command  # only when there is something to migrate: it is slow
            from alembic.util import CommandError

            config = _alembic_config(conn)
            try:
                if current is None and (legacy := self._legacy_revision(conn)):
                    command.stamp(config, legacy)
                command.upgrade(config, "head")
            except CommandError as exc:
                raise StoreError(
                    f"history database {self.path}: {exc} (made by a newer auditor?)"
                ) from None

    def _legacy_revision(self, conn: Connection) -> str | None:
        """The revision matching a database made by the hand-written migrations, if it is one."""
        tables = set(inspect(conn).get_table_names())
        if "_migrations" not in tables:
            if "runs" in tables or "crawls" in tables:
                raise StoreError(
                    f"history database {self.path}: has auditor's tables but no record of its "
                    "migrations; not opening it"
                )
            return None
        applied = {row[0] for row in conn.execute(text("SELECT name FROM _migrations"))}
        unknown = applied - LEGACY_REVISIONS.keys()
        if unknown:
            raise StoreError(
                f"history database {self.path}: unknown migrations {sorted(unknown)} "
                "(made by another version of auditor?)"
            )
        revision = None
        for name, equivalent in LEGACY_REVISIONS.items():
            if name not in applied:
                break
            revision = equivalent
        return revision

    def migrations(self) -> list[str]:
        """The revisions applied, oldest first."""
        current = self._revision()
        if current is None:
            return []
        from alembic.script import ScriptDirectory

        script = ScriptDirectory(str(MIGRATIONS_DIR))
        return [r.revision for r in reversed(list(script.walk_revisions("base", current)))]


class Store(Database):
    """The run history: whole runs, their pages and findings, and every run's summary."""

    def save(self, run: Run) -> None:
        """Store a run whole, in one transaction (all of it or none)."""
        with self._transaction() as conn:
            self._save(conn, run)

    def _save(self, conn: Connection, run: Run) -> None:
        record = run_record(run)
        header = header_columns(run)
        conn.execute(
            runs.insert().values(
                id=header.pop("run_id"),
                **header,
                score=record.score,
                pages=record.pages,
                failures=record.failures,
                run_json=run.model_dump_json(),
            )
        )
        if run.pages:
            conn.execute(
                pages.insert(),
                [
                    {
                        "run_id": run.id,
                        "url": _clean(p.target.url),
                        "final_url": _clean(p.final_url),
                        "status": p.status,
                        "load_error": _clean(p.load_error) if p.load_error else None,
                        "score": p.score.value if p.score else None,
                    }
                    for p in run.pages
                ],
            )
        found = run.findings()
        if found:
            conn.execute(
                findings.insert(),
                [
                    {
                        "run_id": run.id,
                        "fingerprint": f.fingerprint,
                        "check_id": f.check_id,
                        "url": _clean(f.page_url),
                        "selector": _clean(f.node.selector),
                        "impact": f.impact.value,
                        "outcome": f.outcome.value,
                        "viewport": f.viewport,
                    }
                    for f in found
                ],
            )
        conn.execute(run_summaries.insert().values(**_summary_values(record)))

    def list_runs(self, site: str | None = None, limit: int = 50) -> list[RunRow]:
        query = select(
            runs.c.id,
            runs.c.site,
            runs.c.started_at,
            runs.c.score,
            runs.c.pages,
            runs.c.failures,
            runs.c.ruleset_id,
            runs.c.axe_version,
        )
        if site:
            query = query.where(runs.c.site == site)
        query = query.order_by(runs.c.started_at.desc(), runs.c.id.desc()).limit(limit)
        with self._read() as conn:
            return [RunRow(*row) for row in conn.execute(query)]

    def resolve(self, run_id: str, site: str | None = None) -> str:
        """The full id of a stored run: an id, a unique prefix of one, `latest`, or `previous`
        (the run before the latest of the same site); `site` narrows `latest` and `previous`."""
        with self._read() as conn:
            if run_id in ("latest", "previous"):
                newest = select(runs.c.id, runs.c.site).order_by(
                    runs.c.started_at.desc(), runs.c.id.desc()
                )
                if site:
                    newest = newest.where(runs.c.site == site)
                rows = conn.execute(newest.limit(1)).all()
                if rows and run_id == "previous":
                    rows = conn.execute(
                        newest.where(runs.c.site == rows[0].site).offset(1).limit(1)
                    ).all()
            else:
                rows = conn.execute(
                    select(runs.c.id)
                    .where((runs.c.id == run_id) | runs.c.id.startswith(run_id, autoescape=True))
                    .limit(2)
                ).all()
        if not rows:
            if run_id not in ("latest", "previous") and self._rows(
                select(run_summaries.c.run_id)
                .where(run_summaries.c.run_id.startswith(run_id, autoescape=True))
                .limit(1)
            ):
                raise StoreError(
                    f"run {run_id!r} was pruned: only its summary is kept "
                    "(see: auditor history trend)"
                )
            scope = f" of {site}" if site else ""
            raise StoreError(f"no run {run_id!r}{scope} in {self.path} (see: auditor history list)")
        exact = [row.id for row in rows if row.id == run_id]
        if len(rows) > 1 and not exact:
            raise StoreError(f"{run_id!r} matches more than one run; give more of the id")
        return str(exact[0] if exact else rows[0].id)

    def load(self, run_id: str, site: str | None = None) -> Run:
        """A stored run by id, a unique prefix of its id, `latest` or `previous`."""
        full_id = self.resolve(run_id, site)
        with self._read() as conn:
            stored = conn.execute(select(runs.c.run_json).where(runs.c.id == full_id)).scalar()
        if stored is None:
            raise StoreError(f"no run {run_id!r} in {self.path} (see: auditor history list)")
        try:
            return Run.model_validate_json(stored)
        except ValidationError as exc:
            raise StoreError(f"run {run_id!r} in {self.path} does not load: {exc}") from None

    def summaries(self, site: str | None = None, limit: int | None = None) -> list[RunRecord]:
        """The per-run summaries, pruned runs included, newest first."""
        query = select(run_summaries).order_by(
            run_summaries.c.started_at.desc(), run_summaries.c.run_id.desc()
        )
        if site:
            query = query.where(run_summaries.c.site == site)
        if limit is not None:
            query = query.limit(limit)
        with self._read() as conn:
            return [_record(row._mapping) for row in conn.execute(query)]

    def prune(self, keep: int, site: str | None = None) -> list[str]:
        """Delete all but the `keep` newest runs of each site (or of `site`): their pages,
        findings, full JSON and crawl state. Their summary rows stay, marked pruned, so trends
        still show them. Unfinished crawls are left alone. Returns the pruned run ids."""
        if keep < 1:
            raise StoreError("keep at least one run per site (incremental runs start from it)")
        with self._transaction() as conn:
            query = select(runs.c.id, runs.c.site).order_by(
                runs.c.site, runs.c.started_at.desc(), runs.c.id.desc()
            )
            if site:
                query = query.where(runs.c.site == site)
            seen: dict[str, int] = {}
            doomed: list[str] = []
            for run_id, run_site in conn.execute(query):
                seen[run_site] = seen.get(run_site, 0) + 1
                if seen[run_site] > keep:
                    doomed.append(run_id)
            for start in range(0, len(doomed), 500):
                batch = doomed[start : start + 500]
                # Children first: old SQLite files may not enforce the cascades.
                for child in (findings, pages):
                    conn.execute(delete(child).where(child.c.run_id.in_(batch)))
                conn.execute(delete(runs).where(runs.c.id.in_(batch)))
                for child in (frontier, crawl_pages, crawl_resources, crawl_external):
                    conn.execute(delete(child).where(child.c.run_id.in_(batch)))
                conn.execute(delete(crawls).where(crawls.c.run_id.in_(batch)))
                conn.execute(
                    update(run_summaries)
                    .where(run_summaries.c.run_id.in_(batch))
                    .values(pruned=True)
                )
        return doomed

    def _crawl_page_json(self, run_id: str, url: str) -> str | None:
        rows = self._rows(_CRAWL_PAGE_JSON, {"run_id": run_id, "url": url})
        return str(rows[0][0]) if rows else None


def header_columns(header: RunHeader) -> dict[str, Any]:
    """A run header as the `runs` and `run_summaries` tables spell it."""
    return {
        "run_id": header.id,
        "site": header.site,
        "started_at": header.started_at.isoformat(),
        "finished_at": header.finished_at.isoformat(),
        "tool_version": header.tool_version,
        "axe_version": header.axe_version,
        "browser_version": header.browser_version,
        "ruleset_id": header.ruleset.id,
        "ruleset_sha256": header.ruleset.sha256,
        "score_model_version": header.score_model_version,
    }


def header_fields(row: dict[str, Any]) -> dict[str, Any]:
    """The RunHeader fields of a `run_summaries` row (the inverse of `header_columns`)."""
    values = {name: row.pop(name) for name in HEADER_COLUMNS}
    values["id"] = values.pop("run_id")
    values["ruleset"] = {"id": values.pop("ruleset_id"), "sha256": values.pop("ruleset_sha256")}
    return values


HEADER_COLUMNS = (
    "run_id",
    "site",
    "started_at",
    "finished_at",
    "tool_version",
    "axe_version",
    "browser_version",
    "ruleset_id",
    "ruleset_sha256",
    "score_model_version",
)


def _summary_values(record: RunRecord) -> dict[str, Any]:
    return {
        **header_columns(record),
        "score": record.score,
        "by_category_json": json.dumps(record.by_category),
        "pages": record.pages,
        "failures": record.failures,
        "needs_review": record.needs_review,
        "failures_by_impact_json": json.dumps(record.failures_by_impact),
        "pruned": record.pruned,
    }


def _record(row: Any) -> RunRecord:
    values = dict(row)
    header = header_fields(values)
    values["by_category"] = json.loads(values.pop("by_category_json"))
    values["failures_by_impact"] = json.loads(values.pop("failures_by_impact_json"))
    return RunRecord.model_validate({**header, **values})


@dataclass(frozen=True)
class FrontierEntry:
    """One URL the crawl has decided about: queued to audit, or refused with a reason."""

    url: str
    depth: int
    found_on: str | None
    source: str
    state: str  # queued | active | done | refused
    reason: str | None = None
    readmit: bool = False  # refused earlier as a trap, since found from outside its family


@dataclass(frozen=True)
class CrawlRow:
    run_id: str
    site: str
    status: str
    started_at: str
    config_json: str
    seeds: list[str]


class CrawlState:
    """A crawl in progress, kept in the history database so that `--resume` can finish it.

    Every completed page is written with its newly found links in one transaction, so a run
    killed at any moment loses no completed page and re-audits none.
    """

    def __init__(self, store: Store, run_id: str) -> None:
        self.store = store
        self.run_id = run_id
        with store._read() as conn:
            top = conn.execute(
                select(func.coalesce(func.max(frontier.c.seq), 0)).where(
                    frontier.c.run_id == run_id
                )
            ).scalar()
        self._seq = int(top or 0)
        # URLs known to be in the frontier (rows are never removed while a crawl runs): the
        # links every page repeats (navigation, footer) are answered without a query.
        self._known: OrderedDict[str, None] = OrderedDict()

    @classmethod
    def begin(
        cls,
        store: Store,
        run_id: str,
        site: str,
        started_at: str,
        config_json: str,
        seeds: list[str],
    ) -> CrawlState:
        with store._transaction() as conn:
            conn.execute(
                crawls.insert().values(
                    run_id=run_id,
                    site=site,
                    status="running",
                    started_at=started_at,
                    config_json=config_json,
                    seeds_json=json.dumps(seeds),
                )
            )
        return cls(store, run_id)

    def seen(self, url: str) -> bool:
        if url in self._known:
            self._known.move_to_end(url)
            return True
        found = bool(self.store._rows(_SEEN, {"run_id": self.run_id, "url": url}))
        if found:
            self._remember([url])
        return found

    def _remember(self, urls: Iterable[str]) -> None:
        for url in urls:
            self._known[url] = None
            self._known.move_to_end(url)
        while len(self._known) > KNOWN_URLS_CACHED:
            self._known.popitem(last=False)

    def add(self, entries: list[FrontierEntry]) -> None:
        with self.store._transaction() as conn:
            self._insert(conn, entries)
        self._remember(e.url for e in entries)

    def _insert(self, conn: Connection, entries: Sequence[FrontierEntry]) -> None:
        """One batched statement; a URL already in the frontier keeps its first entry."""
        if not entries:
            return
        rows = []
        for entry in entries:
            self._seq += 1
            rows.append(
                {
                    "run_id": self.run_id,
                    "seq": self._seq,
                    "url": _clean(entry.url),
                    "depth": entry.depth,
                    "found_on": entry.found_on,
                    "source": entry.source,
                    "state": entry.state,
                    "reason": entry.reason,
                }
            )
        conn.execute(_insert_ignoring_duplicates(self.store.dialect, frontier), rows)
        readmitted = [
            {"for_run": self.run_id, "for_url": _clean(e.url), "new_found_on": e.found_on}
            for e in entries
            if e.readmit
        ]
        if readmitted:
            conn.execute(_READMIT, readmitted)

    def next(self) -> FrontierEntry | None:
        """The oldest queued URL, now marked active (breadth first: seq follows discovery)."""
        with self.store._transaction() as conn:
            row = conn.execute(_NEXT_QUEUED, {"run_id": self.run_id}).first()
            if row is None:
                return None
            conn.execute(
                _SET_STATE, {"for_run": self.run_id, "for_url": row.url, "new_state": "active"}
            )
        return FrontierEntry(row.url, row.depth, row.found_on, row.source, "active")

    def record_page(
        self,
        page_json: str,
        url: str,
        content_hash: str | None,
        found: list[FrontierEntry],
        resources: list[tuple[str, str]],
        external: list[tuple[str, str]],
    ) -> None:
        """A finished page, its links' fate, documents and external links: all or nothing."""
        with self.store._transaction() as conn:
            conn.execute(
                _upsert_crawl_page(self.store.dialect),
                {
                    "run_id": self.run_id,
                    "url": url,
                    "content_hash": content_hash,
                    "page_json": page_json,
                },
            )
            conn.execute(_SET_STATE, {"for_run": self.run_id, "for_url": url, "new_state": "done"})
            self._insert(conn, found)
            if resources:
                conn.execute(
                    _insert_ignoring_duplicates(self.store.dialect, crawl_resources),
                    [{"run_id": self.run_id, "url": u, "resource_json": j} for u, j in resources],
                )
            if external:
                conn.execute(
                    _insert_ignoring_duplicates(self.store.dialect, crawl_external),
                    [{"run_id": self.run_id, "url": u, "found_on": f} for u, f in external],
                )
        self._remember(e.url for e in found)  # only once committed

    def queued(self) -> int:
        return int(self.store._rows(_QUEUED, {"run_id": self.run_id})[0][0])

    def requeue_active(self) -> int:
        """Pages that were being audited when the run died go back in the queue."""
        with self.store._transaction() as conn:
            return conn.execute(
                update(frontier)
                .where(frontier.c.run_id == self.run_id, frontier.c.state == "active")
                .values(state="queued")
            ).rowcount

    def refuse_queued(self, reason: str) -> int:
        """Give up on what is still queued (a run time budget ran out), counting it."""
        with self.store._transaction() as conn:
            return conn.execute(
                update(frontier)
                .where(frontier.c.run_id == self.run_id, frontier.c.state == "queued")
                .values(state="refused", reason=reason)
            ).rowcount

    def counts(self) -> dict[str, int]:
        """How many URLs are in each state; refused ones by reason as `refused:<reason>`."""
        found: dict[str, int] = {}
        with self.store._read() as conn:
            rows = conn.execute(
                select(frontier.c.state, frontier.c.reason, func.count())
                .where(frontier.c.run_id == self.run_id)
                .group_by(frontier.c.state, frontier.c.reason)
            ).all()
        for state, reason, n in rows:
            key = f"refused:{reason}" if state == "refused" else state
            found[key] = found.get(key, 0) + n
        return found

    def admitted_urls(self) -> list[str]:
        with self.store._read() as conn:
            return list(
                conn.execute(
                    select(frontier.c.url)
                    .where(
                        frontier.c.run_id == self.run_id,
                        frontier.c.state.in_(("queued", "active", "done")),
                        frontier.c.reason.is_(None) | (frontier.c.reason != "redirect target"),
                    )
                    .order_by(frontier.c.seq)
                ).scalars()
            )

    def fates(self) -> list[tuple[str, str, str | None]]:
        """(URL, state, reason) of every URL decided about, in discovery order."""
        with self.store._read() as conn:
            return [
                (row.url, row.state, row.reason)
                for row in conn.execute(
                    select(frontier.c.url, frontier.c.state, frontier.c.reason)
                    .where(frontier.c.run_id == self.run_id)
                    .order_by(frontier.c.seq)
                )
            ]

    def pages(self) -> list[tuple[str, str | None]]:
        """(page JSON, content hash) of every finished page."""
        with self.store._read() as conn:
            return [
                (row.page_json, row.content_hash)
                for row in conn.execute(
                    select(crawl_pages.c.page_json, crawl_pages.c.content_hash)
                    .where(crawl_pages.c.run_id == self.run_id)
                    .order_by(crawl_pages.c.url)
                )
            ]

    def resources(self) -> list[str]:
        with self.store._read() as conn:
            return list(
                conn.execute(
                    select(crawl_resources.c.resource_json)
                    .where(crawl_resources.c.run_id == self.run_id)
                    .order_by(crawl_resources.c.url)
                ).scalars()
            )

    def external(self) -> list[tuple[str, str]]:
        with self.store._read() as conn:
            return [
                (row.url, row.found_on)
                for row in conn.execute(
                    select(crawl_external.c.url, crawl_external.c.found_on)
                    .where(crawl_external.c.run_id == self.run_id)
                    .order_by(crawl_external.c.url)
                )
            ]

    def finish(self, run: Run) -> None:
        """Save the finished run and mark the crawl complete, in one transaction."""
        with self.store._transaction() as conn:
            self.store._save(conn, run)
            conn.execute(
                update(crawls).where(crawls.c.run_id == self.run_id).values(status="complete")
            )


def find_unfinished(store: Store, run_id: str | None = None) -> CrawlRow | None:
    """The newest crawl still running (or the one named), for `audit --resume`."""
    query = select(
        crawls.c.run_id,
        crawls.c.site,
        crawls.c.status,
        crawls.c.started_at,
        crawls.c.config_json,
        crawls.c.seeds_json,
    )
    if run_id:
        query = query.where(
            (crawls.c.run_id == run_id) | crawls.c.run_id.startswith(run_id, autoescape=True)
        ).order_by(crawls.c.started_at.desc())
    else:
        query = query.where(crawls.c.status == "running").order_by(crawls.c.started_at.desc())
    with store._read() as conn:
        row = conn.execute(query.limit(1)).first()
    if row is None:
        return None
    return CrawlRow(row[0], row[1], row[2], row[3], row[4], json.loads(row[5]))


@dataclass(frozen=True)
class PreviousPages:
    """The pages of the last comparable run: their content hashes in memory, their results
    read only when a page turns out unchanged (a 50,000-page site stays small)."""

    store: Store | None = None
    run_id: str = ""
    hashes: dict[str, str] = field(default_factory=dict)

    def page_json(self, url: str) -> str | None:
        if self.store is None:
            return None
        return self.store._crawl_page_json(self.run_id, url)


def previous_pages(
    store: Store,
    site: str,
    ruleset_sha256: str,
    axe_version: str | None,
    before: str,
    viewports: list[Any],
) -> PreviousPages:
    """The last complete run of the same site, ruleset, axe-core version and viewports: what an
    incremental run may carry over."""
    with store._read() as conn:
        candidates = conn.execute(
            select(runs.c.id, crawls.c.config_json)
            .join(crawls, crawls.c.run_id == runs.c.id)
            .where(
                runs.c.site == site,
                runs.c.ruleset_sha256 == ruleset_sha256,
                runs.c.axe_version.is_not_distinct_from(axe_version),
                runs.c.started_at < before,
            )
            .order_by(runs.c.started_at.desc())
            .limit(20)
        ).all()
        for run_id, config_json in candidates:
            if json.loads(config_json).get("viewports") != viewports:
                continue
            hashes = {
                row.url: row.content_hash
                for row in conn.execute(
                    select(crawl_pages.c.url, crawl_pages.c.content_hash).where(
                        crawl_pages.c.run_id == run_id, crawl_pages.c.content_hash.is_not(None)
                    )
                )
            }
            return PreviousPages(store, run_id, hashes)
    return PreviousPages()
