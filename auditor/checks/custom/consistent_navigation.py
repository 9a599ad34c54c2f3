"""Navigation repeated across the site's pages comes in the same relative order (WCAG 3.2.3
Consistent Navigation).

A check of the whole run, after the crawl. The links of each page's navigation regions (those
inside a `nav`, `header` or `footer`, or an element with the navigation, banner or contentinfo
role) that
recur on at least three pages and on half the pages audited are the site's repeated navigation.
The order they come in most often is the site's order; a page that gives them in another order
needs review, with the first link out of place. It never fails: a page may rightly reorder its
menu for a section, and only a person can say that the change was the user's.

## Why it matters
People who use a screen reader or magnification, and people with cognitive disabilities, learn
where the menu items are and go straight to them. A menu that reorders itself page by page makes
them read it again every time.

## How to fix
Render the header and footer navigation from one template, in one order, on every page.

## Example
    every page: Home, Bins, Parking, Contact                    → pass
    one page:   Home, Contact, Bins, Parking                    → needs review on that page
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from auditor.checks.base import (
    CheckMeta,
    PageFacts,
    SiteCheck,
    SiteContext,
    make_finding,
    register,
)
from auditor.models import Finding, Impact, Link, Node, Outcome

MIN_PAGES = 3


def _navigation(page: PageFacts) -> list[Link]:
    return [link for link in page.links if link.in_navigation]


def _judged(site: SiteContext) -> list[PageFacts]:
    return [p for p in site.pages if not p.load_error and p.links]


def repeated_navigation(site: SiteContext) -> tuple[str, ...]:
    """The site's repeated navigation links (URLs) in the order most pages give them."""
    return site.memo("custom/consistent-navigation", lambda: _site_order(site))


def _site_order(site: SiteContext) -> tuple[str, ...]:
    pages = _judged(site)
    seen = Counter(url for p in pages for url in {link.url for link in _navigation(p)})
    needed = max(MIN_PAGES, (len(pages) + 1) // 2)
    common = {url for url, n in seen.items() if n >= needed}
    orders = Counter(
        order
        for p in pages
        if len(order := tuple(link.url for link in _navigation(p) if link.url in common)) > 1
    )
    if not orders:
        return ()
    longest = max(len(o) for o in orders)
    return max((o for o in orders if len(o) == longest), key=lambda o: orders[o])


@register
class ConsistentNavigation(SiteCheck):
    meta = CheckMeta(
        id="custom/consistent-navigation",
        title="Repeated navigation comes in the same order on every page",
        failure_title="Repeated navigation comes in a different order on some pages",
        help_url="https://www.w3.org/WAI/WCAG22/Understanding/consistent-navigation.html",
        tags=("cat.structure", "wcag2aa", "wcag323"),
        impact=Impact.MODERATE,
        requires=("links",),
        review_only=True,
        description="The menu links that recur across the site keep their relative order.",
    )

    def applies_to(self, page: PageFacts, site: SiteContext) -> bool:
        order = set(repeated_navigation(site))
        return len([link for link in _navigation(page) if link.url in order]) > 1

    def evaluate_site(self, site: SiteContext) -> Iterator[Finding]:
        order = repeated_navigation(site)
        rank = {url: i for i, url in enumerate(order)}
        for page in _judged(site):
            links = [link for link in _navigation(page) if link.url in rank]
            expected = sorted(links, key=lambda link: rank[link.url])
            if len(links) < 2 or links == expected:
                continue
            moved = next(a for a, b in zip(links, expected, strict=True) if a != b)
            names = ", ".join(f'"{link.text or link.url}"' for link in links)
            usual = ", ".join(f'"{link.text or link.url}"' for link in expected)
            yield make_finding(
                self.meta,
                Outcome.NEEDS_REVIEW,
                page.url,
                f"This page's navigation gives {names}; most pages give {usual}. Did the user "
                "ask for this order? If not, keep the site's order",
                Node(selector=moved.selector, snippet=moved.text[:300], label=moved.url),
                page.viewport,
            )
