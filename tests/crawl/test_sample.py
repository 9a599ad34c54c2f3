"""Sampling like the Silktide Index: static discovery of a site's URLs, then the N shortest."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence

import httpx

from auditor.crawl.sample import discover, shortest
from auditor.crawl.scope import Scope
from tests.servers import CrawlSite


def not_private(url: str) -> bool:
    return "/private/" not in url


def run_discover(
    seeds: Sequence[str],
    scope: Scope,
    allowed: Callable[[str], bool] = not_private,
    extra: Sequence[str] = (),
    limit: int = 5000,
    transport: httpx.AsyncBaseTransport | None = None,
) -> list[str]:
    async def go() -> list[str]:
        async with httpx.AsyncClient(transport=transport) as client:
            return await discover(client, seeds, scope, allowed, extra=extra, limit=limit)

    return asyncio.run(go())


def test_discovers_the_fixture_site_within_the_limit() -> None:
    with CrawlSite(list_pages=5) as site:
        found = run_discover(
            [site.url],
            Scope.from_seeds([site.url]),
            extra=[f"{site.url}from-gzip-sitemap", "https://elsewhere.test/x"],
            limit=150,
        )
        fetched = site.paths()
    root = site.url.rstrip("/")
    paths = [u.removeprefix(root) for u in found]
    assert paths[:2] == ["/", "/from-gzip-sitemap"]
    for page in ("/bins/", "/new-page", "/duplicate", "/list/1", "/list/5", "/busy", "/flaky"):
        assert page in paths
    # Redirects give their targets; 404s, documents, robots-refused and off-site URLs are out.
    for gone in ("/old-page", "/bins", "/loop", "/loop2", "/docs/leaflet.pdf", "/private/staff"):
        assert gone not in paths
    assert all(u.startswith(root) for u in found)
    assert len(fetched) <= 150
    assert len(fetched) == len(set(fetched))  # each URL fetched once
    assert not any(p.startswith(("/docs/", "/private/")) for p in fetched)


def test_limit_bounds_known_urls_and_fetches() -> None:
    with CrawlSite() as site:
        found = run_discover([site.url], Scope.from_seeds([site.url]), limit=10)
        fetched = site.paths()
    assert len(found) <= 10
    assert len(fetched) <= 10


def test_scope_is_obeyed() -> None:
    with CrawlSite(list_pages=3) as site:
        scope = Scope.from_seeds([site.url], path_prefix="/list")
        found = run_discover([site.url], scope, extra=[f"{site.url}list/3"])
    root = site.url.rstrip("/")
    assert sorted(found) == [f"{root}/", f"{root}/list/1", f"{root}/list/2", f"{root}/list/3"]


def test_seed_refused_by_robots_is_not_fetched() -> None:
    with CrawlSite() as site:
        found = run_discover([site.url], Scope.from_seeds([site.url]), allowed=lambda _u: False)
        fetched = site.paths()
    assert found == []
    assert fetched == []


def test_network_errors_keep_the_url_but_do_not_stop_discovery() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/down":
            raise httpx.ConnectError("refused", request=request)
        html = '<a href="/down">Down</a> <a href="/ok">OK</a> <a href="/style.css">CSS</a>'
        return httpx.Response(200, headers={"Content-Type": "text/html"}, text=html)

    seed = "https://council.gov.uk/"
    found = run_discover([seed], Scope.from_seeds([seed]), transport=httpx.MockTransport(handler))
    assert found == [seed, f"{seed}down", f"{seed}ok"]


def test_shortest_breaks_ties_alphabetically_and_drops_duplicates() -> None:
    urls = [
        "https://c.gov.uk/bins",
        "https://c.gov.uk/",
        "https://c.gov.uk/abcd",
        "https://c.gov.uk/tax",
        "https://c.gov.uk/bins",
        "https://c.gov.uk/about-us",
    ]
    assert shortest(urls, 4) == [
        "https://c.gov.uk/",
        "https://c.gov.uk/tax",
        "https://c.gov.uk/abcd",
        "https://c.gov.uk/bins",
    ]
    assert shortest(urls, 125) == sorted(set(urls), key=lambda u: (len(u), u))
    assert shortest(urls, 0) == []
    assert shortest(iter(urls), 1) == ["https://c.gov.uk/"]
