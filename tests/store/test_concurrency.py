"""Two writers on one history database both finish: the second waits for the first's
transaction (SQLite busy timeout, PostgreSQL row locks) instead of failing, and a SQLite writer
still locked out when the busy timeout runs out tries again rather than dying."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest

from auditor.errors import StoreError
from auditor.store import CrawlState, FrontierEntry, Store, engine
from tests.store.runs import SITE, T0, make_run

RUNS_EACH = 15
PAGES_EACH = 30


def _write(location: str, writer: str) -> int:
    """Open the store (migrating it if new), crawl PAGES_EACH pages and save RUNS_EACH runs."""
    with Store(location) as store:
        crawl = f"20260101T000000Z-crawl{writer}"
        state = CrawlState.begin(store, crawl, SITE, T0.isoformat(), json.dumps({}), [SITE])
        state.add([FrontierEntry(f"{SITE}/{writer}/0", 0, None, "seed", "queued")])
        for n in range(PAGES_EACH):
            entry = state.next()
            assert entry is not None
            found = [FrontierEntry(f"{SITE}/{writer}/{n + 1}", 1, entry.url, "link", "queued")]
            state.record_page("{}", entry.url, str(n), found, [], [])
        for n in range(RUNS_EACH):
            started = T0 + timedelta(minutes=n)
            store.save(make_run(f"{started:%Y%m%dT%H%M%S}Z-{writer}{n:05d}", started))
        return len(state.pages())


def _both(location: str, run: object) -> None:
    with Store(location) as store:
        ids = [r.id for r in store.list_runs(limit=1000)]
        assert len(ids) == 2 * RUNS_EACH, run
        assert len(store.summaries()) == 2 * RUNS_EACH


def test_two_writer_threads_both_complete(location: str) -> None:
    results: dict[str, int] = {}
    errors: list[BaseException] = []

    def writer(name: str) -> None:
        try:
            results[name] = _write(location, name)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(name,)) for name in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert results == {"a": PAGES_EACH, "b": PAGES_EACH}
    _both(location, "threads")


def test_two_writer_processes_both_complete(location: str) -> None:
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        done = list(pool.map(_write, [location, location], ["a", "b"], timeout=240))
    assert done == [PAGES_EACH, PAGES_EACH]
    _both(location, "processes")


@pytest.fixture
def impatient(monkeypatch: pytest.MonkeyPatch) -> None:
    """A busy timeout far shorter than the lock is held below: only the retry saves a write."""
    monkeypatch.setattr(engine, "BUSY_TIMEOUT", 0.05)


@contextmanager
def write_lock_held(path: Path, seconds: float) -> Iterator[None]:
    """Another connection (another audit) holds the write lock for `seconds`, then lets go."""
    taken = threading.Event()

    def hold() -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        taken.set()
        time.sleep(seconds)
        conn.execute("ROLLBACK")
        conn.close()

    thread = threading.Thread(target=hold)
    thread.start()
    assert taken.wait(10)
    try:
        yield
    finally:
        thread.join()


def test_a_write_waits_out_a_lock_held_past_the_busy_timeout(
    tmp_path: Path, impatient: None
) -> None:
    path = tmp_path / "history.sqlite"
    with Store(path) as store:
        state = CrawlState.begin(store, "crawl", SITE, T0.isoformat(), json.dumps({}), [SITE])
        with write_lock_held(path, 0.6):
            store.save(make_run("20260101T090000Z-aaaaaa"))
        with write_lock_held(path, 0.6):
            state.add([FrontierEntry(f"{SITE}/", 0, None, "seed", "queued")])
        assert [r.id for r in store.list_runs()] == ["20260101T090000Z-aaaaaa"]
        assert state.queued() == 1


def test_a_new_history_opens_while_another_audit_holds_it(tmp_path: Path, impatient: None) -> None:
    path = tmp_path / "history.sqlite"
    with write_lock_held(path, 0.6), Store(path) as store:
        store.save(make_run("20260101T090000Z-aaaaaa"))
    with Store(path) as reopened:
        assert len(reopened.summaries()) == 1


def test_a_lock_never_released_is_still_an_error_in_one_line(
    tmp_path: Path, impatient: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "WRITE_RETRY_DELAYS", (0.01, 0.01, 0.01))
    path = tmp_path / "history.sqlite"
    with Store(path) as store, write_lock_held(path, 1.0):
        with pytest.raises(StoreError, match="database is locked") as info:
            store.save(make_run("20260101T090000Z-aaaaaa"))
        assert "\n" not in str(info.value)
    with Store(path) as store:
        assert store.list_runs() == []
