"""Workers that audit the fleet's sites: one job at a time, one Chromium per process.

Why Dramatiq (with its Redis broker) rather than Celery or a home-made queue:
- an actor is a plain function and a message is a job id; there is little framework to learn;
- its Redis broker keeps a heartbeat per worker and moves the unacknowledged messages of a
  worker whose heartbeat lapsed (killed, machine gone) back to the queue, so a killed worker's
  site is picked up by another;
- per-message time limits, retries with exponential back-off and a dead-letter queue are
  built in, configured per message;
- a worker is a process with threads: one thread per process gives one browser per process and
  our asyncio audit runs in it undisturbed. Celery's prefork pool and asyncio fit together
  less well (no native coroutine tasks; an event loop per task by hand; its acks-late /
  visibility-timeout dance to get the same redelivery on Redis).

The broker is only the delivery: what a job is and whether it is done lives in the history
database (auditor.fleet.state), so a message delivered twice, or a job whose worker died
mid-site, still ends with exactly one complete run: the next worker claims the job (a
conditional UPDATE) and resumes the run id the job owns from its stored crawl frontier.
`run_job` is the whole unit of work; the Dramatiq actor and the broker-less `fleet run` both
call it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import dramatiq
from dramatiq.broker import Broker
from dramatiq.brokers.redis import RedisBroker
from dramatiq.common import dq_name
from dramatiq.middleware import Middleware

from auditor.audit import audit
from auditor.config import AuditConfig
from auditor.fleet.state import STALE_AFTER, FleetJobs, Job, JobStatus
from auditor.pipeline.assemble import new_run_id
from auditor.ruleset import load_ruleset
from auditor.store import Store

log = logging.getLogger("auditor.fleet")

QUEUE = "fleet"
ACTOR = "audit_site"
# Environment of worker processes (set by `auditor fleet worker`, read when Dramatiq imports
# auditor.fleet.app): where the history and the broker are, and the timings.
ENV_DB = "AUDITOR_FLEET_DB"
ENV_BROKER = "AUDITOR_FLEET_BROKER"
ENV_SETTINGS = "AUDITOR_FLEET_SETTINGS"
# Per-site time budget when none is given: a 125-page council takes ~5 minutes on one core.
SITE_BUDGET = 1800.0


@dataclass(frozen=True)
class WorkerSettings:
    """How workers behave; the same for every worker of a fleet."""

    db: str
    max_attempts: int = 3
    # A job's heartbeat in the database, and how old it may get before the job is orphaned.
    beat_every: float = 10.0
    stale_after: float = STALE_AFTER
    # Dramatiq's broker heartbeat: a worker silent this long has its messages requeued.
    broker_heartbeat_ms: int = 30_000
    # Out of a million broker commands, how many also sweep dead workers' messages back.
    maintenance_chance: int = 50_000
    min_backoff_ms: int = 10_000
    max_backoff_ms: int = 600_000

    def to_env(self) -> str:
        fields = {k: v for k, v in self.__dict__.items() if k != "db"}
        return json.dumps(fields)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> WorkerSettings:
        env = dict(os.environ if environ is None else environ)
        if not env.get(ENV_DB):
            raise RuntimeError(f"{ENV_DB} is not set: start workers with `auditor fleet worker`")
        extra = json.loads(env.get(ENV_SETTINGS) or "{}")
        return cls(db=env[ENV_DB], **extra)


class Outcome(StrEnum):
    DONE = "done"  # the job's run is stored (now, or already by someone before)
    SKIPPED = "skipped"  # nothing to do: done, dead, or unknown
    BUSY = "busy"  # another worker holds it with a live heartbeat
    RELEASED = "released"  # given back on shutdown, to be resumed
    FAILED = "failed"  # this attempt failed; retry later
    DEAD = "dead"  # out of attempts: on the dead-letter list


@dataclass(frozen=True)
class JobResult:
    outcome: Outcome
    job: Job | None = None
    error: str | None = None
    retry_in: float = 0.0  # for BUSY: seconds until its heartbeat would be stale


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def hard_limit(config: AuditConfig) -> float:
    """Seconds after which an attempt is abandoned: the site's budget (the runner stops taking
    pages then and still stores the run) plus time to finish what is in flight."""
    budget = config.run_timeout or SITE_BUDGET
    return budget + max(60.0, budget / 2)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"{type(exc).__name__}: {text}"[:2000]


class _Heartbeat:
    """Keeps the job's heartbeat fresh from a thread of its own (its own connection), and
    notices when the job was taken over (this worker was presumed dead)."""

    def __init__(self, settings: WorkerSettings, job_id: str, worker: str) -> None:
        self.settings, self.job_id, self.worker = settings, job_id, worker
        self.lost = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fleet-heartbeat", daemon=True)

    def __enter__(self) -> _Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        try:
            with Store(self.settings.db) as store:
                jobs = FleetJobs(store)
                while not self._stop.wait(self.settings.beat_every):
                    try:
                        if not jobs.beat(self.job_id, self.worker):
                            self.lost.set()
                            return
                    except Exception:  # a database blip: the next beat may get through
                        log.warning("heartbeat of job %s failed", self.job_id, exc_info=True)
        except Exception:
            log.exception("heartbeat of job %s stopped", self.job_id)


class _Stopped(Exception):
    """The attempt was stopped from outside: shutdown, or the job was taken over."""


async def _audit_until(
    work: Coroutine[Any, Any, Any], limit: float, stop: Callable[[], bool]
) -> Any:
    """Run the audit; cancel it at the time limit or as soon as `stop()` says so (the
    cancellation closes Chromium; every finished page is already stored)."""
    task = asyncio.ensure_future(work)
    deadline = time.monotonic() + limit
    while not task.done():
        await asyncio.wait({task}, timeout=0.5)
        if task.done():
            break
        if stop():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            raise _Stopped
        if time.monotonic() > deadline:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            raise TimeoutError(f"site time budget exceeded ({limit:.0f}s)")
    return task.result()


def run_job(
    job_id: str,
    settings: WorkerSettings,
    worker: str | None = None,
    stop: threading.Event | None = None,
) -> JobResult:
    """Claim the job and audit its site to the end (resuming the run it owns, if any), in this
    thread. Idempotent: a job already done, or held by a live worker, is left alone."""
    worker = worker or worker_name()
    stop = stop or threading.Event()
    with Store(settings.db) as store:
        jobs = FleetJobs(store)
        run_id = new_run_id(datetime.now(UTC))
        job = jobs.claim(job_id, worker, run_id, stale_after=settings.stale_after)
        if job is None:
            current = jobs.get(job_id)
            if current is None or current.status in (JobStatus.DONE, JobStatus.DEAD):
                return JobResult(Outcome.SKIPPED, current)
            wait = (current.heartbeat or 0.0) + settings.stale_after - time.time()
            return JobResult(Outcome.BUSY, current, retry_in=max(1.0, wait + 1.0))
        assert job.run_id is not None
        log.info("%s: attempt %d of %s (run %s)", worker, job.attempts, job.site, job.run_id)
        crawl = jobs.crawl_status(job.run_id)
        if crawl == "complete":  # stored by a worker that died before saying so
            jobs.finish(job_id, job.run_id)
            return JobResult(Outcome.DONE, jobs.get(job_id))
        try:
            config = AuditConfig.model_validate(json.loads(job.config_json))
            ruleset = load_ruleset(config.ruleset)
            resume: str | bool = job.run_id if crawl == "running" else False
            with _Heartbeat(settings, job_id, worker) as heartbeat:
                work = audit(
                    config,
                    ruleset,
                    store=store,
                    resume=resume,
                    run_id=None if resume else job.run_id,
                )
                run = asyncio.run(
                    _audit_until(
                        work, hard_limit(config), lambda: stop.is_set() or heartbeat.lost.is_set()
                    )
                )
        except _Stopped:
            if jobs.release(job_id, worker):
                log.info("%s: released %s (shutting down)", worker, job.site)
                return JobResult(Outcome.RELEASED, jobs.get(job_id))
            return JobResult(Outcome.SKIPPED, jobs.get(job_id))  # taken over by another
        except Exception as exc:
            error = _one_line(exc)
            dead = job.attempts >= settings.max_attempts
            jobs.fail(job_id, worker, error, dead=dead)
            log.warning("%s: %s failed (attempt %d): %s", worker, job.site, job.attempts, error)
            return JobResult(Outcome.DEAD if dead else Outcome.FAILED, jobs.get(job_id), error)
        jobs.finish(job_id, run.id)
        log.info("%s: %s done, %d pages (run %s)", worker, job.site, len(run.pages), run.id)
        return JobResult(Outcome.DONE, jobs.get(job_id))


# --- Dramatiq ---------------------------------------------------------------------------------


class RetryLater(Exception):
    """Raised from the actor so that Dramatiq retries the message with back-off."""


def make_broker(url: str, settings: WorkerSettings) -> RedisBroker:
    """A Redis broker whose heartbeat timeout and maintenance rate come from the settings."""
    broker = RedisBroker(  # type: ignore[no-untyped-call]
        url=url,
        heartbeat_timeout=settings.broker_heartbeat_ms,
        maintenance_chance=settings.maintenance_chance,
    )
    broker.add_middleware(_FleetMiddleware(settings))
    return broker


def declare_actor(broker: RedisBroker, settings: WorkerSettings) -> dramatiq.Actor[[str], None]:
    """The `audit_site(job_id)` actor on this broker."""

    def audit_site(job_id: str) -> None:
        stop = _FleetMiddleware.stopping
        result = run_job(job_id, settings, stop=stop)
        if result.outcome == Outcome.FAILED:
            raise RetryLater(result.error)
        if result.outcome in (Outcome.BUSY, Outcome.RELEASED):
            # Come back when the holder's heartbeat would be stale (a live holder finishes
            # it; a dead one's job is then ours to resume), or at once for a released job.
            delay = 0.0 if result.outcome == Outcome.RELEASED else result.retry_in
            actor.send_with_options(args=(job_id,), delay=int(delay * 1000))

    actor: dramatiq.Actor[[str], None] = dramatiq.actor(
        actor_name=ACTOR,
        queue_name=QUEUE,
        broker=broker,
        # The database counts attempts and buries a job after the last; Dramatiq's own limit
        # is only a backstop (a worker killed mid-site never gets to count its attempt).
        max_retries=settings.max_attempts + 2,
        min_backoff=settings.min_backoff_ms,
        max_backoff=settings.max_backoff_ms,
        time_limit=int((hard_limit(AuditConfig()) + 300) * 1000),
    )(audit_site)
    return actor


def message_options(config: AuditConfig) -> dict[str, Any]:
    """Per-message Dramatiq options of one site's job: its time limit follows its budget."""
    return {"time_limit": int((hard_limit(config) + 120) * 1000)}


