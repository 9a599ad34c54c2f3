"""CSV exports of findings and pages, for spreadsheets.

UTF-8 with a byte-order mark, so Excel opens accented and non-Latin text correctly, and CRLF line
ends as RFC 4180 says. Cells are untrusted page content: one that a spreadsheet would read as a
formula (starting `=`, `+`, `-`, `@`, tab or carriage return) is prefixed with `'`, as OWASP
recommends against CSV injection.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from auditor.league import League
from auditor.models import Run
from auditor.reporting.json import build_report

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """A value as a spreadsheet-safe cell."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def table_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return BOM + buffer.getvalue()


class FindingsCsvReporter:
    """One row per finding: failures and items to review."""

    name = "findings-csv"
    suffix = "-findings.csv"

    def render(self, run: Run) -> str:
        report = build_report(run)
        return table_csv(
            (
                "page",
                "check",
                "title",
                "outcome",
                "impact",
                "wcag",
                "level",
                "viewport",
                "selector",
                "snippet",
                "message",
                "help",
                "fingerprint",
            ),
            (
                (
                    f.url,
                    f.check_id,
                    f.title,
                    f.outcome.value,
                    f.impact.value,
                    " ".join(f.wcag),
                    f.level,
                    f.viewport,
                    f.selector,
                    f.snippet,
                    f.message,
                    f.help_url,
                    f.fingerprint,
                )
                for f in report.findings
            ),
        )


class PagesCsvReporter:
    """One row per page: its score, failures, items to review and load status."""

    name = "pages-csv"
    suffix = "-pages.csv"

    def render(self, run: Run) -> str:
        report = build_report(run)
        return table_csv(
            (
                "page",
                "final url",
                "title",
                "status",
                "score",
                "band",
                "failures",
                "to review",
                "load error",
                "depth",
                "found on",
                "unchanged since last run",
            ),
            (
                (
                    p.url,
                    p.final_url,
                    p.title,
                    p.status,
                    p.score,
                    p.band,
                    p.failures,
                    p.needs_review,
                    p.load_error,
                    p.depth,
                    p.found_on,
                    "yes" if p.carried_over else "no",
                )
                for p in report.pages
            ),
        )


def league_csv(table: League) -> str:
    """The league table as Excel-friendly CSV."""
    return table_csv(
        (
            "rank",
            "council",
            "type",
            "rank in type",
            "score",
            "band",
            "since last run",
            "comparable",
            "pages",
            "audited",
            "site",
            "error",
        ),
        (
            (
                r.rank,
                r.name,
                r.type,
                r.rank_in_type,
                r.score,
                r.band,
                r.movement,
                "yes" if r.comparable else "no",
                r.pages,
                r.audited_at,
                r.site,
                r.error,
            )
            for r in table.rows
        ),
    )
