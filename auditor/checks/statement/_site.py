"""Finding the accessibility statement among the pages of a run (for the statement site checks).

Site checks see `PageFacts`: each page's address, title, links and the findings of its page
checks, not its HTML. A page is the statement when its title says "accessibility statement", its
address does, or another page links to it with the words "accessibility statement".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from urllib.parse import unquote, urlsplit

from auditor.checks.base import PageFacts
from auditor.checks.statement._statement import (
    clean,
    is_accessibility_url,
    is_statement_url,
    names_statement,
)
from auditor.models import Link

_HOME_PATHS = {"", "index.html", "index.htm", "index.php", "index.aspx", "default.aspx", "home"}
_DOCUMENT_SUFFIXES = (".pdf", ".doc", ".docx", ".odt", ".rtf")


def is_document_url(url: str) -> bool:
    """A PDF or office document, which the crawler inventories instead of rendering."""
    return unquote(urlsplit(url).path).lower().endswith(_DOCUMENT_SUFFIXES)


def is_home(page: PageFacts) -> bool:
    """The site's home page: its address (or where it redirected) is the root or an index."""
    return any(
        unquote(urlsplit(url).path).strip("/").lower() in _HOME_PATHS
        for url in (page.url, page.final_url)
    )


def loaded(page: PageFacts) -> bool:
    """Whether the page loaded as an HTML page."""
    return not page.load_error and (page.status is None or page.status < 400)


def is_statement_link(link: Link) -> bool:
    """A link that says it leads to the statement: by its words, or by its address."""
    text = clean(link.text).lower()
    return (
        names_statement(text)
        or text == "accessibility"
        or is_statement_url(link.url)
        or (is_accessibility_url(link.url) and "accessibility" in text)
    )


def looks_like_statement(page: PageFacts) -> bool:
    """The page, by its own title or address, is an HTML accessibility statement."""
    urls = (page.url, page.final_url)
    return (
        loaded(page)
        and not any(is_document_url(u) for u in urls)
        and (names_statement(page.title) or any(is_statement_url(u) for u in urls))
    )


def statement_pages(pages: Sequence[PageFacts]) -> list[PageFacts]:
    """The HTML statement pages of a run: by title or address, or linked to as the statement."""
    linked_as = {link.url for p in pages for link in p.links if names_statement(link.text)}
    return [
        p
        for p in pages
        if looks_like_statement(p)
        or (
            loaded(p)
            and not is_document_url(p.final_url)
            and (p.url in linked_as or p.final_url in linked_as)
        )
    ]


def addresses(pages: Iterable[PageFacts]) -> set[str]:
    return {u for p in pages for u in (p.url, p.final_url)}


def pages_by_address(pages: Iterable[PageFacts]) -> dict[str, PageFacts]:
    found: dict[str, PageFacts] = {}
    for page in pages:
        found.setdefault(page.url, page)
        found.setdefault(page.final_url, page)
    return found
