"""Journeys in a real Chromium on the two fixture councils: every seeded fault of the faulty
"report a missed bin" service found (journey-defects.toml), none on the GOV.UK Frontend one, a
broken journey reported while the next one runs, the final submission made only when the journey
asks, and test data kept out of every output."""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from auditor.config import AuditConfig
from auditor.journeys.load import load_journey
from auditor.journeys.runner import JourneyFile, JourneyRunner
from auditor.models import DESKTOP, JourneyResult, Outcome, Run
from auditor.reporting import REPORTERS
from auditor.ruleset import load_ruleset
from tests.conftest import FIXTURES, SITES

pytestmark = pytest.mark.browser

JOURNEYS = FIXTURES / "journeys"
SECRET_EMAIL = "sam.secret.7731@example.com"  # noqa: S105 - test data, not a password
CONFIRMATION = "/bins/report-missed/confirmation.html"


class CountingSite:
    """A static fixture site on 127.0.0.1 that records every path requested."""

    def __init__(self, folder: Path) -> None:
        self.paths: list[str] = []
        paths = self.paths

        class Handler(SimpleHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                paths.append(urlsplit(self.path).path)
                super().do_GET()

        self._server = ThreadingHTTPServer(
            ("127.0.0.1", 0), partial(Handler, directory=str(folder))
        )
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@dataclass
class JourneyRun:
    run: Run
    site: CountingSite
    log: list[str]
    out: Path


def _run(site: str, files: list[Path], out: Path) -> JourneyRun:
    served = CountingSite(SITES / site)
    log: list[str] = []
    try:
        runner = JourneyRunner(
            AuditConfig(viewports=[DESKTOP], settle_ms=300),
            load_ruleset("council"),
            out,
            base_url=served.url,
            step_timeout_s=3,
            progress=log.append,
        )
        loaded = [JourneyFile(f, load_journey(f)) for f in files]
        run = asyncio.run(runner.run(loaded))
    finally:
        served.close()
    return JourneyRun(run, served, log, out)


@pytest.fixture(scope="module")
def journeys(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, JourneyRun]]:
    folder = tmp_path_factory.mktemp("journeys")
    broken = folder / "broken.yaml"
    broken.write_text(
        "name: Broken on purpose\nstart: /bins/report-missed/\nsteps:\n"
        '  - click: "#start"\n  - click: "#no-such-button"\n  - click: "#continue"\n',
        encoding="utf-8",
    )
    sending = folder / "missed-bin-send.yaml"
    sending.write_text(
        (JOURNEYS / "missed-bin.yaml")
        .read_text(encoding="utf-8")
        .replace("name: Report a missed bin collection", "name: Report and send")
        .replace("submit_final: false", "submit_final: true"),
        encoding="utf-8",
    )
    before = os.environ.get("MISSED_BIN_EMAIL")
    os.environ["MISSED_BIN_EMAIL"] = SECRET_EMAIL
    try:
        yield {
            "bad": _run("council", [broken, JOURNEYS / "missed-bin-bad.yaml"], folder / "bad"),
            "good": _run("council-clean", [JOURNEYS / "missed-bin.yaml", sending], folder / "good"),
        }
    finally:
        if before is None:
            os.environ.pop("MISSED_BIN_EMAIL", None)
        else:
            os.environ["MISSED_BIN_EMAIL"] = before
        shutil.rmtree(folder, ignore_errors=True)


def _journey(outcome: JourneyRun, name: str) -> JourneyResult:
    return next(j for j in outcome.run.journeys if j.name == name)


def _seeded() -> list[dict[str, str]]:
    text = (SITES / "council" / "journey-defects.toml").read_text(encoding="utf-8")
    defects: list[dict[str, str]] = tomllib.loads(text)["defect"]
    return defects


STATES = {"page": "action", "empty": "error_empty", "invalid": "error_invalid"}


@pytest.mark.parametrize("defect", _seeded(), ids=[d["id"] for d in _seeded()])
def test_every_seeded_fault_is_found(
    journeys: dict[str, JourneyRun], defect: dict[str, str]
) -> None:
    journey = _journey(journeys["bad"], "Report a missed bin (faulty version)")
    outcome = Outcome.NEEDS_REVIEW if defect.get("outcome") == "needs_review" else Outcome.FAIL
    found = [
        f
        for s in journey.steps
        if s.kind == STATES[defect["state"]] and urlsplit(s.url).path == defect["path"]
        for f in s.findings()
        if f.check_id == defect["check"] and f.outcome is outcome
    ]
    if "selector" in defect:
        found = [f for f in found if f.node.selector == defect["selector"]]
    assert found, f"{defect['id']}: {defect['description']}"


