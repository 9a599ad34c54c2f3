"""The single-file HTML report. Every string from the audited site is untrusted: autoescape is on
and nothing page-derived is ever marked safe. The report must itself pass axe WCAG 2.1 AA."""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cache
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from auditor.models import Outcome, Run
from auditor.reporting.json import ReportFinding, build_report

CATEGORY_NAMES = {"wcag-a": "WCAG A", "wcag-aa": "WCAG AA", "best-practice": "Best practice"}
IMPACT_RANK = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("auditor.reporting", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["score"] = lambda v: "—" if v is None else f"{v:.0f}"
    env.filters["category"] = lambda c: CATEGORY_NAMES.get(c, c)
    return env


class HtmlReporter:
    name = "html"
    suffix = ".html"

    def render(self, run: Run) -> str:
        report = build_report(run)
        by_page: dict[str, list[ReportFinding]] = defaultdict(list)
        for finding in report.findings:
            by_page[finding.url].append(finding)
        for findings in by_page.values():
            findings.sort(
                key=lambda f: (
                    f.outcome is not Outcome.FAIL,
                    IMPACT_RANK.get(f.impact.value, 9),
                    f.check_id,
                )
            )
        failing_checks = [c for c in report.checks if c.pages_failed]
        review_counts: dict[str, int] = defaultdict(int)
        for finding in report.findings:
            if finding.outcome is Outcome.NEEDS_REVIEW:
                review_counts[finding.check_id] += 1
        titles = {c.id: c.title for c in run.checks}
        return (
            _environment()
            .get_template("report.html.j2")
            .render(
                r=report,
                by_page=by_page,
                failing_checks=failing_checks,
                review_counts=sorted(review_counts.items(), key=lambda kv: (-kv[1], kv[0])),
                titles=titles,
                external_hosts=sorted(
                    Counter(urlsplit(e.url).netloc for e in report.external_links).items(),
                    key=lambda kv: (-kv[1], kv[0]),
                ),
                worst_pages=sorted(
                    (p for p in report.pages if p.score is not None), key=lambda p: (p.score, p.url)
                )[:10],
                Outcome=Outcome,
            )
        )
