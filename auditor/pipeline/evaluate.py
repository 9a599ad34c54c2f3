"""The check stage: page, site and document checks over gathered facts (pure, no browser).

`check_page` judges a page's snapshots, one per viewport; `apply_site_checks` files each site
check's findings under the pages they name; `check_documents` judges the inventoried documents.
Stored snapshots can be re-checked with these alone (`auditor check`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from auditor.checks.base import (
    BaseCheck,
    Check,
    CheckContext,
    DocumentCheck,
    DocumentContext,
    PageFacts,
    SiteCheck,
    SiteContext,
    judge,
    outcome_of,
)
from auditor.models import (
    CheckInfo,
    CheckResult,
    DesignSystemUse,
    DocumentResult,
    Finding,
    FormRef,
    Outcome,
    PageResult,
    Resource,
    SiteFacts,
    Snapshot,
)
from auditor.web.design_system import page_design_systems
from auditor.web.html import css_selector


def check_info(cls: type[BaseCheck], wcag_version: str = "2.2") -> CheckInfo:
    """What a run records of a check. A check of a criterion newer than the ruleset's WCAG
    version (3.3.7 in a WCAG 2.1 ruleset) keeps its criterion but claims no level: it is not a
    failure of the version judged, so it does not count in WCAG A or AA."""
    meta = cls.meta
    return CheckInfo(
        id=meta.id,
        title=meta.title,
        impact=meta.impact,
        wcag=meta.wcag,
        level=meta.level if meta.wcag_version <= wcag_version else None,
        help_url=meta.help_url,
        description=meta.description,
        category=meta.category,
    )


_RANK = {
    Outcome.FAIL: 0,
    Outcome.NEEDS_REVIEW: 1,
    Outcome.ERROR: 2,
    Outcome.PASS: 3,
    Outcome.MANUAL: 4,
    Outcome.INAPPLICABLE: 5,
}


def merge_results(first: CheckResult, second: CheckResult) -> CheckResult:
    """One check's results in two viewports as one: the worse outcome, and each problem once,
    listing every viewport it was seen in."""
    findings: dict[str, Finding] = {}
    for finding in (*first.findings, *second.findings):
        seen = findings.get(finding.fingerprint)
        views = [*(seen.viewports if seen else []), *(finding.viewports or [finding.viewport])]
        base = seen or finding
        findings[finding.fingerprint] = base.model_copy(
            update={"viewports": list(dict.fromkeys(views))}
        )
    worse = first if _RANK[first.outcome] <= _RANK[second.outcome] else second
    return CheckResult(
        check_id=first.check_id,
        outcome=worse.outcome,
        impact=first.impact,
        findings=list(findings.values()),
        error=first.error or second.error,
        duration_ms=round(first.duration_ms + second.duration_ms, 3),
    )


def check_page(
    snapshots: Sequence[Snapshot], checks: Iterable[type[BaseCheck]], wcag_version: str = "2.1"
) -> PageResult:
    """Run every page check over a page's snapshots, one per viewport, and merge them (pure).
    A check is judged only in the viewports it applies to, against the ruleset's WCAG version."""
    first = snapshots[0]
    page = check_snapshot(first, [])
    if first.load_error:
        return page
    merged: dict[str, CheckResult] = {}
    chosen = [c for c in checks if issubclass(c, Check)]
    contexts: dict[int, CheckContext] = {}
    for snapshot in snapshots:
        if snapshot.load_error:
            continue
        ctx = contexts.setdefault(id(snapshot), CheckContext(snapshot, wcag_version=wcag_version))
        for cls in chosen:
            if not cls.meta.applies_in(snapshot.viewport):
                continue
            result = cls().run(ctx)
            result = result.model_copy(
                update={
                    "findings": [
                        f.model_copy(update={"viewports": [snapshot.viewport.name]})
                        for f in result.findings
                    ]
                }
            )
            old = merged.get(cls.meta.id)
            merged[cls.meta.id] = result if old is None else merge_results(old, result)
    page.results = list(merged.values())
    page.forms = forms_of(contexts[id(first)].soup, first.final_url)
    page.design_systems = [
        DesignSystemUse(name=system.name, version=system.version)
        for system in page_design_systems(first, contexts[id(first)].soup)
    ]
    return page


MAX_FORMS_PER_PAGE = 10
_FIELDS = "input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea"
_SUBMITS = "button:not([type]), button[type=submit], input[type=submit], input[type=image]"


