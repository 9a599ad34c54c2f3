"""`CrawlState`: a crawl in progress, kept in the history database so that `--resume` can finish
it, and what an incremental run may carry over from the last comparable one (`previous_pages`).
The crawl's frontier (`auditor.crawl.frontier`) works on any `FrontierQueue`; this is the one
it is given."""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import Connection, bindparam, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.dml import Insert

from auditor.crawl.frontier import FrontierEntry
from auditor.models import Run
from auditor.store.engine import clean_text
from auditor.store.run_history import Store
from auditor.store.schema import (
    crawl_external,
    crawl_pages,
    crawl_resources,
    crawls,
    frontier,
    insert_ignoring_duplicates,
    runs,
)

# How many URLs a crawl remembers as already in its frontier (a few MB at most).
KNOWN_URLS_CACHED = 20_000


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
        with store.read() as conn:
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
        with store.transaction() as conn:
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
        with self.store.transaction() as conn:
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
                    "url": clean_text(entry.url),
                    "depth": entry.depth,
                    "found_on": entry.found_on,
                    "source": entry.source,
                    "state": entry.state,
                    "reason": entry.reason,
                }
            )
        conn.execute(insert_ignoring_duplicates(self.store.dialect, frontier), rows)
        readmitted = [
            {"for_run": self.run_id, "for_url": clean_text(e.url), "new_found_on": e.found_on}
            for e in entries
            if e.readmit
        ]
        if readmitted:
            conn.execute(_READMIT, readmitted)

    def next(self) -> FrontierEntry | None:
        """The oldest queued URL, now marked active (breadth first: seq follows discovery)."""
        with self.store.transaction() as conn:
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
        with self.store.transaction() as conn:
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
                    insert_ignoring_duplicates(self.store.dialect, crawl_resources),
                    [{"run_id": self.run_id, "url": u, "resource_json": j} for u, j in resources],
                )
            if external:
                conn.execute(
                    insert_ignoring_duplicates(self.store.dialect, crawl_external),
                    [{"run_id": self.run_id, "url": u, "found_on": f} for u, f in external],
                )
        self._remember(e.url for e in found)  # only once committed

    def queued(self) -> int:
        return int(self.store._rows(_QUEUED, {"run_id": self.run_id})[0][0])

    def requeue_active(self) -> int:
        """Pages that were being audited when the run died go back in the queue."""
        with self.store.transaction() as conn:
            return conn.execute(
                update(frontier)
                .where(frontier.c.run_id == self.run_id, frontier.c.state == "active")
                .values(state="queued")
            ).rowcount

    def refuse_queued(self, reason: str) -> int:
        """Give up on what is still queued (a run time budget ran out), counting it."""
        with self.store.transaction() as conn:
            return conn.execute(
                update(frontier)
                .where(frontier.c.run_id == self.run_id, frontier.c.state == "queued")
                .values(state="refused", reason=reason)
            ).rowcount

    def counts(self) -> dict[str, int]:
        """How many URLs are in each state; refused ones by reason as `refused:<reason>`."""
        found: dict[str, int] = {}
        with self.store.read() as conn:
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
        with self.store.read() as conn:
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
        with self.store.read() as conn:
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
        with self.store.read() as conn:
            return [
                (row.page_json, row.content_hash)
                for row in conn.execute(
                    select(crawl_pages.c.page_json, crawl_pages.c.content_hash)
                    .where(crawl_pages.c.run_id == self.run_id)
                    .order_by(crawl_pages.c.url)
                )
            ]

    def resources(self) -> list[str]:
        with self.store.read() as conn:
            return list(
                conn.execute(
                    select(crawl_resources.c.resource_json)
                    .where(crawl_resources.c.run_id == self.run_id)
                    .order_by(crawl_resources.c.url)
                ).scalars()
            )

    def external(self) -> list[tuple[str, str]]:
        with self.store.read() as conn:
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
        with self.store.transaction() as conn:
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
    with store.read() as conn:
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
        rows = self.store._rows(_CRAWL_PAGE_JSON, {"run_id": self.run_id, "url": url})
        return str(rows[0][0]) if rows else None


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
    with store.read() as conn:
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
