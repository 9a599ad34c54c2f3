"""The open score: documented in docs/scoring.md, recomputable from a run's stored results.

Each category starts at 100. Every check that failed somewhere takes off up to its impact's weight,
scaled by how bad it is across the pages where it could be judged:

    share     = pages failing / pages judged (pass or fail)
    density   = min(1, failing elements per judged page / WORST_PER_PAGE)
    severity  = (share + density) / 2
    deduction = weight[impact] × severity

Needs-review, inapplicable, manual and error results are not judged: they neither pass nor fail,
so they never dilute the share. A check of WCAG level A or AA also deducts in that level's
category (`wcag-a`, `wcag-aa`) when it scores in another one (a keyboard trap, a form without
labels), so the conformance categories see every failure of their level. The overall score is
the category scores' weighted mean, capped by conformance: never more than CONFORMANCE_CAPS
points above the WCAG A or WCAG AA score, so a failing level A cannot be averaged away.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from auditor.categories import DEFAULT_WEIGHTS, category_for
from auditor.models import (
    CheckInfo,
    DocumentResult,
    Impact,
    Outcome,
    PageResult,
    Score,
    ScoreWeights,
)

MODEL_VERSION = "3.0"
WORST_PER_PAGE = 5.0
# The overall score is at most the category's score plus this many points.
CONFORMANCE_CAPS: dict[str, float] = {"wcag-a": 10.0, "wcag-aa": 20.0}
LEVEL_CATEGORIES: dict[str, str] = {"A": "wcag-a", "AA": "wcag-aa"}
BANDS = (
    (90, "excellent"),
    (80, "great"),
    (60, "good"),
    (50, "fair"),
    (30, "poor"),
    (0, "very poor"),
)


def band(value: float | None) -> str | None:
    if value is None:
        return None
    return next(name for floor, name in BANDS if value >= floor)


@dataclass(frozen=True)
class CheckStat:
    """How one check fared across the pages it could judge."""

    check_id: str
    category: str
    impact: Impact
    pages_judged: int
    pages_failed: int
    elements_failed: int
    deduction: float
    conformance: str | None = None  # the WCAG level's category, when not `category` itself

    def counts_in(self, category: str) -> bool:
        return category in (self.category, self.conformance)

    @property
    def share(self) -> float:
        return self.pages_failed / self.pages_judged if self.pages_judged else 0.0


def impact_weight(weights: ScoreWeights, check_id: str, impact: Impact) -> float:
    if check_id in weights.overrides:
        return weights.overrides[check_id]
    return float(getattr(weights, impact.value))


def check_stats(
    pages: Iterable[PageResult], checks: Mapping[str, CheckInfo], weights: ScoreWeights
) -> list[CheckStat]:
    """One CheckStat per check judged on at least one page, sorted by deduction, largest first."""
    judged: dict[str, int] = {}
    failed: dict[str, int] = {}
    elements: dict[str, int] = {}
    for page in pages:
        for result in page.results:
            if result.outcome not in (Outcome.PASS, Outcome.FAIL):
                continue
            judged[result.check_id] = judged.get(result.check_id, 0) + 1
            if result.outcome is Outcome.FAIL:
                failed[result.check_id] = failed.get(result.check_id, 0) + 1
                count = sum(1 for f in result.findings if f.outcome is Outcome.FAIL)
                elements[result.check_id] = elements.get(result.check_id, 0) + max(count, 1)
    stats = []
    for check_id, n_judged in judged.items():
        info = checks.get(check_id)
        if info is None:
            continue
        n_failed = failed.get(check_id, 0)
        share = n_failed / n_judged
        density = min(1.0, elements.get(check_id, 0) / n_judged / WORST_PER_PAGE)
        severity = (share + density) / 2 if n_failed else 0.0
        deduction = impact_weight(weights, check_id, info.impact) * severity
        category = category_of_info(info)
        conformance = LEVEL_CATEGORIES.get(info.level or "")
        stats.append(
            CheckStat(
                check_id,
                category,
                info.impact,
                n_judged,
                n_failed,
                elements.get(check_id, 0),
                round(deduction, 4),
                conformance if conformance != category else None,
            )
        )
    return sorted(stats, key=lambda s: (-s.deduction, s.check_id))


def category_of_info(info: CheckInfo) -> str:
    """The check's stored category; runs from before score model 2.0 stored none."""
    return info.category or category_for(info.id, info.level)