class _FleetMiddleware(Middleware):
    """Keeps the worker's broker heartbeat going while a long audit holds its only thread
    (Dramatiq's consumer beats only when it fetches, and with one thread and a prefetch of one
    it does not fetch while busy), and asks the running job to stop on shutdown."""

    stopping = threading.Event()

    def __init__(self, settings: WorkerSettings) -> None:
        self.settings = settings
        self._quit = threading.Event()

    def after_worker_boot(self, broker: Broker, worker: Any) -> None:
        self._quit.clear()
        interval = max(0.5, self.settings.broker_heartbeat_ms / 4000)
        threading.Thread(
            target=self._beat, args=(broker, interval), name="fleet-broker-beat", daemon=True
        ).start()

    def before_worker_shutdown(self, broker: Broker, worker: Any) -> None:
        type(self).stopping.set()

    def after_worker_shutdown(self, broker: Broker, worker: Any) -> None:
        self._quit.set()

    def _beat(self, broker: Broker, interval: float) -> None:
        assert isinstance(broker, RedisBroker)
        while not self._quit.wait(interval):
            try:  # any broker command records the heartbeat and may sweep dead workers
                broker.do_qsize(QUEUE)
                broker.do_qsize(dq_name(QUEUE))
            except Exception:
                log.warning("broker heartbeat failed", exc_info=True)


@contextlib.contextmanager
def broker_for(url: str, settings: WorkerSettings) -> Iterator[Any]:
    """A broker and the actor declared on it, for enqueuing."""
    broker = make_broker(url, settings)
    try:
        yield declare_actor(broker, settings)
    finally:
        broker.close()
