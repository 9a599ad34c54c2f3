"""`auditor fleet …`: enqueue a batch of sites, run Dramatiq workers, watch the batch, or audit
a shard without a broker. Dramatiq is imported only by the commands that need it."""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from auditor.config import AuditConfig, mask_db_password, resolve
from auditor.errors import AuditorError, ConfigError, require_extra
from auditor.fleet.jobs import JobSpec, check_batch, default_batch, job_config, parse_shard, shard
from auditor.fleet.state import STALE_AFTER, FleetJobs, Job, JobStatus, Progress
from auditor.league import read_sites
from auditor.reporting.console import safe_text
from auditor.ruleset import load_ruleset
from auditor.store import Store
from auditor.web.viewports import parse_viewports

F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_BROKER = "redis://127.0.0.1:6379/0"


def _db_option(fn: F) -> F:
    return click.option(
        "--db",
        envvar="AUDITOR_FLEET_DB",
        required=True,
        help="The shared history database, postgresql://… (SQLite only on one machine).",
    )(fn)


def _broker_option(fn: F) -> F:
    return click.option(
        "--broker",
        envvar="AUDITOR_FLEET_BROKER",
        default=DEFAULT_BROKER,
        show_default=True,
        help="Redis URL of the Dramatiq broker.",
    )(fn)


