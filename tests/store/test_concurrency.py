"""Two writers on one history database both finish: the second waits for the first's
transaction (SQLite busy timeout, PostgreSQL row locks) instead of failing."""

from __future__ import annotations

import json
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from datetime import timedelta

from auditor.store import CrawlState, FrontierEntry, Store
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
