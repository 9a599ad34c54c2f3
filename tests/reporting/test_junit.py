"""JUnit XML from the recorded council snapshots: structure, totals, a page that failed to load,
every outcome's element, hostile page content, and the golden file."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from auditor.models import (
    CheckResult,
    Finding,
    Impact,
    Node,
    Outcome,
    PageResult,
    Run,
    Target,
    fingerprint,
)
from auditor.reporting import REPORTERS
from auditor.reporting.junit import MESSAGE_LIMIT, TEXT_LIMIT, JunitReporter, xml_safe
from tests.conftest import SNAPSHOTS, run_from_snapshots
from tests.reporting.test_reports import HOSTILE, _hostile_run


@pytest.fixture(scope="module")
def council() -> Run:
    return run_from_snapshots(SNAPSHOTS / "council")


def _parse(run: Run, reporter: JunitReporter | None = None) -> ET.Element:
    return ET.fromstring((reporter or JunitReporter()).render(run))  # noqa: S314 - our output


def _finding(url: str, check_id: str, selector: str, outcome: Outcome = Outcome.FAIL) -> Finding:
    return Finding(
        check_id=check_id,
        outcome=outcome,
        impact=Impact.SERIOUS,
        message=f"{check_id} message for {selector}",
        wcag=["1.1.1"],
        page_url=url,
        node=Node(selector=selector, snippet=f"<img id='{selector}'>"),
        fingerprint=fingerprint(check_id, url, selector),
    )


def _one_page_run(council: Run, results: list[CheckResult]) -> Run:
    page = PageResult(
        target=Target(url="http://council.test/x"), final_url="http://council.test/x", status=200
    )
    page.results = results
    return council.model_copy(update={"pages": [page]})


def test_registered() -> None:
    assert isinstance(REPORTERS["junit"], JunitReporter)
    assert REPORTERS["junit"].suffix == ".junit.xml"


def test_council_structure_and_totals(council: Run) -> None:
    root = _parse(council)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [p.target.url for p in council.pages]
    totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    for suite, page in zip(suites, council.pages, strict=True):
        cases = suite.findall("testcase")
        counts = {
            "tests": len(cases),
            "failures": sum(1 for c in cases if c.find("failure") is not None),
            "errors": sum(1 for c in cases if c.find("error") is not None),
            "skipped": sum(1 for c in cases if c.find("skipped") is not None),
        }
        for key, value in counts.items():
            assert suite.get(key) == str(value), (page.target.url, key)
            totals[key] += value
        if not page.load_error:
            assert [c.get("name") for c in cases] == sorted(r.check_id for r in page.results)
            assert {c.get("classname") for c in cases} == {page.target.url}
            outcomes = {r.check_id: r.outcome for r in page.results}
            for case in cases:
                outcome = outcomes[case.get("name", "")]
                children = [child.tag for child in case]
                expected = {
                    Outcome.PASS: [],
                    Outcome.FAIL: ["failure"],
                    Outcome.INAPPLICABLE: ["skipped"],
                    Outcome.NEEDS_REVIEW: ["skipped"],
                    Outcome.MANUAL: ["skipped"],
                    Outcome.ERROR: ["error"],
                }[outcome]
                assert children == expected, case.get("name")
    for key, value in totals.items():
        assert root.get(key) == str(value), key
    assert root.get("failures") == str(
        sum(1 for p in council.pages for r in p.results if r.outcome is Outcome.FAIL)
    )


def test_failure_lists_each_element(council: Run) -> None:
    root = _parse(council)
    for finding in (f for f in council.findings() if f.outcome is Outcome.FAIL):
        suite = next(s for s in root.iter("testsuite") if s.get("name") == finding.page_url)
        case = next(c for c in suite.iter("testcase") if c.get("name") == finding.check_id)
        failure = case.find("failure")
        assert failure is not None
        assert finding.node.selector in failure.get("message", "")
        assert finding.message[:100] in failure.get("message", "")
        assert failure.get("type") == finding.impact.value
        assert finding.node.selector in (failure.text or "")
        assert len(failure.get("message", "")) <= MESSAGE_LIMIT


def test_page_that_failed_to_load_is_one_error(council: Run) -> None:
    broken = next(p for p in council.pages if p.load_error)
    suite = next(s for s in _parse(council).iter("testsuite") if s.get("name") == broken.target.url)
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["page-load"]
    error = cases[0].find("error")
    assert error is not None
    assert error.get("message") == broken.load_error
    assert (suite.get("tests"), suite.get("errors"), suite.get("failures")) == ("1", "1", "0")


def test_every_outcome_has_its_element(council: Run) -> None:
    url = "http://council.test/x"
    review = _finding(url, "axe/color-contrast", "#grey", Outcome.NEEDS_REVIEW)
    run = _one_page_run(
        council,
        [
            CheckResult(check_id="a/pass", outcome=Outcome.PASS, impact=Impact.MINOR),
            CheckResult(
                check_id="b/review",
                outcome=Outcome.NEEDS_REVIEW,
                impact=Impact.SERIOUS,
                findings=[review],
            ),
            CheckResult(check_id="c/manual", outcome=Outcome.MANUAL, impact=Impact.MINOR),
            CheckResult(check_id="d/na", outcome=Outcome.INAPPLICABLE, impact=Impact.MINOR),
            CheckResult(
                check_id="e/error",
                outcome=Outcome.ERROR,
                impact=Impact.MINOR,
                error="RuntimeError: boom",
            ),
        ],
    )
    suite = _parse(run).find("testsuite")
    assert suite is not None
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert list(cases["a/pass"]) == []
    skipped = cases["b/review"].find("skipped")
    assert skipped is not None
    assert skipped.get("message") == "needs review"
    assert "#grey" in (skipped.text or "")
    assert cases["c/manual"].find("skipped") is not None
    assert cases["d/na"].find("skipped") is not None
    error = cases["e/error"].find("error")
    assert error is not None
    assert error.get("message") == "RuntimeError: boom"
    assert (
        suite.get("tests"),
        suite.get("failures"),
        suite.get("errors"),
        suite.get("skipped"),
    ) == (
        "5",
        "0",
        "1",
        "3",
    )

    strict = _parse(run, JunitReporter(review_as_failure=True)).find("testsuite")
    assert strict is not None
    failure = next(c for c in strict.iter("testcase") if c.get("name") == "b/review").find(
        "failure"
    )
    assert failure is not None
    assert "#grey" in failure.get("message", "")
    assert (strict.get("failures"), strict.get("skipped")) == ("1", "2")


def test_duplicate_page_and_site_results(council: Run) -> None:
    duplicate = PageResult(
        target=Target(url="http://council.test/index.html"),
        final_url="http://council.test/",
        status=200,
        duplicate_of="http://council.test/",
    )
    site = CheckResult(
        check_id="custom/broken-link",
        outcome=Outcome.FAIL,
        impact=Impact.SERIOUS,
        findings=[_finding("http://council.test/", "custom/broken-link", "a#dead")],
    )
    run = council.model_copy(update={"pages": [*council.pages, duplicate], "site_results": [site]})
    root = _parse(run)
    suites = root.findall("testsuite")
    assert suites[-2].get("name") == "http://council.test/index.html"
    (case,) = suites[-2].findall("testcase")
    assert case.get("name") == "duplicate-page"
    skipped = case.find("skipped")
    assert skipped is not None
    assert skipped.get("message") == "same page as http://council.test/"
    assert (suites[-1].get("name"), suites[-1].get("failures")) == ("site", "1")
    site_case = suites[-1].find("testcase")
    assert site_case is not None
    assert site_case.get("classname") == council.site
    assert int(root.get("tests", 0)) == sum(int(s.get("tests", 0)) for s in suites)
    assert int(root.get("failures", 0)) == int(_parse(council).get("failures", 0)) + 1


def test_long_failure_message_is_bounded(council: Run) -> None:
    url = "http://council.test/x"
    findings = [_finding(url, "axe/image-alt", f"#img-{i}" + "x" * 100) for i in range(200)]
    run = _one_page_run(
        council,
        [
            CheckResult(
                check_id="axe/image-alt",
                outcome=Outcome.FAIL,
                impact=Impact.CRITICAL,
                findings=findings,
            )
        ],
    )
    failure = _parse(run).find("testsuite/testcase/failure")
    assert failure is not None
    assert len(failure.get("message", "")) <= MESSAGE_LIMIT
    assert failure.get("message", "").startswith("200 elements")
    text = failure.text or ""
    listed = text.count("\n- #img-")
    assert 0 < listed <= 25
    assert text.endswith(f"… and {200 - listed} more")
    assert len(text) <= TEXT_LIMIT + 100


def test_hostile_content_gives_well_formed_xml(council: Run) -> None:
    run = _hostile_run(council)
    nasty = "\x00\x08\x0b\x0c\x1b\x7f\x85\ud800\ufffe" + "]]><!--\"'&"
    finding = run.pages[0].results[0].findings[0]
    extra = finding.model_copy(
        update={
            "message": f"{finding.message}{nasty}",
            "node": Node(selector=f"a{nasty}", snippet=f"<a>{nasty}</a>"),
        }
    )
    run.pages[0].results[0].findings.append(extra)
    text = JunitReporter().render(run)
    assert "<script" not in text
    assert "\x1b" not in text
    root = ET.fromstring(text)  # noqa: S314 - our output; raises unless well-formed
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("name") == 'http://council.test/"><script>alert(1)</script>'
    failure = suite.find("testcase/failure")
    assert failure is not None
    message = failure.get("message", "")
    assert '<script>alert("x")</script>' in message  # intact once parsed
    assert "\x1b" not in message
    assert "]]><!--\"'&" in message
    assert "[2J</textarea>" in message


def test_xml_safe_strips_only_what_xml_cannot_hold() -> None:
    assert xml_safe("a\tb\nc\rd") == "a\tb\nc\rd"
    assert xml_safe("\x00\x1b\x7f\x9f\ud800\ufffe\uffff") == ""
    assert xml_safe("é 😀 <&>") == "é 😀 <&>"
    assert xml_safe("x" * 50, 10) == "x" * 9 + "…"


def test_hostile_title_is_not_in_the_output_as_markup(council: Run) -> None:
    text = JunitReporter().render(_hostile_run(council))
    assert HOSTILE not in text  # escaped, never verbatim


def test_matches_golden(council: Run, golden) -> None:  # type: ignore[no-untyped-def]
    text = REPORTERS["junit"].render(council)
    golden("council-report.junit.xml", re.sub(r' time="[0-9.]+"', ' time="0"', text))
