"""Discovery over HTTP: robots.txt and sitemaps before the crawl, and the per-origin site
facts (security.txt, the plain-HTTP redirect) that site checks read after it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx

from auditor import __version__
from auditor.config import AuditConfig
from auditor.crawl.robots import RobotsRules, fetch_robots
from auditor.crawl.sitemap import read_sitemaps
from auditor.gather.session import BrowserAuth
from auditor.models import (
    HttpRedirect,
    OriginFacts,
    SecurityTxt,
    SiteFacts,
)
from auditor.web import security_txt
from auditor.web.urls import origin


def http_client(auth: BrowserAuth) -> httpx.AsyncClient:
    headers = {"User-Agent": f"auditor/{__version__}", **auth.headers}
    basic = None
    if auth.http_credentials:
        basic = httpx.BasicAuth(
            auth.http_credentials["username"], auth.http_credentials["password"]
        )
    return httpx.AsyncClient(timeout=10, follow_redirects=True, headers=headers, auth=basic)


async def robots_and_sitemaps(
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
