"""Links from a rendered page's DOM, resolved against its URL (and any `<base href>`)."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from auditor.checks.base import css_selector
from auditor.crawlers.urls import normalise
from auditor.models import Link


def extract_links(html: str, page_url: str) -> list[Link]:
    """Every http(s) link in the page, normalised, in document order, first occurrence kept."""
    soup = BeautifulSoup(html, "html.parser")
    base = page_url
    base_tag = soup.find("base", href=True)
    if isinstance(base_tag, Tag):
        base = urljoin(page_url, str(base_tag["href"]))
    links: list[Link] = []
    seen: set[str] = set()
    for anchor in soup.find_all(["a", "area"], href=True):
        if not isinstance(anchor, Tag):
            continue
        href = str(anchor["href"]).strip()
        if not href or href.startswith("#"):
            continue
        absolute = urljoin(base, href)
        if urlsplit(absolute).scheme not in ("http", "https"):
            continue
        url = normalise(absolute)
        if url in seen:
            continue
        seen.add(url)
        text = " ".join(anchor.get_text(" ", strip=True).split())
        links.append(Link(url=url, selector=css_selector(anchor), text=text[:200]))
    return links
