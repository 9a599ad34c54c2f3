"""audit = crawl + gather + check + score. Each page is isolated: a page that fails is recorded
and the run goes on. `check_snapshot` and `assemble_run` are pure, so stored snapshots can be
re-checked without a browser (`auditor check`).
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Protocol
from urllib.parse import urljoin, urlsplit

import httpx
from bs4 import BeautifulSoup

from auditor import __version__
from auditor.browser import BrowserAuth, ChromiumSession, GatherOptions, PageWorker, find_chromium
from auditor.checks.axe import axe_rule_metadata
from auditor.checks.base import (
    BaseCheck,
    Check,
    CheckContext,
    DocumentCheck,
    DocumentContext,
    PageFacts,
    SiteCheck,
    outcome_of,
)
from auditor.config import AuditConfig, resolve_secret
from auditor.crawl.documents import inventory, read_documents
from auditor.crawl.fates import not_audited
from auditor.crawl.frontier import CrawlLimits, Frontier, FrontierEntry
from auditor.crawl.links import extract_links
from auditor.crawl.politeness import HostGate, retry_wait
from auditor.crawl.robots import RobotsRules, fetch_robots
from auditor.crawl.sample import discover, shortest
from auditor.crawl.scope import Scope
from auditor.crawl.sitemap import read_sitemaps
from auditor.crawl.traps import TrapGuard
from auditor.errors import ConfigError
from auditor.lgdss import scorecard as lgdss_scorecard
from auditor.models import (
    CheckInfo,
    CheckResult,
    DesignSystemUse,
    DocumentResult,
    ExternalLink,
    Finding,
    FormRef,
    HttpRedirect,
    NotAuditedFamily,
    OriginFacts,
    Outcome,
    PageResult,
    Resource,
    RulesetRef,
    Run,
    RunSummary,
    ScoreWeights,
    SecurityTxt,
    SiteFacts,
    Snapshot,
    Target,
    Viewport,
)
from auditor.probes.axe import axe_options, axe_source
from auditor.ruleset import Ruleset
from auditor.scoring import MODEL_VERSION, document_score, score, with_categories
from auditor.store import (
    CrawlState,
    PreviousPages,
    Store,
    find_unfinished,
    previous_pages,
)
from auditor.web import security_txt as security_txt
from auditor.web.design_system import page_design_systems
from auditor.web.html import css_selector
from auditor.web.urls import check_seed, normalise, origin, safe_normalise


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


def check_page(snapshots: Sequence[Snapshot], checks: Iterable[type[BaseCheck]]) -> PageResult:
    """Run every page check over a page's snapshots, one per viewport, and merge them (pure).
    A check is judged only in the viewports it applies to."""
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
        ctx = contexts.setdefault(id(snapshot), CheckContext(snapshot))
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
    snapshots: Iterable[Snapshot], checks: Iterable[type[BaseCheck]]
) -> list[PageResult]:
    """Stored snapshots (one per page and viewport) checked page by page, without a browser."""
    by_url: dict[str, list[Snapshot]] = {}
    for snapshot in snapshots:
        by_url.setdefault(snapshot.target.url, []).append(snapshot)
    chosen = list(checks)
    # The desktop snapshot first: it carries the page's links, as in a live audit.
    return [
        check_page(sorted(group, key=lambda s: (s.viewport.mobile, not s.links)), chosen)
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
    for cls in checks:
        if not issubclass(cls, SiteCheck):
            continue
        # A carried-over page keeps its page checks but is judged afresh by site checks.
        for page in pages:
            page.results = [r for r in page.results if r.check_id != cls.meta.id]
        check = cls()
        check.site_facts = site_facts
        started = time.perf_counter()
        error = None
        try:
            findings = list(check.evaluate_site(facts))
        except Exception as exc:
            findings, error = [], f"{type(exc).__name__}: {exc}"
        elapsed = (time.perf_counter() - started) * 1000 / max(len(pages), 1)
        for page, fact in zip(pages, facts, strict=True):
            if page.load_error or page.duplicate_of:
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
    external_links: Sequence[ExternalLink] = (),
    site_facts: SiteFacts | None = None,
    not_audited: Sequence[NotAuditedFamily] = (),
) -> Run:
    """Site checks, scores and summary over checked pages → the Run every report renders.

    With no page loaded nothing is claimed: no site check, no score, no LGDSS scorecard."""
    selected = ruleset.selected_checks()
    any_loaded = any(not p.load_error and not p.duplicate_of for p in pages)
    if any_loaded:
        apply_site_checks(pages, selected.values(), site_facts)
    resources = list(resources)
    documents = check_documents(resources, pages, selected.values()) if any_loaded else []
    infos = {cid: check_info(cls) for cid, cls in selected.items()}
    for page in pages:
        if not page.load_error and not page.duplicate_of:
            page.score = score([page], infos, ruleset.weights, ruleset.categories)
    pages.sort(key=lambda p: (p.target.depth, p.target.url))
    findings = [f for p in pages for f in p.findings()]
    failures = [f for f in findings if f.outcome is Outcome.FAIL]
    by_impact: dict[str, int] = {}
    for finding in failures:
        by_impact[finding.impact.value] = by_impact.get(finding.impact.value, 0) + 1
    loaded = [p for p in pages if not p.load_error and not p.duplicate_of]
    duplicates = sum(1 for p in pages if p.duplicate_of)
    finished = finished_at or datetime.now(UTC)
    error_warning = _error_share_warning(
        len(loaded), len(pages) - len(loaded) - duplicates, config.max_error_share
    )
    if error_warning:
        warnings = [error_warning, *warnings]
    run = Run(
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
        config=config.redacted(),
        checks=list(infos.values()),
        pages=pages,
        resources=sorted(resources, key=lambda r: r.url),
        documents=documents,
        documents_score=document_score(documents, ruleset.weights),
        external_links=list(external_links),
        site_facts=site_facts,
        score=score(loaded, infos, ruleset.weights, ruleset.categories) if loaded else None,
        summary=RunSummary(
            pages_audited=len(loaded),
            pages_failed_to_load=len(pages) - len(loaded) - duplicates,
            pages_unchanged=sum(1 for p in loaded if p.carried_over),
            pages_duplicate=duplicates,
            failures=len(failures),
            needs_review=sum(1 for f in findings if f.outcome is Outcome.NEEDS_REVIEW),
            failures_by_impact=dict(sorted(by_impact.items())),
            skipped=dict(sorted((skipped or {}).items())),
            not_audited=list(not_audited),
            error_share_warning=error_warning,
        ),
        warnings=list(warnings),
    )
    if not loaded:
        return run
    run.lgdss = lgdss_scorecard(run)
    # Scored outside the pages, and only when the ruleset weighs them (the council ruleset does).
    outside = {"documents": run.documents_score, "lgdss": run.lgdss.score}
    extra = {name: value for name, value in outside.items() if name in ruleset.categories}
    if extra:
        run.score = with_categories(run.score, extra, ruleset.categories)
    return run


def _error_share_warning(loaded: int, failed: int, max_share: float) -> str | None:
    """One sentence for the top of the report when too many pages failed to load."""
    total = loaded + failed
    if not total or not loaded or failed * 100 <= max_share * total:
        return None
    return (
        f"{failed} of {total} pages ({failed * 100 / total:.0f}%) could not be loaded, more than "
        f"the {max_share:g}% allowed (--max-error-share): the scores describe only the "
        f"{loaded} pages that loaded"
    )


def browser_auth(config: AuditConfig, seeds: Sequence[str]) -> BrowserAuth:
    """Credentials for the browser with secrets resolved now: a missing variable stops the run
    before anything starts."""
    host = urlsplit(seeds[0]).hostname if seeds else None
    cookies = [
        {
            "name": c.name,
            "value": resolve_secret(c.value),
            "domain": c.domain or host or "",
            "path": c.path,
        }
        for c in config.cookies
    ]
    credentials = None
    if config.http_user is not None:
        credentials = {
            "username": config.http_user,
            "password": resolve_secret(config.http_password or ""),
        }
    login = config.login
    return BrowserAuth(
        headers={k: resolve_secret(v) for k, v in config.headers.items()},
        cookies=cookies,
        http_credentials=credentials,
        login_url=login.url if login else None,
        login_steps=[
            {k: resolve_secret(v) if k == "value" else v for k, v in step.model_dump().items() if v}
            for step in (login.steps if login else [])
        ],
    )


def gather_options(config: AuditConfig, ruleset: Ruleset, auth: BrowserAuth) -> GatherOptions:
    checks = [c for c in ruleset.selected_checks().values() if not c.site_level]
    probes = {
        v.name: tuple(sorted({p for c in checks if c.meta.applies_in(v) for p in c.meta.probes}))
        for v in config.viewports
    }
    return GatherOptions(
        viewports=tuple(config.viewports),
        probes=probes,
        axe_source=axe_source(config.axe_script),
        axe_options=axe_options(ruleset.axe.tags, ruleset.axe.disable),
        page_timeout_s=config.page_timeout,
        settle_ms=config.settle_ms,
        quiet_ms=config.quiet_ms,
        user_agent_suffix=f"auditor/{__version__}",
        auth=auth,
    )


def _http_client(auth: BrowserAuth) -> httpx.AsyncClient:
    headers = {"User-Agent": f"auditor/{__version__}", **auth.headers}
    basic = None
    if auth.http_credentials:
        basic = httpx.BasicAuth(
            auth.http_credentials["username"], auth.http_credentials["password"]
        )
    return httpx.AsyncClient(timeout=10, follow_redirects=True, headers=headers, auth=basic)


async def _discover(
    config: AuditConfig, seeds: list[str], client: httpx.AsyncClient, warnings: list[str]
) -> tuple[RobotsRules, list[str]]:
    """robots.txt of each seed origin, and page URLs from their sitemaps."""
    robots = RobotsRules()
    sitemap_pages: list[str] = []
    origins = list(dict.fromkeys(origin(s) for s in seeds))
    if config.respect_robots:
        for site in origins:
            robots.by_origin[site] = await fetch_robots(client, site)
    else:
        warnings.append("robots.txt was IGNORED for this run (--ignore-robots)")
    if config.sitemap and config.max_depth != 0:
        start = robots.sitemaps() or [f"{site}/sitemap.xml" for site in origins]
        sitemap_pages = await read_sitemaps(client, start)
    return robots, sitemap_pages


SITE_FACTS_ORIGINS = 10  # origins whose security.txt and HTTP redirect are read, at most
SITE_FACTS_BODY = 64_000  # bytes of a security.txt read
SITE_FACTS_TIMEOUT = 5.0  # seconds per request: two small files, not worth a long wait


async def gather_site_facts(
    origins: Iterable[str], transport: httpx.AsyncBaseTransport | None = None
) -> SiteFacts:
    """security.txt (RFC 9116) and the plain-HTTP redirect of each origin, read once. The client
    carries no credentials: the HTTP probe is unencrypted, and neither file needs a login."""
    found = []
    headers = {"User-Agent": f"auditor/{__version__}"}
    async with httpx.AsyncClient(
        timeout=SITE_FACTS_TIMEOUT, follow_redirects=True, headers=headers, transport=transport
    ) as client:
        for site in list(dict.fromkeys(origins))[:SITE_FACTS_ORIGINS]:
            found.append(
                OriginFacts(
                    origin=site,
                    security_txt=await _fetch_security_txt(client, site),
                    http_redirect=await _fetch_http_redirect(client, site),
                )
            )
    return SiteFacts(origins=found)


async def _fetch_security_txt(client: httpx.AsyncClient, site: str) -> SecurityTxt:
    url = site + security_txt.PATH
    fetched_at = datetime.now(UTC)
    try:
        async with client.stream("GET", url) as response:
            body = b""
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) >= SITE_FACTS_BODY:
                    break
    except httpx.HTTPError as exc:
        return SecurityTxt(url=url, fetched_at=fetched_at, error=type(exc).__name__)
    content_type = response.headers.get("content-type")
    facts = SecurityTxt(
        url=url,
        fetched_at=fetched_at,
        status=response.status_code,
        content_type=content_type,
        final_url=str(response.url),
    )
    if response.status_code != 200 or not security_txt.is_plain_text(content_type):
        return facts
    fields = security_txt.parse_security_txt(body.decode("utf-8", "replace"))
    expires = fields.expires[:100] if fields.expires else None
    return facts.model_copy(
        update={
            "contacts": [c[:300] for c in fields.contacts[:10]],
            "expires": expires,
            "expires_at": security_txt.parse_expires(expires),
        }
    )


async def _fetch_http_redirect(client: httpx.AsyncClient, site: str) -> HttpRedirect | None:
    """What http://host/ answers for an https origin on the default port (else None)."""
    parts = urlsplit(site)
    if parts.scheme != "https" or parts.port is not None or not parts.hostname:
        return None
    url = f"http://{parts.hostname}/"
    try:
        response = await client.get(url, follow_redirects=False)
    except httpx.HTTPError as exc:
        return HttpRedirect(url=url, error=type(exc).__name__)
    location = response.headers.get("location")
    return HttpRedirect(
        url=url, status=response.status_code, location=location[:500] if location else None
    )


