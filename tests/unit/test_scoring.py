"""The open score (auditor/scoring.py docstring): shares, densities, categories and bands."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from auditor.models import (
    CheckInfo,
    CheckResult,
    Finding,
    Impact,
    Node,
    Outcome,
    PageResult,
    RulesetRef,
    Run,
    ScoreWeights,
    Target,
    fingerprint,
)
from auditor.scoring import MODEL_VERSION, band, check_stats, score
from auditor.store import Store

CATEGORIES = {"wcag-a": 3.0, "wcag-aa": 2.0, "best-practice": 1.0}
WEIGHTS = ScoreWeights()


def info(check_id: str, level: str | None = "A", impact: Impact = Impact.SERIOUS) -> CheckInfo:
    return CheckInfo(
        id=check_id, title=check_id, impact=impact, wcag=[], level=level, help_url="https://x"
    )


def finding(check_id: str, url: str, n: int, outcome: Outcome = Outcome.FAIL) -> Finding:
    selector = f"#el{n}"
    return Finding(
        check_id=check_id,
        outcome=outcome,
        impact=Impact.SERIOUS,
        message="bad",
        page_url=url,
        node=Node(selector=selector),
        fingerprint=fingerprint(check_id, url, selector),
    )


def result(check_id: str, outcome: Outcome, url: str = "", elements: int = 0) -> CheckResult:
    findings = [finding(check_id, url, n) for n in range(elements)]
    return CheckResult(check_id=check_id, outcome=outcome, impact=Impact.SERIOUS, findings=findings)


def page(n: int, *results: CheckResult) -> PageResult:
    url = f"https://council.gov.uk/p{n}"
    return PageResult(target=Target(url=url), final_url=url, status=200, results=list(results))


def test_worked_example() -> None:
    """1 serious check failing on 1 of 4 judged pages, with 2 failing elements there."""
    checks = {"x/a": info("x/a", level="AA")}
    pages = [page(0, result("x/a", Outcome.FAIL, elements=2))]
    pages += [page(n, result("x/a", Outcome.PASS)) for n in (1, 2, 3)]
    (stat,) = check_stats(pages, checks, WEIGHTS)
    share = 1 / 4
    density = min(1.0, 2 / 4 / 5)  # 0.1
    severity = (share + density) / 2  # 0.175
    assert (stat.pages_judged, stat.pages_failed, stat.elements_failed) == (4, 1, 2)
    assert stat.share == 0.25
    assert stat.deduction == pytest.approx(14 * severity) == pytest.approx(2.45)
    result_score = score(pages, checks, WEIGHTS, CATEGORIES)
    assert result_score.by_category["wcag-aa"] == round(100 - 2.45, 1)
    assert result_score.by_category["wcag-aa"] in (97.5, 97.6)
    assert result_score.by_category["wcag-a"] is None
    assert result_score.by_category["best-practice"] is None
    assert result_score.value == result_score.by_category["wcag-aa"]
    assert result_score.model_version == MODEL_VERSION


@pytest.mark.parametrize(
    "unjudged", [Outcome.NEEDS_REVIEW, Outcome.INAPPLICABLE, Outcome.ERROR, Outcome.MANUAL]
)
def test_unjudged_outcomes_do_not_dilute_the_share(unjudged: Outcome) -> None:
    checks = {"x/a": info("x/a")}
    failing = [page(0, result("x/a", Outcome.FAIL, elements=5))]
    others = [page(n, result("x/a", unjudged, elements=1)) for n in (1, 2, 3)]
    (stat,) = check_stats(failing + others, checks, WEIGHTS)
    assert (stat.pages_judged, stat.pages_failed) == (1, 1)
    assert stat.deduction == pytest.approx(14.0)  # share 1, density 1


@pytest.mark.parametrize(
    "unjudged", [Outcome.NEEDS_REVIEW, Outcome.INAPPLICABLE, Outcome.ERROR, Outcome.MANUAL]
)
def test_category_with_no_judged_checks_is_none(unjudged: Outcome) -> None:
    checks = {"x/a": info("x/a", level="A"), "x/b": info("x/b", level=None)}
    pages = [page(0, result("x/a", unjudged), result("x/b", Outcome.PASS))]
    result_score = score(pages, checks, WEIGHTS, CATEGORIES)
    assert result_score.by_category == {"wcag-a": None, "wcag-aa": None, "best-practice": 100.0}
    assert result_score.value == 100.0


def test_nothing_judged_gives_no_score() -> None:
    checks = {"x/a": info("x/a")}
    result_score = score(
        [page(0, result("x/a", Outcome.INAPPLICABLE))], checks, WEIGHTS, CATEGORIES
    )
    assert result_score.value is None
    assert result_score.band is None


def test_passing_checks_deduct_nothing() -> None:
    checks = {"x/a": info("x/a")}
    (stat,) = check_stats([page(0, result("x/a", Outcome.PASS))], checks, WEIGHTS)
    assert stat.deduction == 0
    assert score([page(0, result("x/a", Outcome.PASS))], checks, WEIGHTS, CATEGORIES).value == 100


def test_fail_without_findings_counts_one_element() -> None:
    checks = {"x/a": info("x/a", impact=Impact.MINOR)}
    (stat,) = check_stats([page(0, result("x/a", Outcome.FAIL))], checks, WEIGHTS)
    assert stat.elements_failed == 1
    assert stat.deduction == pytest.approx(2 * (1 + 1 / 5) / 2)


def test_review_findings_inside_a_fail_are_not_failing_elements() -> None:
    checks = {"x/a": info("x/a")}
    mixed = CheckResult(
        check_id="x/a",
        outcome=Outcome.FAIL,
        impact=Impact.SERIOUS,
        findings=[finding("x/a", "u", 0), finding("x/a", "u", 1, Outcome.NEEDS_REVIEW)],
    )
    (stat,) = check_stats([page(0, mixed)], checks, WEIGHTS)
    assert stat.elements_failed == 1


def test_density_is_capped_at_one() -> None:
    checks = {"x/a": info("x/a", impact=Impact.CRITICAL)}
    (stat,) = check_stats([page(0, result("x/a", Outcome.FAIL, elements=50))], checks, WEIGHTS)
    assert stat.deduction == pytest.approx(20.0)


def test_category_floor_is_zero() -> None:
    checks = {f"x/{i}": info(f"x/{i}", impact=Impact.CRITICAL) for i in range(8)}
    pages = [page(0, *(result(cid, Outcome.FAIL, elements=10) for cid in checks))]
    assert score(pages, checks, WEIGHTS, CATEGORIES).by_category["wcag-a"] == 0.0


def test_impact_weights_and_overrides() -> None:
    checks = {
        "x/a": info("x/a", impact=Impact.MODERATE),
        "x/b": info("x/b", impact=Impact.MODERATE),
    }
    weights = ScoreWeights(overrides={"x/b": 1.0})
    pages = [
        page(0, result("x/a", Outcome.FAIL, elements=5), result("x/b", Outcome.FAIL, elements=5))
    ]
    stats = {s.check_id: s for s in check_stats(pages, checks, weights)}
    assert stats["x/a"].deduction == pytest.approx(6.0)
    assert stats["x/b"].deduction == pytest.approx(1.0)
    assert [s.check_id for s in check_stats(pages, checks, weights)] == ["x/a", "x/b"]


def test_checks_not_in_the_run_are_ignored() -> None:
    pages = [page(0, result("x/unknown", Outcome.FAIL, elements=3))]
    assert check_stats(pages, {}, WEIGHTS) == []


@pytest.mark.parametrize(
    ("level", "category"),
    [("A", "wcag-a"), ("AA", "wcag-aa"), ("AAA", "best-practice"), (None, "best-practice")],
)
def test_category_follows_level(level: str | None, category: str) -> None:
    (stat,) = check_stats(
        [page(0, result("x/a", Outcome.PASS))], {"x/a": info("x/a", level)}, WEIGHTS
    )
    assert stat.category == category


def test_overall_is_category_weighted_mean() -> None:
    checks = {
        "x/a": info("x/a", level="A", impact=Impact.CRITICAL),  # wcag-a: 100 - 20 = 80
        "x/b": info("x/b", level=None, impact=Impact.MODERATE),  # best-practice: 100 - 6 = 94
    }
    pages = [
        page(0, result("x/a", Outcome.FAIL, elements=5), result("x/b", Outcome.FAIL, elements=5))
    ]
    result_score = score(pages, checks, WEIGHTS, CATEGORIES)
    assert result_score.by_category == {"wcag-a": 80.0, "wcag-aa": None, "best-practice": 94.0}
    assert result_score.value == round((3 * 80 + 1 * 94) / 4, 1)  # 83.5; wcag-aa left out
    assert result_score.band == "great"


@pytest.mark.parametrize(
    ("value", "name"),
    [
        (0, "very poor"),
        (29.9, "very poor"),
        (30, "poor"),
        (49.9, "poor"),
        (50, "fair"),
        (59.9, "fair"),
        (60, "good"),
        (79.9, "good"),
        (80, "great"),
        (89.9, "great"),
        (90, "excellent"),
        (100, "excellent"),
        (None, None),
    ],
)
def test_bands(value: float | None, name: str | None) -> None:
    assert band(value) == name


def test_stored_run_score_is_recomputable(tmp_path: Path) -> None:
    checks = [info("x/a", "A"), info("x/b", "AA", Impact.MINOR), info("x/c", None, Impact.CRITICAL)]
    pages = [
        page(0, result("x/a", Outcome.FAIL, elements=3), result("x/b", Outcome.PASS)),
        page(1, result("x/a", Outcome.PASS), result("x/b", Outcome.FAIL, elements=1)),
        page(2, result("x/c", Outcome.FAIL, elements=2), result("x/b", Outcome.NEEDS_REVIEW)),
    ]
    by_id = {c.id: c for c in checks}
    categories = {"wcag-a": 3.0, "wcag-aa": 2.0, "best-practice": 1.0}
    weights = ScoreWeights(overrides={"x/c": 5.0})
    run = Run(
        id="20260101T000000Z-abcdef",
        site="https://council.gov.uk",
        seeds=["https://council.gov.uk/"],
        started_at=datetime(2026, 1, 1, tzinfo=UTC),
        finished_at=datetime(2026, 1, 1, 0, 5, tzinfo=UTC),
        tool_version="0",
        axe_version="4.14.1",
        browser_version=None,
        ruleset=RulesetRef(id="wcag21aa", sha256="0" * 64),
        score_model_version=MODEL_VERSION,
        score_weights=weights,
        category_weights=categories,
        config={},
        checks=checks,
        pages=pages,
        score=score(pages, by_id, weights, categories),
    )
    with Store(tmp_path / "h.sqlite") as store:
        store.save(run)
        stored = store.load(run.id)
    again = score(
        stored.pages,
        {c.id: c for c in stored.checks},
        stored.score_weights,
        stored.category_weights,
    )
    assert stored.score is not None
    assert stored.score.value is not None
    assert again == stored.score


def test_a_level_a_failure_counts_in_wcag_a_whatever_category_it_scores_in() -> None:
    checks = {
        "forms/label": info("forms/label", level="A", impact=Impact.CRITICAL),
        "custom/zoom-blocked": info("custom/zoom-blocked", level="AA", impact=Impact.CRITICAL),
    }
    pages = [
        page(
            0,
            result("forms/label", Outcome.FAIL, elements=5),
            result("custom/zoom-blocked", Outcome.FAIL, elements=5),
        )
    ]
    weights = {**CATEGORIES, "forms-journeys": 2.0, "mobile-keyboard": 2.0}
    by_category = score(pages, checks, WEIGHTS, weights).by_category
    assert by_category["forms-journeys"] == 80.0
    assert by_category["wcag-a"] == 80.0  # the same 20 points, seen by conformance
    assert by_category["mobile-keyboard"] == 80.0
    assert by_category["wcag-aa"] == 80.0
    assert by_category["best-practice"] is None


def _demo_site(repaired: bool) -> tuple[list[PageResult], dict[str, CheckInfo]]:
    """docs/scoring.md, "a site that fails level A on every page": (check, level, impact,
    elements failing on each of the 5 pages)."""
    failing = {
        "axe/image-alt": ("A", Impact.CRITICAL, [5] * 5),
        "axe/label": ("A", Impact.CRITICAL, [3] * 5),
        "axe/link-name": ("A", Impact.SERIOUS, [5] * 5),
        "axe/button-name": ("A", Impact.CRITICAL, [2] * 5),
        "axe/html-has-lang": ("A", Impact.SERIOUS, [1] * 5),
        "axe/color-contrast": ("AA", Impact.SERIOUS, [3, 3, 3, 3, 0]),
        "custom/broken-link": (None, Impact.SERIOUS, [1, 0, 0, 0, 0]),
        "custom/keyboard-trap": ("A", Impact.CRITICAL, [0] * 5),
    }
    checks = {
        cid: info(cid, level=level, impact=impact) for cid, (level, impact, _) in failing.items()
    }
    pages = []
    for n in range(5):
        results = []
        for cid, (_, _, counts) in failing.items():
            bad = counts[n] and not repaired
            results.append(
                result(cid, Outcome.FAIL if bad else Outcome.PASS, elements=counts[n] if bad else 0)
            )
        pages.append(page(n, *results))
    return pages, checks


def test_a_site_failing_level_a_everywhere_is_poor() -> None:
    pages, checks = _demo_site(repaired=False)
    weights = {**CATEGORIES, "mobile-keyboard": 2.0}
    result_score = score(pages, checks, WEIGHTS, weights)
    assert result_score.by_category == {
        "wcag-a": 27.6,
        "wcag-aa": 91.0,
        "best-practice": 98.3,
        "mobile-keyboard": 100.0,
    }
    mean = (3 * 27.6 + 2 * 91.0 + 1 * 98.3 + 2 * 100.0) / 8
    assert round(mean, 1) == 70.4  # what a plain weighted mean ("good") would say
    assert result_score.value == 37.6  # capped at WCAG A + 10
    assert result_score.band == "poor"


def test_its_repaired_twin_is_excellent_and_uncapped() -> None:
    pages, checks = _demo_site(repaired=True)
    result_score = score(pages, checks, WEIGHTS, {**CATEGORIES, "mobile-keyboard": 2.0})
    assert result_score.value == 100.0
    assert result_score.band == "excellent"
