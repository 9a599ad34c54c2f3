"""sitemap.xml and sitemap index files, fetched with httpx and parsed with ElementTree."""

from __future__ import annotations

import gzip
import io
import xml.etree.ElementTree as ET

import defusedxml.ElementTree as DefusedET
import httpx
from defusedxml import DefusedXmlException

MAX_SITEMAPS = 50
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit for one uncompressed file


def parse_sitemap(body: bytes) -> tuple[list[str], list[str]]:
    """(page URLs, child sitemap URLs) from one sitemap or sitemap index document."""
    if body[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(body)) as unzipped:
                body = unzipped.read(MAX_BYTES + 1)  # bounded: a gzip bomb stops here
        except (OSError, EOFError):
            return [], []
        if len(body) > MAX_BYTES:
            return [], []
    try:
        # defusedxml refuses DTDs and entities: entity expansion is an attack, not a sitemap.
        root = DefusedET.fromstring(body, forbid_dtd=True)
    except (ET.ParseError, DefusedXmlException):
        return [], []
    locs = [
        (el.text or "").strip()
        for el in root.iter()
        if el.tag.rsplit("}", 1)[-1] == "loc" and (el.text or "").strip()
    ]
    if root.tag.rsplit("}", 1)[-1] == "sitemapindex":
        return [], locs
    return locs, []


async def read_sitemaps(client: httpx.AsyncClient, start: list[str]) -> list[str]:
    """Page URLs from the given sitemaps, following index files (bounded in count and size)."""
    queue = list(dict.fromkeys(start))
    seen: set[str] = set()
    pages: list[str] = []
    while queue and len(seen) < MAX_SITEMAPS and len(pages) < MAX_URLS:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        try:
            response = await client.get(url)
        except (httpx.HTTPError, httpx.InvalidURL):  # a hostile sitemap names anything
            continue
        if response.status_code != 200:
            continue
        found, children = parse_sitemap(response.content)
        pages.extend(found)
        queue.extend(children)
    return pages[:MAX_URLS]
