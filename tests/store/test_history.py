"""auditor.history over hand-built Runs: the diff of two runs and trend comparability markers."""

from __future__ import annotations

import pytest

from auditor.history import RunRecord, diff_runs, run_record, trend, version_changes
from auditor.models import Impact, Outcome, RulesetRef
from tests.store.runs import SITE, day, finding, make_run, page

BINS, TAX, NEWS = f"{SITE}/bins", f"{SITE}/tax", f"{SITE}/news"


def test_diff_sorts_findings_into_new_fixed_persisting_and_not_rechecked() -> None:
    before = make_run(
        "20260101T090000Z-aaaaaa",
        day(0),
        score=80.0,
        by_category={"wcag-a": 70.0, "wcag-aa": 90.0},
        pages=[
            page(BINS, [finding(BINS, "#stays"), finding(BINS, "#fixed")]),
            page(TAX, [finding(TAX, "#tax")]),
            page(NEWS, [finding(NEWS, "#review", outcome=Outcome.NEEDS_REVIEW)]),
        ],
    )
    after = make_run(
        "20260102T090000Z-bbbbbb",
        day(1),
        score=85.5,
        by_category={"wcag-a": 80.0, "best-practice": 100.0},
        pages=[
            # A class name and a position changed: still the same element, so it persists.
            page(BINS, [finding(BINS, "#stays.new-class:nth-child(3)"), finding(BINS, "#new")]),
            page(NEWS, [finding(NEWS, "#review", outcome=Outcome.NEEDS_REVIEW)]),
            page(f"{SITE}/added", [], load_error=None),
        ],
    )
    diff = diff_runs(before, after)
    assert [c.selector for c in diff.new] == ["#new"]
    assert [c.selector for c in diff.fixed] == ["#fixed"]
    assert [c.selector for c in diff.persisting] == ["#stays.new-class:nth-child(3)"]
    assert [c.selector for c in diff.not_rechecked] == ["#tax"]  # its page was not audited
    assert diff.pages_added == [f"{SITE}/added"]
    assert diff.pages_removed == [TAX]
    scores = {s.category: (s.before, s.after, s.delta) for s in diff.scores}
    assert scores == {
        "overall": (80.0, 85.5, 5.5),
        "wcag-a": (70.0, 80.0, 10.0),
        "wcag-aa": (90.0, None, None),
        "best-practice": (None, 100.0, None),
    }
    assert diff.changes == []
    assert (diff.before, diff.after) == (before.id, after.id)


def test_diff_can_include_review_items_and_counts_repeats() -> None:
    before = make_run("a", day(0), pages=[page(NEWS, [])])
    repeated = [finding(NEWS, f"ul > li:nth-child({n}) > a") for n in (1, 2, 3)]
    review = finding(NEWS, "#review", outcome=Outcome.NEEDS_REVIEW, impact=Impact.MINOR)
    after = make_run("b", day(1), pages=[page(NEWS, [*repeated, review])])
    failures_only = diff_runs(before, after)
    assert [(c.selector, c.count) for c in failures_only.new] == [("ul > li:nth-child(1) > a", 3)]
    with_review = diff_runs(before, after, (Outcome.FAIL, Outcome.NEEDS_REVIEW))
    assert {c.outcome for c in with_review.new} == {Outcome.FAIL, Outcome.NEEDS_REVIEW}


def test_diff_names_version_changes() -> None:
    before = make_run("a", day(0))
    after = make_run("b", day(1), axe_version="4.15.0", ruleset_sha256="b" * 64)
    assert diff_runs(before, after).changes == [
        "axe-core 4.14.1 → 4.15.0",
        f"ruleset wcag21aa {'a' * 12} → wcag21aa {'b' * 12}",
    ]


def _record(n: int, **changes: object) -> RunRecord:
    record = run_record(make_run(f"2026010{n + 1}T090000Z-aaaaaa", day(n), score=90.0 + n))
    return record.model_copy(update=changes)


@pytest.mark.parametrize(
    ("field", "value", "marker"),
    [
        ("tool_version", "0.2.0", "tool 0.1.0 → 0.2.0"),
        ("axe_version", "4.15.0", "axe-core 4.14.1 → 4.15.0"),
        ("browser_version", "Chromium 157", "browser Chromium 156 → Chromium 157"),
        ("score_model_version", "2.0", "score model 1.0 → 2.0"),
        (
            "ruleset",
            RulesetRef(id="wcag21aa", sha256="c" * 64),
            f"ruleset wcag21aa {'a' * 12} → wcag21aa {'c' * 12}",
        ),
        ("axe_version", None, "axe-core 4.14.1 → ?"),
    ],
)
def test_each_version_change_breaks_comparability(field: str, value: object, marker: str) -> None:
    assert version_changes(_record(0), _record(1, **{field: value})) == [marker]


def test_a_change_of_wcag_version_is_named_in_the_trend() -> None:
    after = RulesetRef(id="council-2.2", sha256="d" * 64, wcag_version="2.2")
    assert version_changes(_record(0), _record(1, ruleset=after)) == [
        "WCAG 2.1 → 2.2",
        f"ruleset wcag21aa {'a' * 12} → council-2.2 {'d' * 12}",
    ]


def test_trend_is_oldest_first_with_markers_and_deltas() -> None:
    records = [
        _record(3, axe_version="4.15.0", by_category={"wcag-a": 93.0, "best-practice": 50.0}),
        _record(0, by_category={"wcag-a": 90.0, "wcag-aa": 80.0}, pruned=True),
        _record(2, axe_version="4.15.0"),
        _record(1),
    ]
    result = trend(SITE, records)
    assert [r.record.started_at for r in result.rows] == [day(n) for n in range(4)]
    assert result.categories == ["wcag-a", "wcag-aa", "best-practice"]
    assert [r.changes for r in result.rows] == [[], [], ["axe-core 4.14.1 → 4.15.0"], []]
    assert [r.comparable for r in result.rows] == [True, True, False, True]
    assert [r.delta for r in result.rows] == [None, 1.0, None, 1.0]
    assert result.rows[0].record.pruned
    assert result.model_dump(mode="json")["rows"][2]["comparable"] is False


def test_trend_of_no_runs_is_empty() -> None:
    assert trend(SITE, []).rows == []
