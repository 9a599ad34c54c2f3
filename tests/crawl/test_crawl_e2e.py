"""Whole-site crawling in real Chromium against the dynamic fixture site (tests/servers.py):
sitemaps, traps, redirects, 429s, crashes, politeness, logins, incremental runs."""

from __future__ import annotations

import asyncio
import itertools
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psutil
import pytest

from auditor.audit import audit
from auditor.config import AuditConfig
from auditor.crawl.traps import PATH_PATTERN, QUERY_PARAMETERS
from auditor.models import DESKTOP, Run
from auditor.ruleset import load_ruleset
from auditor.store import Store
from tests.servers import CrawlSite

pytestmark = pytest.mark.browser


def _audit(urls: list[str], store: Store | None = None, **settings: Any) -> Run:
    settings.setdefault("settle_ms", 100)
    settings.setdefault("concurrency", 2)
    settings.setdefault("viewports", [DESKTOP])  # crawling is what these test, not viewports
    config = AuditConfig(urls=urls, **settings)
    return asyncio.run(audit(config, load_ruleset("wcag21aa"), store=store))


def _page(run: Run, path: str) -> Any:
    return next(p for p in run.pages if urlsplit(p.target.url).path == path)


def _paths(run: Run) -> set[str]:
    return {urlsplit(p.target.url).path for p in run.pages}


@pytest.fixture(scope="module")
def crawl() -> Iterator[tuple[CrawlSite, Run]]:
    with CrawlSite() as site:
        run = _audit([site.url], max_pages=60, max_per_pattern=4, max_per_query=4)
        yield site, run


def test_sitemap_index_with_a_gzip_child_is_read(crawl: tuple[CrawlSite, Run]) -> None:
    _, run = crawl
    assert {"/from-gzip-sitemap", "/news/from-plain-sitemap"} <= _paths(run)


def test_trap_calendar_and_facets_are_capped_and_counted(crawl: tuple[CrawlSite, Run]) -> None:
    _, run = crawl
    calendar = [p for p in run.pages if p.target.url.count("/calendar/")]
    assert 1 <= len(calendar) <= 4
    assert run.summary.skipped[PATH_PATTERN] >= 1
    assert run.summary.skipped[QUERY_PARAMETERS] >= 1
    traps = {row.family for row in run.summary.not_audited if row.reason == PATH_PATTERN}
    assert traps == {"/calendar/{n}/{n}"}
    assert run.summary.pages_audited < 60, "the traps, not max_pages, ended the crawl"


def test_redirect_loop_is_a_recorded_error(crawl: tuple[CrawlSite, Run]) -> None:
    _, run = crawl
    assert "ERR_TOO_MANY_REDIRECTS" in (_page(run, "/loop").load_error or "")


def test_429_and_503_are_retried(crawl: tuple[CrawlSite, Run]) -> None:
    site, run = crawl
    for path in ("/busy", "/flaky"):
        page = _page(run, path)
        assert page.load_error is None
        assert page.attempts == 2
        assert site.hits(path) == 2


def test_redirects_are_recorded_and_duplicates_audited_once(crawl: tuple[CrawlSite, Run]) -> None:
    _, run = crawl
    moved = _page(run, "/old-page")
    assert moved.final_url.endswith("/new-page")
    assert moved.redirects[0].endswith("/old-page")
    assert "/new-page" not in _paths(run), "the redirect target counts as audited"
    bins = [p for p in run.pages if urlsplit(p.final_url).path == "/bins/"]
    assert sum(1 for p in bins if p.duplicate_of is None) == 1
    assert _page(run, "/duplicate").duplicate_of.endswith("/bins/")
    assert run.summary.pages_duplicate >= 1


def test_tracking_variants_are_one_page(crawl: tuple[CrawlSite, Run]) -> None:
    _, run = crawl
    assert sum(1 for p in run.pages if urlsplit(p.target.url).path == "/") == 1


def test_robots_documents_and_external_links(crawl: tuple[CrawlSite, Run]) -> None:
    site, run = crawl
    assert site.hits("/private/staff") == 0
    assert run.summary.skipped["robots.txt"] == 1
    docs = {urlsplit(r.url).path: r for r in run.resources}
    assert docs["/docs/leaflet.pdf"].status == 200
    assert docs["/docs/leaflet.pdf"].content_type == "application/pdf"
    assert docs["/docs/form.docx"].kind == "word"
    assert [e.url for e in run.external_links] == [
        "https://pay.example-payments.test/council/parking"
    ]


def test_renderer_crash_is_an_error_and_the_run_goes_on() -> None:
    with CrawlSite() as site:
        run = _audit(
            [site.url + "crash", site.url + "bins/"],
            max_depth=0,
            concurrency=1,
            retries=1,
            page_timeout=20,
        )
    crash = _page(run, "/crash")
    assert crash.load_error == "the page crashed the browser"
    assert crash.attempts == 2
    assert _page(run, "/bins/").load_error is None


