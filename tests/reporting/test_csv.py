"""CSV exports: every finding and page, Excel-friendly UTF-8, no formula injection."""

from __future__ import annotations

import csv
import io

import pytest

from auditor.models import Run
from auditor.reporting import REPORTERS
from auditor.reporting.csv import BOM, cell
from tests.conftest import SNAPSHOTS, run_from_snapshots


@pytest.fixture(scope="module")
def council() -> Run:
    return run_from_snapshots(SNAPSHOTS / "council")


def _rows(text: str) -> list[dict[str, str]]:
    assert text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text.removeprefix(BOM), newline="")))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("plain", "plain"),
        (None, ""),
        (87.5, "87.5"),
    ],
)
def test_cells_that_a_spreadsheet_would_run_are_defused(value: object, expected: str) -> None:
    assert cell(value) == expected


def test_findings_csv_has_every_finding(council: Run) -> None:
    rows = _rows(REPORTERS["findings-csv"].render(council))
    findings = [f for p in council.pages for r in p.results for f in r.findings]
    assert len(rows) == len(findings)
    assert {r["fingerprint"] for r in rows} == {f.fingerprint for f in findings}
    assert {r["outcome"] for r in rows} <= {"fail", "needs_review"}


def test_pages_csv_has_every_page(council: Run) -> None:
    rows = _rows(REPORTERS["pages-csv"].render(council))
    assert [r["page"] for r in rows] == [p.target.url for p in council.pages]
    scored = {r["page"]: r["score"] for r in rows}
    for page in council.pages:
        expected = "" if page.score is None or page.score.value is None else str(page.score.value)
        assert scored[page.target.url] == expected


def test_hostile_page_text_cannot_become_a_formula(council: Run) -> None:
    hostile = council.model_copy(deep=True)
    hostile.pages[0].title = '=cmd|" /C calc"!A0'
    text = REPORTERS["pages-csv"].render(hostile)
    title = _rows(text)[0]["title"]
    assert title == "'" + hostile.pages[0].title
    assert "\r\n" in text  # RFC 4180 line ends
