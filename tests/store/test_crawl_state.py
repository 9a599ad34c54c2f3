"""The crawl in progress in the store, on SQLite and PostgreSQL: queue order, fates recorded
with their page, resuming from another connection, and what an incremental run carries over."""

from __future__ import annotations

import json

import pytest

from auditor.store import (
    CrawlState,
    FrontierEntry,
    PreviousPages,
    Store,
    find_unfinished,
    previous_pages,
)
from tests.store.runs import SITE, day, make_run

RUN = "20260101T090000Z-aaaaaa"
VIEWPORTS = [{"name": "desktop"}]


def _begin(
    store: Store, run_id: str = RUN, started: str = "2026-01-01T09:00:00+00:00"
) -> CrawlState:
    config = json.dumps({"viewports": VIEWPORTS})
    return CrawlState.begin(store, run_id, SITE, started, config, [f"{SITE}/"])


def _queued(url: str, depth: int = 1, found_on: str | None = None) -> FrontierEntry:
    return FrontierEntry(url, depth, found_on, "link" if found_on else "seed", "queued")


def test_queue_is_breadth_first_and_each_url_recorded_once(store: Store) -> None:
    state = _begin(store)
    state.add([_queued(f"{SITE}/", 0)])
    assert state.seen(f"{SITE}/")
    assert not state.seen(f"{SITE}/a")
    first = state.next()
    assert first == FrontierEntry(f"{SITE}/", 0, None, "seed", "active")
    found = [_queued(f"{SITE}/{n}", 1, first.url) for n in "bac"]
    found.append(FrontierEntry(f"{SITE}/x.zip", 1, first.url, "link", "refused", "scope"))
    found.append(_queued(f"{SITE}/", 1, first.url))  # already there: keeps its first entry
    state.record_page(
        '{"page": 1}',
        first.url,
        "hash-home",
        found,
        [(f"{SITE}/a.pdf", '{"r": 1}'), (f"{SITE}/a.pdf", '{"r": 2}')],
        [("https://pay.example/", first.url)],
    )
    assert state.counts() == {"done": 1, "queued": 3, "refused:scope": 1}
    assert state.queued() == 3
    assert [state.next().url for _ in range(2)] == [f"{SITE}/b", f"{SITE}/a"]  # type: ignore[union-attr]
    assert state.admitted_urls() == [f"{SITE}/", f"{SITE}/b", f"{SITE}/a", f"{SITE}/c"]
    assert state.pages() == [('{"page": 1}', "hash-home")]
    assert state.resources() == ['{"r": 1}']
    assert state.external() == [("https://pay.example/", f"{SITE}/")]


def test_recording_a_page_twice_replaces_it(store: Store) -> None:
    state = _begin(store)
    state.add([_queued(f"{SITE}/", 0)])
    state.record_page("{}", f"{SITE}/", "old", [], [], [])
    state.record_page('{"again": true}', f"{SITE}/", "new", [], [], [])
    assert state.pages() == [('{"again": true}', "new")]


def test_a_killed_crawl_resumes_from_a_new_connection(location: str) -> None:
    with Store(location) as store:
        state = _begin(store)
        state.add([_queued(f"{SITE}/{n}", 0) for n in range(4)])
        done = state.next()
        assert done is not None
        state.record_page("{}", done.url, None, [], [], [])
        assert state.next() is not None  # active when the process "dies"
    with Store(location) as store:
        row = find_unfinished(store)
        assert row is not None
        assert (row.run_id, row.status, row.seeds) == (RUN, "running", [f"{SITE}/"])
        assert find_unfinished(store, RUN[:10]) == row
        state = CrawlState(store, row.run_id)
        assert state.requeue_active() == 1
        state.add([_queued(f"{SITE}/new", 1, f"{SITE}/0")])  # numbered after what was there
        order = []
        while (entry := state.next()) is not None:
            order.append(entry.url)
            state.record_page("{}", entry.url, None, [], [], [])
        assert order == [f"{SITE}/1", f"{SITE}/2", f"{SITE}/3", f"{SITE}/new"]
        assert state.refuse_queued("run time budget") == 0
        state.finish(make_run(RUN))
        assert find_unfinished(store) is None
        finished = find_unfinished(store, RUN)
        assert finished is not None
        assert finished.status == "complete"
        assert store.load(RUN).id == RUN


def test_refuse_queued_counts_by_reason(store: Store) -> None:
    state = _begin(store)
    state.add([_queued(f"{SITE}/{n}", 0) for n in range(3)])
    assert state.refuse_queued("run time budget") == 3
    assert state.counts() == {"refused:run time budget": 3}
    assert state.next() is None


def test_unfinished_is_the_newest_running_crawl(store: Store) -> None:
    _begin(store, "20260101T090000Z-aaaaaa", "2026-01-01T09:00:00+00:00")
    _begin(store, "20260102T090000Z-bbbbbb", "2026-01-02T09:00:00+00:00")
    row = find_unfinished(store)
    assert row is not None
    assert row.run_id == "20260102T090000Z-bbbbbb"
    assert find_unfinished(store, "nope") is None


def _finished(store: Store, run_id: str, n: int, axe: str | None, viewports: object) -> None:
    run = make_run(run_id, day(n), axe_version=axe)
    state = CrawlState.begin(
        store,
        run_id,
        SITE,
        run.started_at.isoformat(),
        json.dumps({"viewports": viewports}),
        [f"{SITE}/"],
    )
    state.add([_queued(f"{SITE}/bins", 0), _queued(f"{SITE}/gone", 0)])
    state.record_page(f'{{"run": "{run_id}"}}', f"{SITE}/bins", f"hash-{n}", [], [], [])
    state.record_page("{}", f"{SITE}/gone", None, [], [], [])
    state.finish(run)


@pytest.mark.parametrize("axe", ["4.14.1", None])
def test_previous_pages_come_from_the_last_comparable_run(store: Store, axe: str | None) -> None:
    _finished(store, "20260101T090000Z-aaaaaa", 0, axe, VIEWPORTS)
    _finished(store, "20260102T090000Z-bbbbbb", 1, axe, [{"name": "mobile"}])  # other viewports
    _finished(store, "20260103T090000Z-cccccc", 2, "9.9.9", VIEWPORTS)  # other axe-core
    before = day(5).isoformat()
    previous = previous_pages(store, SITE, "a" * 64, axe, before, VIEWPORTS)
    assert previous.run_id == "20260101T090000Z-aaaaaa"
    assert previous.hashes == {f"{SITE}/bins": "hash-0"}
    assert previous.page_json(f"{SITE}/bins") == '{"run": "20260101T090000Z-aaaaaa"}'
    assert previous.page_json(f"{SITE}/elsewhere") is None
    assert previous_pages(store, SITE, "b" * 64, axe, before, VIEWPORTS) == PreviousPages()
    assert previous_pages(store, SITE, "a" * 64, axe, day(0).isoformat(), VIEWPORTS).run_id == ""


def test_seen_stays_right_when_its_cache_is_full(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import auditor.store.crawl_state

    monkeypatch.setattr(auditor.store.crawl_state, "KNOWN_URLS_CACHED", 2)
    state = _begin(store)
    urls = [f"{SITE}/{n}" for n in range(5)]
    state.add([_queued(url, 0) for url in urls])
    assert len(state._known) == 2
    assert all(state.seen(url) for url in urls)  # the evicted ones from the database
    assert not state.seen(f"{SITE}/other")
    assert not CrawlState(store, "another-run").seen(urls[0])
