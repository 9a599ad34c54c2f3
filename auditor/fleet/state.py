"""The fleet's jobs in the shared history database (the `fleet_jobs` table), so that every
worker, every `fleet status` and the league table see one truth.

A job moves queued → running → done, or running → failed (a retry will come) → running …, or
ends dead (the dead-letter list, with the reason) after its last attempt. A claim is one
conditional UPDATE: of two workers asking at once, exactly one sees its row change. A running
job whose heartbeat is older than `stale_after` seconds belonged to a worker that died; another
worker may claim it, and resumes the same run id from the stored crawl frontier, so the site
still ends with exactly one complete run.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select, update

from auditor.fleet.jobs import JobSpec
from auditor.fleet.tables import fleet_jobs
from auditor.store import Store
from auditor.store.schema import crawls, frontier, insert_ignoring_duplicates, runs

# Seconds without a heartbeat after which a running job is taken to be orphaned.
STALE_AFTER = 90.0


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"  # an attempt failed; the job will be retried
    DEAD = "dead"  # out of attempts: on the dead-letter list


CLAIMABLE = (JobStatus.QUEUED, JobStatus.FAILED)


@dataclass(frozen=True)
class Job:
    job_id: str
    batch: str
    site: str
    config_hash: str
    name: str
    type: str
    url: str
    config_json: str
    status: JobStatus
    attempts: int
    run_id: str | None
    worker: str | None
    enqueued_at: float
    started_at: float | None
    finished_at: float | None
    heartbeat: float | None
    error: str | None

    def stale(self, now: float, stale_after: float) -> bool:
        """Running, but its worker has not been heard of for `stale_after` seconds."""
        return self.status == JobStatus.RUNNING and (self.heartbeat or 0.0) < now - stale_after


@dataclass(frozen=True)
class Progress:
    """Pages of a job's run: audited, still to do, and whether its crawl has finished."""

    done: int = 0
    queued: int = 0
    complete: bool = False


def _job(row: Any) -> Job:
    values = dict(row._mapping)
    values["status"] = JobStatus(values["status"])
    return Job(**values)


