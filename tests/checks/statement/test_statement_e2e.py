"""The statement checks in real audits of the fixture council sites, with the council ruleset:
every seeded statement fault found on the bad site, no statement check failing on the good one."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from datetime import date
from urllib.parse import urlsplit

import httpx
import pytest

from auditor.models import Outcome, Run
from auditor.web.static_site import StaticSite
from tests.conftest import SITES, run_audit

DEFECTS = tomllib.loads((SITES / "council/defects-statement.toml").read_text(encoding="utf-8"))[
    "defect"
]


def _path(url: str) -> str:
    return urlsplit(url).path


def _statement_failures(run: Run) -> list[tuple[str, str, str]]:
    return [
        (f.check_id, _path(f.page_url), f.node.selector)
        for f in run.findings()
        if f.outcome is Outcome.FAIL and f.check_id.startswith("statement/")
    ]


@pytest.fixture(scope="module")
def council_run() -> Iterator[Run]:
    with StaticSite(SITES / "council") as site:
        yield run_audit([site.url], ruleset="council", concurrency=2)


@pytest.fixture(scope="module")
def clean_run() -> Iterator[Run]:
    with StaticSite(SITES / "council-clean") as site:
        yield run_audit([site.url], ruleset="council", concurrency=2)


@pytest.mark.browser
@pytest.mark.parametrize("defect", DEFECTS, ids=[d["id"] for d in DEFECTS])
def test_every_seeded_statement_fault_is_found(council_run: Run, defect: dict[str, str]) -> None:
    assert any(
        check == defect["check"]
        and path == defect["path"]
        and selector.endswith(defect.get("selector", ""))
        for check, path, selector in _statement_failures(council_run)
    ), defect["id"]


@pytest.mark.browser
def test_no_statement_failure_beyond_the_seeded_ones(council_run: Run) -> None:
    seeded = {(d["check"], d["path"]) for d in DEFECTS}
    unexpected = [f for f in _statement_failures(council_run) if f[:2] not in seeded]
    assert unexpected == []
    statement_checks = {
        r.check_id: r.outcome
        for p in council_run.pages
        if _path(p.target.url) == "/"
        for r in p.results
        if r.check_id.startswith("statement/")
    }
    assert statement_checks["statement/exists"] is Outcome.PASS
    assert statement_checks["statement/linked"] is Outcome.PASS


@pytest.mark.browser
def test_the_model_statement_passes_every_statement_check(clean_run: Run) -> None:
    assert _statement_failures(clean_run) == []
    page = next(p for p in clean_run.pages if _path(p.target.url) == "/accessibility-statement/")
    outcomes = {r.check_id: r.outcome for r in page.results if r.check_id.startswith("statement/")}
    assert outcomes == {
        "statement/commitment": Outcome.PASS,
        "statement/compliance-contradicted": Outcome.PASS,
        "statement/compliance-status": Outcome.PASS,
        "statement/enforcement": Outcome.PASS,
        "statement/exists": Outcome.INAPPLICABLE,
        "statement/feedback-contact": Outcome.PASS,
        "statement/fix-dates": Outcome.PASS,
        "statement/linked": Outcome.INAPPLICABLE,
        "statement/non-accessible-content": Outcome.PASS,
        "statement/review-date": Outcome.PASS,
        "statement/title": Outcome.PASS,
        "statement/wcag-version": Outcome.PASS,
    }


def test_served_pages_carry_todays_date() -> None:
    """The good twin's review date is {{TODAY}}, filled in when served, so it never ages."""
    with StaticSite(SITES / "council-clean") as site:
        page = httpx.get(site.url + "accessibility-statement/").text
        moved = httpx.get(site.url + "accessibility-statement")
    today = date.today()
    assert f"last reviewed on {today.day} {today:%B %Y}." in page
    assert f"by 31 March {today.year + 1}." in page
    assert "{{" not in page
    assert moved.status_code == 301, "a folder without its slash still redirects"
