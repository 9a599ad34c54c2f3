"""Fleet throughput on this machine: sites per hour and page audits per minute with 1, 2 and 4
Dramatiq worker processes, and the scaling efficiency (throughput_k / (k × throughput_1)).

Each round starts from an empty PostgreSQL database and an empty Redis (both throwaway, on
127.0.0.1), serves `--sites` generated council sites (benchmarks/generate_site.py, 40 pages
each, each on its own port), enqueues them as one batch whose jobs audit the `--pages`
shortest URLs of each site, and runs `auditor fleet worker --processes K` until every job is
done. Throughput is measured from the
first claim to the last finish (worker start-up excluded). Also recorded, to see what becomes
the bottleneck: rows written to PostgreSQL per second (pg_stat_database), broker commands per
second (Redis INFO), the machine's CPU use and its load average (other work runs here too).

    .venv/bin/python benchmarks/fleet.py                 # 12 sites × 10 pages, 1, 2, 4 workers
    .venv/bin/python benchmarks/fleet.py --workers 1,2 --sites 6

Writes benchmarks/results/fleet.json; docs/scaling.md explains the figures.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import psycopg
import redis
from sqlalchemy import func, select

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from auditor.devtools import running_cluster, running_redis, server_binaries  # noqa: E402
from auditor.fleet.state import FleetJobs, JobStatus  # noqa: E402
from auditor.store import Store, runs  # noqa: E402
from auditor.web.static_site import StaticSite  # noqa: E402
from benchmarks._measure import (  # noqa: E402
    MIB,
    TreeSampler,
    cores,
    format_table,
    machine_busy_seconds,
    machine_info,
)
from benchmarks.generate_site import generate  # noqa: E402

RESULTS = REPO / "benchmarks" / "results" / "fleet.json"
# Pages in each generated site; each job audits the --pages shortest URLs of it, as the index does.
SITE_PAGES = 40
AUDITOR = [sys.executable, "-m", "auditor"]


def db_writes(url: str) -> dict[str, int]:
    """Rows inserted, updated and deleted, and transactions committed, in this database so far."""
    with psycopg.connect(url) as conn:
        conn.execute("SELECT pg_stat_clear_snapshot()")
        row = conn.execute(
            "SELECT tup_inserted, tup_updated, tup_deleted, xact_commit "
            "FROM pg_stat_database WHERE datname = current_database()"
        ).fetchone()
    assert row is not None
    return {"inserted": row[0], "updated": row[1], "deleted": row[2], "commits": row[3]}


def server_processes(db: str, broker: str) -> tuple[psutil.Process, psutil.Process]:
    """PostgreSQL's postmaster (its backends are its children) and redis-server."""
    with psycopg.connect(db) as conn:
        data = conn.execute("SHOW data_directory").fetchone()
    assert data is not None
    postmaster = int((Path(data[0]) / "postmaster.pid").read_text().split()[0])
    client = redis.Redis.from_url(broker)
    try:
        redis_pid = int(client.info("server")["process_id"])
    finally:
        client.close()
    return psutil.Process(postmaster), psutil.Process(redis_pid)


def server_cpu(root: psutil.Process) -> float:
    """CPU seconds of a server and all its processes, those it has reaped included (a database
    backend lives as long as one connection, often between two samples)."""
    total = 0.0
    for process in [root, *root.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            t = process.cpu_times()
            total += t.user + t.system + t.children_user + t.children_system
    return total


def broker_commands(url: str) -> int:
    client = redis.Redis.from_url(url)
    try:
        return int(client.info("stats")["total_commands_processed"])
    finally:
        client.close()


@contextlib.contextmanager
def served(folders: list[Path]) -> Iterator[list[str]]:
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(StaticSite(folder)).url for folder in folders]


class LoadSampler:
    """The 1-minute load average every few seconds while a round runs."""

    def __init__(self) -> None:
        self.samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(2.0):
            self.samples.append(os.getloadavg()[0])

    def __enter__(self) -> LoadSampler:
        self.samples.append(os.getloadavg()[0])
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()


