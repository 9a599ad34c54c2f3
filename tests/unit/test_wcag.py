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
    assert len(rows) == 50  # WCAG 2.1 A and AA
    assert "2.5.8" not in rows
    assert rows["1.1.1"].status == "fail"
    assert "axe/image-alt" in rows["1.1.1"].failing
    assert "custom/generic-link-text" in rows["2.4.4"].failing
    assert rows["3.3.4"].status == "none"


def test_coverage_of_a_wcag_2_2_ruleset_lists_its_criteria() -> None:
    ruleset = load_ruleset("wcag22aa")
    rows = {r.criterion: r for r in coverage(ruleset.selected_checks().values(), "2.2")}
    assert len(rows) == 55  # 2.1's 50, less 4.1.1 Parsing, plus six new ones
    assert "4.1.1" not in rows
    assert {"2.4.11", "2.5.7", "2.5.8", "3.2.6", "3.3.7", "3.3.8"} <= set(rows)
    assert rows["2.5.8"].status == "fail"
