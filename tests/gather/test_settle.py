"""The wait after "load": content fetched just after load is audited; a page that never goes quiet
is audited as it stands once settle_ms is up."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run_audit

pytestmark = pytest.mark.browser

LATE_CONTENT = """<!doctype html><html lang="en"><head><title>Late</title></head><body><main>
<h1>Bin days</h1><div id="slot"></div>
<script>
  // Fetches after load, like a council widget filling in a bin-day lookup.
  addEventListener("load", () => setTimeout(() => fetch("data.txt").then(r => r.text()).then(t => {
    document.getElementById("slot").innerHTML = t;
  }), 60));
</script></main></body></html>"""

POLLING = """<!doctype html><html lang="en"><head><title>Polling</title></head><body><main>
<h1>Live</h1><script>setInterval(() => fetch("data.txt?" + Math.random()), 50);</script>
</main></body></html>"""


def test_content_fetched_just_after_load_is_audited(
    tmp_path: Path, serve_site: Callable[[Path], str]
) -> None:
    (tmp_path / "index.html").write_text(LATE_CONTENT, encoding="utf-8")
    (tmp_path / "data.txt").write_text('<img src="x.png" id="late-image">', encoding="utf-8")
    root = serve_site(tmp_path)
    run = run_audit([root], max_depth=0, concurrency=1, viewports=[{"name": "desktop"}])
    failing = {
        f.node.selector
        for r in run.pages[0].results
        for f in r.findings
        if r.check_id == "axe/image-alt"
    }
    assert "#late-image" in failing


def test_a_page_that_never_goes_quiet_is_audited_after_settle_ms(
    tmp_path: Path, serve_site: Callable[[Path], str]
) -> None:
    (tmp_path / "index.html").write_text(POLLING, encoding="utf-8")
    (tmp_path / "data.txt").write_text("ok", encoding="utf-8")
    root = serve_site(tmp_path)
    run = run_audit(
        [root], max_depth=0, concurrency=1, settle_ms=700, viewports=[{"name": "desktop"}]
    )
    page = run.pages[0]
    assert page.load_error is None
    assert page.load_ms >= 700
