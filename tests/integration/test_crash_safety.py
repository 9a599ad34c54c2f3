"""Crash safety: `kill -9` at random moments, many times over, never corrupts the history
database or loses a completed page, and `--resume` completes the run; two runs on one database
both finish; an unwritable or full output folder is one clear error with the run still stored."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.web.urls import normalise
from tests.conftest import SNAPSHOTS
from tests.servers import CrawlSite

KILLS = 6
KILL_SEED = 20261122
PAGES = 20


def _auditor(*args: str) -> subprocess.Popen[bytes]:
    # A session of its own, so the browser it starts can be cleaned up after its kill -9.
    return subprocess.Popen(
        [sys.executable, "-m", "auditor", "audit", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _kill_9(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGKILL)  # the tool itself: no clean-up runs
    proc.wait()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)  # then its orphaned browser, which we started


def _state(db: Path) -> tuple[str | None, set[str]]:
    """The crawl's status (None before it began) and the pages recorded as done."""
    if not db.exists():
        return None, set()
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        try:
            crawls = conn.execute("SELECT status FROM crawls").fetchall()
            done = {row[0] for row in conn.execute("SELECT url FROM crawl_pages")}
        except sqlite3.OperationalError:
            return None, set()  # killed before the schema was made
    return (crawls[0][0] if crawls else None), done


def _progress(proc: subprocess.Popen[bytes], db: Path, pages: int) -> bool:
    """Wait until `pages` are done; False when the run ended first."""
    deadline = time.monotonic() + 120
    while len(_state(db)[1]) < pages:
        if proc.poll() is not None:
            return False
        assert time.monotonic() < deadline, "the crawl made no progress"
        time.sleep(0.05)
    return True


def _hits(site: CrawlSite, url: str) -> int:
    origin = site.url.rstrip("/")
    return sum(1 for path in site.paths() if normalise(origin + path) == url)


@pytest.mark.browser
def test_kill_9_at_random_moments_loses_nothing_and_resume_completes(tmp_path: Path) -> None:
    db, out = tmp_path / "h.sqlite", tmp_path / "out"
    common = ["--db", str(db), "--out", str(out), "-q", "--concurrency", "1"]
    common += ["--format", "json", "--viewport", "desktop", "--retries", "0"]
    chance = random.Random(KILL_SEED)
    survived = 0
    with CrawlSite(list_pages=PAGES, page_delay=0.1) as site:
        urls = [f"{site.url}list/{n}" for n in range(1, PAGES + 1)]
        done_before: set[str] = set()
        hits_when_done: dict[str, int] = {}
        for _ in range(KILLS):
            status, _done = _state(db)
            args = ["--resume"] if status == "running" else [*urls, "--max-depth", "0"]
            proc = _auditor(*args, *common)
            # A random moment: 0 to 3 more pages done (0: during start-up or the browser's
            # launch), then up to a second more (mid-page, or while a page is written).
            if not _progress(proc, db, len(done_before) + chance.randint(0, 3)):
                break
            time.sleep(chance.uniform(0.0, 1.0))
            if proc.poll() is not None:
                assert proc.returncode == 0, proc.stderr.read().decode() if proc.stderr else ""
                break  # it finished first: nothing left to kill
            _kill_9(proc)
            status, done = _state(db)  # integrity_check runs in here
            assert done >= done_before, f"completed pages lost: {done_before - done}"
            for url in done - done_before:
                hits_when_done[url] = _hits(site, url)
            done_before = done
            survived += 1
        status, _done = _state(db)
        args = ["--resume"] if status == "running" else [*urls, "--max-depth", "0"]
        finished = subprocess.run(
            [sys.executable, "-m", "auditor", "audit", *args, *common],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert finished.returncode == 0, finished.stderr[-3000:]
        for url, hits in hits_when_done.items():
            assert _hits(site, url) == hits, f"{url} was audited again after a kill"
    print(f"kill -9 survived {survived} times; {len(done_before)} pages were done at the last")
    assert survived == KILLS, "the run finished before every kill: make it longer"
    report = json.loads((out / "report.json").read_text("utf-8"))
    reported = [p["url"] for p in report["pages"]]
    assert sorted(reported) == sorted(normalise(u) for u in urls), "every page exactly once"
    assert done_before <= set(reported)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT status FROM crawls").fetchall() == [("complete",)]
        assert conn.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 1


@pytest.mark.browser
def test_two_runs_on_one_history_database_both_complete(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    with CrawlSite(list_pages=4, page_delay=0.1) as site:
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "auditor", "audit", "--db", str(db), "-q"]
                + ["--out", str(tmp_path / name), "--format", "json", "--viewport", "desktop"]
                + ["--max-depth", "0"]
                + [f"{site.url}list/{n}" for n in pages],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for name, pages in (("a", (1, 2)), ("b", (3, 4)))
        ]
        errors = [proc.communicate(timeout=240)[1] for proc in procs]
    for proc, stderr in zip(procs, errors, strict=True):
        assert proc.returncode == 0, stderr[-2000:]
        assert "Traceback" not in stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 2
        statuses = conn.execute("SELECT status FROM crawls").fetchall()
        assert statuses == [("complete",), ("complete",)]


def _check(tmp_path: Path, out: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, Path]:
    """`auditor check` (no browser) storing its run, as the command line runs it."""
    db = tmp_path / "h.sqlite"
    with pytest.raises(SystemExit) as exited:
        main(["check", str(SNAPSHOTS / "council"), "--store", "--db", str(db), "--out", out])
    return int(exited.value.code or 0), capsys.readouterr().err, db


def _stored_runs(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(conn.execute("SELECT COUNT(*) FROM runs").fetchone()[0])


def test_an_output_folder_that_cannot_be_made_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """chmod does not stop root (the tests run as root), so the folder is a path under a file."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    code, output, db = _check(tmp_path, str(blocker / "reports"), capsys)
    assert code == 1
    assert "Traceback" not in output and "unexpected" not in output
    errors = [line for line in output.splitlines() if line.startswith("Error:")]
    assert errors == [f"Error: cannot write reports to {blocker / 'reports'}: Not a directory"]
    assert _stored_runs(db) == 1, "the run is stored before its reports are written"


def test_a_full_disk_is_one_clear_error_and_the_run_stays_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_write_text = Path.write_text

    def full_disk(self: Path, *args: object, **kwargs: object) -> int:
        if self.name.startswith("report"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real_write_text(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", full_disk)
    out = tmp_path / "out"
    code, output, db = _check(tmp_path, str(out), capsys)
    assert code == 1
    assert "Traceback" not in output and "unexpected" not in output
    assert f"Error: cannot write reports to {out}: No space left on device" in output
    assert _stored_runs(db) == 1
