"""statement/wcag-version on the fixture council's recorded statement (it names WCAG 2.1):
asked about under a WCAG 2.2 ruleset, passed under 2.1."""

from __future__ import annotations

import pytest

from auditor.models import Outcome, Snapshot
from auditor.pipeline.evaluate import check_page
from auditor.ruleset import load_ruleset
from tests.conftest import FIXTURES

STATEMENT = FIXTURES / "snapshots" / "council" / "accessibility-statement@desktop.json"


@pytest.mark.parametrize(
    ("ruleset", "expected"),
    [("council", Outcome.PASS), ("council-2.2", Outcome.NEEDS_REVIEW)],
)
def test_a_statement_of_wcag_2_1_is_asked_about_under_2_2(ruleset: str, expected: Outcome) -> None:
    rules = load_ruleset(ruleset)
    snapshot = Snapshot.model_validate_json(STATEMENT.read_text(encoding="utf-8"))
    checks = [c for c in rules.selected_checks().values() if not c.site_level]
    page = check_page([snapshot], checks, rules.wcag_version)
    (result,) = [r for r in page.results if r.check_id == "statement/wcag-version"]
    assert result.outcome is expected
    if expected is Outcome.NEEDS_REVIEW:
        (finding,) = result.findings
        assert "version 2.1 AA standard" in finding.message
        assert "this audit used WCAG 2.2" in finding.message
