"""JSON and HTML reports from the recorded council snapshots: golden files, the published schema,
and escaping of hostile page content."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
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
    Run,
    Target,
    fingerprint,
)
from auditor.reporting import REPORTERS
from auditor.reporting.json import report_schema
from auditor.scoring import score
from tests.conftest import ROOT, SNAPSHOTS, run_from_snapshots, seeded_defects

SCHEMA_PATH = ROOT / "docs" / "report.schema.json"


@pytest.fixture(scope="module")
def council() -> Run:
    return run_from_snapshots(SNAPSHOTS / "council")


def _redact(text: str) -> str:
    """Versions vary between machines and releases; the golden files must not."""
    return re.sub(r'"(tool|browser)": "[^"]*"', r'"\1": "<redacted>"', text)


def test_json_report_matches_golden(council: Run, golden) -> None:  # type: ignore[no-untyped-def]
    golden("council-report.json", _redact(REPORTERS["json"].render(council)))


def test_html_report_matches_golden(council: Run, golden) -> None:  # type: ignore[no-untyped-def]
    html = REPORTERS["html"].render(council)
    golden("council-report.html", re.sub(r"<dd>0\.\d+\.\d+</dd>", "<dd>VERSION</dd>", html))


def test_published_schema_has_not_drifted() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == report_schema(), (
        "docs/report.schema.json drifted: auditor schema > docs/report.schema.json "
        "(and only ever add fields)"
    )


def test_json_report_validates_against_published_schema(council: Run) -> None:
    document = json.loads(REPORTERS["json"].render(council))
    jsonschema.validate(document, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    finding = document["findings"][0]
    for key in ("check_id", "outcome", "impact", "wcag", "url", "selector", "snippet", "viewport"):
        assert key in finding
    assert isinstance(document["score"], float)
    assert set(document["versions"]) >= {"tool", "axe_core", "browser", "score_model", "ruleset"}


def test_every_seeded_defect_is_in_the_snapshot_run(council: Run) -> None:
    """The browser-free twin of the end-to-end test: recorded snapshots still show every defect."""
    defects = seeded_defects()
    found = {
        (f.check_id, f.page_url.removeprefix("http://council.test"), f.node.selector)
        for f in council.findings()
        if f.outcome is Outcome.FAIL
    }
    for defect in defects:
        assert any(
            c == defect["check"] and p == defect["path"] and s.endswith(defect.get("selector", ""))
            for c, p, s in found
        ), defect["id"]
    assert len(found) == len(defects)


def test_stored_score_recomputes_from_the_report(council: Run) -> None:
    document = json.loads(REPORTERS["json"].render(council))
    by_category: dict[str, float] = {}
    for check in document["checks"]:
        for category in {check["category"], check["also_counts_in"]} - {None}:
            by_category[category] = by_category.get(category, 0.0) + check["deduction"]
    for category, value in document["categories"].items():
        assert value == round(max(0.0, 100 - by_category.get(category, 0.0)), 1)


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>\x1b[2J</textarea>'


def _hostile_run(council: Run) -> Run:
    url = 'http://council.test/"><script>alert(1)</script>'
    finding = Finding(
        check_id="custom/generic-link-text",
        outcome=Outcome.FAIL,
        impact=Impact.SERIOUS,
        message=f"Link text {HOSTILE}",
        wcag=["2.4.4"],
        page_url=url,
        node=Node(
            selector=f'a[title="{HOSTILE}"]', snippet=f"<a href='javascript:alert(1)'>{HOSTILE}</a>"
        ),
        fingerprint=fingerprint("custom/generic-link-text", url, "a"),
    )
    page = PageResult(
        target=Target(url=url),
        final_url="javascript:alert(1)",
        status=200,
        title=HOSTILE,
        results=[
            CheckResult(
                check_id=finding.check_id,
                outcome=Outcome.FAIL,
                impact=Impact.SERIOUS,
                findings=[finding],
            )
        ],
    )
    infos = {c.id: c for c in council.checks}
    page.score = score([page], infos, council.score_weights, council.category_weights)
    return council.model_copy(update={"pages": [page], "site": HOSTILE, "warnings": [HOSTILE]})


def test_html_report_escapes_page_content(council: Run) -> None:
    html = REPORTERS["html"].render(_hostile_run(council))
    # The report's one script (sortable tables) is ours; page content never adds another.
    assert html.lower().count("<script") == 1
    assert html.lower().index("<script") > html.lower().index("</footer>")
    assert "<img src=x" not in html
    assert "</textarea>" not in html
    assert 'href="javascript:' not in html
    assert "&lt;script&gt;" in html


def test_json_report_of_hostile_content_round_trips(council: Run) -> None:
    text = REPORTERS["json"].render(_hostile_run(council))
    document = json.loads(text)
    assert document["pages"][0]["title"] == HOSTILE
    assert "\x1b" not in text  # JSON escapes control characters


def test_reporters_are_pure(council: Run, tmp_path: Path) -> None:
    before = council.model_dump_json()
    for reporter in REPORTERS.values():
        assert reporter.render(council) == reporter.render(council)
    assert council.model_dump_json() == before
    assert list(tmp_path.iterdir()) == []


def test_a_journey_runs_failures_are_its_commonest_problems(council: Run) -> None:
    steps = [
        JourneyStep(index=i, action=f"Step {i + 1}", url=p.target.url, page=p)
        for i, p in enumerate(council.pages)
        if not p.load_error
    ]
    journey = JourneyResult(
        name="Report a missed bin", status="completed", start_url=steps[0].url, steps=steps
    )
    run = council.model_copy(update={"pages": [], "journeys": [journey]})
    document = json.loads(REPORTERS["json"].render(run))
    assert {c["id"] for c in document["checks"] if c["pages_failed"]} >= {
        "axe/image-alt",
        "custom/keyboard-trap",
    }
    html = REPORTERS["html"].render(run)
    problems = html.split('id="problems"', 1)[1].split("</table>", 1)[0]
    assert "No check failed" not in problems
    assert "axe/image-alt" in problems


def test_clean_pages_beside_failing_journeys_do_not_say_no_check_failed(council: Run) -> None:
    failing = next(p for p in council.pages if not p.load_error and p.findings())
    journey = JourneyResult(
        name="Report a missed bin",
        status="completed",
        start_url=failing.target.url,
        steps=[JourneyStep(index=0, action="Step 1", url=failing.target.url, page=failing)],
    )
    clean = [p.model_copy(update={"results": []}) for p in council.pages if not p.load_error]
    run = council.model_copy(update={"pages": clean, "journeys": [journey]})
    html = REPORTERS["html"].render(run)
    problems = html.split('id="problems"', 1)[1].split('id="journeys"', 1)[0]
    assert "No check failed." not in problems
    assert "No check failed on the pages audited. The journeys found" in problems
