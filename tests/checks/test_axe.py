"""axe-core rules as checks: violations fail, except for rules axe-core tags experimental, which
are review items saying why; incomplete results are review items."""

from __future__ import annotations

from datetime import UTC, datetime

from auditor.checks.axe import build_axe_checks
from auditor.models import AxeNode, AxeRuleResult, AxeRun, Outcome, Snapshot, Target
from auditor.pipeline.evaluate import check_page

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


def _page_with(rule_id: str, html: str) -> Snapshot:
    page = _page_with_violations(rule_id)
    assert page.axe is not None
    page.axe.violations[0].nodes[0].html = html
    return page


def test_a_known_design_system_pattern_is_a_review_item_that_names_it() -> None:
    checks = build_axe_checks()
    radio = (
        '<input class="govuk-radios__input" id="how" name="how" type="radio" value="email" '
        'aria-controls="conditional-how" aria-expanded="false">'
    )
    page = check_page([_page_with("aria-allowed-attr", radio)], [checks["axe/aria-allowed-attr"]])
    (finding,) = page.findings()
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert "GOV.UK Frontend's conditionally revealing radios" in finding.message
    assert "design-system.service.gov.uk/components/radios" in finding.message


def test_the_same_rule_on_other_markup_still_fails() -> None:
    checks = build_axe_checks()
    button = '<button class="govuk-button" aria-checked="true">Continue</button>'
    page = check_page([_page_with("aria-allowed-attr", button)], [checks["axe/aria-allowed-attr"]])
    assert [f.outcome for f in page.findings()] == [Outcome.FAIL]
