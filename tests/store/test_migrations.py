"""Alembic migrations: an empty database upgrades to the models' schema on both backends, a
database made by the old hand-written migrations is recognised, stamped and upgraded, and
databases that cannot be opened say so in one line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from auditor.errors import StoreError
from auditor.migrations import head_metadata
from auditor.store import CrawlState, Store, database_url, find_unfinished, make_engine
from auditor.store.migrate import HEAD, MIGRATIONS_DIR
from tests.store.runs import SITE, day, make_run

LEGACY_DUMP = Path(__file__).parent / "data" / "legacy-002.sql"
REVISIONS = [
    "0001_initial",
    "0002_crawl_state",
    "0003_run_summaries",
    "0004_fleet_jobs",
    "0005_wcag_version",
]


def test_head_constant_is_the_newest_revision() -> None:
    assert ScriptDirectory(str(MIGRATIONS_DIR)).get_heads() == [HEAD]
    assert REVISIONS[-1] == HEAD


def test_an_empty_database_upgrades_to_the_models_schema(location: str) -> None:
    with Store(location) as store:
        assert store.migrations() == REVISIONS
        engine = make_engine(store.url)
        with engine.connect() as conn:
            drift = compare_metadata(MigrationContext.configure(conn), head_metadata())
        engine.dispose()
    assert drift == []


def test_a_scratch_memory_store_has_the_same_schema() -> None:
    with Store(":memory:") as store:
        assert store.migrations() == REVISIONS
        with store.read() as conn:
            assert compare_metadata(MigrationContext.configure(conn), head_metadata()) == []
        store.save(make_run("20260101T090000Z-aaaaaa"))
        assert len(store.summaries()) == 1


def test_reopening_applies_nothing_again(location: str) -> None:
    with Store(location) as store:
        store.save(make_run("20260101T090000Z-aaaaaa"))
    with Store(location) as reopened:  # would fail on CREATE TABLE if re-applied
        assert reopened.migrations() == REVISIONS
        assert len(reopened.list_runs()) == 1


def _legacy(tmp_path: Path, keep_only: str | None = None) -> Path:
    """A database exactly as the old code left it (a dump it made), optionally cut back to its
    first migration."""
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    db.executescript(LEGACY_DUMP.read_text())
    if keep_only:
        for table in ("crawl_external", "crawl_resources", "crawl_pages", "frontier", "crawls"):
            db.execute(f"DROP TABLE {table}")
        db.execute("DELETE FROM _migrations WHERE name != ?", (keep_only,))
        db.commit()
    db.close()
    return path


def test_a_database_of_the_hand_written_migrations_upgrades(tmp_path: Path) -> None:
    path = _legacy(tmp_path)
    with Store(path) as store:
        assert store.migrations() == REVISIONS
        assert [r.id for r in store.list_runs()] == [
            "20260102T090000Z-bbbbbb",
            "20260101T090000Z-aaaaaa",
        ]
        assert store.load("20260101T090000Z-aaaaaa").score is not None
        summaries = {s.id: s for s in store.summaries()}
        assert summaries["20260101T090000Z-aaaaaa"].by_category == {
            "wcag-a": 97.5,
            "wcag-aa": 90.0,
        }
        assert summaries["20260102T090000Z-bbbbbb"].by_category == {
            "wcag-a": 80.0,
            "wcag-aa": None,
        }
        assert summaries["20260102T090000Z-bbbbbb"].score == 80.0
        # The crawl that was killed before the upgrade still resumes after it.
        row = find_unfinished(store)
        assert row is not None
        assert row.run_id == "20260103T090000Z-cccccc"
        state = CrawlState(store, row.run_id)
        assert state.requeue_active() == 1
        assert [state.next().url for _ in range(2)] == [f"{SITE}/a", f"{SITE}/b"]  # type: ignore[union-attr]
        store.save(make_run("20260104T090000Z-dddddd", day(3)))
        assert store.prune(keep=1) == ["20260102T090000Z-bbbbbb", "20260101T090000Z-aaaaaa"]
    db = sqlite3.connect(path)
    assert db.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD,)]
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()


def test_a_database_with_only_the_first_hand_written_migration_upgrades(tmp_path: Path) -> None:
    path = _legacy(tmp_path, keep_only="001_initial")
    with Store(path) as store:
        assert store.migrations() == REVISIONS
        state = CrawlState.begin(store, "r", SITE, "2026", json.dumps({}), [SITE])
        assert state.queued() == 0
        assert len(store.summaries()) == 2


def test_unknown_hand_written_migrations_are_refused(tmp_path: Path) -> None:
    path = _legacy(tmp_path)
    db = sqlite3.connect(path)
    db.execute("INSERT INTO _migrations (name) VALUES ('003_from_the_future')")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="unknown migrations"):
        Store(path)


def test_auditor_tables_without_any_migration_record_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "odd.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE runs (id TEXT)")
    db.close()
    with pytest.raises(StoreError, match="no record of its migrations"):
        Store(path)


def test_a_revision_from_a_newer_auditor_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    Store(path).close()
    db = sqlite3.connect(path)
    db.execute("UPDATE alembic_version SET version_num = '0099_future'")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="0099_future"):
        Store(path)


def test_unreadable_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "not-a-db.sqlite"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="history database"):
        Store(path)


def test_unreachable_postgresql_is_one_line_without_the_password() -> None:
    with pytest.raises(StoreError) as info:
        Store("postgresql://auditor:s3cret@127.0.0.1:1/history")
    message = str(info.value)
    assert message.startswith("history database postgresql+psycopg://auditor:***@127.0.0.1:1/")
    assert "s3cret" not in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("given", "driver", "host", "database"),
    [
        ("history.sqlite", "sqlite+pysqlite", None, "history.sqlite"),
        (":memory:", "sqlite+pysqlite", None, ":memory:"),
        ("sqlite:////tmp/h.sqlite", "sqlite+pysqlite", None, "/tmp/h.sqlite"),
        ("postgresql://u@db/history", "postgresql+psycopg", "db", "history"),
        ("postgres://u@db/history", "postgresql+psycopg", "db", "history"),
        ("postgresql+psycopg://u@db/history", "postgresql+psycopg", "db", "history"),
    ],
)
def test_database_urls(given: str, driver: str, host: str | None, database: str) -> None:
    url = database_url(given)
    assert (url.drivername, url.host, url.database) == (driver, host, database)


@pytest.mark.parametrize("given", ["mysql://u@db/history", "postgresql+asyncpg://u@db/h"])
def test_other_databases_are_refused(given: str) -> None:
    with pytest.raises(StoreError, match=r"postgresql://|psycopg"):
        database_url(given)
