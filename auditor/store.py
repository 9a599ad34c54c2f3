"""The run history in SQLite: migrations applied in order, the full Run JSON kept so old runs can
be re-rendered, and normalised pages/findings tables for listing, diffs and trends.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from auditor.errors import StoreError
from auditor.models import Run


def _m001_initial(db: sqlite3.Connection) -> None:
    _script(
        db,
        """
        CREATE TABLE runs (
            id TEXT PRIMARY KEY,
            site TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            tool_version TEXT NOT NULL,
            axe_version TEXT,
            browser_version TEXT,
            ruleset_id TEXT NOT NULL,
            ruleset_sha256 TEXT NOT NULL,
            score_model_version TEXT NOT NULL,
            score REAL,
            pages INTEGER NOT NULL,
            failures INTEGER NOT NULL,
            run_json TEXT NOT NULL
        );
        CREATE INDEX runs_site ON runs (site, started_at);
        CREATE TABLE pages (
            run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            url TEXT NOT NULL,
            final_url TEXT NOT NULL,
            status INTEGER,
            load_error TEXT,
            score REAL,
            PRIMARY KEY (run_id, url)
        );
        CREATE TABLE findings (
            run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            fingerprint TEXT NOT NULL,
            check_id TEXT NOT NULL,
            url TEXT NOT NULL,
            selector TEXT NOT NULL,
            impact TEXT NOT NULL,
            outcome TEXT NOT NULL,
            viewport TEXT NOT NULL
        );
        CREATE INDEX findings_run ON findings (run_id, fingerprint);
        """,
    )


def _script(db: sqlite3.Connection, sql: str) -> None:
    """Statements one by one: executescript() would commit the migration's transaction early."""
    for statement in sql.split(";"):
        if statement.strip():
            db.execute(statement)


# Append only; never edit a migration that has shipped.
MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = [
    ("001_initial", _m001_initial),
]


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


class Store:
    """A history database file; created with its schema on first use."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"history database {self.path}: {exc}") from None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            raise StoreError(f"history database {self.path}: {exc}") from None

    def _migrate(self) -> None:
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT "
            "NOT NULL DEFAULT CURRENT_TIMESTAMP)"
        )
        done = {row[0] for row in self._db.execute("SELECT name FROM _migrations")}
        for name, migrate in MIGRATIONS:
            if name in done:
                continue
            with self._transaction() as db:
                migrate(db)
                db.execute("INSERT INTO _migrations (name) VALUES (?)", (name,))

    def migrations(self) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT name FROM _migrations ORDER BY name")]

    def save(self, run: Run) -> None:
        """Store a run whole, in one transaction (all of it or none)."""
        with self._transaction() as db:
            db.execute(
                "INSERT INTO runs VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    run.id,
                    run.site,
                    run.started_at.isoformat(),
                    run.finished_at.isoformat(),
                    run.tool_version,
                    run.axe_version,
                    run.browser_version,
                    run.ruleset.id,
                    run.ruleset.sha256,
                    run.score_model_version,
                    run.score.value if run.score else None,
                    run.summary.pages_audited,
                    run.summary.failures,
                    run.model_dump_json(),
                ),
            )
            db.executemany(
                "INSERT INTO pages VALUES (?,?,?,?,?,?)",
                [
                    (
                        run.id,
                        p.target.url,
                        p.final_url,
                        p.status,
                        p.load_error,
                        p.score.value if p.score else None,
                    )
                    for p in run.pages
                ],
            )
            db.executemany(
                "INSERT INTO findings VALUES (?,?,?,?,?,?,?,?)",
                [
                    (
                        run.id,
                        f.fingerprint,
                        f.check_id,
                        f.page_url,
                        f.node.selector,
                        f.impact.value,
                        f.outcome.value,
                        f.viewport,
                    )
                    for f in run.findings()
                ],
            )

    def list_runs(self, site: str | None = None, limit: int = 50) -> list[RunRow]:
        sql = (
            "SELECT id, site, started_at, score, pages, failures, ruleset_id, axe_version FROM runs"
        )
        args: tuple[object, ...] = ()
        if site:
            sql += " WHERE site = ?"
            args = (site,)
        sql += " ORDER BY started_at DESC, id DESC LIMIT ?"
        return [RunRow(*row) for row in self._db.execute(sql, (*args, limit))]

    def load(self, run_id: str) -> Run:
        """A stored run by id, or by a unique prefix of its id, or `latest`."""
        if run_id == "latest":
            rows = self._db.execute(
                "SELECT run_json FROM runs ORDER BY started_at DESC, id DESC LIMIT 1"
            ).fetchall()
        else:
            rows = self._db.execute(
                "SELECT run_json FROM runs WHERE id = ? OR id LIKE ? ESCAPE '\\' LIMIT 2",
                (
                    run_id,
                    run_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",
                ),
            ).fetchall()
        if not rows:
            raise StoreError(f"no run {run_id!r} in {self.path} (see: auditor history list)")
        if len(rows) > 1:
            raise StoreError(f"{run_id!r} matches more than one run; give more of the id")
        try:
            return Run.model_validate_json(rows[0][0])
        except ValidationError as exc:
            raise StoreError(f"run {run_id!r} in {self.path} does not load: {exc}") from None
