"""Fleet tests: PostgreSQL from the store tests' fixture, and a throwaway Redis server on
127.0.0.1 (Debian's redis-server, no persistence). Skipped when redis-server is missing, unless
AUDITOR_REQUIRE_REDIS is set (as in CI), where that must fail instead."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.devtools import running_redis
from tests.store.conftest import backend, location, postgres_cluster, store

__all__ = ["backend", "location", "postgres_cluster", "redis_url", "store"]

REDIS_SKIP = (
    "redis-server not found (apt-get install redis-server; scripts/setup does); "
    "set AUDITOR_REQUIRE_REDIS=1 to make this a failure"
)


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    binary = os.environ.get("AUDITOR_REDIS_SERVER") or shutil.which("redis-server")
    if binary is None and Path("/usr/bin/redis-server").is_file():
        binary = "/usr/bin/redis-server"
    if binary is None:
        if os.environ.get("AUDITOR_REQUIRE_REDIS"):
            pytest.fail(REDIS_SKIP.split(";")[0] + " and AUDITOR_REQUIRE_REDIS is set")
        pytest.skip(REDIS_SKIP)
    with running_redis(binary) as url:
        yield url
