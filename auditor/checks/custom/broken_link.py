"""Links to pages of the site that answer with an HTTP error (404, 500) or fail to load.

## Why it matters
A broken link strands every user, and assistive-technology users most: they have fewer ways to
recover. The Local Government Digital Service Standard (point 8) asks for broken links to be found.

## How to fix
Point the link at the page's new address, or remove it. Redirect old addresses that others link to.

## Example
    <a href="/planning/old-consultation.html">Consultation</a>   (the page returns 404)  → fail
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks.base import CheckMeta, PageFacts, SiteCheck, SiteContext, register
from auditor.models import Finding, Impact, Node


@register
class BrokenLink(SiteCheck):
    meta = CheckMeta(
        id="custom/broken-link",
        title="Links lead to pages that load",
        failure_title="Links lead to pages that answer with an error",
        help_url="https://www.w3.org/WAI/WCAG21/Understanding/multiple-ways.html",
        tags=("cat.links", "best-practice"),
        impact=Impact.SERIOUS,
        requires=("links",),
        description="Every link to an audited page must reach a page that loads.",
    )

    def applies_to(self, page: PageFacts, site: SiteContext) -> bool:
        return bool(page.links)

    def evaluate_site(self, site: SiteContext) -> Iterator[Finding]:
        pages = site.pages
        broken = {p.url: _problem(p) for p in pages if _problem(p)}
        for page in pages:
            for link in page.links:
                problem = broken.get(link.url)
                if problem:
                    node = Node(selector=link.selector, snippet=link.text[:300], label=link.url)
                    yield self.finding(page, node, f"Link to {link.url} {problem}")


def _problem(page: PageFacts) -> str:
    if page.status is not None and page.status >= 400:
        return f"answers HTTP {page.status}"
    if page.load_error and page.status is None:
        return f"did not load ({page.load_error})"
    return ""
