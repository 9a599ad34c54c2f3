"""The LGDSS scorecard: verdicts only from what the site shows, evidence for each, an open score."""

from __future__ import annotations

import pytest

from auditor.lgdss import scorecard
from auditor.models import CheckResult, Impact, Link, Outcome, Run
from tests.conftest import SNAPSHOTS, run_from_snapshots


@pytest.fixture
def run() -> Run:
    return run_from_snapshots(SNAPSHOTS / "council")


def _point(run: Run, number: int):  # type: ignore[no-untyped-def]
    return scorecard(run).points[number - 1]


def test_every_point_appears_in_order(run: Run) -> None:
    assert [p.number for p in scorecard(run).points] == list(range(1, 16))


def test_points_the_website_cannot_show_are_never_passed(run: Run) -> None:
    for number in (1, 2, 3, 15):
        assert _point(run, number).status == "needs self-assessment"


def test_a_privacy_failure_makes_point_6_partly_or_not_met(run: Run) -> None:
    page = run.pages[0]
    page.results.append(
        CheckResult(check_id="privacy/hsts", outcome=Outcome.FAIL, impact=Impact.SERIOUS)
    )
    page.results.append(
        CheckResult(check_id="privacy/mixed-content", outcome=Outcome.PASS, impact=Impact.SERIOUS)
    )
    point = _point(run, 6)
    assert (point.status, point.confidence) == ("partly met", "strong")
    assert any("fails on 1 page" in e.text for e in point.evidence)
    page.results[-1] = page.results[-1].model_copy(update={"outcome": Outcome.FAIL})
    assert _point(run, 6).status == "not met"


def test_point_6_without_privacy_checks_gives_no_verdict(run: Run) -> None:
    assert _point(run, 6).status == "signals only"


def test_links_evidence_proxy_points(run: Run) -> None:
    assert _point(run, 9).status == "not met"
    run.pages[0].links.append(
        Link(url="https://council.test/service-status", selector="a", text="Service status")
    )
    point = _point(run, 9)
    assert (point.status, point.confidence) == ("met", "proxy")
    assert point.evidence[0].url == "https://council.test/service-status"


def test_score_counts_verdicts_weighted_by_confidence(run: Run) -> None:
    card = scorecard(run)
    weights = {"strong": 1.0, "proxy": 0.5}
    values = {"met": 100.0, "partly met": 50.0, "not met": 0.0}
    judged = [
        (weights[p.confidence], values[p.status])
        for p in card.points
        if p.status in values and p.confidence in weights
    ]
    assert judged, "the council snapshots give some verdicts"
    assert card.score == round(sum(w * v for w, v in judged) / sum(w for w, _ in judged), 1)
