"""Privacy checks over gathered facts (headers, cookies, requests, site facts) against the JSON
cases in their fixture folders.

An HTML file cannot carry response headers, cookies or requests, so these checks' folders hold
`*.json` cases beside the `inapplicable.html` the generic fixture test runs:

    {"description": "…",
     "pages": [{"url": "https://…/", "html": "…", "snapshot": {Snapshot fields…}}],
     "site_facts": {SiteFacts…},                       (site checks)
     "expect": [{"url": "https://…/", "outcome": "fail",
                 "fail": ["<label or selector>", …], "review": […]}]}

A page check runs over the one page; a site check over all of them, with the site facts set.
Each finding is named by its node's label, or its selector when it has no label.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from auditor.checks import all_checks, fixture_path
from auditor.checks.base import Check, CheckContext, PageFacts, SiteCheck, SiteContext, outcome_of
from auditor.crawl.links import extract_links
from auditor.models import Finding, Outcome, SiteFacts, Snapshot, Target
from tests.conftest import FIXTURES

PRIVACY = {cid: cls for cid, cls in all_checks().items() if cid.startswith("privacy/")}
MINIMAL_HTML = (
    '<!DOCTYPE html><html lang="en-GB"><head><title>Page</title></head><body></body></html>'
)


def _cases() -> list[tuple[str, Path]]:
    return [
        (cid, case)
        for cid in sorted(PRIVACY)
        for case in sorted((FIXTURES / "checks" / fixture_path(cid)).glob("*.json"))
    ]


def snapshot_of(page: dict[str, Any]) -> Snapshot:
    data = {
        "target": Target(url=page["url"]),
        "final_url": page["url"],
        "status": 200,
        "content_type": "text/html",
        "html": page.get("html", MINIMAL_HTML),
        "captured_at": datetime(2026, 1, 1, tzinfo=UTC),
        **page.get("snapshot", {}),
    }
    return Snapshot.model_validate(data)


def _name(finding: Finding) -> str:
    return finding.node.label or finding.node.selector


def run_case(check_id: str, case: dict[str, Any]) -> dict[str, tuple[Outcome, list[Finding]]]:
    """Each page's outcome and findings, as the runner files them."""
    cls = PRIVACY[check_id]
    snapshots = [snapshot_of(page) for page in case["pages"]]
    if issubclass(cls, SiteCheck):
        check = cls()
        site_facts = None
        if "site_facts" in case:
            site_facts = SiteFacts.model_validate(case["site_facts"])
        facts = [
            PageFacts(
                s.target.url,
                s.final_url,
                s.status,
                s.load_error,
                tuple(extract_links(s.html, s.final_url)),
            )
            for s in snapshots
        ]
        site = SiteContext(tuple(facts), site_facts)
        findings = list(check.evaluate_site(site))
        results = {}
        for fact in facts:
            mine = [f for f in findings if f.page_url == fact.url]
            outcome = outcome_of(mine) if check.applies_to(fact, site) else Outcome.INAPPLICABLE
            results[fact.url] = (outcome, mine)
        return results
    assert issubclass(cls, Check)
    assert len(snapshots) == 1, "a page check's case has one page"
    result = cls().run(CheckContext(snapshots[0]))
    assert result.error is None, result.error
    return {snapshots[0].target.url: (result.outcome, result.findings)}


@pytest.mark.parametrize(
    ("check_id", "case_file"), _cases(), ids=[f"{c}:{f.name}" for c, f in _cases()]
)
def test_fact_case(check_id: str, case_file: Path) -> None:
    case = json.loads(case_file.read_text(encoding="utf-8"))
    results = run_case(check_id, case)
    assert case["expect"], f"{case_file} expects nothing"
    for expected in case["expect"]:
        outcome, findings = results[expected["url"]]
        assert outcome == Outcome(expected["outcome"]), (expected["url"], findings)
        failed = sorted(_name(f) for f in findings if f.outcome is Outcome.FAIL)
        review = sorted(_name(f) for f in findings if f.outcome is Outcome.NEEDS_REVIEW)
        assert failed == sorted(expected.get("fail", [])), "findings that failed"
        assert review == sorted(expected.get("review", [])), "findings that need review"
        fingerprints = [f.fingerprint for f in findings]
        assert len(fingerprints) == len(set(fingerprints)), "each finding has its own fingerprint"


FACT_CHECKS = (
    "privacy/https",
    "privacy/hsts",
    "privacy/mixed-content",
    "privacy/security-headers",
    "privacy/security-txt",
    "privacy/cookies-before-consent",
    "privacy/trackers-before-consent",
)


@pytest.mark.parametrize("check_id", FACT_CHECKS)
def test_fact_checks_have_failing_and_passing_cases(check_id: str) -> None:
    outcomes = set()
    for cid, case_file in _cases():
        if cid == check_id:
            case = json.loads(case_file.read_text(encoding="utf-8"))
            outcomes |= {e["outcome"] for e in case["expect"]}
    assert {"fail", "pass"} <= outcomes, f"{check_id} needs a failing and a passing case"
