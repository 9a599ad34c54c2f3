"""The website has an accessibility statement, published as an HTML page.

A site check, judged on the home page: it passes when an audited page is the statement (its
title or address says "accessibility statement", or a page links to it with those words) and
loaded as HTML. When none was audited, it follows the home page's statement links ("Accessibility
statement", "Accessibility", or an address like `/accessibility-statement`): a statement that is
only a PDF or Word document fails, as does a link that answers with an error; a link to a page
the run did not audit needs review. A home page with no statement link, in a run with no
statement page, fails. Without the home page in the run, the check is inapplicable.

## Why it matters
PSBAR 2018 require every public sector website to publish an accessibility statement, and GDS
asks for it "as a normal HTML page": a PDF is harder to find, to read with assistive technology
and to keep up to date. It is the first thing GDS monitoring looks for.

## How to fix
Publish the statement as an HTML page of the website, from GOV.UK's sample statement, and link
to it from the home page or from every page's footer.

## Example
    home page links "Accessibility statement" → /docs/accessibility.pdf only  → fail
    no statement link and no statement page                                     → fail
    /accessibility-statement/ audited, an HTML page                             → pass
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks.base import CheckMeta, PageFacts, SiteCheck, SiteContext, make_finding, register
from auditor.checks.statement._page import GUIDANCE_URL
from auditor.checks.statement._site import (
    is_document_url,
    is_home,
    is_statement_link,
    loaded,
    pages_by_address,
    statement_pages,
)
from auditor.models import Finding, Impact, Link, Node, Outcome


@register
class StatementExists(SiteCheck):
    meta = CheckMeta(
        id="statement/exists",
        title="The website has an HTML accessibility statement",
        failure_title="The website has no HTML accessibility statement",
        help_url=GUIDANCE_URL,
        tags=("cat.statement", "best-practice", "psbar", "lgdss12"),
        impact=Impact.SERIOUS,
        requires=("links",),
        description="An accessibility statement must be published as an HTML page of the site.",
    )

    def applies_to(self, page: PageFacts, site: SiteContext) -> bool:
        return is_home(page) and loaded(page)

    def evaluate_site(self, site: SiteContext) -> Iterator[Finding]:
        pages = site.pages
        if statement_pages(pages):
            return
        by_address = pages_by_address(pages)
        for home in pages:
            if not self.applies_to(home, site):
                continue
            links = [link for link in home.links if is_statement_link(link)]
            if not links:
                yield self.finding(
                    home,
                    Node(selector="html", label=home.url),
                    "No accessibility statement was found: the home page does not link to one "
                    "and no audited page is one",
                )
                continue
            yield from self._follow(home, links, by_address)

    def _follow(
        self, home: PageFacts, links: list[Link], by_address: dict[str, PageFacts]
    ) -> Iterator[Finding]:
        problems: list[tuple[Link, str]] = []
        unaudited: list[Link] = []
        for link in links:
            target = by_address.get(link.url)
            error = (target.load_error or "") if target else ""
            if is_document_url(link.url) or "pdf" in error.lower():
                problems.append((link, "is only a document (PDF), not an HTML page"))
            elif target is None:
                unaudited.append(link)
            elif not loaded(target):
                status = f"HTTP {target.status}" if target.status else error
                problems.append((link, f"does not load ({status})"))
        if unaudited:
            link = unaudited[0]
            yield make_finding(
                self.meta,
                Outcome.NEEDS_REVIEW,
                home.url,
                f"The home page links to a statement at {link.url}, which this run did not "
                "audit; audit it (or check by hand) that it is an HTML accessibility statement",
                _node(link),
                home.viewport,
            )
            return
        for link, problem in problems:
            yield self.finding(
                home,
                _node(link),
                f"The accessibility statement linked from the home page ({link.url}) {problem}; "
                "publish it as an HTML page",
            )


def _node(link: Link) -> Node:
    return Node(selector=link.selector, snippet=link.text[:300], label=link.url)