def _merge_for_resume(stored_json: str, current: AuditConfig) -> AuditConfig:
    """The stored crawl's settings, with secrets (never stored) taken from the current config."""
    stored = json.loads(stored_json)
    for secret in ("headers", "cookies", "http_password", "login"):
        stored[secret] = current.model_dump(mode="json")[secret]
    stored["out"], stored["formats"] = current.out, current.formats
    return AuditConfig.model_validate(stored)


async def audit(
    config: AuditConfig,
    ruleset: Ruleset,
    listener: ProgressListener | None = None,
    on_snapshot: Callable[[Snapshot], None] | None = None,
    store: Store | None = None,
    resume: str | bool = False,
    run_id: str | None = None,
) -> Run:
    """Crawl from the configured URLs, audit every page, store it, and return the Run.

    The crawl's state lives in `store` (an in-memory database when none is given), page by
    page, so that `resume` (True for the newest unfinished run, or a run id) can finish a run
    that was killed. `run_id` names a new run in advance (a fleet job owns its run's id)."""
    listener = listener or SilentListener()
    store = store or Store(":memory:")
    row = None
    if resume:
        row = find_unfinished(store, resume if isinstance(resume, str) else None)
        if row is None:
            raise ConfigError(f"no unfinished run to resume in {store.path}")
        if row.status != "running":
            raise ConfigError(f"run {row.run_id} already finished: nothing to resume")
        config = _merge_for_resume(row.config_json, config)
    seeds = [check_seed(u) for u in config.urls]
    if not seeds:
        raise ConfigError("no URL to audit: give one or more URLs, or --serve DIR")
    executable = find_chromium(config.chromium)
    auth = browser_auth(config, seeds)
    try:
        scope = Scope.from_seeds(
            seeds, config.allow_hosts, config.path_prefix, config.include, config.exclude
        )
    except re.error as exc:
        raise ConfigError(f"bad include/exclude pattern: {exc}") from None
    warnings: list[str] = []
    async with _http_client(auth) as client:
        robots, sitemap_pages = await _discover(config, seeds, client, warnings)
        if row is not None:
            state = CrawlState(store, row.run_id)
            started_at = datetime.fromisoformat(row.started_at)
            requeued = state.requeue_active()
            warnings.append(f"resumed after an interruption ({requeued} pages re-queued)")
        else:
            started_at = datetime.now(UTC)
            state = CrawlState.begin(
                store,
                run_id or new_run_id(started_at),
                origin(seeds[0]),
                started_at.isoformat(),
                json.dumps(config.redacted()),
                seeds,
            )
        frontier = Frontier(
            state,
            scope,
            CrawlLimits(config.max_pages, config.max_depth, "max_pages" in config.model_fields_set),
            TrapGuard(config.max_per_pattern, config.max_per_query, config.max_url_length),
            allowed=lambda url: robots.allowed(url, origin(url)),
            follow_links=config.sample is None,
        )
        if row is None:
            if config.sample == "shortest-urls":
                known = await discover(
                    client,
                    seeds,
                    scope,
                    frontier.allowed,
                    sitemap_pages,
                    limit=max(1000, 10 * config.max_pages),
                )
                frontier.seed(shortest(known, config.max_pages), source="sample")
            else:
                frontier.seed(seeds)
                frontier.add(sitemap_pages, found_on=None, depth=1, source="sitemap")
        axe_version = axe_rule_metadata()[0]
        previous = (
            previous_pages(
                store,
                origin(seeds[0]),
                ruleset.sha256,
                axe_version,
                started_at.isoformat(),
                config.redacted()["viewports"],
            )
            if config.incremental
            else PreviousPages()
        )
        gate = HostGate(
            config.per_host or config.concurrency,
            config.delay,
            {urlsplit(o).netloc: robots.crawl_delay(o) for o in robots.by_origin},
        )
        crawler = _Crawler(config, ruleset, state, frontier, gate, previous, listener, on_snapshot)
        options = replace(gather_options(config, ruleset, auth), in_scope=scope.on_site)
        browser_version = await crawler.run(executable, options)
        if crawler.out_of_time:
            left = state.refuse_queued("run time budget")
            warnings.append(
                f"run time budget of {config.run_timeout:g}s spent; {left} pages not audited"
            )
        resources = [Resource.model_validate_json(r) for r in state.resources()]
        resources = await inventory(client, resources)
        if any(issubclass(c, DocumentCheck) for c in ruleset.selected_checks().values()):
            resources = await read_documents(client, resources)
    pages = [PageResult.model_validate_json(page_json) for page_json, _ in state.pages()]
    site_facts = None
    selected = ruleset.selected_checks().values()
    if any(issubclass(c, SiteCheck) and c.needs_site_facts for c in selected):
        loaded_origins = (origin(p.final_url) for p in pages if not p.load_error)
        site_facts = await gather_site_facts([*(origin(s) for s in seeds), *loaded_origins])
    counts = state.counts()
    skipped = {k.removeprefix("refused:"): n for k, n in counts.items() if k.startswith("refused:")}
    run = assemble_run(
        pages=pages,
        config=config,
        ruleset=ruleset,
        started_at=started_at,
        seeds=seeds,
        browser_version=browser_version,
        axe_version=", ".join(sorted(crawler.axe_versions)) or axe_version,
        resources=resources,
        skipped=skipped,
        warnings=warnings,
        run_id=state.run_id,
        external_links=[ExternalLink(url=u, found_on=f) for u, f in state.external()],
        site_facts=site_facts,
        not_audited=not_audited(state.fates()),
    )
    if config.probe_forms != "off":
        from auditor.journeys.discovered import probe_discovered_forms  # journeys import us

        run.journeys = await probe_discovered_forms(run, config, ruleset)
    state.finish(run)
    listener.on_run_done(run)
    return run


