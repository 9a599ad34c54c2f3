"""The single-file HTML report. Every string from the audited site is untrusted: autoescape is on
and nothing page-derived is ever marked safe. The report must itself pass axe WCAG 2.1 AA."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from auditor.categories import NAMES
from auditor.history import FindingChange, RunDiff, Trend
from auditor.league import League
from auditor.models import Outcome, Run
from auditor.models.run import journey_problems
from auditor.reporting.charts import Point, trend_chart
from auditor.reporting.json import ReportFinding, build_report
from auditor.scoring import band

CATEGORY_NAMES = NAMES
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
    env.filters["band"] = band
    env.filters["delta"] = lambda v: "—" if v is None else f"{v:+.1f}"
    return env


@dataclass(frozen=True)
class ReportHistory:
    """What the history database knows beyond the run itself: the site's trend (this run
    included) and the diff against the run before. A report stays a pure function of these."""

    trend: Trend | None = None
    diff: RunDiff | None = None


@dataclass(frozen=True)
class TrendChart:
    category: str
    chart: Markup
    rows: list[tuple[str, str, float | None, str]]  # date, run id, score, note


def _trend_charts(trend: Trend) -> list[TrendChart]:
    charts = []
    for index, category in enumerate(["overall", *trend.categories]):
        name = "Overall" if category == "overall" else CATEGORY_NAMES.get(category, category)
        points, rows = [], []
        for row in trend.rows:
            record = row.record
            value = record.score if category == "overall" else record.by_category.get(category)
            label = record.started_at.strftime("%d %b %Y")
            points.append(Point(label, value, break_before=not row.comparable))
            note = "not comparable: " + "; ".join(row.changes) if row.changes else ""
            rows.append((record.started_at.strftime("%d %b %Y %H:%M"), record.id, value, note))
        if all(p.value is None for p in points):
            continue
        charts.append(
            TrendChart(name, trend_chart(f"{name} score by run", points, f"trend-{index}"), rows)
        )
    return charts


def _grouped(
    changes: list[FindingChange], titles: dict[str, str]
) -> list[tuple[str, str, int, int]]:
    """Findings grouped by check: (check id, title, elements, pages), most elements first."""
    elements: dict[str, int] = defaultdict(int)
    pages: dict[str, set[str]] = defaultdict(set)
    for change in changes:
        elements[change.check_id] += change.count
        pages[change.check_id].add(change.page_url)
    return sorted(
        ((c, titles.get(c, c), elements[c], len(pages[c])) for c in elements),
        key=lambda row: (-row[2], row[0]),
    )


class HtmlReporter:
    name = "html"
    suffix = ".html"

    def render(self, run: Run, history: ReportHistory | None = None) -> str:
        history = history or ReportHistory()
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
        journey_failures = sum(
            1 for f in journey_problems(run.journeys) if f.outcome is Outcome.FAIL
        )
        review_counts: dict[str, int] = defaultdict(int)
        for finding in report.findings:
            if finding.outcome is Outcome.NEEDS_REVIEW:
                review_counts[finding.check_id] += 1
        titles = {c.id: c.title for c in run.checks}
        descriptions = {c.id: c.description for c in run.checks}
        diff = history.diff
        return (
            _environment()
            .get_template("report.html.j2")
            .render(
                r=report,
                by_page=by_page,
                failing_checks=failing_checks,
                journey_failures=journey_failures,
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
                descriptions=descriptions,
                diff=diff,
                regressions=_grouped(diff.new, titles)[:10] if diff else [],
                fixes=_grouped(diff.fixed, titles)[:10] if diff else [],
                charts=_trend_charts(history.trend) if history.trend else [],
                documents=[d for d in report.resources if d.document or d.results],
            )
        )


def render_league(table: League, sample: int, generated: str) -> str:
    """The league table as one accessible HTML file."""
    return (
        _environment()
        .get_template("league.html.j2")
        .render(league=table, sample=sample, generated=generated)
    )
