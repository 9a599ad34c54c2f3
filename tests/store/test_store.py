"""The run history on SQLite and PostgreSQL alike: round trips, listing, loading by id, prefix,
`latest` or `previous`, summaries, and pruning that keeps what trends need."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Connection, text

from auditor.errors import StoreError
from auditor.store import CrawlState, FrontierEntry, Store, make_engine
from tests.store.runs import SITE, T0, day, finding, make_run, page


@pytest.fixture
def raw(store: Store) -> Iterator[Connection]:
    """A second connection to the same database, to look at the tables themselves."""
    engine = make_engine(store.url)
    with engine.connect() as conn:
        yield conn
    engine.dispose()


def _count(conn: Connection, sql: str, **params: object) -> int:
    found = conn.execute(text(sql), params).scalar()
    conn.rollback()
    return int(found or 0)


def test_save_then_load_round_trips(store: Store) -> None:
    run = make_run("20260101T090000Z-aaaaaa")
    store.save(run)
    loaded = store.load(run.id)
    assert loaded == run
    assert loaded.model_dump_json() == run.model_dump_json()


def test_findings_pages_and_summary_are_indexed(store: Store, raw: Connection) -> None:
    run = make_run("20260101T090000Z-aaaaaa")
    store.save(run)
    assert _count(raw, "SELECT count(*) FROM pages WHERE run_id = :r", r=run.id) == 2
    rows = raw.execute(text("SELECT fingerprint, check_id, selector FROM findings")).all()
    assert [tuple(r) for r in rows] == [
        (run.findings()[0].fingerprint, "custom/generic-link-text", "#main > a:nth-of-type(2)")
    ]
    [summary] = store.summaries()
    assert (summary.id, summary.score, summary.by_category) == (run.id, 97.5, {"wcag-a": 97.5})
    assert (summary.pages, summary.failures, summary.pruned) == (1, 1, False)
    assert (summary.axe_version, summary.browser_version) == ("4.14.1", "Chromium 156")


def test_saving_the_same_id_twice_fails_and_keeps_the_first(store: Store) -> None:
    first = make_run("20260101T090000Z-aaaaaa")
    store.save(first)
    with pytest.raises(StoreError, match="history database"):
        store.save(make_run(first.id, started=T0 + timedelta(days=1)))
    assert store.load(first.id) == first
    assert len(store.list_runs()) == 1
    assert len(store.summaries()) == 1
    store.save(make_run("20260102T090000Z-bbbbbb", day(1)))  # the store still works after
    assert len(store.list_runs()) == 2


def test_untrusted_text_with_nul_is_stored(store: Store) -> None:
    url = f"{SITE}/odd"
    run = make_run("20260101T090000Z-aaaaaa", pages=[page(url, [finding(url, "a[title='\x00']")])])
    store.save(run)
    assert store.load(run.id) == run  # the JSON keeps it exactly; the index column is cleaned


def test_list_runs_newest_first_and_by_site(store: Store) -> None:
    store.save(make_run("20260101T090000Z-aaaaaa", day(0)))
    store.save(make_run("20260103T090000Z-cccccc", day(2)))
    store.save(make_run("20260102T090000Z-bbbbbb", day(1), site="https://b.gov.uk"))
    rows = store.list_runs()
    assert [r.id for r in rows] == [
        "20260103T090000Z-cccccc",
        "20260102T090000Z-bbbbbb",
        "20260101T090000Z-aaaaaa",
    ]
    assert (rows[0].score, rows[0].pages, rows[0].failures) == (97.5, 1, 1)
    assert (rows[0].ruleset_id, rows[0].axe_version) == ("wcag21aa", "4.14.1")
    assert [r.id for r in store.list_runs(site="https://b.gov.uk")] == ["20260102T090000Z-bbbbbb"]
    assert len(store.list_runs(limit=2)) == 2


def test_load_latest_and_previous(store: Store) -> None:
    store.save(make_run("20260102T090000Z-bbbbbb", day(1)))
    store.save(make_run("20260101T090000Z-aaaaaa", day(0)))
    store.save(make_run("20260103T090000Z-cccccc", day(2), site="https://b.gov.uk"))
    assert store.load("latest").id == "20260103T090000Z-cccccc"
    assert store.load("latest", site=SITE).id == "20260102T090000Z-bbbbbb"
    assert store.load("previous", site=SITE).id == "20260101T090000Z-aaaaaa"
    with pytest.raises(StoreError, match="no run 'previous'"):
        store.load("previous")  # the latest run's site has no run before it


def test_load_by_unique_prefix(store: Store) -> None:
    store.save(make_run("20260101T090000Z-aaaaaa", day(0)))
    store.save(make_run("20260102T090000Z-bbbbbb", day(1)))
    assert store.load("20260102").id == "20260102T090000Z-bbbbbb"


def test_ambiguous_prefix_is_an_error(store: Store) -> None:
    store.save(make_run("20260101T090000Z-aaaaaa", T0))
    store.save(make_run("20260101T100000Z-bbbbbb", T0 + timedelta(hours=1)))
    with pytest.raises(StoreError, match="'20260101' matches more than one run"):
        store.load("20260101")


def test_unknown_id_is_a_helpful_error(store: Store) -> None:
    store.save(make_run("20260101T090000Z-aaaaaa"))
    with pytest.raises(StoreError) as info:
        store.load("nope")
    message = str(info.value)
    assert "no run 'nope'" in message
    assert str(store.path) in message
    assert "auditor history list" in message


def test_latest_of_empty_history_is_an_error(store: Store) -> None:
    with pytest.raises(StoreError, match="no run 'latest'"):
        store.load("latest")


@pytest.mark.parametrize("pattern", ["%", "_", "2026010_"])
def test_like_wildcards_in_prefix_are_literal(store: Store, pattern: str) -> None:
    store.save(make_run("20260101T090000Z-aaaaaa"))
    with pytest.raises(StoreError, match="no run"):
        store.load(pattern)


def _site_runs(store: Store, site: str, days: range) -> list[str]:
    ids = []
    for n in days:
        tag = "b" if site.startswith("https://b.") else "a"
        run = make_run(f"2026010{n + 1}T090000Z-{tag * 6}", day(n), site=site, score=90.0 + n)
        store.save(run)
        ids.append(run.id)
    return ids


def test_prune_keeps_the_newest_runs_of_each_site_and_every_summary(
    store: Store, raw: Connection
) -> None:
    a_ids = _site_runs(store, SITE, range(5))
    b_ids = _site_runs(store, "https://b.gov.uk", range(2))
    # An unfinished crawl is never pruned, however old.
    CrawlState.begin(store, "20251231T090000Z-zzzzzz", SITE, "2025-12-31", "{}", [SITE])

    pruned = store.prune(keep=2)

    assert sorted(pruned) == sorted(a_ids[:3])
    assert [r.id for r in store.list_runs(site=SITE)] == a_ids[:-3:-1]
    assert {r.id for r in store.list_runs(site="https://b.gov.uk")} == set(b_ids)
    for run_id in pruned:
        with pytest.raises(StoreError, match=f"run '{run_id}' was pruned"):
            store.load(run_id)
        for table in ("pages", "findings"):
            assert _count(raw, f"SELECT count(*) FROM {table} WHERE run_id = :r", r=run_id) == 0  # noqa: S608
    summaries = store.summaries(site=SITE)
    assert [s.id for s in summaries] == a_ids[::-1]
    assert [s.pruned for s in summaries] == [False, False, True, True, True]
    assert [s.score for s in summaries] == [94.0, 93.0, 92.0, 91.0, 90.0]
    assert summaries[-1].by_category == {"wcag-a": 90.0}
    assert _count(raw, "SELECT count(*) FROM crawls WHERE status = 'running'") == 1
    assert store.prune(keep=2) == []


def test_prune_one_site_only(store: Store) -> None:
    a_ids = _site_runs(store, SITE, range(3))
    b_ids = _site_runs(store, "https://b.gov.uk", range(3))
    assert sorted(store.prune(keep=1, site="https://b.gov.uk")) == sorted(b_ids[:2])
    assert len(store.list_runs(site=SITE)) == len(a_ids)


def test_prune_removes_the_crawl_state_of_pruned_runs(store: Store, raw: Connection) -> None:
    for n in range(3):
        run = make_run(f"2026010{n + 1}T090000Z-aaaaaa", day(n))
        state = CrawlState.begin(store, run.id, SITE, run.started_at.isoformat(), "{}", [SITE])
        state.add([FrontierEntry(f"{SITE}/", 0, None, "seed", "queued")])
        entry = state.next()
        assert entry is not None
        state.record_page("{}", entry.url, "h", [], [(f"{SITE}/a.pdf", "{}")], [("x", SITE)])
        state.finish(run)
    store.prune(keep=1)
    for table in ("crawls", "frontier", "crawl_pages", "crawl_resources", "crawl_external"):
        assert _count(raw, f"SELECT count(*) FROM {table}") == 1, table  # noqa: S608


def test_prune_needs_to_keep_a_run(store: Store) -> None:
    with pytest.raises(StoreError, match="keep at least one"):
        store.prune(keep=0)


def test_a_summary_stored_before_wcag_versions_reads_as_wcag_2_1(
    store: Store, raw: Connection
) -> None:
    run = make_run("20260101T090000Z-aaaaaa")
    store.save(
        run.model_copy(update={"ruleset": run.ruleset.model_copy(update={"wcag_version": "2.2"})})
    )
    assert [r.ruleset.wcag_version for r in store.summaries()] == ["2.2"]
    raw.execute(text("UPDATE run_summaries SET wcag_version = NULL"))
    raw.commit()
    assert [r.ruleset.wcag_version for r in store.summaries()] == ["2.1"]
