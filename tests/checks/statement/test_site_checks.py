"""The statement site checks over hand-made runs (PageFacts), and how the runner feeds them."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from auditor.checks import get
from auditor.checks.base import PageFacts, SiteCheck, SiteContext
from auditor.checks.statement._statement import FULLY_COMPLIANT
from auditor.models import (
    CheckResult,
    Finding,
    Impact,
    Link,
    Node,
    Outcome,
    PageResult,
    Target,
    fingerprint,
)
from auditor.pipeline.evaluate import apply_site_checks

SITE = "http://127.0.0.1"
STATEMENT = f"{SITE}/accessibility-statement/"


def _link(url: str, text: str, selector: str = "footer a") -> Link:
    return Link(url=url, selector=selector, text=text)


def _page(
    path: str,
    *links: Link,
    title: str = "",
    status: int | None = 200,
    error: str | None = None,
    findings: Sequence[Finding] = (),
) -> PageFacts:
    url = f"{SITE}{path}"
    return PageFacts(url, url, status, error, links, title=title, findings=tuple(findings))


def _run(check_id: str, pages: list[PageFacts]) -> dict[str, tuple[Outcome, list[Finding]]]:
    """Each page's outcome and findings, as the runner decides them."""
    cls = get(check_id)
    assert issubclass(cls, SiteCheck)
    check, site = cls(), SiteContext(tuple(pages))
    findings = list(check.evaluate_site(site))
    result = {}
    for page in pages:
        mine = [f for f in findings if f.page_url == page.url]
        if not check.applies_to(page, site):
            assert not mine
            result[page.url.removeprefix(SITE)] = (Outcome.INAPPLICABLE, mine)
            continue
        outcomes = {f.outcome for f in mine}
        outcome = (
            Outcome.FAIL
            if Outcome.FAIL in outcomes
            else Outcome.NEEDS_REVIEW
            if outcomes
            else Outcome.PASS
        )
        result[page.url.removeprefix(SITE)] = (outcome, mine)
    return result


FOOTER = _link(STATEMENT, "Accessibility statement")


# statement/exists


def test_exists_passes_on_the_home_page_when_a_statement_page_was_audited() -> None:
    pages = [
        _page("/", _link(f"{SITE}/help/", "Help")),
        _page("/help/a11y", title="Accessibility statement for Exampleton"),
    ]
    result = _run("statement/exists", pages)
    assert result["/"][0] is Outcome.PASS
    assert result["/help/a11y"][0] is Outcome.INAPPLICABLE


def test_exists_fails_when_there_is_no_statement_at_all() -> None:
    result = _run("statement/exists", [_page("/", _link(f"{SITE}/bins/", "Bins")), _page("/bins/")])
    outcome, findings = result["/"]
    assert outcome is Outcome.FAIL
    assert "No accessibility statement was found" in findings[0].message


def test_exists_fails_a_statement_that_is_only_a_pdf() -> None:
    pdf = f"{SITE}/docs/Accessibility.PDF"
    result = _run("statement/exists", [_page("/", _link(pdf, "Accessibility statement", "#a"))])
    outcome, findings = result["/"]
    assert outcome is Outcome.FAIL
    assert findings[0].node.selector == "#a" and "PDF" in findings[0].message


def test_exists_fails_a_statement_link_that_is_broken() -> None:
    pages = [_page("/", FOOTER), _page("/accessibility-statement/", status=404, error="HTTP 404")]
    outcome, findings = _run("statement/exists", pages)["/"]
    assert outcome is Outcome.FAIL and "HTTP 404" in findings[0].message


def test_exists_asks_for_review_when_the_linked_statement_was_not_audited() -> None:
    outcome, findings = _run("statement/exists", [_page("/", FOOTER)])["/"]
    assert outcome is Outcome.NEEDS_REVIEW and STATEMENT in findings[0].message


def test_exists_is_inapplicable_without_the_home_page() -> None:
    result = _run("statement/exists", [_page("/bins/"), _page("/parking/")])
    assert {o for o, _ in result.values()} == {Outcome.INAPPLICABLE}


# statement/linked


def test_linked_fails_only_the_home_page_when_it_does_not_link() -> None:
    pages = [
        _page("/", _link(f"{SITE}/bins/", "Bins")),
        _page("/bins/", FOOTER),
        _page("/parking/"),
        _page("/accessibility-statement/", title="Accessibility statement"),
    ]
    result = _run("statement/linked", pages)
    assert result["/"][0] is Outcome.FAIL
    assert result["/bins/"][0] is Outcome.PASS
    assert result["/parking/"][0] is Outcome.PASS, "the home page decides; one finding, not many"
    assert result["/accessibility-statement/"][0] is Outcome.INAPPLICABLE


