"""Every custom check against its fixture folder (axe-core's integration convention).

In `fixtures/checks/<name>/*.html`, elements with id `fail*` must fail, `pass*` must not be
reported, `review*` must need review; a file whose only marked elements are `inapplicable*` must
give `inapplicable`. Adding a fixture adds coverage with no new test code.

A site check's fixture folder is a small site: each file is a page at `/<file name>`, and a link
to a file that is not there answers 404.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from auditor.checks import all_checks, fixture_path
from auditor.checks.base import (
    Check,
    CheckContext,
    DocumentCheck,
    PageFacts,
    SiteCheck,
    SiteContext,
)
from auditor.crawl.links import extract_links
from auditor.models import Outcome
from tests.conftest import FIXTURES, snapshot_from_html

ORIGIN = "http://127.0.0.1"
# Checks that need a probe (rendered facts) are tested in a browser: test_probe_fixtures.py.
# Document checks' fixtures are documents: tests/checks/documents/test_document_fixtures.py.
CUSTOM = {
    cid: cls
    for cid, cls in all_checks().items()
    if not cid.startswith("axe/") and not cls.meta.probes and not issubclass(cls, DocumentCheck)
}


def _folder(check_id: str) -> Path:
    return FIXTURES / "checks" / fixture_path(check_id)


def _expected(html: str) -> dict[str, set[str]]:
    soup = BeautifulSoup(html, "html.parser")
    marked: dict[str, set[str]] = {k: set() for k in ("fail", "pass", "review", "inapplicable")}
    for element in soup.select("[id]"):
        ident = str(element["id"])
        for kind in marked:
            if ident.startswith(kind) and ident[len(kind) :].isdigit():
                marked[kind].add(f"#{ident}")
    return marked


def _cases() -> list[tuple[str, Path]]:
    return [(cid, f) for cid in CUSTOM for f in sorted(_folder(cid).glob("*.html"))]


@pytest.mark.parametrize(
    ("check_id", "fixture"), _cases(), ids=[f"{c}:{f.name}" for c, f in _cases()]
)
def test_check_fixture(check_id: str, fixture: Path) -> None:
    cls = CUSTOM[check_id]
    html = fixture.read_text(encoding="utf-8")
    expected = _expected(html)
    assert any(expected.values()), f"{fixture} marks no element"
    url = f"{ORIGIN}/{fixture.name}"
    if issubclass(cls, SiteCheck):
        outcome, findings = _run_site_check(cls, fixture.parent, url)
    else:
        assert issubclass(cls, Check)
        # A fixture named "…wcag22…" is audited against WCAG 2.2 (a 2.2 ruleset), others 2.1.
        version = "2.2" if "wcag22" in fixture.name else "2.1"
        result = cls().run(CheckContext(snapshot_from_html(html, url), wcag_version=version))
        outcome, findings = result.outcome, result.findings
        assert result.error is None, result.error
    failed = {f.node.selector for f in findings if f.outcome is Outcome.FAIL}
    review = {f.node.selector for f in findings if f.outcome is Outcome.NEEDS_REVIEW}
    if not (expected["fail"] or expected["pass"] or expected["review"]):
        assert outcome is Outcome.INAPPLICABLE
        return
    assert failed == expected["fail"], "elements that failed"
    assert review == expected["review"], "elements that need review"
    assert not (failed | review) & expected["pass"]


def _run_site_check(cls: type[SiteCheck], folder: Path, url: str) -> tuple[Outcome, list]:  # type: ignore[type-arg]
    pages = []
    files = {f"{ORIGIN}/{f.name}": f for f in folder.glob("*.html")}
    linked = set()
    for page_url, file in files.items():
        links = tuple(extract_links(file.read_text(encoding="utf-8"), page_url))
        linked |= {link.url for link in links}
        pages.append(PageFacts(page_url, page_url, 200, None, links))
    for missing in sorted(linked - set(files)):
        pages.append(PageFacts(missing, missing, 404, "HTTP 404", ()))
    check, site = cls(), SiteContext(tuple(pages))
    findings = [f for f in check.evaluate_site(site) if f.page_url == url]
    page = next(p for p in pages if p.url == url)
    if not check.applies_to(page, site):
        return Outcome.INAPPLICABLE, []
    return (Outcome.FAIL if findings else Outcome.PASS), findings


def test_every_custom_check_has_fixtures() -> None:
    for check_id in CUSTOM:
        assert list(_folder(check_id).glob("*.html")), f"no fixtures for {check_id}"