def one_round(
    workers: int, folders: list[Path], pages: int, db: str, broker: str, viewport: str, work: Path
) -> dict[str, Any]:
    batch = f"bench-{workers}"
    with served(folders) as urls:
        sites_csv = work / f"sites-{workers}.csv"
        sites_csv.write_text(
            "name,url,type\n"
            + "".join(f"Council {n},{url},District\n" for n, url in enumerate(urls, 1)),
            encoding="utf-8",
        )
        subprocess.run(
            [
                *AUDITOR,
                "fleet",
                "enqueue",
                str(sites_csv),
                "--db",
                db,
                "--broker",
                broker,
                "--batch",
                batch,
                "--viewport",
                viewport,
                "--max-pages",
                str(pages),
            ],
            check=True,
        )
        writes_before, commands_before = db_writes(db), broker_commands(broker)
        busy_before, wall_before = machine_busy_seconds(), time.monotonic()
        log = (work / f"worker-{workers}.log").open("wb")
        worker = subprocess.Popen(
            [
                *AUDITOR,
                "fleet",
                "worker",
                "--db",
                db,
                "--broker",
                broker,
                "--processes",
                str(workers),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        postgres, redis_server = server_processes(db, broker)
        servers = {"postgres": postgres, "redis": redis_server}
        servers_before = {name: server_cpu(p) for name, p in servers.items()}
        sampler = TreeSampler(psutil.Process(worker.pid), interval=0.5)
        sampler.start()
        try:
            with Store(db) as store, LoadSampler() as load:
                jobs = FleetJobs(store)
                while True:
                    states = [j.status for j in jobs.jobs(batch)]
                    if all(s in (JobStatus.DONE, JobStatus.DEAD) for s in states):
                        break
                    if worker.poll() is not None:
                        raise RuntimeError(f"the worker exited; see {log.name}")
                    time.sleep(1.0)
                wall = time.monotonic() - wall_before
                busy = machine_busy_seconds() - busy_before
                finished = jobs.jobs(batch)
                with store.read() as conn:
                    audited = conn.execute(
                        select(func.coalesce(func.sum(runs.c.pages), 0)).where(
                            runs.c.id.in_([j.run_id for j in finished if j.run_id])
                        )
                    ).scalar()
        finally:
            sampler.stop()
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=120)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait()
        time.sleep(1.5)  # PostgreSQL publishes its statistics about once a second
        writes_after, commands_after = db_writes(db), broker_commands(broker)
        cpu = {name: server_cpu(p) - servers_before[name] for name, p in servers.items()}
        cpu["workers"] = sampler.cpu_seconds
    first = min(j.started_at or 0.0 for j in finished)
    last = max(j.finished_at or 0.0 for j in finished)
    elapsed = last - first
    rows = sum(writes_after[k] - writes_before[k] for k in ("inserted", "updated", "deleted"))
    audits = int(audited or 0)
    return {
        "workers": workers,
        "sites": len(finished),
        "dead": sum(1 for j in finished if j.status == JobStatus.DEAD),
        "page_audits": int(audited or 0),
        "seconds": round(elapsed, 1),
        "wall_seconds_with_startup": round(wall, 1),
        "sites_per_hour": round(len(finished) / elapsed * 3600, 1),
        "page_audits_per_minute": round((audited or 0) / elapsed * 60, 1),
        "db_rows_written": rows,
        "db_rows_per_second": round(rows / elapsed, 1),
        "db_commits_per_second": round(
            (writes_after["commits"] - writes_before["commits"]) / elapsed, 1
        ),
        "broker_commands_per_second": round((commands_after - commands_before) / elapsed, 1),
        "cpu_seconds_per_page_audit": {n: round(c / max(audits, 1), 3) for n, c in cpu.items()},
        "workers_peak_rss_mib": round(sampler.peak_rss / MIB),
        "machine_cpu_busy_percent": round(100 * busy / (wall * cores()), 1),
        "load_average_mean": round(sum(load.samples) / len(load.samples), 2),
        "load_average_max": round(max(load.samples), 2),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", default="1,2,4", help="worker process counts, e.g. 1,2,4")
    parser.add_argument("--sites", type=int, default=12)
    parser.add_argument("--pages", type=int, default=10, help="pages audited per site")
    parser.add_argument("--viewport", default="desktop", help="desktop, mobile or WxH")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.workers.split(",")]
    binaries = server_binaries()
    if binaries is None:
        raise SystemExit("PostgreSQL server binaries not found (bash scripts/setup)")
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    info = machine_info()
    rounds: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="auditor-fleet-bench-") as tmp:
        work = Path(tmp)
        folders = []
        for n in range(args.sites):
            folder = work / f"site-{n}"
            generate(folder, max(SITE_PAGES, args.pages), seed=n + 1)
            folders.append(folder)
        with running_redis("redis-server") as broker, running_cluster(binaries) as cluster:
            for workers in counts:
                print(f"fleet benchmark: {workers} worker(s)…", file=sys.stderr, flush=True)
                db = cluster.new_database()
                rounds.append(
                    one_round(workers, folders, args.pages, db, broker, args.viewport, work)
                )
                print(json.dumps(rounds[-1]), file=sys.stderr, flush=True)
    base = next((r for r in rounds if r["workers"] == 1), None)
    for r in rounds:
        r["workers_cpu_s_per_page"] = r["cpu_seconds_per_page_audit"]["workers"]
        r["scaling_efficiency"] = (
            round(r["page_audits_per_minute"] / (r["workers"] * base["page_audits_per_minute"]), 2)
            if base
            else None
        )
    result = {
        "started": started,
        "machine": info,
        "sites": args.sites,
        "pages_per_site": args.pages,
        "viewport": args.viewport,
        "rounds": rounds,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(
        format_table(
            [
                ("workers", "workers", "{}"),
                ("sites_per_hour", "sites/h", "{:.0f}"),
                ("page_audits_per_minute", "pages/min", "{:.1f}"),
                ("scaling_efficiency", "efficiency", "{}"),
                ("workers_cpu_s_per_page", "cpu s/page", "{:.2f}"),
                ("db_rows_per_second", "db rows/s", "{:.0f}"),
                ("db_commits_per_second", "commits/s", "{:.1f}"),
                ("broker_commands_per_second", "broker cmd/s", "{:.1f}"),
                ("machine_cpu_busy_percent", "cpu %", "{:.0f}"),
                ("load_average_mean", "load avg", "{:.1f}"),
            ],
            rounds,
        )
    )
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
