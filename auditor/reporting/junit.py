"""JUnit XML: the test-report format every CI server reads (Jenkins, GitLab, Azure Pipelines, the
GitHub test-report actions), so an audit shows up as pages of passing and failing tests.

Each audited page is a `testsuite` and each selected check a `testcase` (name = check id,
classname = page URL). A failing check carries its elements in `<failure>`; inapplicable and
manual checks are `<skipped>`; needs-review checks are `<skipped message="needs review">` unless
`review_as_failure` is set; a check that crashed is an `<error>`. A page that failed to load is a
single `page-load` testcase with an `<error>`.

The tree is built with ElementTree, which escapes markup; characters XML 1.0 cannot hold at all
(control characters a hostile page can put in its title or markup) are stripped first.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

from auditor.models import CheckInfo, CheckResult, Finding, Outcome, PageResult, Run

# Everything outside XML 1.0's Char production, plus the C1 controls it discourages.
_NOT_XML = re.compile("[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
MESSAGE_LIMIT = 1000
TEXT_LIMIT = 8000
LINE_LIMIT = 600
FINDINGS_LISTED = 25
PAGE_LOAD_CASE = "page-load"
DUPLICATE_CASE = "duplicate-page"


def xml_safe(text: str, limit: int | None = None) -> str:
    """Text XML 1.0 can hold: illegal characters stripped, then bounded to `limit` characters."""
    clean = _NOT_XML.sub("", text)
    if limit is not None and len(clean) > limit:
        clean = clean[: limit - 1] + "…"
    return clean


def _one_line(text: str) -> str:
    return " ".join(text.split())


@dataclass
class _Totals:
    tests: int = 0
    failures: int = 0
    errors: int = 0
    skipped: int = 0
    time_ms: float = 0.0

    def add(self, other: _Totals) -> None:
        self.tests += other.tests
        self.failures += other.failures
        self.errors += other.errors
        self.skipped += other.skipped
        self.time_ms += other.time_ms

    def write(self, element: ET.Element) -> None:
        element.set("tests", str(self.tests))
        element.set("failures", str(self.failures))
        element.set("errors", str(self.errors))
        element.set("skipped", str(self.skipped))
        element.set("time", _seconds(self.time_ms))


def _seconds(ms: float) -> str:
    return f"{ms / 1000:.3f}"


def _finding_line(finding: Finding) -> str:
    selector = finding.node.selector or "(page)"
    return f"{selector}: {finding.message}"


def _findings_message(findings: list[Finding]) -> str:
    """The failure's message attribute: selector and message per element, one line each."""
    count = f"{len(findings)} element{'s' if len(findings) != 1 else ''}"
    lines = [_one_line(_finding_line(f)) for f in findings]
    return xml_safe("\n".join([count, *lines]), MESSAGE_LIMIT)


def _findings_text(info: CheckInfo | None, findings: list[Finding]) -> str:
    """The failure's body: what the check is, then each element with its snippet."""
    lines: list[str] = []
    if info is not None:
        lines.append(info.title)
        criteria = ", ".join(info.wcag)
        if criteria:
            lines.append(f"WCAG {criteria}" + (f" (level {info.level})" if info.level else ""))
        if info.help_url:
            lines.append(info.help_url)
        lines.append("")
    used = sum(len(line) + 1 for line in lines)
    listed = 0
    for finding in findings[:FINDINGS_LISTED]:
        entry = [f"- {xml_safe(_one_line(_finding_line(finding)), LINE_LIMIT)}"]
        if finding.node.snippet:
            entry.append(f"  {xml_safe(_one_line(finding.node.snippet), LINE_LIMIT)}")
        size = sum(len(line) + 1 for line in entry)
        if used + size > TEXT_LIMIT:
            break
        lines += entry
        used += size
        listed += 1
    if len(findings) > listed:
        lines.append(f"… and {len(findings) - listed} more")
    return xml_safe("\n".join(lines))


