"""axe-core's aria-required-attr: a missing state the browser gives a default value (Core-AAM)
is a review item that says so; a missing state without one stays a failure."""

from __future__ import annotations

import pytest

from auditor.checks.aria_defaults import defaulted_states_note
from auditor.checks.axe import build_axe_checks
from auditor.models import Outcome
from auditor.pipeline.evaluate import check_page
from tests.checks.test_axe import _page_with


def _summary(*states: str) -> str:
    noun = "attribute" if len(states) == 1 else "attributes"
    return f"Fix any of the following:\n  Required ARIA {noun} not present: {', '.join(states)}"


@pytest.mark.parametrize(
    ("html", "summary", "expected"),
    [
        ('<div role="checkbox">I agree</div>', _summary("aria-checked"), Outcome.NEEDS_REVIEW),
        (
            '<div aria-label="country" role="combobox">England</div>',
            _summary("aria-expanded"),
            Outcome.NEEDS_REVIEW,
        ),
        ('<div role="heading">Bins</div>', _summary("aria-level"), Outcome.NEEDS_REVIEW),
        (
            '<div role="slider" tabindex="0"></div>',
            _summary("aria-valuenow"),
            Outcome.NEEDS_REVIEW,
        ),
        # collapsed by default, a combobox needs no aria-controls (axe-core waives it too)
        (
            '<div role="combobox">England</div>',
            _summary("aria-expanded", "aria-controls"),
            Outcome.NEEDS_REVIEW,
        ),
        # no default for a scrollbar's aria-controls: still a sure failure
        (
            '<div role="scrollbar"></div>',
            _summary("aria-controls", "aria-valuenow"),
            Outcome.FAIL,
        ),
        # a default belongs to its role: aria-checked is no default for a button
        ('<div role="button">Go</div>', _summary("aria-checked"), Outcome.FAIL),
        ('<div role="spinbutton"></div>', _summary("aria-valuenow"), Outcome.FAIL),
    ],
    ids=[
        "checkbox",
        "combobox",
        "heading",
        "slider",
        "collapsed-combobox",
        "no-default",
        "other-role",
        "spinbutton",
    ],
)
def test_a_missing_state_with_a_browser_default_needs_review(
    html: str, summary: str, expected: Outcome
) -> None:
    checks = build_axe_checks()
    page = _page_with("aria-required-attr", html)
    assert page.axe is not None
    page.axe.violations[0].nodes[0].failure_summary = summary
    (finding,) = check_page([page], [checks["axe/aria-required-attr"]]).findings()
    assert finding.outcome is expected
    if expected is Outcome.NEEDS_REVIEW:
        assert "Core Accessibility API Mappings" in finding.message


def test_other_rules_are_not_touched() -> None:
    note = defaulted_states_note(
        "aria-allowed-attr", '<div role="checkbox">', _summary("aria-checked")
    )
    assert note is None
