"""Store tests run against SQLite and against a real PostgreSQL server started for the session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.devtools import Cluster, running_cluster, server_binaries
from auditor.store import Store

BACKENDS = ["sqlite", "postgresql"]
SKIP_REASON = (
    "PostgreSQL server binaries not found (apt-get install postgresql; scripts/setup does); "
    "set AUDITOR_REQUIRE_POSTGRES=1 to make this a failure"
)


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Cluster]:
    """A throwaway PostgreSQL server on 127.0.0.1; skipped when not installed, unless
    AUDITOR_REQUIRE_POSTGRES is set (as in CI), where that must fail instead."""
    binaries = server_binaries()
    if binaries is None:
        if os.environ.get("AUDITOR_REQUIRE_POSTGRES"):
            pytest.fail(SKIP_REASON.split(";")[0] + " and AUDITOR_REQUIRE_POSTGRES is set")
        pytest.skip(SKIP_REASON)
    with running_cluster(binaries) as cluster:
        yield cluster


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def location(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A fresh, empty history database of the backend under test: a file path or a URL."""
    if backend == "sqlite":
        return str(tmp_path / "sub" / "history.sqlite")
    cluster: Cluster = request.getfixturevalue("postgres_cluster")
    return cluster.new_database()


@pytest.fixture
def store(location: str) -> Iterator[Store]:
    with Store(location) as opened:
        yield opened
