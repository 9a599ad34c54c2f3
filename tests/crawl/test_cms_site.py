"""Crawl fidelity on a CMS-shaped council site (benchmarks/cms_site.py): every numbered content
page and every sitemap-only page is admitted, the calendar and the faceted search are capped, and
the crawl ends by itself. The frontier over real HTTP and real link extraction; no browser."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

import httpx

from auditor.crawl.fates import not_audited
from auditor.crawl.frontier import CrawlLimits, Frontier
from auditor.crawl.links import extract_links
from auditor.crawl.scope import Scope
from auditor.crawl.traps import PATH_PATTERN, QUERY_PARAMETERS, TrapGuard
from auditor.models import NotAuditedFamily
from auditor.store import CrawlState, Store
from benchmarks.cms_site import CmsSite


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(
    site: CmsSite, max_pages: int = 2000
) -> tuple[list[str], dict[str, int], list[NotAuditedFamily]]:
    """Breadth first, as the runner does: the frontier decides, the page's links are recorded."""
    with Store(":memory:") as store, httpx.Client(follow_redirects=False) as client:
        state = CrawlState.begin(store, "r", site.url, "2026-01-01T00:00:00+00:00", "{}", [])
        frontier = Frontier(
            state, Scope.from_seeds([site.url]), CrawlLimits(max_pages), TrapGuard()
        )
        frontier.seed([site.url])
        sitemap = [site.url.rstrip("/") + p for p in site.sitemap_only_paths()]
        frontier.add(sitemap, found_on=None, depth=1, source="sitemap")
        audited: list[str] = []
        while (target := frontier.pop()) is not None:
            assert len(audited) < max_pages, "the crawl did not end"
            response = client.get(target.url)
            links = [link.url for link in extract_links(response.text, target.url)]
            if response.is_redirect:
                links = [str(response.next_request.url)] if response.next_request else []
            audited.append(_path(target.url))
            decision = frontier.decide(links, found_on=target.url, depth=target.depth + 1)
            state.record_page("{}", target.url, None, decision.entries, [], [])
        counts = state.counts()
        families = not_audited(state.fates())
    skipped = {k.removeprefix("refused:"): n for k, n in counts.items() if k.startswith("refused:")}
    return audited, skipped, families


def test_every_content_and_sitemap_page_is_audited_and_both_traps_are_capped() -> None:
    with CmsSite(pages=300, sitemap_only=50) as site:
        audited, skipped, _ = crawl(site)
        content, sitemap_only = site.content_paths(), site.sitemap_only_paths()
    done = set(audited)
    assert len([p for p in content if p in done]) == 300
    assert len([p for p in sitemap_only if p in done]) == 50
    families = Counter(p.split("?")[0].split("/")[1] for p in audited)
    assert families["events"] <= 60
    assert sum(1 for p in audited if p.startswith("/search")) <= 60
    assert skipped[PATH_PATTERN] >= 1
    assert skipped[QUERY_PARAMETERS] >= 1
    assert "max pages" not in skipped


def test_a_family_without_budget_is_sampled_not_called_a_trap() -> None:
    with CmsSite(pages=300, sitemap_only=0) as site:
        audited, skipped, families = crawl(site, max_pages=100)
    assert len(audited) == 100
    assert skipped["max pages"] > 50
    traps = {f.family for f in families if f.reason in (PATH_PATTERN, QUERY_PARAMETERS)}
    assert traps <= {"/events/calendar/{n}/{n}", "/search?…"}
    sampled = {f.family: f for f in families if f.reason == "max pages"}
    assert sampled["/node/{n}"].audited == 10  # the first listing page's stories
    assert sampled["/node/{n}"].not_audited == 10  # found on the second, with no budget left
