"""benchmarks/conformance.py: the ACT and GOV.UK scoring, on small hand-made reports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from benchmarks.conformance import ActCase, earl, load_act_cases, score_act, wcag_failures


def _finding(url: str, check: str, wcag: list[str], outcome: str = "fail") -> dict[str, Any]:
    level = "A" if wcag else None
    return {"url": url, "check_id": check, "wcag": wcag, "outcome": outcome, "level": level}


CASES = [
    ActCase("80af7b", "No keyboard trap", "failed", "f1.html", ("2.1.2",)),
    ActCase("80af7b", "No keyboard trap", "failed", "f2.html", ("2.1.2",)),
    ActCase("80af7b", "No keyboard trap", "passed", "p1.html", ("2.1.2",)),
    ActCase("80af7b", "No keyboard trap", "inapplicable", "i1.html", ("2.1.2",)),
    ActCase("b4f0c3", "Zoom", "passed", "p2.html", ("1.4.4",)),
]


def _url(case: ActCase) -> str:
    return f"http://127.0.0.1/{case.path}"


def test_a_failed_case_is_detected_only_by_a_fail_naming_the_rules_criterion() -> None:
    report = {
        "findings": [
            _finding(_url(CASES[0]), "custom/keyboard-trap", ["2.1.2"]),
            _finding(_url(CASES[1]), "axe/region", ["1.3.1"]),  # another criterion
            _finding(_url(CASES[1]), "custom/keyboard-trap", ["2.1.2"], "needs_review"),
        ]
    }
    score = score_act(CASES, report, _url)
    trap = score.rules[0]
    assert (trap.rule_id, trap.failed, trap.detected) == ("80af7b", 2, 1)
    assert trap.consistency == "partial"
    assert [c["outcome"] for c in score.cases[:2]] == ["detected", "missed"]


def test_a_failed_passed_or_inapplicable_case_makes_the_rule_inconsistent() -> None:
    report = {
        "findings": [
            _finding(_url(CASES[2]), "custom/keyboard-trap", ["2.1.2"]),
            _finding(_url(CASES[3]), "custom/keyboard-trap", ["2.1.2"]),
            _finding(_url(CASES[4]), "custom/zoom-blocked", ["1.4.4"]),
            _finding(_url(CASES[4]), "axe/meta-viewport", ["1.4.4"]),
        ]
    }
    score = score_act(CASES, report, _url)
    trap, zoom = score.rules
    assert (trap.false_positives, trap.inapplicable_failed, trap.consistency) == (
        1,
        1,
        "inconsistent",
    )
    assert score.total("false_positives") == 2
    assert score.false_positives_by_check() == {
        "custom/keyboard-trap": 2,
        "custom/zoom-blocked": 1,
        "axe/meta-viewport": 1,
    }
    assert zoom.consistency == "inconsistent"


def test_a_duplicate_page_carries_the_failures_of_the_page_it_repeats() -> None:
    first, second = _url(CASES[0]), _url(CASES[1])
    report = {
        "findings": [_finding(first, "custom/keyboard-trap", ["2.1.2"])],
        "pages": [{"url": first}, {"url": second, "duplicate_of": first}],
    }
    assert score_act(CASES[:2], report, _url).rules[0].consistency == "complete"


def test_earl_gives_one_assertion_per_case() -> None:
    score = score_act(CASES, {"findings": []}, _url)
    graph = earl(score, "0.1.0")["@graph"]
    assert len(graph) == len(CASES)
    outcomes = [g["assertions"][0]["result"]["outcome"] for g in graph]
    assert outcomes == ["earl:passed"] * len(CASES)  # nothing failed: every case "passed"


def test_only_wcag_a_and_aa_failures_count_on_reference_pages() -> None:
    report = {
        "findings": [
            _finding("u1", "axe/region", ["1.3.1"]),
            _finding("u2", "govuk/phase-banner", []),  # best practice
            _finding("u3", "axe/color-contrast", ["1.4.3"], "needs_review"),
        ]
    }
    assert wcag_failures(report) == {"u1": ["axe/region"]}


def test_cases_come_from_the_index_filtered_by_rule(tmp_path: Path) -> None:
    index = tmp_path / "testcases-index.csv"
    header = "ruleId,expected,path,wcag_conformance,levels,maps_to_A_or_AA,exists,ruleName\n"
    index.write_text(
        header
        + "80af7b,passed,a.html,wcag20:2.1.2,A,True,True,Trap\n"
        + "674b10,passed,b.html,,,False,True,Role\n"
        + "b4f0c3,failed,c.html,wcag20:1.4.4,AA,True,True,Zoom\n",
        "utf-8",
    )
    assert [c.path for c in load_act_cases(tmp_path)] == ["a.html", "c.html"]
    (only,) = load_act_cases(tmp_path, ["b4f0c3"])
    assert only.criteria == ("1.4.4",)
