"""axe-core rules as checks: violations fail, except for rules axe-core tags experimental, which
are review items saying why; incomplete results are review items."""

from __future__ import annotations

from datetime import UTC, datetime

from auditor.checks.axe import build_axe_checks
from auditor.models import AxeNode, AxeRuleResult, AxeRun, Outcome, Snapshot, Target
from auditor.runner import check_page

URL = "https://council.gov.uk/"


def _page_with_violations(*rule_ids: str) -> Snapshot:
    violations = [
        AxeRuleResult(id=rule_id, nodes=[AxeNode(target=["p.lead"], html="<p>")])
        for rule_id in rule_ids
    ]
    return Snapshot(
        target=Target(url=URL),
        final_url=URL,
        status=200,
        html="<html lang='en'><p class='lead'>Bins</p></html>",
        axe=AxeRun(engine_version="4.14.1", violations=violations),
        captured_at=datetime(2026, 1, 1, tzinfo=UTC),
    )


def test_experimental_rules_ask_for_review_and_settled_rules_fail() -> None:
    checks = build_axe_checks()
    assert "experimental" in checks["axe/p-as-heading"].meta.tags
    page = check_page(
        [_page_with_violations("p-as-heading", "image-alt")],
        [checks["axe/p-as-heading"], checks["axe/image-alt"]],
    )
    by_check = {f.check_id: f for f in page.findings()}
    assert by_check["axe/image-alt"].outcome is Outcome.FAIL
    experimental = by_check["axe/p-as-heading"]
    assert experimental.outcome is Outcome.NEEDS_REVIEW
    assert "axe-core marks this rule experimental" in experimental.message