class JunitReporter:
    name = "junit"
    suffix = ".junit.xml"

    def __init__(self, review_as_failure: bool = False) -> None:
        self.review_as_failure = review_as_failure

    def render(self, run: Run) -> str:
        infos = {c.id: c for c in run.checks}
        root = ET.Element("testsuites", name=xml_safe(f"auditor {run.site}", 200))
        totals = _Totals()
        for index, page in enumerate(run.pages):
            suite, page_totals = self._page_suite(page, infos, run, index)
            root.append(suite)
            totals.add(page_totals)
        if run.site_results:
            suite, site_totals = self._suite(
                "site", run.site, run.site_results, infos, run, len(run.pages)
            )
            root.append(suite)
            totals.add(site_totals)
        totals.write(root)
        ET.indent(root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"

    def _page_suite(
        self, page: PageResult, infos: dict[str, CheckInfo], run: Run, index: int
    ) -> tuple[ET.Element, _Totals]:
        url = page.target.url
        if page.load_error:
            suite, totals = self._suite(url, url, [], infos, run, index)
            case = ET.SubElement(suite, "testcase", name=PAGE_LOAD_CASE, classname=xml_safe(url))
            case.set("time", _seconds(page.load_ms))
            message = xml_safe(_one_line(page.load_error), MESSAGE_LIMIT)
            error = ET.SubElement(case, "error", message=message, type="load-error")
            status = f" (HTTP {page.status})" if page.status else ""
            if status and str(page.status) in page.load_error:
                status = ""
            error.text = xml_safe(
                f"{url} could not be audited: {page.load_error}{status}", TEXT_LIMIT
            )
            totals.tests += 1
            totals.errors += 1
            totals.write(suite)
            return suite, totals
        if page.duplicate_of and not page.results:
            suite, totals = self._suite(url, url, [], infos, run, index)
            case = ET.SubElement(suite, "testcase", name=DUPLICATE_CASE, classname=xml_safe(url))
            ET.SubElement(
                case, "skipped", message=xml_safe(f"same page as {page.duplicate_of}", 500)
            )
            totals.tests += 1
            totals.skipped += 1
            totals.write(suite)
            return suite, totals
        return self._suite(url, url, page.results, infos, run, index)

    def _suite(
        self,
        name: str,
        classname: str,
        results: Iterable[CheckResult],
        infos: dict[str, CheckInfo],
        run: Run,
        index: int,
    ) -> tuple[ET.Element, _Totals]:
        suite = ET.Element(
            "testsuite",
            name=xml_safe(name),
            id=str(index),
            timestamp=run.started_at.strftime("%Y-%m-%dT%H:%M:%S"),
        )
        totals = _Totals()
        for result in sorted(results, key=lambda r: r.check_id):
            self._case(suite, classname, result, infos.get(result.check_id), totals)
        totals.write(suite)
        return suite, totals

    def _case(
        self,
        suite: ET.Element,
        classname: str,
        result: CheckResult,
        info: CheckInfo | None,
        totals: _Totals,
    ) -> None:
        case = ET.SubElement(
            suite, "testcase", name=xml_safe(result.check_id), classname=xml_safe(classname)
        )
        case.set("time", _seconds(result.duration_ms))
        totals.tests += 1
        totals.time_ms += result.duration_ms
        outcome = result.outcome
        if outcome is Outcome.FAIL:
            failing = [f for f in result.findings if f.outcome is Outcome.FAIL]
            failure = ET.SubElement(
                case, "failure", message=_findings_message(failing), type=result.impact.value
            )
            failure.text = _findings_text(info, failing)
            totals.failures += 1
        elif outcome is Outcome.NEEDS_REVIEW and self.review_as_failure:
            failure = ET.SubElement(
                case,
                "failure",
                message=_findings_message(result.findings),
                type="needs-review",
            )
            failure.text = _findings_text(info, result.findings)
            totals.failures += 1
        elif outcome is Outcome.NEEDS_REVIEW:
            skipped = ET.SubElement(case, "skipped", message="needs review")
            skipped.text = _findings_text(info, result.findings)
            totals.skipped += 1
        elif outcome is Outcome.INAPPLICABLE:
            ET.SubElement(case, "skipped", message="inapplicable")
            totals.skipped += 1
        elif outcome is Outcome.MANUAL:
            ET.SubElement(case, "skipped", message="manual check")
            totals.skipped += 1
        elif outcome is Outcome.ERROR:
            message = xml_safe(_one_line(result.error or "check failed"), MESSAGE_LIMIT)
            error = ET.SubElement(case, "error", message=message, type="check-error")
            error.text = xml_safe(result.error or "", TEXT_LIMIT)
            totals.errors += 1
