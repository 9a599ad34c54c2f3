"""The SQLite run history: round trips, migrations, listing, loading by id, prefix or `latest`."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from auditor.errors import StoreError
from auditor.models import (
    CheckInfo,
    CheckResult,
    Finding,
    Impact,
    Link,
    Node,
    Outcome,
    PageResult,
    Resource,
    RulesetRef,
    Run,
    RunSummary,
    Score,
    Target,
    fingerprint,
)
from auditor.store import MIGRATIONS, Store

SITE = "https://council.gov.uk"
T0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def make_run(run_id: str, started: datetime = T0, site: str = SITE) -> Run:
    url = f"{site}/bins"
    selector = "#main > a:nth-of-type(2)"
    found = Finding(
        check_id="custom/generic-link-text",
        outcome=Outcome.FAIL,
        impact=Impact.SERIOUS,
        message="Links use generic text",
        wcag=["2.4.4"],
        page_url=url,
        node=Node(selector=selector, snippet="<a>here</a>"),
        fingerprint=fingerprint("custom/generic-link-text", url, selector),
    )
    page = PageResult(
        target=Target(url=url, depth=1, found_on=f"{site}/", source="link"),
        final_url=url,
        status=200,
        title="Bins",
        results=[
            CheckResult(
                check_id="custom/generic-link-text",
                outcome=Outcome.FAIL,
                impact=Impact.SERIOUS,
                findings=[found],
                duration_ms=1.5,
            )
        ],
        score=Score(
            value=97.5, band="excellent", by_category={"wcag-a": 97.5}, model_version="1.0"
        ),
        links=[Link(url=f"{site}/", selector="#home", text="Home")],
    )
    broken = PageResult(
        target=Target(url=f"{site}/gone"), final_url=f"{site}/gone", status=404, load_error="404"
    )
    return Run(
        id=run_id,
        site=site,
        seeds=[f"{site}/"],
        started_at=started,
        finished_at=started + timedelta(minutes=3),
        tool_version="0.1.0",
        axe_version="4.14.1",
        browser_version="Chromium 130",
        ruleset=RulesetRef(id="wcag21aa", sha256="a" * 64),
        score_model_version="1.0",
        config={"max_pages": 5, "formats": ["html"]},
        checks=[
            CheckInfo(
                id="custom/generic-link-text",
                title="Links have descriptive text",
                impact=Impact.SERIOUS,
                wcag=["2.4.4"],
                level="A",
                help_url="https://www.w3.org/",
            )
        ],
        pages=[page, broken],
        resources=[Resource(url=f"{site}/a.pdf", found_on=url, kind="pdf")],
        score=Score(
            value=97.5, band="excellent", by_category={"wcag-a": 97.5}, model_version="1.0"
        ),
        summary=RunSummary(pages_audited=1, pages_failed_to_load=1, failures=1),
        warnings=["robots.txt ignored"],
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "sub" / "history.sqlite") as opened:
        yield opened


def test_save_then_load_round_trips(store: Store) -> None:
    run = make_run("20260101T090000Z-aaaaaa")
    store.save(run)
    loaded = store.load(run.id)
    assert loaded == run
    assert loaded.model_dump_json() == run.model_dump_json()


def test_findings_and_pages_are_indexed(store: Store) -> None:
    run = make_run("20260101T090000Z-aaaaaa")
    store.save(run)
    db = sqlite3.connect(store.path)
    assert db.execute("SELECT count(*) FROM pages WHERE run_id = ?", (run.id,)).fetchone() == (2,)
    rows = db.execute("SELECT fingerprint, check_id, selector FROM findings").fetchall()
    assert rows == [
        (run.findings()[0].fingerprint, "custom/generic-link-text", "#main > a:nth-of-type(2)")
    ]
    db.close()


def test_saving_the_same_id_twice_fails_and_keeps_the_first(store: Store) -> None:
    first = make_run("20260101T090000Z-aaaaaa")
    store.save(first)
    with pytest.raises(StoreError):
        store.save(make_run(first.id, started=T0 + timedelta(days=1)))
    assert store.load(first.id) == first
    assert len(store.list_runs()) == 1


def test_migrations_are_recorded_once(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    with Store(path) as store:
        store.save(make_run("20260101T090000Z-aaaaaa"))
        assert store.migrations() == [name for name, _ in MIGRATIONS]
    with Store(path) as reopened:  # would fail on CREATE TABLE if re-applied
        assert reopened.migrations() == [name for name, _ in MIGRATIONS]
        assert len(reopened.list_runs()) == 1
    db = sqlite3.connect(path)
    assert db.execute("SELECT count(*) FROM _migrations").fetchone() == (len(MIGRATIONS),)
    db.close()


def test_list_runs_newest_first_and_by_site(store: Store) -> None:
    store.save(make_run("20260101T090000Z-aaaaaa", T0))
    store.save(make_run("20260103T090000Z-cccccc", T0 + timedelta(days=2)))
    store.save(make_run("20260102T090000Z-bbbbbb", T0 + timedelta(days=1), site="https://b.gov.uk"))
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


def test_load_latest(store: Store) -> None:
    store.save(make_run("20260102T090000Z-bbbbbb", T0 + timedelta(days=1)))
    store.save(make_run("20260101T090000Z-aaaaaa", T0))
    assert store.load("latest").id == "20260102T090000Z-bbbbbb"


def test_load_by_unique_prefix(store: Store) -> None:
    store.save(make_run("20260101T090000Z-aaaaaa", T0))
    store.save(make_run("20260102T090000Z-bbbbbb", T0 + timedelta(days=1)))
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


def test_unreadable_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "not-a-db.sqlite"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="history database"):
        Store(path)
