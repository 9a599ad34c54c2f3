"""A pytest plugin so a team can assert the accessibility of their own templates and pages.

Installed with auditor (entry point `pytest11`). It gives two fixtures:

    def test_bin_page_is_accessible(audit_html):
        run = audit_html(render_template("bins.html"))      # HTML → a real Chromium audit
        assert_accessible(run)

    def test_preview(audit_url):
        assert_accessible(audit_url("http://127.0.0.1:8000/"), allow={"axe/color-contrast"})

Audits drive Debian's Chromium, as `auditor audit` does; nothing leaves 127.0.0.1 unless the
URL does. Heavy imports happen on first use, so the plugin costs nothing to test runs that do
not use it.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from auditor.models import Outcome, Run


def _audit(urls: list[str], settings: dict[str, Any]) -> Run:
    from auditor.audit import audit
    from auditor.config import AuditConfig
    from auditor.ruleset import load_ruleset

    settings = {"max_depth": 0, "settle_ms": 200, **settings}
    config = AuditConfig(urls=urls, **settings)
    return asyncio.run(audit(config, load_ruleset(config.ruleset)))


def assert_accessible(run: Run, allow: Iterable[str] = (), review_fails: bool = False) -> None:
    """Fail the test, listing each problem, when the run has failures (or, with
    `review_fails`, items that need review) other than the checks in `allow`."""
    allowed = set(allow)
    bad = {Outcome.FAIL, Outcome.NEEDS_REVIEW} if review_fails else {Outcome.FAIL}
    problems = [f for f in run.findings() if f.outcome in bad and f.check_id not in allowed]
    errors = [p for p in run.pages if p.load_error]
    if not problems and not errors:
        return
    lines = [f"{p.target.url}: could not be audited: {p.load_error}" for p in errors]
    lines += [
        f"{f.check_id} ({f.impact.value}) at {f.node.selector or 'page'}: {f.message[:160]}"
        for f in problems
    ]
    raise AssertionError(f"{len(problems)} accessibility problems:\n  " + "\n  ".join(lines))


@pytest.fixture
def audit_url() -> Callable[..., Run]:
    """`audit_url(url, *more, **settings) -> Run`: audit exactly these pages."""

    def run(url: str, *more: str, **settings: Any) -> Run:
        return _audit([url, *more], settings)

    return run


@pytest.fixture
def audit_html() -> Iterator[Callable[..., Run]]:
    """`audit_html(html, **settings) -> Run`: serve the HTML on 127.0.0.1 and audit it."""
    from auditor.web.static_site import StaticSite

    folders: list[tempfile.TemporaryDirectory[str]] = []

    def run(html: str, **settings: Any) -> Run:
        folder = tempfile.TemporaryDirectory(prefix="auditor-")
        folders.append(folder)
        (Path(folder.name) / "index.html").write_text(html, encoding="utf-8")
        with StaticSite(folder.name) as site:
            return _audit([site.url], settings)

    yield run
    for folder in folders:
        folder.cleanup()
