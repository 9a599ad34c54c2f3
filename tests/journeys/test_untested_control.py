"""A form step whose Continue control is not a submit button (a div with a click handler): its
error states cannot be probed, and the report says so on that step instead of staying silent."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from auditor.config import AuditConfig
from auditor.journeys.load import load_journey
from auditor.journeys.runner import JourneyFile, JourneyRunner
from auditor.models import DESKTOP, Outcome
from auditor.models.run import journey_problems
from auditor.reporting import REPORTERS
from auditor.ruleset import load_ruleset
from auditor.web.static_site import StaticSite

pytestmark = pytest.mark.browser

FORM = """<!DOCTYPE html><html lang="en"><head><title>Your name</title></head><body><main>
<h1>What is your name?</h1>
<form action="/done.html"><label for="name">Full name</label><input id="name" name="name">
<label for="email">Email</label><input id="email" name="email" type="email">
<div id="continue" class="button" onclick="location.href = '/done.html'">Continue</div>
</form></main></body></html>"""
DONE = """<!DOCTYPE html><html lang="en"><head><title>Check your answers</title></head><body>
<main><h1>Check your answers</h1><form action="/sent.html"><button id="send">Send</button></form>
</main></body></html>"""
JOURNEY = """name: Div continue
start: /form.html
steps:
  - fill: "#name"
    value: Sam Jones
  - click: "#continue"
  - click: "#send"
"""


def test_a_div_continue_is_reported_as_untested(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "form.html").write_text(FORM, encoding="utf-8")
    (site / "done.html").write_text(DONE, encoding="utf-8")
    journey = tmp_path / "div.yaml"
    journey.write_text(JOURNEY, encoding="utf-8")
    with StaticSite(site) as served:
        runner = JourneyRunner(
            AuditConfig(viewports=[DESKTOP], settle_ms=100),
            load_ruleset("council"),
            tmp_path / "out",
            base_url=served.url,
            step_timeout_s=3,
        )
        run = asyncio.run(runner.run([JourneyFile(journey, load_journey(journey))]))
    (result,) = run.journeys
    (untested,) = [s for s in result.steps if s.kind == "untested"]
    assert untested.index == 1
    assert untested.note is not None
    assert "#continue is a <div>, not a submit button" in untested.note
    assert "keyboard users cannot reach it with Tab" in untested.note
    assert "Not tested 2:" in REPORTERS["html"].render(run)
    # Tab cannot reach the div, and with two text fields Enter submits nothing: a sure failure
    # of 2.1.1, and one problem of the journey.
    (finding,) = [f for f in untested.findings() if f.check_id == "forms/continue-keyboard"]
    assert finding.outcome is Outcome.FAIL
    assert "Tab cannot reach" in finding.message
    assert finding.wcag == ["2.1.1"]
    assert any(f.check_id == "forms/continue-keyboard" for f in journey_problems(run.journeys))
