"""The home page links to the accessibility statement.

A site check over every page of the run except the statement itself. GOV.UK's guidance asks for
the statement to be linked "from a prominent place on the homepage or from every page on the
website in a consistent place like the website footer". So:

- the home page must link to it (a link to a statement page of the run, or a link that says
  "accessibility statement" or goes to an address like `/accessibility-statement`): if it does
  not, the home page fails, since neither way is then met;
- other pages without a link pass when the home page is in the run, because the home-page link
  alone meets the guidance, and failing every page for one missing home link would only repeat
  one finding thousands of times;
- when the run has no home page (a list of pages audited with `--max-depth 0`, say), a page
  without a link needs review: only the home page can settle it.

## Why it matters
A statement nobody can find helps nobody. Users who meet a barrier look for it at the foot of
the page they are on, or on the home page; GDS monitoring checks the link is there.

## How to fix
Link to the statement from the footer of every page (which includes the home page):

    <a href="/accessibility-statement/">Accessibility statement</a>

## Example
    home page without a statement link                  → fail (home page)
    home page footer links to /accessibility-statement/ → pass (every page)
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks.base import CheckMeta, PageFacts, SiteCheck, SiteContext, make_finding, register
from auditor.checks.statement._page import GUIDANCE_URL
from auditor.checks.statement._site import (
    addresses,
    is_home,
    is_statement_link,
    loaded,
    looks_like_statement,
    statement_pages,
)
from auditor.models import Finding, Impact, Node, Outcome


@register
class StatementLinked(SiteCheck):
    meta = CheckMeta(
        id="statement/linked",
        title="The home page links to the accessibility statement",
        failure_title="The home page does not link to the accessibility statement",
        help_url=GUIDANCE_URL,
        tags=("cat.statement", "best-practice", "psbar", "lgdss12"),
        impact=Impact.SERIOUS,
        requires=("links",),
        description="The home page (or every page) must link to the accessibility statement.",
    )

    def applies_to(self, page: PageFacts, site: SiteContext) -> bool:
        return loaded(page) and not looks_like_statement(page)

    def evaluate_site(self, site: SiteContext) -> Iterator[Finding]:
        pages = site.pages
        statements = addresses(statement_pages(pages))
        judged = [p for p in pages if self.applies_to(p, site) and p.url not in statements]
        homes = [p for p in judged if is_home(p)]
        for page in judged:
            if any(link.url in statements or is_statement_link(link) for link in page.links):
                continue
            node = Node(selector="html", label=page.url)
            if is_home(page):
                yield self.finding(
                    page,
                    node,
                    "The home page does not link to the accessibility statement; link to it "
                    "from the home page or from every page's footer",
                )
            elif not homes:
                yield make_finding(
                    self.meta,
                    Outcome.NEEDS_REVIEW,
                    page.url,
                    "This page does not link to the accessibility statement and the home page "
                    "was not audited: check the home page links to it (or link from every page)",
                    node,
                    page.viewport,
                )
