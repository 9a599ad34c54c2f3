"""Links from a rendered page's DOM, resolved against its URL (and any `<base href>`)."""

from __future__ import annotations

import contextlib
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from auditor.models import Link
from auditor.web.html import css_selector
from auditor.web.urls import normalise

_NAVIGATION_TAGS = {"nav", "header", "footer"}
_NAVIGATION_ROLES = {"navigation", "banner", "contentinfo"}


def in_navigation(anchor: Tag) -> bool:
    """Whether a link sits in a navigation region: a nav, header or footer, or an element with
    the navigation, banner or contentinfo role."""
    for parent in anchor.parents:
        if not isinstance(parent, Tag):
            continue
        if parent.name in _NAVIGATION_TAGS:
            return True
        if str(parent.get("role", "")).strip().lower() in _NAVIGATION_ROLES:
            return True
    return False


def extract_links(html: str, page_url: str) -> list[Link]:
    """Every http(s) link in the page, normalised, in document order, first occurrence kept."""
    soup = BeautifulSoup(html, "html.parser")
    base = page_url
    base_tag = soup.find("base", href=True)
    if isinstance(base_tag, Tag):
        with contextlib.suppress(ValueError):  # an unparseable <base> is ignored, as browsers do
            base = urljoin(page_url, str(base_tag["href"]))
    links: list[Link] = []
    seen: set[str] = set()
    for anchor in soup.find_all(["a", "area"], href=True):
        if not isinstance(anchor, Tag):
            continue
        href = str(anchor["href"]).strip()
        if not href or href.startswith("#"):
            continue
        try:
            absolute = urljoin(base, href)
            if urlsplit(absolute).scheme not in ("http", "https"):
                continue
            url = normalise(absolute)
        except ValueError:  # `http://[::1` and the like: a hostile page's link, not a page
            continue
        if url in seen:
            continue
        seen.add(url)
        text = " ".join(anchor.get_text(" ", strip=True).split())
        links.append(
            Link(
                url=url,
                selector=css_selector(anchor),
                text=text[:200],
                in_navigation=in_navigation(anchor),
            )
        )
    return links