def test_crawl_delay_is_honoured() -> None:
    with CrawlSite(crawl_delay=0.6, list_pages=3) as site:
        urls = [site.url + f"list/{n}" for n in (1, 2, 3, 4)]
        _audit(urls, max_depth=0, concurrency=2)
        times = [t for t, path in site.requests if path.startswith("/list/")]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert len(times) == 4
    assert min(gaps) >= 0.55


def test_sample_picks_the_shortest_urls() -> None:
    with CrawlSite(list_pages=5) as site:
        run = _audit([site.url], max_pages=3, sample="shortest-urls")
    # Redirecting URLs (/bins, /loop) are not pages; ties go alphabetically.
    assert _paths(run) == {"/", "/busy", "/bins/"}


def test_incremental_rerun_carries_unchanged_pages_over(tmp_path: Path) -> None:
    with CrawlSite(list_pages=3) as site, Store(tmp_path / "h.sqlite") as store:
        urls = [site.url + f"list/{n}" for n in (1, 2, 3)]
        first = _audit(urls, store=store, max_depth=0)
        second = _audit(urls, store=store, max_depth=0)
        full = _audit(urls, store=store, max_depth=0, incremental=False)
    assert first.summary.pages_unchanged == 0
    assert second.summary.pages_unchanged == 3
    assert all(p.carried_over for p in second.pages)
    assert full.summary.pages_unchanged == 0
    assert {f.fingerprint for f in second.findings()} == {f.fingerprint for f in first.findings()}
    assert second.score == first.score


@pytest.mark.parametrize(
    ("settings", "env"),
    [
        (
            {"cookies": [{"name": "session", "value": "env:TEST_SESSION"}]},
            {"TEST_SESSION": "letmein"},
        ),
        ({"headers": {"X-Api-Key": "env:TEST_KEY"}}, {"TEST_KEY": "letmein"}),
        (
            {"http_user": "resident", "http_password": "env:TEST_PASSWORD"},
            {"TEST_PASSWORD": "letmein"},
        ),
        (
            {
                "login": {
                    "url": "LOGIN",
                    "steps": [
                        {"fill": "#user", "value": "resident"},
                        {"fill": "#password", "value": "env:TEST_PASSWORD"},
                        {"click": "#go"},
                        {"wait_for": "#welcome"},
                    ],
                }
            },
            {"TEST_PASSWORD": "letmein"},
        ),
    ],
    ids=["cookie", "header", "basic-auth", "scripted-login"],
)
def test_logins_reach_the_account_area_and_secrets_stay_out(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    settings: dict[str, Any],
    env: dict[str, str],
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    db = tmp_path / "h.sqlite"
    with CrawlSite() as site, Store(db) as store:
        if "login" in settings:
            settings["login"]["url"] = site.url + "account/login"
        run = _audit(
            [site.url + "account/"],
            store=store,
            max_pages=3,
            sitemap=False,
            respect_robots=False,
            **settings,
        )
    assert _page(run, "/account/").load_error is None
    assert _page(run, "/account/bins").load_error is None
    stored = b"".join(
        str(row).encode()
        for table in ("runs", "crawls", "crawl_pages", "frontier")
        for row in sqlite3.connect(db).execute(f"SELECT * FROM {table}")  # noqa: S608
    )
    assert b"letmein" not in stored
    assert "letmein" not in run.model_dump_json()
    assert "letmein" not in json.dumps(run.config)


def test_a_killed_browser_is_relaunched_and_no_page_is_lost() -> None:
    killed: list[int] = []

    def kill_browser_once(_snapshot: Any) -> None:
        if killed:
            return
        for child in psutil.Process().children(recursive=True):
            try:
                cmdline = " ".join(child.cmdline())
            except psutil.Error:  # a zombie or a process that just ended
                continue
            if "chromium" in cmdline and "--type=" not in cmdline:
                child.kill()  # the browser process itself, not a renderer
                killed.append(child.pid)

    with CrawlSite(list_pages=6) as site:
        urls = [site.url + f"list/{n}" for n in range(1, 7)]
        config = AuditConfig(urls=urls, max_depth=0, concurrency=1, settle_ms=100)
        run = asyncio.run(audit(config, load_ruleset("wcag21aa"), on_snapshot=kill_browser_once))
    assert killed
    assert [p.load_error for p in run.pages] == [None] * 6
    assert max(p.attempts for p in run.pages) == 2


def test_run_time_budget_counts_what_is_left() -> None:
    # 60 pages at 0.3 s each cannot finish in 10 s; even on a loaded machine one page can.
    with CrawlSite(list_pages=60, page_delay=0.3) as site:
        run = _audit([site.url], run_timeout=10, concurrency=1, sitemap=False)
    assert run.summary.skipped["run time budget"] > 0
    assert any("run time budget" in w for w in run.warnings)
    assert 1 <= run.summary.pages_audited < 60
