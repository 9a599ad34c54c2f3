"""Throwaway services for demos, benchmarks and tests, on 127.0.0.1 only: a Redis server, a
PostgreSQL cluster and small council sites, each in a temporary folder removed afterwards.

PostgreSQL is Debian's server binaries with trust authentication and no fsync, run as the
`postgres` user when started as root (initdb refuses root); Redis saves nothing.
"""

from __future__ import annotations

import contextlib
import html
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import psycopg

from auditor.web.static_site import StaticSite


def free_port() -> int:
    """A port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# Redis


def _ping(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1) as conn:
        conn.sendall(b"PING\r\n")
        return conn.recv(16).startswith(b"+PONG")
    return False


@contextlib.contextmanager
def running_redis(binary: str) -> Iterator[str]:
    """redis-server on 127.0.0.1 at a free port, in a temporary folder, saving nothing."""
    folder = Path(tempfile.mkdtemp(prefix="auditor-redis-"))
    port = free_port()
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


# PostgreSQL


def server_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl: $AUDITOR_PG_BIN, then PATH, then Debian's
    /usr/lib/postgresql/<newest>/bin."""
    candidates = [os.environ.get("AUDITOR_PG_BIN", "")]
    if found := shutil.which("pg_ctl"):
        candidates.append(str(Path(found).resolve().parent))
    debian = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    candidates += [str(p) for p in debian]
    for folder in filter(None, candidates):
        if (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    return None


class Cluster:
    """One running server; `new_database()` gives each caller an empty database of its own."""

    def __init__(self, binaries: Path) -> None:
        self.binaries = binaries
        self.as_root = os.geteuid() == 0
        self.folder = Path(tempfile.mkdtemp(prefix="auditor-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.user = "auditor"
        self._names = count(1)
        if self.as_root:
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError:
                raise RuntimeError("running as root but there is no postgres user") from None
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)

    def _run(self, *args: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        subprocess.run(
            [*prefix, *args], check=True, capture_output=True, timeout=120, cwd=self.folder
        )

    def start(self) -> None:
        self._run(
            str(self.binaries / "initdb"),
            "-D",
            str(self.data),
            "-U",
            self.user,
            "-A",
            "trust",
            "--no-sync",
            "-E",
            "UTF8",
        )
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            str(self.binaries / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.folder / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        )

    def stop(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            self._run(
                str(self.binaries / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"
            )
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        name = f"auditor_test_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.url()) as conn:
            conn.autocommit = True
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@contextlib.contextmanager
def running_cluster(binaries: Path) -> Iterator[Cluster]:
    cluster = Cluster(binaries)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


# Council sites


def write_site(folder: Path, name: str, pages: int, defects: int = 0) -> None:
    """`pages` pages in all: the home page and pages-1 pages it links to; the first `defects`
    of those have an image without a text alternative (WCAG 1.1.1)."""
    folder.mkdir(parents=True, exist_ok=True)
    links = "".join(
        f'<li><a href="/page-{n}.html">{html.escape(name)} service {n}</a></li>'
        for n in range(1, pages)
    )

    def page(title: str, body: str) -> str:
        return (
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title></head><body>"
            f'<header><a href="/">{html.escape(name)}</a></header>'
            f"<main><h1>{html.escape(title)}</h1>{body}</main></body></html>"
        )

    (folder / "index.html").write_text(page(name, f"<ul>{links}</ul>"), encoding="utf-8")
    for n in range(1, pages):
        body = f'<p>About service {n}.</p><p><a href="/">Back to {html.escape(name)}</a></p>'
        if n <= defects:
            body += '<img src="/photo.png" width="40" height="40">'
        (folder / f"page-{n}.html").write_text(page(f"{name}: service {n}", body), "utf-8")


@contextlib.contextmanager
def served_sites(
    root: Path, count: int, pages: int, varied: bool = False
) -> Iterator[list[tuple[str, str]]]:
    """`count` sites served at once, each by a StaticSite of its own (its own port, so its own
    origin): (name, url) of each; `varied` gives site n n-1 pages with a defect (up to all but
    the home page), so they rank differently."""
    with contextlib.ExitStack() as stack:
        served = []
        for n in range(1, count + 1):
            name = f"Council {n}"
            defects = min(n - 1, pages - 1) if varied else 0
            write_site(root / f"site-{n}", name, pages, defects)
            site = stack.enter_context(StaticSite(root / f"site-{n}"))
            served.append((name, site.url))
        yield served


def write_csv(path: Path, sites: list[tuple[str, str]]) -> Path:
    """A sites CSV (name,url,type) of these sites, all of type District."""
    rows = ["name,url,type"] + [f"{name},{url},District" for name, url in sites]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path
