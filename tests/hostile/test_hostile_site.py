"""`auditor audit` against the hostile site (tests/hostile/site.py), as a user would run it: every
hostile page becomes a recorded error (or, when merely big, an audited page) within its time
budget, the run finishes, nothing outside the scope is requested, and the reports, the
terminal output and the history database come out intact."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from auditor.reporting import REPORTERS
from tests.conftest import SNAPSHOTS, run_from_snapshots
from tests.hostile.injection import (
    assert_csv_defused,
    assert_html_inert,
    assert_markdown_inert,
    assert_terminal_safe,
    assert_xml_well_formed,
)
from tests.hostile.site import EITHER, EXPECTED, HostileSite

pytestmark = pytest.mark.browser

PAGE_TIMEOUT = 3
# The whole run: 20 pages two at a time, most failing in PAGE_TIMEOUT; far below the sum of the
# per-page budgets (each page_timeout x 2 + axe-core's 60 s + 30 s).
RUN_BUDGET_S = 150
FORMATS = ["html", "json", "junit", "sarif", "markdown", "github", "findings-csv", "pages-csv"]


@dataclass
class Audit:
    site: HostileSite
    result: subprocess.CompletedProcess[str]
    seconds: float
    out: Path
    db: Path
    report: dict[str, Any]

    def page(self, path: str) -> dict[str, Any]:
        return next(p for p in self.report["pages"] if urlsplit(p["url"]).path == path)


@pytest.fixture(scope="module")
def hostile_audit(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Audit]:
    tmp = tmp_path_factory.mktemp("hostile")
    out, db = tmp / "out", tmp / "h.sqlite"
    env = {**os.environ, "AUDITOR_SETTLE_MS": "300"}
    with HostileSite() as site:
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "auditor", "audit", site.url, "--viewport", "desktop"]
            + ["--page-timeout", str(PAGE_TIMEOUT), "--retries", "0"]
            + ["--max-pages", "40", "--out", str(out), "--db", str(db)]
            + [arg for f in FORMATS for arg in ("--format", f)],
            capture_output=True,
            text=True,
            timeout=RUN_BUDGET_S + 60,
            env=env,
            check=False,
        )
        seconds = time.monotonic() - started
        report = json.loads((out / "report.json").read_text("utf-8")) if out.exists() else {}
        yield Audit(site, result, seconds, out, db, report)


def test_the_run_finishes_within_its_budget(hostile_audit: Audit) -> None:
    assert hostile_audit.result.returncode == 0, hostile_audit.result.stderr[-3000:]
    assert hostile_audit.seconds < RUN_BUDGET_S
    assert "Traceback" not in hostile_audit.result.stderr


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_each_hostile_page_is_recorded(hostile_audit: Audit, path: str) -> None:
    page = hostile_audit.page(path)
    if path in EITHER:
        return  # audited or a recorded error: either is right, being there is the point
    if EXPECTED[path] == "error":
        assert page["load_error"], f"{path} should be a recorded page error"
    else:
        assert page["load_error"] is None, page["load_error"]


def test_the_errors_say_what_happened(hostile_audit: Audit) -> None:
    def error(path: str) -> str:
        return str(hostile_audit.page(path)["load_error"])

    for path in ("/never-finishes", "/busy-loop"):
        assert "timed out" in error(path)
    # 100,000 elements: counted once loaded, or, when parsing them outlasts the page timeout
    # on a loaded machine, reported as the timeout it was.
    huge = error("/huge-dom")
    assert "too large to audit: 100,0" in huge or huge == f"timed out after {PAGE_TIMEOUT}s", huge
    # Twenty redirects: Chromium gives up, or on a loaded machine the page timeout comes first.
    endless = error("/redirect-forever/1")
    assert "ERR_TOO_MANY_REDIRECTS" in endless or endless == f"timed out after {PAGE_TIMEOUT}s"
    assert "download" in error("/download")
    for path in (
        "/redirect-other-port",
        "/redirect-other-host",
        "/redirect-internal",
        "/script-navigates-out",
        "/meta-refresh-out",
    ):
        assert "outside the audit's scope" in error(path), path


def test_nothing_outside_the_scope_was_requested(hostile_audit: Audit) -> None:
    site = hostile_audit.site
    assert site.decoy_requests == [], "another port on 127.0.0.1 was fetched"
    assert site.hosts() == {site.host}, "another host name for this server was fetched"
    assert not any(p.startswith(("/stolen", "/redirected")) for p in site.paths())
    for page in hostile_audit.report["pages"]:
        assert page["url"].startswith(site.url), page["url"]
    handed_off = {link["url"] for link in hostile_audit.report["external_links"]}
    for name, url in site.out_of_scope_links().items():
        if url.startswith("http"):
            assert urlsplit(url).hostname in {urlsplit(u).hostname for u in handed_off}, name
        else:  # file:, data: and javascript: are neither crawled nor listed
            assert not any(u.startswith(url.split(":")[0]) for u in handed_off), name


def test_the_reports_of_the_hostile_run_are_inert(hostile_audit: Audit) -> None:
    out = hostile_audit.out
    title = hostile_audit.page("/injection")["title"]
    assert "<script>window.__pwned=1" in title, "the page's text reached the run as text"
    benign = REPORTERS["html"].render(run_from_snapshots(SNAPSHOTS / "council"))
    assert_html_inert((out / "report.html").read_text("utf-8"), benign, twin=False)
    assert_xml_well_formed((out / "report.junit.xml").read_text("utf-8"))
    json.loads((out / "report.sarif").read_text("utf-8"))
    assert_markdown_inert((out / "report.md").read_text("utf-8"))
    for name in ("findings", "pages"):
        assert_csv_defused((out / f"report-{name}.csv").read_text("utf-8"))
    github = (out / "report.txt").read_text("utf-8")
    assert all(line.startswith("::") for line in github.splitlines())
    assert_terminal_safe(hostile_audit.result.stderr.replace("\n", ""))


def test_the_history_database_is_intact(hostile_audit: Audit) -> None:
    with sqlite3.connect(hostile_audit.db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT status FROM crawls").fetchall() == [("complete",)]
        assert conn.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 1
