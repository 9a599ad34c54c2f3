"""The run history in SQLite: migrations applied in order, the full Run JSON kept so old runs can
be re-rendered, and normalised pages/findings tables for listing, diffs and trends.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


def _m002_crawl_state(db: sqlite3.Connection) -> None:
    """The crawl in progress lives here, not in memory: a killed run resumes from it."""
    _script(
        db,
        """
        CREATE TABLE crawls (
            run_id TEXT PRIMARY KEY,
            site TEXT NOT NULL,
            status TEXT NOT NULL,
            started_at TEXT NOT NULL,
            config_json TEXT NOT NULL,
            seeds_json TEXT NOT NULL
        );
        CREATE TABLE frontier (
            run_id TEXT NOT NULL REFERENCES crawls (run_id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            url TEXT NOT NULL,
            depth INTEGER NOT NULL,
            found_on TEXT,
            source TEXT NOT NULL,
            state TEXT NOT NULL,
            reason TEXT,
            PRIMARY KEY (run_id, url)
        );
        CREATE INDEX frontier_next ON frontier (run_id, state, seq);
        CREATE TABLE crawl_pages (
            run_id TEXT NOT NULL REFERENCES crawls (run_id) ON DELETE CASCADE,
            url TEXT NOT NULL,
            content_hash TEXT,
            page_json TEXT NOT NULL,
            PRIMARY KEY (run_id, url)
        );
        CREATE TABLE crawl_resources (
            run_id TEXT NOT NULL REFERENCES crawls (run_id) ON DELETE CASCADE,
            url TEXT NOT NULL,
            resource_json TEXT NOT NULL,
            PRIMARY KEY (run_id, url)
        );
        CREATE TABLE crawl_external (
            run_id TEXT NOT NULL REFERENCES crawls (run_id) ON DELETE CASCADE,
            url TEXT NOT NULL,
            found_on TEXT NOT NULL,
            PRIMARY KEY (run_id, url)
        )
        """,
    )


# Append only; never edit a migration that has shipped.
MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = [
    ("001_initial", _m001_initial),
    ("002_crawl_state", _m002_crawl_state),
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
            self._save(db, run)

    def _save(self, db: sqlite3.Connection, run: Run) -> None:
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


@dataclass(frozen=True)
class FrontierEntry:
    """One URL the crawl has decided about: queued to audit, or refused with a reason."""

    url: str
    depth: int
    found_on: str | None
    source: str
    state: str  # queued | active | done | refused
    reason: str | None = None


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
        self._db = store._db
        row = self._db.execute(
            "SELECT COALESCE(MAX(seq), 0) FROM frontier WHERE run_id = ?", (run_id,)
        ).fetchone()
        self._seq = int(row[0])

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
        with store._transaction() as db:
            db.execute(
                "INSERT INTO crawls VALUES (?,?,?,?,?,?)",
                (run_id, site, "running", started_at, config_json, json.dumps(seeds)),
            )
        return cls(store, run_id)

    def seen(self, url: str) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM frontier WHERE run_id = ? AND url = ?", (self.run_id, url)
        ).fetchone()
        return row is not None

    def add(self, entries: list[FrontierEntry]) -> None:
        with self.store._transaction() as db:
            self._insert(db, entries)

    def _insert(self, db: sqlite3.Connection, entries: list[FrontierEntry]) -> None:
        for entry in entries:
            self._seq += 1
            db.execute(
                "INSERT OR IGNORE INTO frontier VALUES (?,?,?,?,?,?,?,?)",
                (
                    self.run_id,
                    self._seq,
                    entry.url,
                    entry.depth,
                    entry.found_on,
                    entry.source,
                    entry.state,
                    entry.reason,
                ),
            )

    def next(self) -> FrontierEntry | None:
        """The oldest queued URL, now marked active (breadth first: seq follows discovery)."""
        with self.store._transaction() as db:
            row = db.execute(
                "SELECT url, depth, found_on, source FROM frontier WHERE run_id = ? AND "
                "state = 'queued' ORDER BY seq LIMIT 1",
                (self.run_id,),
            ).fetchone()
            if row is None:
                return None
            db.execute(
                "UPDATE frontier SET state = 'active' WHERE run_id = ? AND url = ?",
                (self.run_id, row[0]),
            )
        return FrontierEntry(row[0], row[1], row[2], row[3], "active")

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
        with self.store._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO crawl_pages VALUES (?,?,?,?)",
                (self.run_id, url, content_hash, page_json),
            )
            db.execute(
                "UPDATE frontier SET state = 'done' WHERE run_id = ? AND url = ?",
                (self.run_id, url),
            )
            self._insert(db, found)
            db.executemany(
                "INSERT OR IGNORE INTO crawl_resources VALUES (?,?,?)",
                [(self.run_id, u, j) for u, j in resources],
            )
            db.executemany(
                "INSERT OR IGNORE INTO crawl_external VALUES (?,?,?)",
                [(self.run_id, u, f) for u, f in external],
            )

    def queued(self) -> int:
        row = self._db.execute(
            "SELECT COUNT(*) FROM frontier WHERE run_id = ? AND state = 'queued'", (self.run_id,)
        ).fetchone()
        return int(row[0])

    def requeue_active(self) -> int:
        """Pages that were being audited when the run died go back in the queue."""
        with self.store._transaction() as db:
            return db.execute(
                "UPDATE frontier SET state = 'queued' WHERE run_id = ? AND state = 'active'",
                (self.run_id,),
            ).rowcount

    def refuse_queued(self, reason: str) -> int:
        """Give up on what is still queued (a run time budget ran out), counting it."""
        with self.store._transaction() as db:
            return db.execute(
                "UPDATE frontier SET state = 'refused', reason = ? WHERE run_id = ? AND "
                "state = 'queued'",
                (reason, self.run_id),
            ).rowcount

    def counts(self) -> dict[str, int]:
        """How many URLs are in each state; refused ones by reason as `refused:<reason>`."""
        found: dict[str, int] = {}
        for state, reason, n in self._db.execute(
            "SELECT state, reason, COUNT(*) FROM frontier WHERE run_id = ? GROUP BY state, reason",
            (self.run_id,),
        ):
            key = f"refused:{reason}" if state == "refused" else state
            found[key] = found.get(key, 0) + n
        return found

    def admitted_urls(self) -> list[str]:
        return [
            row[0]
            for row in self._db.execute(
                "SELECT url FROM frontier WHERE run_id = ? AND state IN ('queued', 'active', "
                "'done') AND (reason IS NULL OR reason != 'redirect target') ORDER BY seq",
                (self.run_id,),
            )
        ]

    def pages(self) -> list[tuple[str, str | None]]:
        """(page JSON, content hash) of every finished page."""
        return list(
            self._db.execute(
                "SELECT page_json, content_hash FROM crawl_pages WHERE run_id = ? ORDER BY url",
                (self.run_id,),
            )
        )

    def resources(self) -> list[str]:
        return [
            row[0]
            for row in self._db.execute(
                "SELECT resource_json FROM crawl_resources WHERE run_id = ? ORDER BY url",
                (self.run_id,),
            )
        ]

    def external(self) -> list[tuple[str, str]]:
        return list(
            self._db.execute(
                "SELECT url, found_on FROM crawl_external WHERE run_id = ? ORDER BY url",
                (self.run_id,),
            )
        )

    def finish(self, run: Run) -> None:
        """Save the finished run and mark the crawl complete, in one transaction."""
        with self.store._transaction() as db:
            self.store._save(db, run)
            db.execute("UPDATE crawls SET status = 'complete' WHERE run_id = ?", (self.run_id,))


def find_unfinished(store: Store, run_id: str | None = None) -> CrawlRow | None:
    """The newest crawl still running (or the one named), for `audit --resume`."""
    sql = "SELECT run_id, site, status, started_at, config_json, seeds_json FROM crawls"
    if run_id:
        rows = store._db.execute(
            sql + " WHERE run_id = ? OR run_id LIKE ?", (run_id, run_id + "%")
        ).fetchall()
    else:
        rows = store._db.execute(
            sql + " WHERE status = 'running' ORDER BY started_at DESC LIMIT 1"
        ).fetchall()
    if not rows:
        return None
    row = rows[0]
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
        row = self.store._db.execute(
            "SELECT page_json FROM crawl_pages WHERE run_id = ? AND url = ?", (self.run_id, url)
        ).fetchone()
        return str(row[0]) if row else None


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
    rows = store._db.execute(
        "SELECT r.id, c.config_json FROM runs r JOIN crawls c ON c.run_id = r.id WHERE "
        "r.site = ? AND r.ruleset_sha256 = ? AND r.axe_version IS ? AND r.started_at < ? "
        "ORDER BY r.started_at DESC LIMIT 20",
        (site, ruleset_sha256, axe_version, before),
    ).fetchall()
    for run_id, config_json in rows:
        if json.loads(config_json).get("viewports") != viewports:
            continue
        hashes = dict(
            store._db.execute(
                "SELECT url, content_hash FROM crawl_pages WHERE run_id = ? AND "
                "content_hash IS NOT NULL",
                (run_id,),
            )
        )
        return PreviousPages(store, run_id, hashes)
    return PreviousPages()
