"""Script injection through page content, in every output: a run whose every page-derived string
is hostile is rendered in each format, and each is checked as its reader would take it (a
browser, an XML parser, a terminal, a spreadsheet, a CI log, a PDF viewer)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from auditor.cli import cli
from auditor.league import League, LeagueRow
from auditor.models import Outcome, Run
from auditor.reporting import REPORTERS
from auditor.reporting.console import ConsoleProgress, summary
from auditor.reporting.csv import league_csv
from auditor.reporting.html import render_league
from auditor.reporting.pdf import print_pdf
from auditor.store import Store
from tests.conftest import ROOT, SNAPSHOTS, run_from_snapshots
from tests.hostile.injection import (
    EXECUTED,
    INJECTION,
    OVERSIZED,
    assert_csv_defused,
    assert_html_inert,
    assert_markdown_inert,
    assert_terminal_safe,
    assert_workflow_commands_only,
    assert_xml_well_formed,
    benign_twin,
    hostile_run,
)


@pytest.fixture(scope="module")
def runs() -> tuple[Run, Run]:
    council = run_from_snapshots(SNAPSHOTS / "council")
    return hostile_run(council), benign_twin(council)


def test_every_page_string_is_hostile(runs: tuple[Run, Run]) -> None:
    hostile, _ = runs
    finding = hostile.findings()[0]
    for value in (finding.message, finding.node.selector, finding.node.snippet, finding.page_url):
        assert INJECTION in value
    assert all(INJECTION in p.target.url and INJECTION in p.title for p in hostile.pages)


def test_html_report_is_inert(runs: tuple[Run, Run]) -> None:
    hostile, benign = runs
    html = REPORTERS["html"].render(hostile)
    assert_html_inert(html, REPORTERS["html"].render(benign))
    assert "&lt;script&gt;window.__pwned=1" in html  # shown as text, not dropped


def test_json_report_keeps_the_text_exactly(runs: tuple[Run, Run]) -> None:
    hostile, _ = runs
    text = REPORTERS["json"].render(hostile)
    document = json.loads(text)
    assert document["pages"][0]["title"] == INJECTION + OVERSIZED
    assert "\x1b" not in text and "\u2028" not in text.encode("ascii", "ignore").decode()


def test_junit_and_sarif_are_well_formed(runs: tuple[Run, Run]) -> None:
    hostile, _ = runs
    root = assert_xml_well_formed(REPORTERS["junit"].render(hostile))
    assert root.iter("failure"), "failures are still reported"
    sarif = json.loads(REPORTERS["sarif"].render(hostile))
    schema = json.loads((ROOT / "tests/schemas/sarif-2.1.0-rtm.5.json").read_text("utf-8"))
    jsonschema.validate(sarif, schema)
    assert sarif["runs"][0]["results"]


def test_markdown_and_github_annotations_are_inert(runs: tuple[Run, Run]) -> None:
    hostile, _ = runs
    assert_markdown_inert(REPORTERS["markdown"].render(hostile))
    failing = [f for f in hostile.findings() if f.outcome is Outcome.FAIL]
    lines = min(len(failing), 50) + (1 if len(failing) > 50 else 0)
    assert_workflow_commands_only(REPORTERS["github"].render(hostile), lines)


def test_csv_cells_are_defused(runs: tuple[Run, Run]) -> None:
    hostile, _ = runs
    for name in ("findings-csv", "pages-csv"):
        text = REPORTERS[name].render(hostile)
        assert assert_csv_defused(text) > 10
        assert "'=HYPERLINK" not in text or "\"'" in text  # defused cells start with a quote


def test_terminal_output_is_plain_text(runs: tuple[Run, Run], tmp_path: Path) -> None:
    hostile, _ = runs
    stream = io.StringIO()
    progress = ConsoleProgress(stream, interactive=False)
    progress.on_run_start(hostile.seeds)
    for n, page in enumerate(hostile.pages, 1):
        progress.on_page_done(page, n, 0, 1.0)
    progress.on_run_done(hostile)
    assert_terminal_safe(stream.getvalue().replace("\n", ""))
    assert_terminal_safe(summary(hostile).replace("\n", ""))
    db = tmp_path / "h.sqlite"
    with Store(db) as store:
        store.save(hostile)
    for args in (["history", "list"], ["history", "show", "latest"]):
        result = CliRunner().invoke(cli, [*args, "--db", str(db)])
        assert result.exit_code == 0, result.output
        assert "Traceback" not in result.output
        assert_terminal_safe(result.output.replace("\n", ""))


def test_league_table_is_inert() -> None:
    def table(text: str, site: str) -> League:
        row = LeagueRow(
            rank=1,
            rank_in_type=1,
            name=text,
            type=text,
            site=site,
            score=50.0,
            band="okay",
            run_id=text,
            error=text,
        )
        return League(rows=[row], types=[text])

    hostile = table(INJECTION, "javascript:window.__pwned=5")
    benign = table("plain words", "http://council.test")
    html = render_league(hostile, 125, "2026-01-01")
    assert_html_inert(html, render_league(benign, 125, "2026-01-01"))
    assert_csv_defused(league_csv(hostile))


@pytest.mark.browser
def test_report_runs_no_page_script_in_chromium_or_in_its_pdf(
    runs: tuple[Run, Run], tmp_path: Path
) -> None:
    """The canary: a page script that ran would set window.__pwned, open a dialog, or write
    EXECUTED into the report (and so into its PDF)."""
    from playwright.sync_api import Dialog, sync_playwright

    from auditor.gather.session import CHROMIUM_ARGS, find_chromium

    hostile, _ = runs
    html = tmp_path / "report.html"
    html.write_text(REPORTERS["html"].render(hostile), encoding="utf-8")
    dialogs: list[str] = []

    def dialog(opened: Dialog) -> None:
        dialogs.append(opened.message)
        opened.dismiss()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(offline=True).new_page()
            page.on("dialog", dialog)
            page.goto(html.as_uri(), wait_until="load")
            for button in page.locator("table.sortable th button").all()[:3]:
                button.click()  # the report's own script handles hostile cells too
            page.wait_for_timeout(300)
            assert page.evaluate("() => window.__pwned") is None
            assert EXECUTED not in page.inner_text("body")
        finally:
            browser.close()
    assert dialogs == []
    pdf = tmp_path / "report.pdf"
    print_pdf(html, pdf)
    text = "".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    assert "__pwned" in text, "the hostile text is printed as text"
    assert EXECUTED not in text.replace('EXE"+"CUTED', "").replace("EXE'+'CUTED", "")