def forms_of(soup: BeautifulSoup, page_url: str) -> list[FormRef]:
    """The page's forms (the first few), with their method, action and submit button."""
    found = []
    for form in soup.find_all("form", limit=MAX_FORMS_PER_PAGE):
        submit = form.select_one(_SUBMITS)
        found.append(
            FormRef(
                selector=css_selector(form),
                method=str(form.get("method") or "get").lower(),
                action=urljoin(page_url, str(form.get("action") or "")),
                submit=css_selector(submit) if submit is not None else None,
                fields=len(form.select(_FIELDS)),
            )
        )
    return found


def pages_from_snapshots(
    snapshots: Iterable[Snapshot], checks: Iterable[type[BaseCheck]], wcag_version: str = "2.1"
) -> list[PageResult]:
    """Stored snapshots (one per page and viewport) checked page by page, without a browser."""
    by_url: dict[str, list[Snapshot]] = {}
    for snapshot in snapshots:
        by_url.setdefault(snapshot.target.url, []).append(snapshot)
    chosen = list(checks)
    # The desktop snapshot first: it carries the page's links, as in a live audit.
    return [
        check_page(
            sorted(group, key=lambda s: (s.viewport.mobile, not s.links)), chosen, wcag_version
        )
        for group in by_url.values()
    ]


def check_snapshot(snapshot: Snapshot, checks: Iterable[type[BaseCheck]]) -> PageResult:
    """Run every page check over one snapshot (pure: no browser)."""
    page = PageResult(
        target=snapshot.target,
        final_url=snapshot.final_url,
        status=snapshot.status,
        title=snapshot.title[:500],
        load_error=snapshot.load_error,
        links=snapshot.links,
        frames_audited=snapshot.axe.frames_audited if snapshot.axe else 0,
        load_ms=snapshot.load_ms,
        axe_ms=snapshot.axe_ms,
    )
    if snapshot.load_error:
        return page
    ctx = CheckContext(snapshot)
    for cls in checks:
        if issubclass(cls, Check):
            page.results.append(cls().run(ctx))
    return page


def apply_site_checks(
    pages: list[PageResult],
    checks: Iterable[type[BaseCheck]],
    site_facts: SiteFacts | None = None,
) -> None:
    """Run the site checks and file each result under the page it concerns."""
    checks = list(checks)
    site_ids = {c.meta.id for c in checks if issubclass(c, SiteCheck)}
    facts = [
        PageFacts(
            p.target.url,
            p.final_url,
            p.status,
            p.load_error,
            tuple(p.links),
            title=p.title,
            findings=tuple(f for f in p.findings() if f.check_id not in site_ids),
        )
        for p in pages
    ]
    site = SiteContext(tuple(facts), site_facts)
    for cls in checks:
        if not issubclass(cls, SiteCheck):
            continue
        # A carried-over page keeps its page checks but is judged afresh by site checks.
        for page in pages:
            page.results = [r for r in page.results if r.check_id != cls.meta.id]
        check = cls()
        whole = judge(cls.meta, functools.partial(check.evaluate_site, site))
        elapsed = whole.duration_ms / max(len(pages), 1)
        for page, fact in zip(pages, facts, strict=True):
            if page.load_error or page.duplicate_of:
                continue
            mine = [f for f in whole.findings if f.page_url == page.target.url]
            outcome = (
                whole.outcome
                if whole.outcome in (Outcome.ERROR, Outcome.INAPPLICABLE)
                else outcome_of(mine)
                if check.applies_to(fact, site)
                else Outcome.INAPPLICABLE
            )
            page.results.append(
                CheckResult(
                    check_id=cls.meta.id,
                    outcome=outcome,
                    impact=cls.meta.impact,
                    findings=mine,
                    error=whole.error,
                    duration_ms=round(elapsed, 3),
                )
            )


def check_documents(
    resources: Iterable[Resource], pages: Sequence[PageResult], checks: Iterable[type[BaseCheck]]
) -> list[DocumentResult]:
    """Run the document checks over every inventoried document, sorted by URL (pure). Each
    check sees the document and the run's pages, to know how it is linked."""
    chosen = [c for c in checks if issubclass(c, DocumentCheck)]
    if not chosen:
        return []
    facts = tuple(
        PageFacts(p.target.url, p.final_url, p.status, p.load_error, tuple(p.links))
        for p in pages
        if not p.duplicate_of
    )
    return [
        DocumentResult(
            resource=doc, results=[cls().run(DocumentContext(doc, facts)) for cls in chosen]
        )
        for doc in sorted(resources, key=lambda r: r.url)
    ]
