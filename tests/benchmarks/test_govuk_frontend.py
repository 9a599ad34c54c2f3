"""GOV.UK Frontend's own component examples, rendered into its page template from the npm package
(benchmarks/govuk_pages.py) and audited as a user would: not one WCAG A or AA failure. Every page
is built from the design system's researched examples, so any failure here is a false one.
Desktop here; benchmarks/precision.py --suite govuk runs both viewports. CI audits one page per
component; `--full` audits all of them."""

from __future__ import annotations

import os
import shutil

import pytest

from auditor.web.static_site import StaticSite
from benchmarks.conformance import wcag_failures
from benchmarks.govuk_pages import PAGES, GovukPagesUnavailable, build_pages
from benchmarks.precision import audit

pytestmark = pytest.mark.browser


def _reference_pages() -> list[str]:
    if not shutil.which("npm") and not os.environ.get("AUDITOR_REQUIRE_BROWSER"):
        pytest.skip("npm is not installed: scripts/setup installs it")
    try:
        pages = build_pages()
    except GovukPagesUnavailable as exc:
        if os.environ.get("AUDITOR_REQUIRE_BROWSER"):
            raise
        pytest.skip(str(exc))
    assert len(pages) > 250  # every non-hidden fixture of every component
    return pages


def _failures(pages: list[str]) -> dict[str, list[str]]:
    with StaticSite(PAGES) as site:
        report = audit([f"{site.url}{p}" for p in pages], ["desktop"])
    assert sum(1 for p in report["pages"] if not p.get("load_error")) == len(pages)
    return {url.removeprefix(site.url): checks for url, checks in wcag_failures(report).items()}


def first_of_each_component(pages: list[str]) -> list[str]:
    """One page per component (its first example) and per full service page."""
    chosen: dict[str, str] = {}
    for page in pages:
        chosen.setdefault(page.strip("/").split("/")[0], page)
    return list(chosen.values())


def test_one_page_of_every_component_has_no_wcag_failure() -> None:
    pages = first_of_each_component(_reference_pages())
    assert len(pages) > 30
    assert _failures(pages) == {}


@pytest.mark.full
def test_no_reference_page_has_a_wcag_failure() -> None:
    assert _failures(_reference_pages()) == {}