class FleetJobs:
    """The jobs table of one history database."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, specs: Sequence[JobSpec], now: float | None = None) -> list[Job]:
        """Insert the jobs not there yet (the same batch, site and settings are the same job)
        and return every one of them as stored."""
        now = time.time() if now is None else now
        if specs:
            rows = [
                {
                    "job_id": spec.job_id,
                    "batch": spec.batch,
                    "site": spec.site,
                    "config_hash": spec.config_hash,
                    "name": spec.name,
                    "type": spec.type,
                    "url": spec.url,
                    "config_json": spec.config_json,
                    "status": JobStatus.QUEUED.value,
                    "attempts": 0,
                    "enqueued_at": now,
                }
                for spec in specs
            ]
            with self.store.transaction() as conn:
                conn.execute(insert_ignoring_duplicates(self.store.dialect, fleet_jobs), rows)
        return self.many([spec.job_id for spec in specs])

    def get(self, job_id: str) -> Job | None:
        found = self.many([job_id])
        return found[0] if found else None

    def many(self, job_ids: Sequence[str]) -> list[Job]:
        """The jobs with these ids, in the order given."""
        found: dict[str, Job] = {}
        with self.store.read() as conn:
            for start in range(0, len(job_ids), 500):
                chunk = list(job_ids[start : start + 500])
                for row in conn.execute(select(fleet_jobs).where(fleet_jobs.c.job_id.in_(chunk))):
                    job = _job(row)
                    found[job.job_id] = job
        return [found[i] for i in job_ids if i in found]

    def jobs(self, batch: str | None = None, status: JobStatus | None = None) -> list[Job]:
        """A batch's jobs (every batch's when None), by site."""
        query = select(fleet_jobs).order_by(fleet_jobs.c.batch, fleet_jobs.c.site)
        if batch is not None:
            query = query.where(fleet_jobs.c.batch == batch)
        if status is not None:
            query = query.where(fleet_jobs.c.status == status.value)
        with self.store.read() as conn:
            return [_job(row) for row in conn.execute(query)]

    def latest_batch(self) -> str | None:
        """The batch enqueued most recently."""
        with self.store.read() as conn:
            return conn.execute(
                select(fleet_jobs.c.batch).order_by(fleet_jobs.c.enqueued_at.desc()).limit(1)
            ).scalar()

    def claim(
        self,
        job_id: str,
        worker: str,
        run_id: str,
        now: float | None = None,
        stale_after: float = STALE_AFTER,
    ) -> Job | None:
        """Take the job for `worker`, or None when it is not to be taken (done, dead, or running
        with a live heartbeat). One conditional UPDATE: under concurrent claims exactly one
        succeeds (PostgreSQL re-checks the condition on the row the winner committed; SQLite
        writers take the database lock in turn). The job keeps the run id it already owns, so
        a retry resumes that run; `run_id` is used only on its first claim."""
        now = time.time() if now is None else now
        claimable = fleet_jobs.c.status.in_([s.value for s in CLAIMABLE]) | (
            (fleet_jobs.c.status == JobStatus.RUNNING.value)
            & (func.coalesce(fleet_jobs.c.heartbeat, 0.0) < now - stale_after)
        )
        with self.store.transaction() as conn:
            changed = conn.execute(
                update(fleet_jobs)
                .where(fleet_jobs.c.job_id == job_id, claimable)
                .values(
                    status=JobStatus.RUNNING.value,
                    worker=worker,
                    attempts=fleet_jobs.c.attempts + 1,
                    run_id=func.coalesce(fleet_jobs.c.run_id, run_id),
                    started_at=now,
                    heartbeat=now,
                    finished_at=None,
                )
            ).rowcount
            if changed != 1:
                return None
            row = conn.execute(select(fleet_jobs).where(fleet_jobs.c.job_id == job_id)).one()
        return _job(row)

    def _owned(self, job_id: str, worker: str) -> Any:
        return (
            (fleet_jobs.c.job_id == job_id)
            & (fleet_jobs.c.worker == worker)
            & (fleet_jobs.c.status == JobStatus.RUNNING.value)
        )

    def beat(self, job_id: str, worker: str, now: float | None = None) -> bool:
        """The worker is alive; False when the job is no longer its own."""
        now = time.time() if now is None else now
        with self.store.transaction() as conn:
            changed = conn.execute(
                update(fleet_jobs).where(self._owned(job_id, worker)).values(heartbeat=now)
            ).rowcount
        return bool(changed)

    def finish(self, job_id: str, run_id: str, now: float | None = None) -> None:
        """The job's run is stored: done, whoever finished it."""
        now = time.time() if now is None else now
        with self.store.transaction() as conn:
            conn.execute(
                update(fleet_jobs)
                .where(fleet_jobs.c.job_id == job_id)
                .values(
                    status=JobStatus.DONE.value,
                    run_id=run_id,
                    finished_at=now,
                    heartbeat=now,
                    error=None,
                )
            )

    def fail(self, job_id: str, worker: str, error: str, *, dead: bool) -> bool:
        """An attempt failed: the job waits for a retry, or goes on the dead-letter list."""
        status = JobStatus.DEAD if dead else JobStatus.FAILED
        with self.store.transaction() as conn:
            changed = conn.execute(
                update(fleet_jobs)
                .where(self._owned(job_id, worker))
                .values(
                    status=status.value,
                    error=error[:2000],
                    finished_at=time.time() if dead else None,
                )
            ).rowcount
        return bool(changed)

    def release(self, job_id: str, worker: str) -> bool:
        """Give a job back untouched (the worker is shutting down): queued again, its run id
        and its attempt count kept, so whoever takes it next resumes the run."""
        with self.store.transaction() as conn:
            changed = conn.execute(
                update(fleet_jobs)
                .where(self._owned(job_id, worker))
                .values(
                    status=JobStatus.QUEUED.value,
                    worker=None,
                    heartbeat=None,
                    attempts=fleet_jobs.c.attempts - 1,
                )
            ).rowcount
        return bool(changed)

    def crawl_status(self, run_id: str) -> str | None:
        """'running' or 'complete' for a run the job has begun, None when it never began."""
        with self.store.read() as conn:
            status = conn.execute(select(crawls.c.status).where(crawls.c.run_id == run_id)).scalar()
            if (
                status is None
                and conn.execute(select(runs.c.id).where(runs.c.id == run_id)).first()
            ):
                return "complete"
        return None if status is None else str(status)

    def progress(self, run_ids: Iterable[str]) -> dict[str, Progress]:
        """Pages done and still queued of each run, from its crawl frontier."""
        wanted = sorted(set(run_ids))
        found: dict[str, Progress] = {}
        with self.store.read() as conn:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                counts: dict[str, dict[str, int]] = {}
                for run_id, state, n in conn.execute(
                    select(frontier.c.run_id, frontier.c.state, func.count())
                    .where(frontier.c.run_id.in_(chunk))
                    .group_by(frontier.c.run_id, frontier.c.state)
                ):
                    counts.setdefault(run_id, {})[state] = int(n)
                complete = {
                    row.run_id: row.status == "complete"
                    for row in conn.execute(
                        select(crawls.c.run_id, crawls.c.status).where(crawls.c.run_id.in_(chunk))
                    )
                }
                stored = {
                    row.id: int(row.pages)
                    for row in conn.execute(
                        select(runs.c.id, runs.c.pages).where(runs.c.id.in_(chunk))
                    )
                }
                for run_id in chunk:
                    states = counts.get(run_id, {})
                    done = stored.get(run_id, states.get("done", 0))
                    queued = states.get("queued", 0) + states.get("active", 0)
                    found[run_id] = Progress(
                        done, 0 if run_id in stored else queued, complete.get(run_id, False)
                    )
        return found
