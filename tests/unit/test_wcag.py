"""WCAG coverage is derived from check metadata."""

from __future__ import annotations

from auditor.checks import all_checks
from auditor.ruleset import load_ruleset
from auditor.wcag import CRITERIA, coverage


def test_every_a_or_aa_check_covers_a_listed_criterion() -> None:
    for check_id, cls in all_checks().items():
        if cls.meta.level in ("A", "AA"):
            assert set(cls.meta.wcag) & set(CRITERIA), f"{check_id}: {cls.meta.wcag}"


def test_coverage_of_the_default_ruleset() -> None:
    rows = {
        row.criterion: row for row in coverage(load_ruleset("wcag21aa").selected_checks().values())
    }
    assert len(rows) == 52
    assert rows["1.1.1"].status == "fail"
    assert "axe/image-alt" in rows["1.1.1"].failing
    assert "custom/generic-link-text" in rows["2.4.4"].failing
    assert rows["3.3.4"].status == "none"
