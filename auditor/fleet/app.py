"""The worker process's Dramatiq app: `dramatiq auditor.fleet.app` (which `auditor fleet worker`
runs) imports this module to find its broker and the `audit_site` actor, configured from the
environment that `fleet worker` sets."""

from __future__ import annotations

import logging
import os

import dramatiq

from auditor.fleet.worker import ENV_BROKER, WorkerSettings, declare_actor, make_broker

# A line per page request would drown the workers' own lines.
logging.getLogger("httpx").setLevel(logging.WARNING)

settings = WorkerSettings.from_env()
broker = make_broker(os.environ.get(ENV_BROKER, "redis://127.0.0.1:6379/0"), settings)
dramatiq.set_broker(broker)
audit_site = declare_actor(broker, settings)
