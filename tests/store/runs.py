"""Small hand-built Runs for store, history and CLI tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from auditor.models import (
    CheckInfo,
    CheckResult,
    Finding,
    Impact,
    Link,
    Node,
    Outcome,
    PageResult,
    Resource,
    RulesetRef,
    Run,
    RunSummary,
    Score,
    Target,
    fingerprint,
)

SITE = "https://council.gov.uk"
T0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
CHECK = "custom/generic-link-text"


def finding(
    url: str,
    selector: str,
    check_id: str = CHECK,
    outcome: Outcome = Outcome.FAIL,
    impact: Impact = Impact.SERIOUS,
) -> Finding:
    return Finding(
        check_id=check_id,
        outcome=outcome,
        impact=impact,
        message="Links use generic text",
        wcag=["2.4.4"],
        page_url=url,
        node=Node(selector=selector, snippet="<a>here</a>"),
        fingerprint=fingerprint(check_id, url, selector),
    )


def page(url: str, found: list[Finding], load_error: str | None = None) -> PageResult:
    by_check: dict[str, list[Finding]] = {}
    for item in found:
        by_check.setdefault(item.check_id, []).append(item)
    return PageResult(
        target=Target(url=url, depth=1, source="link"),
        final_url=url,
        status=404 if load_error else 200,
        title="A page",
        load_error=load_error,
        results=[
            CheckResult(
                check_id=check_id,
                outcome=items[0].outcome,
                impact=items[0].impact,
                findings=items,
            )
            for check_id, items in by_check.items()
        ],
        links=[Link(url=f"{SITE}/", selector="#home", text="Home")],
    )


def make_run(
    run_id: str,
    started: datetime = T0,
    site: str = SITE,
    *,
    pages: list[PageResult] | None = None,
    score: float | None = 97.5,
    by_category: dict[str, float | None] | None = None,
    axe_version: str | None = "4.14.1",
    tool_version: str = "0.1.0",
    browser_version: str | None = "Chromium 156",
    ruleset_sha256: str = "a" * 64,
    score_model_version: str = "1.0",
) -> Run:
    """A run of `site`; by default one page with one failure and one page that failed to load."""
    if pages is None:
        url = f"{site}/bins"
        pages = [
            page(url, [finding(url, "#main > a:nth-of-type(2)")]),
            page(f"{site}/gone", [], load_error="404"),
        ]
    found = [f for p in pages for f in p.findings()]
    categories = {"wcag-a": score} if by_category is None else by_category
    run_score = Score(
        value=score,
        band="excellent" if score is not None else None,
        by_category=categories,
        model_version=score_model_version,
    )
    return Run(
        id=run_id,
        site=site,
        seeds=[f"{site}/"],
        started_at=started,
        finished_at=started + timedelta(minutes=3),
        tool_version=tool_version,
        axe_version=axe_version,
        browser_version=browser_version,
        ruleset=RulesetRef(id="wcag21aa", sha256=ruleset_sha256),
        score_model_version=score_model_version,
        config={"max_pages": 5, "formats": ["html"]},
        checks=[
            CheckInfo(
                id=CHECK,
                title="Links have descriptive text",
                impact=Impact.SERIOUS,
                wcag=["2.4.4"],
                level="A",
                help_url="https://www.w3.org/",
            )
        ],
        pages=pages,
        resources=[Resource(url=f"{site}/a.pdf", found_on=f"{site}/bins", kind="pdf")],
        score=run_score,
        summary=RunSummary(
            pages_audited=sum(1 for p in pages if not p.load_error),
            pages_failed_to_load=sum(1 for p in pages if p.load_error),
            failures=sum(1 for f in found if f.outcome is Outcome.FAIL),
            needs_review=sum(1 for f in found if f.outcome is Outcome.NEEDS_REVIEW),
            failures_by_impact={"serious": sum(1 for f in found if f.outcome is Outcome.FAIL)},
        ),
        warnings=["robots.txt ignored"],
    )


def day(n: int) -> datetime:
    return T0 + timedelta(days=n)
