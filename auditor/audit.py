"""audit = discover + crawl + gather + check + score + store: the stages wired together.

Each page is isolated: a page that fails is recorded and the run goes on. The crawl's state is
stored page by page, so a killed run can be resumed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from urllib.parse import urlsplit

from auditor.checks.axe import axe_rule_metadata
from auditor.checks.base import (
    DocumentCheck,
    SiteCheck,
)
from auditor.config import AuditConfig
from auditor.crawl.documents import inventory, read_documents
from auditor.crawl.fates import not_audited
from auditor.crawl.frontier import CrawlLimits, Frontier
from auditor.crawl.politeness import HostGate
from auditor.crawl.sample import discover, shortest
from auditor.crawl.scope import Scope
from auditor.crawl.traps import TrapGuard
from auditor.errors import ConfigError
from auditor.gather.session import find_chromium
from auditor.journeys.discovered import probe_discovered_forms
from auditor.models import (
    ExternalLink,
    PageResult,
    Resource,
    Run,
    Snapshot,
)
from auditor.pipeline.assemble import assemble_run, new_run_id
from auditor.pipeline.discovery import gather_site_facts, http_client, robots_and_sitemaps
from auditor.pipeline.options import browser_auth, gather_options
from auditor.pipeline.pool import PagePool
from auditor.pipeline.progress import ProgressListener, SilentListener
from auditor.ruleset import Ruleset
from auditor.store import (
    CrawlState,
    PreviousPages,
    Store,
    find_unfinished,
    previous_pages,
)
from auditor.web.urls import check_seed, origin


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
    async with http_client(auth) as client:
        robots, sitemap_pages = await robots_and_sitemaps(config, seeds, client, warnings)
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
        crawler = PagePool(config, ruleset, state, frontier, gate, previous, listener, on_snapshot)
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
    if any(issubclass(c, SiteCheck) and "site-facts" in c.meta.requires for c in selected):
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
        run.journeys = await probe_discovered_forms(run, config, ruleset)
    state.finish(run)
    listener.on_run_done(run)
    return run
