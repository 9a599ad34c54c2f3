"""Fleet tests: PostgreSQL from the store tests' fixture, and a throwaway Redis server on
127.0.0.1 (Debian's redis-server, no persistence). Skipped when redis-server is missing, unless
AUDITOR_REQUIRE_REDIS is set (as in CI), where that must fail instead."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.store.conftest import backend, location, postgres_cluster, store

__all__ = ["backend", "location", "postgres_cluster", "redis_url", "store"]

REDIS_SKIP = (
    "redis-server not found (apt-get install redis-server; scripts/setup does); "
    "set AUDITOR_REQUIRE_REDIS=1 to make this a failure"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _ping(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1) as conn:
        conn.sendall(b"PING\r\n")
        return conn.recv(16).startswith(b"+PONG")
    return False


@contextlib.contextmanager
def running_redis(binary: str) -> Iterator[str]:
    """redis-server on 127.0.0.1 at a free port, in a temporary folder, saving nothing."""
    folder = Path(tempfile.mkdtemp(prefix="auditor-redis-"))
    port = _free_port()
    server = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
            "--daemonize",
            "no",
        ],
        stdout=(folder / "redis.log").open("wb"),
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 20
        while not _ping(port):
            if server.poll() is not None or time.monotonic() > deadline:
                log = (folder / "redis.log").read_text(errors="replace")
                raise RuntimeError(f"redis-server did not start: {log[-2000:]}")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        shutil.rmtree(folder, ignore_errors=True)


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
