"""Real audits in Debian's Chromium of fixture sites served on 127.0.0.1."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from auditor.audit import audit
from auditor.config import AuditConfig
from auditor.models import Outcome, Run, Snapshot
from auditor.ruleset import load_ruleset
from auditor.web.static_site import StaticSite
from tests.conftest import SITES, run_audit, seeded_defects

pytestmark = pytest.mark.browser

DEFECTS = seeded_defects()


@pytest.fixture(scope="module")
def council_run() -> Iterator[Run]:
    with StaticSite(SITES / "council") as site:
        yield run_audit([site.url], concurrency=2)


@pytest.fixture(scope="module")
def clean_run() -> Iterator[Run]:
    with StaticSite(SITES / "council-clean") as site:
        yield run_audit([site.url], concurrency=2)


def _path(url: str) -> str:
    return urlsplit(url).path


@pytest.mark.parametrize("defect", DEFECTS, ids=[d["id"] for d in DEFECTS])
def test_every_seeded_defect_is_found(council_run: Run, defect: dict[str, str]) -> None:
    matches = [
        f
        for f in council_run.findings()
        if f.outcome is Outcome.FAIL
        and f.check_id == defect["check"]
        and _path(f.page_url) == defect["path"]
        and f.node.selector.endswith(defect.get("selector", ""))
    ]
    assert matches, f"{defect['id']} not found"


def test_no_failure_beyond_the_seeded_defects(council_run: Run) -> None:
    seeded = {(d["check"], d["path"]) for d in DEFECTS}
    unexpected = [
        (f.check_id, _path(f.page_url), f.node.selector)
        for f in council_run.findings()
        if f.outcome is Outcome.FAIL and (f.check_id, _path(f.page_url)) not in seeded
    ]
    assert unexpected == []


def test_crawl_follows_links_sitemap_and_robots(council_run: Run) -> None:
    paths = {_path(p.target.url) for p in council_run.pages}
    assert "/news/archive.html" in paths, "linked from nowhere: only the sitemap names it"
    assert not any(p.startswith("/private/") for p in paths), "robots.txt disallows /private/"
    assert council_run.summary.skipped.get("robots.txt") == 1
    assert [r.kind for r in council_run.resources] == ["pdf"]
    broken = next(
        p for p in council_run.pages if _path(p.target.url) == "/planning/old-consultation.html"
    )
    assert broken.load_error == "HTTP 404"
    assert council_run.summary.pages_audited == 15


def test_iframe_content_is_audited(council_run: Run) -> None:
    pay = next(p for p in council_run.pages if _path(p.target.url) == "/pay/")
    assert pay.frames_audited == 2
    in_frame = [f for f in pay.findings() if " >>> " in f.node.selector]
    assert [f.check_id for f in in_frame] == ["axe/label"]


def test_run_records_versions_and_all_four_buckets(council_run: Run) -> None:
    assert council_run.axe_version == "4.14.1"
    assert council_run.browser_version and council_run.browser_version.split(".")[0].isdigit()
    outcomes = {r.outcome for p in council_run.pages for r in p.results}
    assert {Outcome.PASS, Outcome.FAIL, Outcome.INAPPLICABLE} <= outcomes
    assert council_run.score is not None and council_run.score.value is not None
    assert 0 <= council_run.score.value < 100


def test_clean_govuk_pages_give_zero_failures(clean_run: Run) -> None:
    failures = [
        (f.check_id, f.page_url, f.node.selector)
        for f in clean_run.findings()
        if f.outcome is Outcome.FAIL
    ]
    assert failures == []
    assert clean_run.summary.pages_failed_to_load == 0
    assert clean_run.summary.pages_audited >= 8
    assert clean_run.score is not None and clean_run.score.value == 100


def test_max_depth_zero_audits_exactly_the_given_urls(serve_site) -> None:  # type: ignore[no-untyped-def]
    root = serve_site("council")
    run = run_audit([root, root + "bins/"], max_depth=0)
    assert sorted(_path(p.target.url) for p in run.pages) == ["/", "/bins/"]


def test_include_and_exclude_patterns(serve_site) -> None:  # type: ignore[no-untyped-def]
    root = serve_site("council")
    run = run_audit(
        [root], include=[r"^http://[^/]+/(news/.*)?$"], exclude=["archive"], sitemap=False
    )
    paths = sorted(_path(p.target.url) for p in run.pages)
    assert paths == [
        "/",
        "/news/",
        "/news/library-hours.html",
        "/news/new-recycling-centre.html",
        "/news/residents-survey.html",
    ]


def test_no_state_leaks_between_pages(serve_site) -> None:  # type: ignore[no-untyped-def]
    root = serve_site("isolation")
    snapshots: list[Snapshot] = []
    config = AuditConfig(
        urls=[root + "set.html", root + "read.html"], max_depth=0, concurrency=1, settle_ms=100
    )
    asyncio.run(audit(config, load_ruleset("wcag21aa"), on_snapshot=snapshots.append))
    read = next(s for s in snapshots if s.target.url.endswith("read.html"))
    assert '<p id="state">clean</p>' in read.html


class _SlowHandler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        time.sleep(8)
        self.send_response(200)
        self.end_headers()


def test_bad_pages_are_recorded_and_the_run_goes_on(serve_site) -> None:  # type: ignore[no-untyped-def]
    root = serve_site("isolation")
    slow = ThreadingHTTPServer(("127.0.0.1", 0), _SlowHandler)
    slow.daemon_threads = True
    threading.Thread(target=slow.serve_forever, daemon=True).start()
    slow_url = f"http://127.0.0.1:{slow.server_address[1]}/slow"
    with socket.socket() as probe:  # a port nothing listens on once this closes
        probe.bind(("127.0.0.1", 0))
        dead_url = f"http://127.0.0.1:{probe.getsockname()[1]}/"
    try:
        started = time.monotonic()
        run = run_audit(
            [root + "data.txt", dead_url, slow_url, root + "read.html"],
            max_depth=0,
            page_timeout=2,
            concurrency=2,
        )
        elapsed = time.monotonic() - started
    finally:
        slow.shutdown()
        slow.server_close()
    errors = {p.target.url: p.load_error for p in run.pages}
    assert errors[root + "data.txt"] == "not an HTML page (text/plain)"
    assert "ERR_CONNECTION_REFUSED" in (errors[dead_url] or "")
    assert errors[slow_url] == "timed out after 2s"
    assert errors[root + "read.html"] is None
    assert run.summary.pages_audited == 1 and run.summary.pages_failed_to_load == 3
    assert elapsed < 30