def test_nothing_else_of_forms_fails_on_the_faulty_service(journeys: dict[str, JourneyRun]) -> None:
    journey = _journey(journeys["bad"], "Report a missed bin (faulty version)")
    seeded = {d["check"] for d in _seeded()}
    extra = {f.check_id for f in journey.findings() if f.check_id.startswith("forms/")} - seeded
    assert not extra


def test_the_good_service_has_no_finding(journeys: dict[str, JourneyRun]) -> None:
    journey = _journey(journeys["good"], "Report a missed bin collection")
    assert journey.status == "stopped_before_final"
    kinds = [s.kind for s in journey.steps]
    assert kinds.count("error_empty") == 3
    assert kinds.count("error_invalid") == 2
    assert journey.submissions_probed == 5
    # The error-state checks judged (passed), not skipped as inapplicable.
    error_states = [s for s in journey.steps if s.kind.startswith("error_") and s.page]
    for step in error_states:
        assert step.page is not None
        outcomes = {r.check_id: r.outcome for r in step.page.results}
        assert outcomes["forms/error-summary-focus"] is Outcome.PASS
        assert outcomes["forms/error-message-tied"] is Outcome.PASS
        assert outcomes["forms/error-title"] is Outcome.PASS
    assert [(f.check_id, f.node.selector) for f in journey.findings()] == []


def test_the_final_step_is_sent_only_when_the_journey_says_so(
    journeys: dict[str, JourneyRun],
) -> None:
    good = journeys["good"]
    assert good.site.paths.count(CONFIRMATION) == 1  # only the journey with submit_final: true
    sent = _journey(good, "Report and send")
    assert sent.status == "completed"
    assert urlsplit(sent.steps[-1].url).path == CONFIRMATION
    stopped = _journey(good, "Report a missed bin collection")
    assert stopped.steps[-1].kind == "stopped"
    assert stopped.steps[-1].action == "Click #send"
    assert CONFIRMATION not in journeys["bad"].site.paths


def test_a_broken_journey_is_reported_and_the_next_one_runs(
    journeys: dict[str, JourneyRun],
) -> None:
    bad = journeys["bad"]
    broken = _journey(bad, "Broken on purpose")
    assert broken.status == "broken"
    assert broken.error is not None
    assert broken.error.startswith("step 2 (Click #no-such-button)")
    assert "no element matches #no-such-button on http://127.0.0.1:" in broken.error
    assert "Timeout" not in broken.error
    last = broken.steps[-1]
    assert last.kind == "broken"
    assert urlsplit(last.url).path == "/bins/report-missed/address.html"
    assert last.screenshot is not None
    assert (bad.out / last.screenshot).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert any("Broken on purpose" in w for w in bad.run.warnings)
    assert _journey(bad, "Report a missed bin (faulty version)").status == "stopped_before_final"


def test_test_data_never_reaches_reports_or_logs(journeys: dict[str, JourneyRun]) -> None:
    for outcome in journeys.values():
        outputs = [REPORTERS[name].render(outcome.run) for name in ("json", "html")]
        outputs += ["\n".join(outcome.log), outcome.run.model_dump_json()]
        for text in outputs:
            assert SECRET_EMAIL not in text
            assert "Mill Lane" not in text  # a value from the file: test data too
    # The check-your-answers page shows the secret: it is not photographed.
    good = _journey(journeys["good"], "Report a missed bin collection")
    check = [s for s in good.steps if urlsplit(s.url).path.endswith("/check.html")]
    assert check
    assert all(s.screenshot is None for s in check)


def test_the_html_report_shows_journeys_as_steps(journeys: dict[str, JourneyRun]) -> None:
    html = REPORTERS["html"].render(journeys["bad"].run)
    assert '<h2 id="journeys">Journeys</h2>' in html
    assert "Error state (submitted empty)" in html
    assert "Report a missed bin (faulty version) (desktop)" in html
    assert '<img src="journeys/' in html
