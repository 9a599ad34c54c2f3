"""Sampling like the Silktide Index: discover a site's URLs from its static HTML (httpx, no
browser), then audit the N shortest, so scores can be compared with that index."""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from urllib.parse import urljoin

import httpx

from auditor.crawl.links import extract_links
from auditor.crawl.scope import Scope
from auditor.web.urls import document_kind, is_asset, safe_normalise

MAX_HTML_BYTES = 5 * 1024 * 1024
HTML_TYPES = ("text/html", "application/xhtml+xml")


class _NotAPage(Exception):
    """A URL that is not an HTML page (a redirect, a 404, a download)."""


async def _read_page(client: httpx.AsyncClient, url: str) -> tuple[str, str | None]:
    """(HTML, None) for a page; ("", location) for a redirect. _NotAPage for what is not a page;
    httpx errors and statuses that may pass (429, 5xx) give ("", None): known, not followed."""
    async with client.stream("GET", url, follow_redirects=False) as response:
        status = response.status_code
        if response.is_redirect:
            return "", response.headers.get("location")
        if status == 429 or status >= 500:
            return "", None
        content_type = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if status != 200 or content_type not in HTML_TYPES:
            raise _NotAPage
        body = bytearray()
        async for chunk in response.aiter_bytes():
            body += chunk
            if len(body) > MAX_HTML_BYTES:
                break
        return bytes(body[:MAX_HTML_BYTES]).decode(response.encoding or "utf-8", "replace"), None


async def discover(
    client: httpx.AsyncClient,
    seeds: Sequence[str],
    scope: Scope,
    allowed: Callable[[str], bool],
    extra: Sequence[str] = (),
    limit: int = 5000,
) -> list[str]:
    """The site's page URLs, breadth first from the seeds and `extra` (sitemap URLs), in the
    order found: normalised, in scope, allowed (robots.txt), neither documents nor assets.

    At most `limit` URLs become known, and each is fetched once (redirects are not followed but
    their targets offered as links), so fetches are bounded by `limit`. Redirects, 4xx and
    non-HTML responses are dropped from the result; pages that could not be read this time
    (429, 5xx, network errors) are kept, unread."""
    known: dict[str, None] = {}
    dropped: set[str] = set()
    queue: deque[str] = deque()

    def offer(raw: str, seed: bool = False) -> None:
        url = safe_normalise(raw)  # sitemaps and Location headers are untrusted
        if url is None or url in known or len(known) >= limit:
            return
        # Seeds are what the user asked for: only robots.txt can refuse them.
        if not seed and (
            scope.refusal(url) is not None or document_kind(url) is not None or is_asset(url)
        ):
            return
        if not allowed(url):
            return
        known[url] = None
        queue.append(url)

    for seed in seeds:
        offer(seed, seed=True)
    for url in extra:
        offer(url)
    while queue:
        url = queue.popleft()
        try:
            html, location = await _read_page(client, url)
        except _NotAPage:
            dropped.add(url)
            continue
        except (httpx.HTTPError, httpx.InvalidURL):
            continue
        if location is not None:
            dropped.add(url)
            with contextlib.suppress(ValueError):
                offer(urljoin(url, location))
        elif html:
            for link in extract_links(html, url):
                offer(link.url)
    return [u for u in known if u not in dropped]


def shortest(urls: Iterable[str], n: int) -> list[str]:
    """The `n` shortest distinct URLs, ties broken alphabetically."""
    return sorted(set(urls), key=lambda u: (len(u), u))[: max(0, n)]
