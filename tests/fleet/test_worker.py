"""`run_job` without a browser: a job it may not take is left alone, a job whose run was stored
by a worker that died before saying so is marked done, and a job that fails on every attempt
ends on the dead-letter list with the reason."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest

from auditor.config import AuditConfig
from auditor.devtools import served_sites
from auditor.fleet.jobs import JobSpec, job_config
from auditor.fleet.state import FleetJobs, JobStatus
from auditor.fleet.worker import JobResult, Outcome, WorkerSettings, hard_limit, run_job
from auditor.models import VIEWPORT_PRESETS
from auditor.store import CrawlState, Store, crawls


def add_job(store: Store, **settings: object) -> str:
    url = "http://127.0.0.1:9/"
    config = AuditConfig(**settings)
    spec = JobSpec("b1", url.rstrip("/"), "Nowhere", "District", url, job_config(config, url))
    return FleetJobs(store).add([spec])[0].job_id


def test_a_job_held_by_a_live_worker_is_left_to_it(tmp_path: Path) -> None:
    db = f"{tmp_path}/h.sqlite"
    with Store(db) as store:
        job_id = add_job(store)
        FleetJobs(store).claim(job_id, "other:1", "run-1")
    result = run_job(job_id, WorkerSettings(db=db, stale_after=30), worker="me:2")
    assert result.outcome == Outcome.BUSY
    assert 25 < result.retry_in <= 32
    with Store(db) as store:
        job = FleetJobs(store).get(job_id)
    assert job is not None and (job.worker, job.attempts) == ("other:1", 1)


def test_done_and_unknown_jobs_are_skipped(tmp_path: Path) -> None:
    db = f"{tmp_path}/h.sqlite"
    with Store(db) as store:
        job_id = add_job(store)
        FleetJobs(store).finish(job_id, "run-1")
    assert run_job(job_id, WorkerSettings(db=db)).outcome == Outcome.SKIPPED
    assert run_job("no-such-job", WorkerSettings(db=db)).outcome == Outcome.SKIPPED


def test_a_run_stored_before_its_worker_died_is_not_audited_again(tmp_path: Path) -> None:
    db = f"{tmp_path}/h.sqlite"
    with Store(db) as store:
        # No Chromium at this path: auditing again would fail, so DONE proves it was not.
        job_id = add_job(store, chromium="/nonexistent/chromium")
        jobs = FleetJobs(store)
        job = jobs.claim(job_id, "dead:1", "20260101T000000Z-aaaaaa", now=time.time() - 3600)
        assert job is not None and job.run_id is not None
        CrawlState.begin(store, job.run_id, job.site, "2026-01-01T00:00:00+00:00", "{}", [job.url])
        with store.transaction() as conn:
            conn.execute(crawls.update().values(status="complete"))
    result = run_job(job_id, WorkerSettings(db=db, stale_after=60), worker="me:2")
    assert result.outcome == Outcome.DONE
    assert result.job is not None
    assert (result.job.status, result.job.run_id) == (JobStatus.DONE, "20260101T000000Z-aaaaaa")


def test_a_job_that_keeps_failing_goes_dead_with_its_reason(tmp_path: Path) -> None:
    db = f"{tmp_path}/h.sqlite"
    with Store(db) as store:
        job_id = add_job(store, chromium="/nonexistent/chromium")
    settings = WorkerSettings(db=db, max_attempts=2)
    first = run_job(job_id, settings)
    assert first.outcome == Outcome.FAILED
    assert first.error is not None and "Chromium not found" in first.error
    assert first.job is not None and first.job.status == JobStatus.FAILED
    second = run_job(job_id, settings)
    assert second.outcome == Outcome.DEAD
    with Store(db) as store:
        (dead,) = FleetJobs(store).jobs("b1", JobStatus.DEAD)
    assert dead.attempts == 2
    assert "BrowserError: Chromium not found at /nonexistent/chromium" in (dead.error or "")
    assert run_job(job_id, settings).outcome == Outcome.SKIPPED


def test_the_time_limit_follows_the_site_budget() -> None:
    assert hard_limit(AuditConfig(run_timeout=600)) == 900
    assert hard_limit(AuditConfig(run_timeout=60)) == 120
    config = json.loads(job_config(AuditConfig(run_timeout=60), "https://a.gov.uk/"))
    assert config["run_timeout"] == 60


@pytest.mark.browser
def test_a_job_stopped_mid_site_is_given_back_and_resumed(tmp_path: Path) -> None:
    """What a worker does on SIGTERM: the site's pages so far stay stored, the job is queued
    again with its run id, and the next worker finishes that run instead of starting over."""
    db = str(tmp_path / "h.sqlite")
    with served_sites(tmp_path / "sites", 1, 6) as [(name, url)]:
        with Store(db) as store:
            config = AuditConfig(
                urls=[url], viewports=[VIEWPORT_PRESETS["desktop"]], settle_ms=200, concurrency=1
            )
            spec = JobSpec("b1", url.rstrip("/"), name, "District", url, job_config(config, url))
            (job,) = FleetJobs(store).add([spec])
        stop = threading.Event()
        settings = WorkerSettings(db=db, beat_every=0.5)
        outcome: list[JobResult] = []
        worker = threading.Thread(
            target=lambda: outcome.append(run_job(job.job_id, settings, "w1:1", stop))
        )
        worker.start()
        with Store(db) as store:
            jobs = FleetJobs(store)
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline and not stop.is_set():
                current = jobs.get(job.job_id)
                if current and current.run_id:
                    progress = jobs.progress([current.run_id]).get(current.run_id)
                    if progress and progress.done >= 1:
                        stop.set()
                time.sleep(0.05)
        worker.join(timeout=60)
        assert outcome and outcome[0].outcome == Outcome.RELEASED
        released = outcome[0].job
        assert released is not None
        assert (released.status, released.attempts) == (JobStatus.QUEUED, 0)
        with Store(db) as store:
            assert FleetJobs(store).crawl_status(released.run_id or "") == "running"
        finished = run_job(job.job_id, settings, "w2:2")
    assert finished.outcome == Outcome.DONE
    assert finished.job is not None and finished.job.run_id == released.run_id
    with Store(db) as store:
        run = store.load(released.run_id or "")
        assert len(store.list_runs()) == 1
    assert len({p.target.url for p in run.pages}) == 6
    assert any("resumed after an interruption" in w for w in run.warnings)
