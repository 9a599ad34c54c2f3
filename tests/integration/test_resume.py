"""kill -9 in the middle of a crawl, then `audit --resume`: nothing lost, nothing audited twice."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from auditor.web.urls import normalise
from tests.servers import CrawlSite

pytestmark = pytest.mark.browser


def _done(db: Path) -> set[str]:
    if not db.exists():
        return set()
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return {row[0] for row in conn.execute("SELECT url FROM crawl_pages")}
    except sqlite3.OperationalError:
        return set()  # the schema is not there yet


def _hits(site: CrawlSite, url: str) -> int:
    """Requests for this page (query included, in any order)."""
    origin = site.url.rstrip("/")
    return sum(1 for path in site.paths() if normalise(origin + path) == url)


def _start(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "auditor", "audit", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _kill_after(proc: subprocess.Popen[bytes], db: Path, pages: int) -> set[str]:
    deadline = time.monotonic() + 120
    while len(_done(db)) < pages:
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        assert time.monotonic() < deadline, "the crawl made no progress"
        time.sleep(0.05)
    proc.kill()  # SIGKILL: no clean-up runs
    proc.wait()
    return _done(db)


PAGES = 20  # enough for two kills mid-run and a resume that finishes the rest


def test_kill_9_twice_then_resume_completes_the_run(tmp_path: Path) -> None:
    db, out = tmp_path / "h.sqlite", tmp_path / "out"
    common = [
        "--db",
        str(db),
        "--out",
        str(out),
        "-q",
        "--concurrency",
        "1",
        "--max-pages",
        str(PAGES),
        "--format",
        "json",
        "--viewport",
        "desktop",
    ]
    with CrawlSite(list_pages=25, page_delay=0.1) as site:
        done_first = _kill_after(_start(site.url, *common), db, 5)
        hits_first = {u: _hits(site, u) for u in done_first}
        done_second = _kill_after(_start("--resume", *common), db, len(done_first) + 5)
        assert done_first <= done_second
        finished = subprocess.run(
            [sys.executable, "-m", "auditor", "audit", "--resume", *common],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert finished.returncode == 0, finished.stderr
        for url, hits in hits_first.items():
            assert _hits(site, url) == hits, f"{url} was audited again after the resume"
    report = json.loads((out / "report.json").read_text())
    urls = [p["url"] for p in report["pages"]]
    assert len(urls) == len(set(urls)), "a page appears twice"
    assert done_second <= set(urls), "a page completed before a kill was lost"
    assert len(urls) == PAGES
    assert any("resumed after an interruption" in w for w in report["warnings"])
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 1
        assert conn.execute("SELECT status FROM crawls").fetchall() == [("complete",)]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    nothing_left = subprocess.run(
        [sys.executable, "-m", "auditor", "audit", "--resume", "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert nothing_left.returncode == 1
    assert "no unfinished run to resume" in nothing_left.stderr