def test_linked_accepts_a_link_to_the_statement_page_by_any_words() -> None:
    pages = [
        _page("/", _link(f"{SITE}/about/a11y", "Using this site")),
        _page("/about/a11y", title="Accessibility statement - Exampleton"),
    ]
    assert _run("statement/linked", pages)["/"][0] is Outcome.PASS


def test_linked_asks_for_review_when_the_home_page_was_not_audited() -> None:
    result = _run("statement/linked", [_page("/bins/"), _page("/parking/", FOOTER)])
    assert result["/bins/"][0] is Outcome.NEEDS_REVIEW
    assert result["/parking/"][0] is Outcome.PASS


# statement/compliance-contradicted


def _finding(check_id: str, outcome: Outcome, wcag: list[str], label: str = "") -> Finding:
    node = Node(selector="#status", label=label)
    return Finding(
        check_id=check_id,
        outcome=outcome,
        impact=Impact.SERIOUS,
        message="m",
        wcag=wcag,
        page_url=STATEMENT,
        node=node,
        fingerprint=fingerprint(check_id, STATEMENT, node.selector),
    )


CLAIM = _finding("statement/compliance-status", Outcome.NEEDS_REVIEW, [], FULLY_COMPLIANT)


@pytest.mark.parametrize(
    ("home_findings", "expected"),
    [
        ([_finding("axe/image-alt", Outcome.FAIL, ["1.1.1"])], Outcome.FAIL),
        ([_finding("axe/image-alt", Outcome.NEEDS_REVIEW, ["1.1.1"])], Outcome.PASS),
        ([_finding("custom/broken-link", Outcome.FAIL, [])], Outcome.PASS),
        ([], Outcome.PASS),
    ],
    ids=["wcag-failure", "review-only", "not-wcag", "no-failure"],
)
def test_full_compliance_claim_against_the_run(
    home_findings: list[Finding], expected: Outcome
) -> None:
    pages = [
        _page("/", FOOTER, findings=home_findings),
        _page("/accessibility-statement/", title="Accessibility statement", findings=[CLAIM]),
    ]
    result = _run("statement/compliance-contradicted", pages)
    outcome, findings = result["/accessibility-statement/"]
    assert outcome is expected
    assert result["/"][0] is Outcome.INAPPLICABLE
    if expected is Outcome.FAIL:
        assert findings[0].node.selector == "#status"
        assert "1.1.1 (axe/image-alt on /)" in findings[0].message


def test_no_claim_no_contradiction() -> None:
    partial = _finding("statement/compliance-status", Outcome.NEEDS_REVIEW, [], "")
    pages = [
        _page("/", findings=[_finding("axe/image-alt", Outcome.FAIL, ["1.1.1"])]),
        _page("/accessibility-statement/", title="Accessibility statement", findings=[partial]),
    ]
    outcome, _ = _run("statement/compliance-contradicted", pages)["/accessibility-statement/"]
    assert outcome is Outcome.PASS


# The runner gives site checks each page's title and page-check findings.


def _result(url: str, title: str, findings: list[Finding], links: list[Link]) -> PageResult:
    check_ids = {f.check_id for f in findings}
    return PageResult(
        target=Target(url=url),
        final_url=url,
        status=200,
        title=title,
        links=links,
        results=[
            CheckResult(
                check_id=cid,
                outcome=Outcome.FAIL
                if any(f.outcome is Outcome.FAIL for f in findings if f.check_id == cid)
                else Outcome.NEEDS_REVIEW,
                impact=Impact.SERIOUS,
                findings=[f for f in findings if f.check_id == cid],
            )
            for cid in sorted(check_ids)
        ],
    )


def test_apply_site_checks_passes_titles_and_findings_to_site_checks() -> None:
    image_alt = _finding("axe/image-alt", Outcome.FAIL, ["1.1.1"])
    home = _result(f"{SITE}/", "Exampleton", [image_alt], [FOOTER])
    # Its address says nothing: only its title makes it the statement.
    statement = _result(f"{SITE}/help/page-7", "Accessibility statement", [CLAIM], [])
    pages = [home, statement]
    apply_site_checks(pages, [get("statement/compliance-contradicted"), get("statement/exists")])
    by_check = {r.check_id: r for r in statement.results}
    assert by_check["statement/compliance-contradicted"].outcome is Outcome.FAIL
    assert {r.check_id: r.outcome for r in home.results}["statement/exists"] is Outcome.PASS
