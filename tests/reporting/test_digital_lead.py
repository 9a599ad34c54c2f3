"""The digital lead's report from the history database: trend, changes since the last run, CSV
and PDF exports, without a browser except for the PDF."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import cli
from tests.conftest import SNAPSHOTS


def _check(tmp_path: Path, *extra: str) -> str:
    result = CliRunner().invoke(
        cli,
        [
            "check",
            str(SNAPSHOTS / "council"),
            "--store",
            "--db",
            str(tmp_path / "h.sqlite"),
            "--out",
            str(tmp_path / "out"),
            "--ruleset",
            "council",
            *extra,
        ],
    )
    assert result.exit_code == 0, result.output
    html = tmp_path / "out" / "report.html"
    return html.read_text(encoding="utf-8") if html.exists() else ""


def test_first_report_has_no_trend_the_second_has_one(tmp_path: Path) -> None:
    first = _check(tmp_path)
    assert 'id="trend"' not in first and 'id="since"' not in first
    assert 'id="lgdss"' in first
    second = _check(tmp_path)
    assert 'id="trend"' in second and 'id="since"' in second
    assert "<svg" in second and "score by run</caption>" in second


def test_csv_exports_open_in_excel(tmp_path: Path) -> None:
    _check(tmp_path, "--format", "findings-csv", "--format", "pages-csv")
    for name in ("report-findings.csv", "report-pages.csv"):
        raw = (tmp_path / "out" / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the encoding
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        assert len(rows) > 1


@pytest.mark.browser
def test_pdf_is_the_html_report_printed(tmp_path: Path) -> None:
    _check(tmp_path, "--format", "pdf")
    pdf = (tmp_path / "out" / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert (tmp_path / "out" / "report.html").exists()
    assert b"/StructTreeRoot" in pdf  # tagged: the PDF keeps the report's structure