class _Crawler:
    """The worker pool of one run: each worker renders, checks and records pages in turn."""

    def __init__(
        self,
        config: AuditConfig,
        ruleset: Ruleset,
        state: CrawlState,
        frontier: Frontier,
        gate: HostGate,
        previous: PreviousPages,
        listener: ProgressListener,
        on_snapshot: Callable[[Snapshot], None] | None,
    ) -> None:
        self.config, self.state, self.frontier, self.gate = config, state, frontier, gate
        self.previous, self.listener, self.on_snapshot = previous, listener, on_snapshot
        self.page_checks = [c for c in ruleset.selected_checks().values() if not c.site_level]
        self.axe_versions: set[str] = set()
        self.out_of_time = False
        self.done = 0
        self._in_flight = 0
        self._changed = asyncio.Condition()
        self._clock = time.perf_counter()
        self._deadline = (
            time.monotonic() + config.run_timeout if config.run_timeout is not None else None
        )

    async def run(self, executable: str, options: GatherOptions) -> str:
        async with ChromiumSession(executable, options) as session:
            self.listener.on_run_start(self.config.urls)
            await asyncio.gather(*(self._work(session) for _ in range(self.config.concurrency)))
            return session.version

    async def _next(self) -> Target | None:
        async with self._changed:
            while True:
                if self._deadline is not None and time.monotonic() > self._deadline:
                    self.out_of_time = True
                    return None
                target = self.frontier.pop()
                if target is not None:
                    self._in_flight += 1
                    return target
                if not self._in_flight:
                    self._changed.notify_all()
                    return None
                await self._changed.wait()

    async def _work(self, session: ChromiumSession) -> None:
        worker = session.worker()
        try:
            while (target := await self._next()) is not None:
                try:
                    page = await self._audit_page(worker, target)
                finally:
                    async with self._changed:
                        self._in_flight -= 1
                        self._changed.notify_all()
                self.done += 1
                elapsed = time.perf_counter() - self._clock
                self.listener.on_page_done(
                    page,
                    self.done,
                    self.state.queued() + self._in_flight,
                    self.done / elapsed if elapsed else 0.0,
                )
        finally:
            await worker.close()

    async def _capture(
        self, worker: PageWorker, target: Target, viewport: Viewport, first: bool
    ) -> tuple[Snapshot, int]:
        previous = self.previous.hashes.get(target.url) if first else None

        def unchanged(content_hash: str) -> bool:
            return previous == content_hash

        # The home page's first visit is audited as a new visitor sees it, banner and all
        # (as the Silktide Index does); on other pages a standard consent button is dismissed.
        dismiss = not (target.source == "seed" and target.depth == 0)
        attempt = 0
        while True:
            await worker.prepare(viewport)
            async with self.gate.turn(target.url):
                snapshot = await worker.capture(
                    target, viewport, unchanged if previous else None, dismiss
                )
            wait = retry_wait(snapshot, attempt)
            if wait is None or attempt >= self.config.retries:
                return snapshot, attempt + 1
            if snapshot.status == 429:
                self.gate.hold(target.url, wait)  # the whole host slows down, not one page
            attempt += 1
            await asyncio.sleep(wait)

    async def _audit_page(self, worker: PageWorker, target: Target) -> PageResult:
        viewports = self.config.viewports
        snapshot, attempts = await self._capture(worker, target, viewports[0], first=True)
        in_scope = self.frontier.scope.in_scope(snapshot.final_url)
        if snapshot.html and in_scope and not snapshot.load_error:
            snapshot.links = extract_links(snapshot.html, snapshot.final_url)
        if self.on_snapshot is not None:
            self.on_snapshot(snapshot)
        if snapshot.axe:
            self.axe_versions.add(snapshot.axe.engine_version)
        extra: list[FrontierEntry] = []
        duplicate_of = None
        final = normalise(snapshot.final_url) if not snapshot.load_error else target.url
        if final != target.url and in_scope:
            if self.state.seen(final):
                duplicate_of = final
            else:  # audited here, under the address that was linked; no second visit
                extra.append(
                    FrontierEntry(
                        final, target.depth, target.url, "link", "done", "redirect target"
                    )
                )
        canonical = safe_normalise(snapshot.canonical) if snapshot.canonical else None
        if (
            duplicate_of is None
            and canonical
            and canonical not in (target.url, final)
            and (self.frontier.scope.in_scope(canonical) and self.state.seen(canonical))
        ):
            duplicate_of = canonical
        if duplicate_of is not None:
            page = PageResult(
                target=target,
                final_url=snapshot.final_url,
                status=snapshot.status,
                title=snapshot.title[:500],
                duplicate_of=duplicate_of,
                redirects=snapshot.redirects,
                attempts=attempts,
            )
        elif snapshot.unchanged and (old_json := self.previous.page_json(target.url)):
            old = PageResult.model_validate_json(old_json)
            page = old.model_copy(
                update={
                    "target": target,
                    "carried_over": True,
                    "links": snapshot.links,
                    "attempts": attempts,
                }
            )
        else:
            snapshots = [snapshot]
            if not snapshot.load_error:
                for viewport in viewports[1:]:
                    other, _ = await self._capture(worker, target, viewport, first=False)
                    if self.on_snapshot is not None:
                        self.on_snapshot(other)
                    snapshots.append(other)
            page = check_page(snapshots, self.page_checks)
            page.redirects, page.attempts = snapshot.redirects, attempts
        links = [link.url for link in snapshot.links]
        if canonical and canonical not in links and duplicate_of is None:
            links.append(canonical)
        # decide() and record_page() run with no await between them, so two workers never
        # decide about the same new URL at once.
        decision = self.frontier.decide(links, found_on=target.url, depth=target.depth + 1)
        self.state.record_page(
            page.model_dump_json(),
            target.url,
            snapshot.content_hash,
            extra + decision.entries,
            [(r.url, r.model_dump_json()) for r in decision.resources],
            [(url, target.url) for url in decision.external],
        )
        return page