def _job_options(fn: F) -> F:
    """The settings of a batch's jobs (frozen into each job when it is added)."""
    options = [
        click.option("--batch", help="Batch id [default: today's UTC date]."),
        click.option("--shard", "shard_spec", metavar="N/K", help="Only shard N of K sites."),
        click.option(
            "--max-pages",
            type=int,
            default=125,
            show_default=True,
            help="Pages per site: the shortest URLs, as the Silktide Index samples.",
        ),
        click.option(
            "--viewport",
            "viewports",
            multiple=True,
            metavar="NAME|WxH",
            help="Viewport (repeatable) [default: desktop and mobile].",
        ),
        click.option("--ruleset", help="Ruleset id or TOML path [default: wcag21aa]."),
        click.option(
            "--concurrency", type=int, help="Pages in flight per worker (one browser) [default: 2]."
        ),
        click.option(
            "--site-budget",
            type=float,
            default=1800.0,
            show_default=True,
            help="Seconds per site: then the run stops taking pages and is stored as it is.",
        ),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _specs(
    sites_csv: str,
    batch: str | None,
    shard_spec: str | None,
    max_pages: int,
    viewports: tuple[str, ...],
    ruleset: str | None,
    concurrency: int | None,
    site_budget: float,
) -> tuple[str, list[JobSpec]]:
    try:
        chosen = parse_viewports(viewports)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    councils = read_sites(Path(sites_csv))
    if shard_spec:
        councils = shard(councils, *parse_shard(shard_spec))
    flags: dict[str, Any] = {
        "urls": [councils[0].url] if councils else None,
        "sample": "shortest-urls",
        "max_pages": max_pages,
        "viewports": chosen,
        "ruleset": ruleset,
        "concurrency": concurrency,
        "run_timeout": site_budget,
    }
    config, _ = resolve(flags)
    load_ruleset(config.ruleset)  # a bad ruleset fails here, not on every worker
    batch = check_batch(batch or default_batch())
    return batch, [
        JobSpec(batch, c.site, c.name, c.type, c.url, job_config(config, c.url)) for c in councils
    ]


def _worker_settings(db: str, **overrides: Any) -> Any:
    require_extra("dramatiq", "fleet", "the fleet's job queue")
    from auditor.fleet.worker import WorkerSettings

    return WorkerSettings(db=db, **{k: v for k, v in overrides.items() if v is not None})


@click.group("fleet")
def fleet_group() -> None:
    """Audit many sites on many workers (Dramatiq on Redis), or in shards without a broker.

    \b
      auditor fleet enqueue sites.csv --db postgresql://… --broker redis://…
      auditor fleet worker --db postgresql://… --broker redis://… --processes 2
      auditor fleet status --db postgresql://…
      auditor index sites.csv --no-audit --db postgresql://…   # the league table
    """


@fleet_group.command("enqueue")
@click.argument("sites_csv", type=click.Path(dir_okay=False))
@_job_options
@_db_option
@_broker_option
def enqueue_cmd(sites_csv: str, db: str, broker: str, **options: Any) -> None:
    """Add a batch's jobs (one per site of the CSV: name,url,type) and queue them for workers.

    Idempotent: the same batch, site and settings are the same job, so enqueuing again only
    queues what is not done (or is held by a worker that stopped beating)."""
    require_extra("dramatiq", "fleet", "the fleet's job queue")
    from auditor.fleet.worker import broker_for, message_options

    batch, specs = _specs(sites_csv, **options)
    settings = _worker_settings(db)
    with Store(db) as store:
        jobs = FleetJobs(store).add(specs)
    now = time.time()
    todo = [
        j
        for j in jobs
        if j.status in (JobStatus.QUEUED, JobStatus.FAILED) or j.stale(now, STALE_AFTER)
    ]
    if todo:
        import redis

        try:
            with broker_for(broker, settings) as actor:
                for job in todo:
                    config = AuditConfig.model_validate(json.loads(job.config_json))
                    actor.send_with_options(args=(job.job_id,), **message_options(config))
        except redis.RedisError as exc:
            # The jobs are stored: enqueuing again once the broker is back sends them.
            raise AuditorError(f"broker {mask_db_password(broker)}: {exc}") from None
    skipped = len(jobs) - len(todo)
    click.echo(
        f"Batch {batch}: queued {len(todo)} of {len(jobs)} sites"
        + (f" ({skipped} done, dead or running)" if skipped else ""),
        err=True,
    )


@fleet_group.command("worker")
@_db_option
@_broker_option
@click.option("--processes", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--max-attempts", type=click.IntRange(min=1), help="Attempts before dead [3].")
@click.option("--stale-after", type=float, help="Seconds without a heartbeat: orphaned [90].")
@click.option("--beat-every", type=float, help="Seconds between a job's heartbeats [10].")
@click.option("--broker-heartbeat-ms", type=int, help="Broker heartbeat timeout [30000].")
@click.option("--maintenance-chance", type=int, help="Per million broker commands, sweeps [50000].")
@click.option("--min-backoff-ms", type=int, help="First retry delay [10000].")
@click.option(
    "--shutdown-timeout", type=float, default=30.0, show_default=True, help="Seconds on SIGTERM."
)
def worker_cmd(
    db: str, broker: str, processes: int, shutdown_timeout: float, **overrides: Any
) -> None:
    """Run Dramatiq worker processes: one thread and one Chromium each, one site at a time.

    SIGTERM stops them cleanly: a site in progress is given back (its pages so far are kept)
    and re-queued for another worker to resume."""
    require_extra("dramatiq", "fleet", "the fleet's job queue")
    from auditor.fleet.worker import ENV_BROKER, ENV_DB, ENV_SETTINGS, QUEUE

    settings = _worker_settings(db, **overrides)
    with Store(db):  # fail here, once, when the database is unreachable
        pass
    env = {
        **os.environ,
        ENV_DB: db,
        ENV_BROKER: broker,
        ENV_SETTINGS: settings.to_env(),
        # One thread per process takes one message at a time: no site waits behind another.
        "dramatiq_queue_prefetch": "1",
    }
    command = [
        sys.executable,
        "-m",
        "dramatiq",
        "auditor.fleet.app",
        "--processes",
        str(processes),
        "--threads",
        "1",
        "--queues",
        QUEUE,
        "--worker-shutdown-timeout",
        str(int(shutdown_timeout * 1000)),
    ]
    click.echo(
        f"fleet worker: {processes} process(es) on {broker}, history {mask_db_password(db)}",
        err=True,
    )
    sys.stderr.flush()
    os.execve(sys.executable, command, env)  # noqa: S606 (fixed arguments; signals go to Dramatiq)


def _status_rows(store: Store, batch: str | None) -> tuple[str | None, list[dict[str, Any]]]:
    jobs_table = FleetJobs(store)
    batch = batch or jobs_table.latest_batch()
    if batch is None:
        return None, []
    jobs = jobs_table.jobs(batch)
    progress = jobs_table.progress(j.run_id for j in jobs if j.run_id)
    now = time.time()
    rows = []
    for job in jobs:
        done = progress.get(job.run_id or "", Progress())
        rows.append(
            {
                "site": job.site,
                "name": job.name,
                "status": job.status.value,
                "stale": job.stale(now, STALE_AFTER),
                "attempts": job.attempts,
                "pages_done": done.done,
                "pages_queued": done.queued,
                "run_id": job.run_id,
                "worker": job.worker,
                "started_at": job.started_at,
                "finished_at": job.finished_at,
                "error": job.error,
            }
        )
    return batch, rows


@fleet_group.command("status")
@_db_option
@click.option("--batch", help="Batch id [default: the latest].")
@click.option("--json", "as_json", is_flag=True, help="As JSON.")
def status_cmd(db: str, batch: str | None, as_json: bool) -> None:
    """Each site of a batch: queued, running, done, failed or dead; attempts; pages done and
    still queued; the last error."""
    with Store(db) as store:
        batch, rows = _status_rows(store, batch)
    totals = {s.value: sum(1 for r in rows if r["status"] == s.value) for s in JobStatus}
    if as_json:
        click.echo(json.dumps({"batch": batch, "totals": totals, "jobs": rows}, indent=2))
        return
    if batch is None:
        click.echo("No fleet jobs in this database (see: auditor fleet enqueue).", err=True)
        return
    click.echo(
        f"Batch {batch}: "
        + ", ".join(f"{n} {name}" for name, n in totals.items())
        + f" of {len(rows)} sites"
    )
    for row in rows:
        status = row["status"] + (" (stale)" if row["stale"] else "")
        pages = f"{row['pages_done']}/{row['pages_done'] + row['pages_queued']}"
        error = f"  {safe_text(row['error'], 100)}" if row["error"] else ""
        click.echo(
            f"  {safe_text(row['site'], 40):40}  {status:16} try {row['attempts']}  "
            f"pages {pages:>9}{error}"
        )


@fleet_group.command("dead")
@_db_option
@click.option("--batch", help="Only this batch [default: every batch].")
def dead_cmd(db: str, batch: str | None) -> None:
    """The dead-letter list: jobs that failed on every attempt, with the last reason."""
    with Store(db) as store:
        dead = FleetJobs(store).jobs(batch, JobStatus.DEAD)
    if not dead:
        click.echo("No dead jobs.", err=True)
    for job in dead:
        click.echo(
            f"{job.batch}  {safe_text(job.site, 50)}  after {job.attempts} attempts: "
            f"{safe_text(job.error or '', 300)}"
        )


@fleet_group.command("run")
@click.argument("sites_csv", type=click.Path(dir_okay=False))
@_job_options
@_db_option
@click.option("--max-attempts", type=click.IntRange(min=1), default=3, show_default=True)
@click.option("--retry-delay", type=float, default=10.0, show_default=True, help="Seconds.")
def run_cmd(sites_csv: str, db: str, max_attempts: int, retry_delay: float, **options: Any) -> None:
    """Audit this shard's sites here, without a broker (CI matrices, Kubernetes Jobs): the same
    idempotent jobs, so a shard run again finishes what is left and redoes nothing."""
    require_extra("dramatiq", "fleet", "the fleet's job queue")
    from auditor.fleet.worker import Outcome, run_job, worker_name

    batch, specs = _specs(sites_csv, **options)
    settings = _worker_settings(db, max_attempts=max_attempts)
    with Store(db) as store:
        FleetJobs(store).add(specs)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    worker = worker_name()
    dead: list[Job] = []
    for number, spec in enumerate(specs, start=1):
        click.echo(f"[{number}/{len(specs)}] {safe_text(spec.name, 60)}: {spec.url}", err=True)
        while not stop.is_set():
            result = run_job(spec.job_id, settings, worker, stop)
            if result.outcome == Outcome.FAILED:
                click.echo(f"  failed, retrying: {safe_text(result.error or '', 200)}", err=True)
                stop.wait(retry_delay)
                continue
            if result.outcome == Outcome.DEAD and result.job is not None:
                dead.append(result.job)
            if result.outcome == Outcome.BUSY:
                click.echo("  another worker is on it; left to it", err=True)
            break
        if stop.is_set():
            raise ConfigError("stopped (SIGTERM): run the shard again to finish it")
    click.echo(f"Batch {batch}: shard of {len(specs)} sites finished, {len(dead)} dead", err=True)
    if dead:
        raise ConfigError(
            "dead: " + ", ".join(safe_text(j.site, 60) for j in dead) + " (see: auditor fleet dead)"
        )