def score(
    pages: Iterable[PageResult],
    checks: Mapping[str, CheckInfo],
    weights: ScoreWeights,
    categories: Mapping[str, float],
) -> Score:
    """The score of a set of pages (one page for a page score, all of them for the site)."""
    stats = check_stats(pages, checks, weights)
    # A category the ruleset does not weigh still scores, at its default weight.
    categories = {
        **categories,
        **{
            s.category: DEFAULT_WEIGHTS.get(s.category, 1.0)
            for s in stats
            if s.category not in categories
        },
    }
    for s in stats:  # a level's category scores whenever a check of that level is judged
        if s.conformance and s.conformance not in categories:
            categories[s.conformance] = DEFAULT_WEIGHTS.get(s.conformance, 1.0)
    by_category: dict[str, float | None] = {}
    for category in categories:
        in_category = [s for s in stats if s.counts_in(category)]
        if not in_category:
            by_category[category] = None
            continue
        by_category[category] = round(max(0.0, 100.0 - sum(s.deduction for s in in_category)), 1)
    value = overall(by_category, categories)
    return Score(
        value=value, band=band(value), by_category=by_category, model_version=MODEL_VERSION
    )


def overall(by_category: Mapping[str, float | None], weights: Mapping[str, float]) -> float | None:
    """The weighted mean of the scored categories, capped by conformance: at most
    CONFORMANCE_CAPS[c] points above category c's score (WCAG A, WCAG AA)."""
    weighted = [(weights.get(c, 1.0), v) for c, v in by_category.items() if v is not None]
    total_weight = sum(w for w, _ in weighted)
    if not total_weight:
        return None
    mean = sum(w * v for w, v in weighted) / total_weight
    caps = [
        v + CONFORMANCE_CAPS[c]
        for c, v in by_category.items()
        if c in CONFORMANCE_CAPS and v is not None
    ]
    return round(min([mean, *caps]), 1)


def document_score(
    documents: Iterable[DocumentResult], weights: ScoreWeights | None = None
) -> float | None:
    """0-100 over the run's documents alone, never mixed into the page score (docs/scoring.md,
    "Documents"): the impact-weighted share of document judgements that pass. Each document
    check judged on a document (pass or fail) counts once at its impact's weight; needs review,
    inapplicable and error results are not judged. None when nothing was judged."""
    weights = weights or ScoreWeights()
    judged = passed = 0.0
    for document in documents:
        for result in document.results:
            if result.outcome not in (Outcome.PASS, Outcome.FAIL):
                continue
            weight = impact_weight(weights, result.check_id, result.impact)
            judged += weight
            if result.outcome is Outcome.PASS:
                passed += weight
    return round(100 * passed / judged, 1) if judged else None


def with_categories(
    base: Score | None, extra: Mapping[str, float | None], categories: Mapping[str, float]
) -> Score | None:
    """The site score with categories scored outside the pages (documents against their own
    volume, the LGDSS scorecard) added, and the overall mean taken again over all of them."""
    by_category = dict(base.by_category) if base else {}
    by_category.update({name: value for name, value in extra.items() if value is not None})
    for name in extra:
        by_category.setdefault(name, None)
    weights = {**DEFAULT_WEIGHTS, **categories}
    value = overall(by_category, weights)
    if value is None:
        return base
    return Score(
        value=value, band=band(value), by_category=by_category, model_version=MODEL_VERSION
    )
