"""GOV.UK Frontend's own component examples, rendered into its page template from the npm package
(benchmarks/govuk_pages.py) and audited as a user would: not one WCAG A or AA failure. Every page
is built from the design system's researched examples, so any failure here is a false one.
Desktop here; benchmarks/precision.py --suite govuk runs both viewports."""

from __future__ import annotations

import os
import shutil

import pytest

from auditor.web.static_site import StaticSite
from benchmarks.conformance import wcag_failures
from benchmarks.govuk_pages import PAGES, GovukPagesUnavailable, build_pages
from benchmarks.precision import audit

pytestmark = pytest.mark.browser


def test_no_reference_page_has_a_wcag_failure() -> None:
    if not shutil.which("npm") and not os.environ.get("AUDITOR_REQUIRE_BROWSER"):
        pytest.skip("npm is not installed: scripts/setup installs it")
    try:
        pages = build_pages()
    except GovukPagesUnavailable as exc:
        if os.environ.get("AUDITOR_REQUIRE_BROWSER"):
            raise
        pytest.skip(str(exc))
    assert len(pages) > 250  # every non-hidden fixture of every component
    with StaticSite(PAGES) as site:
        report = audit([f"{site.url}{p}" for p in pages], ["desktop"])
    assert sum(1 for p in report["pages"] if not p.get("load_error")) == len(pages)
    failures = {url.removeprefix(site.url): checks for url, checks in wcag_failures(report).items()}
    assert failures == {}
