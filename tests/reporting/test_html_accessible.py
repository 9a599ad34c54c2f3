"""The HTML report passes its own audit: zero failures at 1280 and 320 CSS px wide."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.models import Outcome, Viewport
from auditor.reporting import REPORTERS
from auditor.serve import StaticSite
from tests.conftest import SNAPSHOTS, run_audit, run_from_snapshots


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 320])
def test_html_report_passes_its_own_audit(tmp_path: Path, width: int) -> None:
    council = run_from_snapshots(SNAPSHOTS / "council")
    (tmp_path / "index.html").write_text(REPORTERS["html"].render(council), encoding="utf-8")
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
