"""audit = crawl + gather + check + score. Each page is isolated: a page that fails is recorded
and the run goes on. `check_snapshot` and `assemble_run` are pure, so stored snapshots can be
re-checked without a browser (`auditor check`).
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Protocol
from urllib.parse import urlsplit

import httpx

from auditor import __version__
from auditor.browser import ChromiumSession, GatherOptions, find_chromium
from auditor.checks.axe import axe_rule_metadata
from auditor.checks.base import BaseCheck, Check, CheckContext, PageFacts, SiteCheck, outcome_of
from auditor.config import AuditConfig
from auditor.crawlers.frontier import CrawlLimits, Frontier
from auditor.crawlers.links import extract_links
from auditor.crawlers.robots import RobotsRules, fetch_robots
from auditor.crawlers.sitemap import read_sitemaps
from auditor.crawlers.urls import check_seed, origin
from auditor.models import (
    CheckInfo,
    CheckResult,
    Outcome,
    PageResult,
    Resource,
    RulesetRef,
    Run,
    RunSummary,
    ScoreWeights,
    Snapshot,
)
from auditor.probes.axe import axe_options, axe_source
from auditor.ruleset import Ruleset
from auditor.scoring import MODEL_VERSION, score


class ProgressListener(Protocol):
    """Live progress (pa11y-ci's reporter lifecycle); used by the console display."""

    def on_run_start(self, seeds: Sequence[str]) -> None: ...
    def on_page_done(self, page: PageResult, done: int, queued: int, rate: float) -> None: ...
    def on_run_done(self, run: Run) -> None: ...


class SilentListener:
    def on_run_start(self, seeds: Sequence[str]) -> None:
        pass

    def on_page_done(self, page: PageResult, done: int, queued: int, rate: float) -> None:
        pass

    def on_run_done(self, run: Run) -> None:
        pass


def check_info(cls: type[BaseCheck]) -> CheckInfo:
    meta = cls.meta
    return CheckInfo(
        id=meta.id,
        title=meta.title,
        impact=meta.impact,
        wcag=meta.wcag,
        level=meta.level,
        help_url=meta.help_url,
        description=meta.description,
    )


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


def apply_site_checks(pages: list[PageResult], checks: Iterable[type[BaseCheck]]) -> None:
    """Run the site checks and file each result under the page it concerns."""
    facts = [
        PageFacts(p.target.url, p.final_url, p.status, p.load_error, tuple(p.links)) for p in pages
    ]
    for cls in checks:
        if not issubclass(cls, SiteCheck):
            continue
        check = cls()
        started = time.perf_counter()
        error = None
        try:
            findings = list(check.evaluate_site(facts))
        except Exception as exc:
            findings, error = [], f"{type(exc).__name__}: {exc}"
        elapsed = (time.perf_counter() - started) * 1000 / max(len(pages), 1)
        for page, fact in zip(pages, facts, strict=True):
            if page.load_error:
                continue
            mine = [f for f in findings if f.page_url == page.target.url]
            outcome = (
                Outcome.ERROR
                if error
                else outcome_of(mine)
                if check.applies_to(fact)
                else Outcome.INAPPLICABLE
            )
            page.results.append(
                CheckResult(
                    check_id=cls.meta.id,
                    outcome=outcome,
                    impact=cls.meta.impact,
                    findings=mine,
                    error=error,
                    duration_ms=round(elapsed, 3),
                )
            )


def new_run_id(now: datetime) -> str:
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def assemble_run(
    *,
    pages: list[PageResult],
    config: AuditConfig,
    ruleset: Ruleset,
    started_at: datetime,
    seeds: Sequence[str],
    browser_version: str | None,
    axe_version: str | None,
    resources: Iterable[Resource] = (),
    skipped: dict[str, int] | None = None,
    warnings: Sequence[str] = (),
    run_id: str | None = None,
    finished_at: datetime | None = None,
) -> Run:
    """Site checks, scores and summary over checked pages → the Run every report renders."""
    selected = ruleset.selected_checks()
    apply_site_checks(pages, selected.values())
    infos = {cid: check_info(cls) for cid, cls in selected.items()}
    for page in pages:
        if not page.load_error:
            page.score = score([page], infos, ruleset.weights, ruleset.categories)
    pages.sort(key=lambda p: (p.target.depth, p.target.url))
    findings = [f for p in pages for f in p.findings()]
    failures = [f for f in findings if f.outcome is Outcome.FAIL]
    by_impact: dict[str, int] = {}
    for finding in failures:
        by_impact[finding.impact.value] = by_impact.get(finding.impact.value, 0) + 1
    loaded = [p for p in pages if not p.load_error]
    finished = finished_at or datetime.now(UTC)
    return Run(
        id=run_id or new_run_id(started_at),
        site=origin(seeds[0]) if seeds else "",
        seeds=list(seeds),
        started_at=started_at,
        finished_at=finished,
        tool_version=__version__,
        axe_version=axe_version,
        browser_version=browser_version,
        ruleset=RulesetRef(id=ruleset.id, sha256=ruleset.sha256),
        score_model_version=MODEL_VERSION,
        score_weights=ScoreWeights.model_validate(ruleset.weights.model_dump()),
        category_weights=dict(ruleset.categories),
        config=config.model_dump(mode="json"),
        checks=list(infos.values()),
        pages=pages,
        resources=sorted(resources, key=lambda r: r.url),
        score=score(loaded, infos, ruleset.weights, ruleset.categories) if loaded else None,
        summary=RunSummary(
            pages_audited=len(loaded),
            pages_failed_to_load=len(pages) - len(loaded),
            failures=len(failures),
            needs_review=sum(1 for f in findings if f.outcome is Outcome.NEEDS_REVIEW),
            failures_by_impact=dict(sorted(by_impact.items())),
            skipped=dict(sorted((skipped or {}).items())),
        ),
        warnings=list(warnings),
    )


def gather_options(config: AuditConfig, ruleset: Ruleset) -> GatherOptions:
    return GatherOptions(
        viewport=config.viewport,
        axe_source=axe_source(config.axe_script),
        axe_options=axe_options(ruleset.axe.tags, ruleset.axe.disable),
        page_timeout_s=config.page_timeout,
        settle_ms=config.settle_ms,
        user_agent_suffix=f"auditor/{__version__}",
    )


async def _discover(
    config: AuditConfig, seeds: list[str], warnings: list[str]
) -> tuple[RobotsRules, list[str]]:
    """robots.txt of each seed origin, and page URLs from their sitemaps."""
    robots = RobotsRules()
    sitemap_pages: list[str] = []
    headers = {"User-Agent": f"auditor/{__version__}"}
    async with httpx.AsyncClient(timeout=10, follow_redirects=True, headers=headers) as client:
        origins = list(dict.fromkeys(origin(s) for s in seeds))
        if config.respect_robots:
            for site in origins:
                robots.by_origin[site] = await fetch_robots(client, site)
        else:
            warnings.append("robots.txt ignored (respect_robots = false)")
        if config.sitemap and config.max_depth != 0:
            start = robots.sitemaps() or [f"{site}/sitemap.xml" for site in origins]
            sitemap_pages = await read_sitemaps(client, start)
    return robots, sitemap_pages


async def audit(
    config: AuditConfig,
    ruleset: Ruleset,
    listener: ProgressListener | None = None,
    on_snapshot: Callable[[Snapshot], None] | None = None,
) -> Run:
    """Crawl from the configured URLs, audit every page, and return the Run."""
    listener = listener or SilentListener()
    seeds = [check_seed(u) for u in config.urls]
    executable = find_chromium(config.chromium)
    started_at = datetime.now(UTC)
    warnings: list[str] = []
    robots, sitemap_pages = await _discover(config, seeds, warnings)
    frontier = Frontier(
        seeds,
        CrawlLimits(
            config.max_pages, config.max_depth, tuple(config.include), tuple(config.exclude)
        ),
        allowed=lambda url: robots.allowed(url, origin(url)),
    )
    frontier.add(sitemap_pages, found_on="sitemap.xml", depth=1, source="sitemap")
    selected = ruleset.selected_checks()
    page_checks = [cls for cls in selected.values() if not cls.site_level]
    pages: list[PageResult] = []
    clock = time.perf_counter()
    in_flight = 0
    changed = asyncio.Condition()
    axe_versions: set[str] = set()

    async with ChromiumSession(executable, gather_options(config, ruleset)) as session:
        listener.on_run_start(seeds)

        async def work() -> None:
            nonlocal in_flight
            worker = session.worker()
            try:
                while True:
                    async with changed:
                        target = frontier.pop()
                        while target is None and in_flight:
                            await changed.wait()
                            target = frontier.pop()
                        if target is None:
                            changed.notify_all()
                            return
                        in_flight += 1
                    try:
                        snapshot = await worker.capture(target)
                        if snapshot.html and _same_site(frontier, snapshot):
                            snapshot.links = extract_links(snapshot.html, snapshot.final_url)
                        if on_snapshot is not None:
                            on_snapshot(snapshot)
                        if snapshot.axe:
                            axe_versions.add(snapshot.axe.engine_version)
                        page = check_snapshot(snapshot, page_checks)
                        pages.append(page)
                        frontier.add(
                            [link.url for link in snapshot.links],
                            found_on=target.url,
                            depth=target.depth + 1,
                        )
                    finally:
                        async with changed:
                            in_flight -= 1
                            changed.notify_all()
                    elapsed = time.perf_counter() - clock
                    listener.on_page_done(
                        page,
                        len(pages),
                        len(frontier) + in_flight,
                        len(pages) / elapsed if elapsed else 0.0,
                    )
            finally:
                await worker.close()

        await asyncio.gather(*(work() for _ in range(config.concurrency)))
        browser_version = session.version

    frames_failed = sum(1 for p in pages if p.load_error is None and p.frames_audited == 0)
    if frames_failed:
        warnings.append(f"{frames_failed} pages had frames axe could not audit")
    run = assemble_run(
        pages=pages,
        config=config,
        ruleset=ruleset,
        started_at=started_at,
        seeds=seeds,
        browser_version=browser_version,
        axe_version=", ".join(sorted(axe_versions)) or axe_rule_metadata()[0],
        resources=frontier.resources.values(),
        skipped=dict(frontier.skipped),
        warnings=warnings,
    )
    listener.on_run_done(run)
    return run


def _same_site(frontier: Frontier, snapshot: Snapshot) -> bool:
    """Follow links only from pages that ended up in scope (not after an off-site redirect)."""
    return urlsplit(snapshot.final_url).scheme in ("http", "https") and frontier.in_scope(
        snapshot.final_url
    )
