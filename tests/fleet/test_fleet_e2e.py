"""The fleet for real on one machine: Redis and PostgreSQL on 127.0.0.1, six small sites each on
its own port, two `auditor fleet worker` processes; one is killed (-9, with its browser) in the
middle of a site. Every site must end with exactly one complete run holding all its pages, the
killed site's run resumed rather than restarted, and the league table ranks them all."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from sqlalchemy import func, select

from auditor.devtools import Cluster, served_sites, write_csv
from auditor.fleet.state import FleetJobs, Job, JobStatus
from auditor.store import Store, crawls, pages, runs

SITES, PAGES = 4, 5
AUDITOR = [sys.executable, "-m", "auditor"]
# Short timings so that a dead worker is noticed in seconds, not minutes.
FAST = [
    "--beat-every",
    "1",
    "--stale-after",
    "6",
    "--broker-heartbeat-ms",
    "3000",
    "--maintenance-chance",
    "1000000",
    "--min-backoff-ms",
    "1000",
    "--shutdown-timeout",
    "20",
]


def _env() -> dict[str, str]:
    return {**os.environ, "AUDITOR_SETTLE_MS": "200", "PYTHONUNBUFFERED": "1"}


def _kill_tree(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL a worker and everything it started (Chromium runs in a process group of its
    own): a machine that dies takes its browser with it."""
    with contextlib.suppress(psutil.NoSuchProcess):
        tree = [process.pid, *(c.pid for c in psutil.Process(process.pid).children(True))]
        for pid in tree:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    process.wait(timeout=30)


@contextlib.contextmanager
def workers(
    db: str, broker: str, logs: Path, count: int
) -> Iterator[list[subprocess.Popen[bytes]]]:
    started = []
    try:
        for n in range(count):
            log = (logs / f"worker-{n}.log").open("wb")
            started.append(
                subprocess.Popen(
                    [*AUDITOR, "fleet", "worker", "--db", db, "--broker", broker, *FAST],
                    env=_env(),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        yield started
    finally:
        for process in started:
            if process.poll() is None:
                _kill_tree(process)


def _owner(processes: list[subprocess.Popen[bytes]], job: Job) -> subprocess.Popen[bytes] | None:
    """The worker (a dramatiq master) whose process tree holds the job's worker pid."""
    pid = int((job.worker or ":0").rsplit(":", 1)[1])
    for process in processes:
        with contextlib.suppress(psutil.NoSuchProcess):
            tree = {process.pid, *(c.pid for c in psutil.Process(process.pid).children(True))}
            if pid in tree:
                return process
    return None


def _logs(folder: Path) -> str:
    return "\n".join(
        f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}"
        for p in sorted(folder.glob("*.log"))
    )


@pytest.mark.browser
def test_a_killed_worker_s_site_is_finished_once_by_another(
    tmp_path: Path, redis_url: str, postgres_cluster: Cluster
) -> None:
    db = postgres_cluster.new_database()
    with served_sites(tmp_path / "sites", SITES, PAGES) as sites:
        sites_csv = write_csv(tmp_path / "sites.csv", sites)
        enqueue = [
            *AUDITOR,
            "fleet",
            "enqueue",
            str(sites_csv),
            "--db",
            db,
            "--broker",
            redis_url,
            "--batch",
            "nightly-1",
            "--viewport",
            "desktop",
            "--concurrency",
            "2",
        ]
        queued = subprocess.run(enqueue, env=_env(), capture_output=True, text=True, check=False)
        assert queued.returncode == 0, queued.stderr
        assert f"queued {SITES} of {SITES} sites" in queued.stderr

        store = Store(db)
        jobs = FleetJobs(store)
        with workers(db, redis_url, tmp_path, 2) as processes:
            # Wait for a site in the middle of its audit: some pages stored, some still to do.
            victim: Job | None = None
            deadline = time.monotonic() + 90
            while victim is None and time.monotonic() < deadline:
                running = [j for j in jobs.jobs("nightly-1") if j.status == JobStatus.RUNNING]
                progress = jobs.progress(j.run_id for j in running if j.run_id)
                for job in running:
                    done = progress.get(job.run_id or "")
                    if done and 1 <= done.done < PAGES and not done.complete:
                        victim = job
                        break
                time.sleep(0.1)
            assert victim is not None, "no site was caught mid-audit\n" + _logs(tmp_path)
            owner = _owner(processes, victim)
            assert owner is not None
            _kill_tree(owner)
            survivor = next(p for p in processes if p is not owner)

            # Enqueuing again while the batch runs must not duplicate anything.
            again = subprocess.run(enqueue, env=_env(), capture_output=True, text=True, check=False)
            assert again.returncode == 0, again.stderr

            deadline = time.monotonic() + 150
            while time.monotonic() < deadline:
                states = [j.status for j in jobs.jobs("nightly-1")]
                if all(s in (JobStatus.DONE, JobStatus.DEAD) for s in states):
                    break
                assert survivor.poll() is None, "the surviving worker died\n" + _logs(tmp_path)
                time.sleep(0.5)
            final = {j.site: j for j in jobs.jobs("nightly-1")}
            assert all(j.status == JobStatus.DONE for j in final.values()), (
                {s: (j.status, j.error) for s, j in final.items()},
                _logs(tmp_path),
            )

            # A clean SIGTERM: the surviving worker stops promptly and exits normally.
            survivor.send_signal(signal.SIGTERM)
            assert survivor.wait(timeout=60) == 0

        status = subprocess.run(
            [*AUDITOR, "fleet", "status", "--db", db, "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
        report = json.loads(status.stdout)
        assert report["totals"]["done"] == SITES
        assert {r["pages_done"] for r in report["jobs"]} == {PAGES}

        with store.read() as conn:
            per_site: dict[str, int] = dict(
                conn.execute(select(runs.c.site, func.count()).group_by(runs.c.site)).all()
            )
            page_counts: dict[str, int] = dict(
                conn.execute(select(pages.c.run_id, func.count()).group_by(pages.c.run_id)).all()
            )
            unfinished = conn.execute(
                select(func.count()).select_from(crawls).where(crawls.c.status != "complete")
            ).scalar()
        assert per_site == dict.fromkeys(final, 1), "a site has no run or more than one"
        assert unfinished == 0
        for job in final.values():
            assert job.run_id is not None, job.site
            assert page_counts[job.run_id] == PAGES, job.site
        killed = final[victim.site]
        assert killed.run_id == victim.run_id  # the same run, resumed
        assert killed.attempts >= 2
        resumed = store.load(killed.run_id)  # type: ignore[arg-type]
        assert any("resumed after an interruption" in w for w in resumed.warnings)
        assert len({p.target.url for p in resumed.pages}) == PAGES
        store.close()

        league = subprocess.run(
            [*AUDITOR, "index", str(sites_csv), "--no-audit", "--db", db],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp_path,
        )
        assert league.returncode == 0, league.stderr
        ranked = [line for line in league.stdout.splitlines() if "Council" in line]
        assert len(ranked) == SITES
        assert all(line.split()[0].isdigit() for line in ranked), league.stdout
