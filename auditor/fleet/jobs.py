"""What a fleet job is, without any I/O: its identity, its settings and the shard it falls in.

A job is "audit this site with this config, in this batch". Its id is a hash of the three, so
enqueuing the same sites twice (or a Kubernetes Job running its shard again) finds the same rows
instead of adding new ones.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

from auditor.config import AuditConfig
from auditor.errors import ConfigError
from auditor.web.urls import origin

# Settings that do not change what a job audits: where reports and the history go.
_NOT_HASHED = frozenset({"urls", "out", "formats", "db", "thresholds"})


class _HasSite(Protocol):
    @property
    def site(self) -> str: ...


T = TypeVar("T", bound=_HasSite)


@dataclass(frozen=True)
class JobSpec:
    """One site of a batch to audit, with the settings resolved when it was enqueued."""

    batch: str
    site: str
    name: str
    type: str
    url: str
    config_json: str

    @property
    def config_hash(self) -> str:
        return config_hash(json.loads(self.config_json))

    @property
    def job_id(self) -> str:
        return job_id(self.batch, self.site, self.config_hash)


def config_hash(settings: dict[str, Any]) -> str:
    """A short stable hash of the settings that decide a site's result."""
    kept = {k: v for k, v in sorted(settings.items()) if k not in _NOT_HASHED}
    canonical = json.dumps(kept, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def job_id(batch: str, site: str, settings_hash: str) -> str:
    """The job's identity: the same batch, site origin and settings give the same id."""
    key = "\x1f".join((batch, origin(site), settings_hash))
    return hashlib.sha256(key.encode()).hexdigest()[:24]


def job_config(config: AuditConfig, url: str) -> str:
    """The stored settings of one site's job: the shared config pointed at this site (secret
    values are masked: fleet jobs cannot carry logins)."""
    settings = config.redacted()
    settings["urls"] = [url]
    return json.dumps(settings, sort_keys=True)


def default_batch(now: datetime | None = None) -> str:
    """Tonight's batch: the UTC date, so a nightly cron enqueuing twice audits each site once."""
    return f"{(now or datetime.now(UTC)):%Y-%m-%d}"


def check_batch(batch: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}", batch):
        raise ConfigError(
            f"batch {batch!r}: use letters, digits and . _ : - (at most 64 characters)"
        )
    return batch


def parse_shard(spec: str) -> tuple[int, int]:
    """`N/K` (1 ≤ N ≤ K) as (n, k): this is shard N of K, as CI matrices number them."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", spec)
    if not match:
        raise ConfigError(f"--shard {spec!r}: give N/K, e.g. 1/4")
    n, k = int(match[1]), int(match[2])
    if k < 1 or not 1 <= n <= k:
        raise ConfigError(f"--shard {spec!r}: N must be between 1 and K")
    return n, k


def shard_of(site: str, k: int) -> int:
    """The shard (1..k) a site belongs to: a stable hash of its origin, the same on every
    machine and Python version (unlike hash())."""
    digest = hashlib.sha256(origin(site).encode()).digest()
    return int.from_bytes(digest[:8], "big") % k + 1


def shard(sites: Sequence[T], n: int, k: int) -> list[T]:
    """The sites of shard n of k, in their given order. Every site is in exactly one shard."""
    if k < 1 or not 1 <= n <= k:
        raise ValueError(f"shard {n}/{k}: need 1 <= n <= k")
    return [s for s in sites if shard_of(s.site, k) == n]
