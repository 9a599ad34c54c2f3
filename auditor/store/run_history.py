"""`Store`: the run history. Whole runs (their JSON, to re-render them), their pages and findings,
and a compact summary of every run (what `history trend` reads, and what `history prune` keeps).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, delete, select, update

from auditor.errors import StoreError
from auditor.history import RunRecord, run_record
from auditor.models import Run, RunHeader
from auditor.store.database import Database
from auditor.store.engine import clean_text
from auditor.store.schema import (
    crawl_external,
    crawl_pages,
    crawl_resources,
    crawls,
    findings,
    frontier,
    pages,
    run_summaries,
    runs,
)


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


class Store(Database):
    """The run history: whole runs, their pages and findings, and every run's summary."""

    def save(self, run: Run) -> None:
        """Store a run whole, in one transaction (all of it or none)."""
        with self.transaction() as conn:
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
                        "url": clean_text(p.target.url),
                        "final_url": clean_text(p.final_url),
                        "status": p.status,
                        "load_error": clean_text(p.load_error) if p.load_error else None,
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
                        "url": clean_text(f.page_url),
                        "selector": clean_text(f.node.selector),
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
        with self.read() as conn:
            return [RunRow(*row) for row in conn.execute(query)]

    def resolve(self, run_id: str, site: str | None = None) -> str:
        """The full id of a stored run: an id, a unique prefix of one, `latest`, or `previous`
        (the run before the latest of the same site); `site` narrows `latest` and `previous`."""
        with self.read() as conn:
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
        with self.read() as conn:
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
        with self.read() as conn:
            return [_record(row._mapping) for row in conn.execute(query)]

    def prune(self, keep: int, site: str | None = None) -> list[str]:
        """Delete all but the `keep` newest runs of each site (or of `site`): their pages,
        findings, full JSON and crawl state. Their summary rows stay, marked pruned, so trends
        still show them. Unfinished crawls are left alone. Returns the pruned run ids."""
        if keep < 1:
            raise StoreError("keep at least one run per site (incremental runs start from it)")
        with self.transaction() as conn:
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
        "wcag_version": header.ruleset.wcag_version,
        "score_model_version": header.score_model_version,
    }


def header_fields(row: dict[str, Any]) -> dict[str, Any]:
    """The RunHeader fields of a `run_summaries` row (the inverse of `header_columns`)."""
    values = {name: row.pop(name) for name in HEADER_COLUMNS}
    values["id"] = values.pop("run_id")
    values["ruleset"] = {
        "id": values.pop("ruleset_id"),
        "sha256": values.pop("ruleset_sha256"),
        "wcag_version": values.pop("wcag_version") or "2.1",
    }
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
    "wcag_version",
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
