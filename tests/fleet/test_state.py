"""The jobs table on SQLite and on a real PostgreSQL server: claims are exclusive, a dead
worker's job is taken over with its run id, attempts and the dead-letter list are kept."""

from __future__ import annotations

import json
import threading

from auditor.config import AuditConfig
from auditor.fleet.jobs import JobSpec, job_config
from auditor.fleet.state import FleetJobs, JobStatus
from auditor.store import CrawlState, FrontierEntry, Store


def spec(n: int, batch: str = "b1") -> JobSpec:
    url = f"https://www.council-{n}.gov.uk/"
    return JobSpec(
        batch, url.rstrip("/"), f"Council {n}", "District", url, job_config(AuditConfig(), url)
    )


def test_adding_jobs_again_changes_nothing(store: Store) -> None:
    jobs = FleetJobs(store)
    first = jobs.add([spec(1), spec(2)], now=100.0)
    assert [j.status for j in first] == [JobStatus.QUEUED, JobStatus.QUEUED]
    claimed = jobs.claim(first[0].job_id, "w1", "run-1", now=101.0)
    assert claimed is not None
    again = jobs.add([spec(1), spec(2), spec(3)], now=200.0)
    assert len(again) == 3
    assert again[0].status == JobStatus.RUNNING  # not reset by the second enqueue
    assert again[0].enqueued_at == 100.0
    assert len(jobs.jobs("b1")) == 3
    assert jobs.add([spec(1, batch="b2")])[0].job_id != first[0].job_id
    assert jobs.latest_batch() == "b2"


def test_a_claim_owns_a_run_id_and_keeps_it_across_attempts(store: Store) -> None:
    jobs = FleetJobs(store)
    (job,) = jobs.add([spec(1)])
    claimed = jobs.claim(job.job_id, "w1", "run-1", now=10.0)
    assert claimed is not None
    assert (claimed.status, claimed.worker, claimed.attempts, claimed.run_id) == (
        JobStatus.RUNNING,
        "w1",
        1,
        "run-1",
    )
    assert jobs.claim(job.job_id, "w2", "run-2", now=11.0) is None  # held, heartbeat fresh
    assert jobs.fail(job.job_id, "w2", "not mine", dead=False) is False
    assert jobs.fail(job.job_id, "w1", "ConnectionError: refused", dead=False) is True
    retried = jobs.claim(job.job_id, "w2", "run-2", now=12.0)
    assert retried is not None
    assert (retried.worker, retried.attempts, retried.run_id) == ("w2", 2, "run-1")
    jobs.finish(job.job_id, "run-1", now=13.0)
    done = jobs.get(job.job_id)
    assert done is not None
    assert (done.status, done.error, done.finished_at) == (JobStatus.DONE, None, 13.0)
    assert jobs.claim(job.job_id, "w3", "run-3", now=10_000.0) is None


def test_a_stale_running_job_is_taken_over(store: Store) -> None:
    jobs = FleetJobs(store)
    (job,) = jobs.add([spec(1)])
    assert jobs.claim(job.job_id, "w1", "run-1", now=100.0) is not None
    assert jobs.beat(job.job_id, "w1", now=150.0)
    assert jobs.claim(job.job_id, "w2", "run-2", now=200.0, stale_after=60.0) is None
    taken = jobs.claim(job.job_id, "w2", "run-2", now=211.0, stale_after=60.0)
    assert taken is not None
    assert (taken.worker, taken.attempts, taken.run_id) == ("w2", 2, "run-1")
    # The first worker comes back: its heartbeat and its failure no longer touch the job.
    assert jobs.beat(job.job_id, "w1", now=212.0) is False
    assert jobs.fail(job.job_id, "w1", "late", dead=True) is False
    assert jobs.get(job.job_id).status == JobStatus.RUNNING  # type: ignore[union-attr]


def test_dead_jobs_are_listed_with_their_reason_and_never_claimed(store: Store) -> None:
    jobs = FleetJobs(store)
    job, _ = jobs.add([spec(1), spec(2)])
    jobs.claim(job.job_id, "w1", "run-1")
    assert jobs.fail(job.job_id, "w1", "BrowserError: Chromium crashed", dead=True)
    (dead,) = jobs.jobs("b1", JobStatus.DEAD)
    assert (dead.site, dead.error) == (
        "https://www.council-1.gov.uk",
        "BrowserError: Chromium crashed",
    )
    assert jobs.claim(job.job_id, "w2", "run-2", now=1e12) is None


def test_a_released_job_is_queued_again_without_spending_an_attempt(store: Store) -> None:
    jobs = FleetJobs(store)
    (job,) = jobs.add([spec(1)])
    jobs.claim(job.job_id, "w1", "run-1")
    assert jobs.release(job.job_id, "w1")
    released = jobs.get(job.job_id)
    assert released is not None
    assert (released.status, released.attempts, released.run_id) == (JobStatus.QUEUED, 0, "run-1")


def test_two_workers_claiming_at_once_one_wins(location: str) -> None:
    """Real concurrency: two connections race for each of 15 jobs."""
    with Store(location) as store:
        added = FleetJobs(store).add([spec(n) for n in range(15)])
    stores = [Store(location), Store(location)]
    wins: dict[str, list[str]] = {j.job_id: [] for j in added}
    errors: list[BaseException] = []
    for job in added:
        barrier = threading.Barrier(2)

        def claim(
            index: int, job_id: str = job.job_id, barrier: threading.Barrier = barrier
        ) -> None:
            try:
                barrier.wait()
                if FleetJobs(stores[index]).claim(job_id, f"w{index}", f"run-{index}"):
                    wins[job_id].append(f"w{index}")
            except BaseException as exc:  # surfaced below
                errors.append(exc)

        threads = [threading.Thread(target=claim, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    for opened in stores:
        opened.close()
    assert errors == []
    assert all(len(winners) == 1 for winners in wins.values()), wins
    with Store(location) as store:
        for job in FleetJobs(store).jobs("b1"):
            assert job.attempts == 1
            assert job.run_id == f"run-{job.worker[-1]}"  # type: ignore[index]


def test_progress_counts_the_crawl_frontier(store: Store) -> None:
    jobs = FleetJobs(store)
    (job,) = jobs.add([spec(1)])
    claimed = jobs.claim(job.job_id, "w1", "20260101T000000Z-aaaaaa")
    assert claimed is not None and claimed.run_id is not None
    assert jobs.crawl_status(claimed.run_id) is None
    state = CrawlState.begin(
        store, claimed.run_id, job.site, "2026-01-01T00:00:00+00:00", json.dumps({}), [job.url]
    )
    state.add([FrontierEntry(f"{job.site}/{p}", 1, None, "link", "queued") for p in "abc"])
    entry = state.next()
    assert entry is not None
    state.record_page("{}", entry.url, None, [], [], [])
    progress = jobs.progress([claimed.run_id])[claimed.run_id]
    assert (progress.done, progress.queued, progress.complete) == (1, 2, False)
    assert jobs.crawl_status(claimed.run_id) == "running"
