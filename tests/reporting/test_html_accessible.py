"""The HTML report passes its own audit: zero failures at 1280 and 320 CSS px wide."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from auditor.history import diff_runs, run_record, trend
from auditor.models import Outcome, Run, Viewport
from auditor.reporting.html import HtmlReporter, ReportHistory
from auditor.web.static_site import StaticSite
from tests.conftest import SNAPSHOTS, run_audit, run_from_snapshots


def digital_lead_report() -> tuple[Run, ReportHistory]:
    """The council run with every section a digital lead sees: trend, regressions and fixes,
    the LGDSS scorecard (council ruleset)."""
    council = run_from_snapshots(SNAPSHOTS / "council", ruleset="council")
    earlier = council.model_copy(deep=True)
    earlier.id = "20251201T000000Z-earlier"
    earlier.started_at -= timedelta(days=31)
    earlier.pages[0].results = earlier.pages[0].results[:1]  # fewer findings then: regressions
    records = []
    for days, axe in ((90, "4.13.0"), (60, "4.14.1"), (31, "4.14.1")):
        record = run_record(council).model_copy(
            update={
                "run_id": f"old-{days}",
                "started_at": council.started_at - timedelta(days=days),
                "axe_version": axe,
                "score": (council.score.value or 0) - days / 10 if council.score else None,
            }
        )
        records.append(record)
    records.append(run_record(council))
    history = ReportHistory(trend=trend(council.site, records), diff=diff_runs(earlier, council))
    return council, history


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 320])
def test_html_report_passes_its_own_audit(tmp_path: Path, width: int) -> None:
    council, history = digital_lead_report()
    html = HtmlReporter().render(council, history)
    assert 'id="trend"' in html and 'id="lgdss"' in html and 'id="since"' in html
    (tmp_path / "index.html").write_text(html, encoding="utf-8")
    with StaticSite(tmp_path) as site:
        run = run_audit(
            [site.url], max_depth=0, viewports=[Viewport(name=f"w{width}", width=width, height=800)]
        )
    assert run.summary.pages_audited == 1
    failures = [
        (f.check_id, f.node.selector, f.message)
        for f in run.findings()
        if f.outcome is Outcome.FAIL
    ]
    assert failures == []
