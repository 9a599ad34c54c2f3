"""Finding identity: fingerprints stable across runs, selectors without positional parts."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from auditor.models import (
    CheckResult,
    Finding,
    Impact,
    JourneyResult,
    JourneyStep,
    Node,
    Outcome,
    PageResult,
    RulesetRef,
    Run,
    Target,
    fingerprint,
    journey_problems,
    normalise_selector,
)


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("#main > ul > li:nth-child(3) > a", "#main > ul > li > a"),
        ("div:nth-of-type(12) p", "div p"),
        ("  #a   >  b  ", "#a > b"),
        ("#skip", "#skip"),
        ("li:nth-last-child(2)", "li"),
        ("", ""),
    ],
)
def test_normalise_selector(selector: str, expected: str) -> None:
    assert normalise_selector(selector) == expected


def test_fingerprint_shape_and_stability() -> None:
    value = fingerprint("axe/image-alt", "https://a.gov.uk/", "#logo")
    assert re.fullmatch(r"[0-9a-f]{32}", value)
    assert value == fingerprint("axe/image-alt", "https://a.gov.uk/", "#logo")


def test_fingerprint_survives_sibling_insertion() -> None:
    before = fingerprint("axe/link-name", "https://a.gov.uk/", "nav > a:nth-of-type(2)")
    after = fingerprint("axe/link-name", "https://a.gov.uk/", "nav > a:nth-of-type(3)")
    assert before == after


@pytest.mark.parametrize(
    ("check_id", "url", "selector"),
    [
        ("axe/link-name", "https://a.gov.uk/", "#logo"),
        ("axe/image-alt", "https://a.gov.uk/other", "#logo"),
        ("axe/image-alt", "https://a.gov.uk/", "#banner"),
    ],
)
def test_fingerprint_distinguishes_check_page_and_element(
    check_id: str, url: str, selector: str
) -> None:
    assert fingerprint(check_id, url, selector) != fingerprint(
        "axe/image-alt", "https://a.gov.uk/", "#logo"
    )


def test_fingerprint_fields_do_not_run_together() -> None:
    assert fingerprint("a", "bc", "d") != fingerprint("ab", "c", "d")


def test_run_findings_include_page_and_site_results() -> None:
    def found(check_id: str, url: str) -> Finding:
        return Finding(
            check_id=check_id,
            outcome=Outcome.FAIL,
            impact=Impact.MINOR,
            message="m",
            page_url=url,
            fingerprint=fingerprint(check_id, url, ""),
        )

    url = "https://a.gov.uk/"
    page_finding, site_finding = found("axe/x", url), found("custom/broken-link", url)
    page = PageResult(
        target=Target(url=url),
        final_url=url,
        results=[
            CheckResult(
                check_id="axe/x", outcome=Outcome.FAIL, impact=Impact.MINOR, findings=[page_finding]
            )
        ],
    )
    run = Run(
        id="r",
        site=url,
        seeds=[url],
        started_at=datetime(2026, 1, 1, tzinfo=UTC),
        finished_at=datetime(2026, 1, 1, tzinfo=UTC),
        tool_version="0",
        axe_version=None,
        browser_version=None,
        ruleset=RulesetRef(id="wcag21aa", sha256=""),
        score_model_version="1.0",
        config={},
        pages=[page],
        site_results=[
            CheckResult(
                check_id="custom/broken-link",
                outcome=Outcome.FAIL,
                impact=Impact.MINOR,
                findings=[site_finding],
            )
        ],
    )
    assert page.findings() == [page_finding]
    assert run.findings() == [page_finding, site_finding]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # a class name added
        (
            ("#main > img.logo", '<img class="logo" src="/l.png">'),
            ("#main > img.logo.large", '<img class="logo large" src="/l.png">'),
        ),
        # a sibling inserted before the element
        (
            ("ul > li:nth-child(2) > a", '<a href="/bins">Bins</a>'),
            ("ul > li:nth-child(3) > a", '<a href="/bins">Bins</a>'),
        ),
        # a style tweak
        (
            ("#search", '<input id="search" style="width:10em">'),
            ("#search", '<input id="search" style="width:12em">'),
        ),
    ],
    ids=["class-added", "sibling-inserted", "style-changed"],
)
def test_fingerprint_survives_cosmetic_changes(
    before: tuple[str, str], after: tuple[str, str]
) -> None:
    url = "http://127.0.0.1:8001/bins/"
    moved = "http://127.0.0.1:9002/bins/"  # the same page on another preview server
    assert fingerprint("axe/x", url, *before) == fingerprint("axe/x", moved, *after)


def test_fingerprint_tells_different_elements_apart() -> None:
    url = "https://a.gov.uk/"
    first = fingerprint("axe/link-name", url, "nav > a", '<a href="/bins">')
    second = fingerprint("axe/link-name", url, "nav > a", '<a href="/tax">')
    assert first != second


def _journey_state(
    index: int, kind: str, url: str, findings: list[tuple[str, str, Outcome]]
) -> JourneyStep:
    made = [
        Finding(
            check_id=check_id,
            outcome=outcome,
            impact=Impact.SERIOUS,
            message="m",
            page_url=url,
            node=Node(selector=selector),
            fingerprint=fingerprint(check_id, url, selector),
        )
        for check_id, selector, outcome in findings
    ]
    page = PageResult(
        target=Target(url=url),
        final_url=url,
        results=[
            CheckResult(check_id=f.check_id, outcome=f.outcome, impact=f.impact, findings=[f])
            for f in made
        ],
    )
    return JourneyStep.model_validate(
        {"index": index, "action": "a", "kind": kind, "url": url, "page": page}
    )


def test_journey_problem_seen_in_several_states_is_one_finding() -> None:
    form = "https://a.gov.uk/report/where"
    label = ("axe/label", "#postcode", Outcome.FAIL)
    desktop = JourneyResult(
        name="Report a pothole",
        viewport="desktop",
        status="completed",
        start_url=form,
        steps=[
            _journey_state(0, "action", form, [label]),
            _journey_state(1, "error_empty", form, [label, ("axe/x", "#b", Outcome.FAIL)]),
            _journey_state(1, "error_invalid", form, [label]),
            # the same element judged differently is another finding
            _journey_state(
                1, "error_invalid", form, [("axe/label", "#postcode", Outcome.NEEDS_REVIEW)]
            ),
            # the same selector on another page is another problem
            _journey_state(1, "action", "https://a.gov.uk/report/done", [label]),
        ],
    )
    mobile = desktop.model_copy(update={"viewport": "mobile", "steps": desktop.steps[:1]})
    problems = journey_problems([desktop, mobile])
    assert [(p.check_id, p.outcome, p.page_url) for p in problems] == [
        ("axe/label", Outcome.FAIL, form),
        ("axe/x", Outcome.FAIL, form),
        ("axe/label", Outcome.NEEDS_REVIEW, form),
        ("axe/label", Outcome.FAIL, "https://a.gov.uk/report/done"),
    ]
    first = problems[0]
    assert first.states == [
        "after step 1",
        "step 2 submitted empty",
        "step 2 submitted with wrong values",
    ]
    assert first.viewports == ["desktop", "mobile"]
    assert problems[1].states == ["step 2 submitted empty"]
    assert len(desktop.findings()) == 6  # each state keeps what it saw
