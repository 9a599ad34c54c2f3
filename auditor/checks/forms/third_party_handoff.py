"""Forms that hand off to a third-party platform, listed by the domain they send people to.

A form whose `action` is on another registrable domain than the page (a payment, booking or
forms platform) needs review, with the domain named, so a council can see which platforms its
transactions depend on (LGDSS point 5) and audit them too. Forms that post to the same site are
not reported; a page without forms is inapplicable.

## Why it matters
Third-party transaction platforms are where council services most often fail their users
(Socitm Better Connected): the council's own pages may be accessible while the form that does
the work is not. The council is still responsible for it under PSBAR 2018.

## How to fix
List these platforms, audit each with `auditor journey`, and ask the supplier for its
accessibility statement and fixes; prefer platforms that use GOV.UK Frontend patterns.

## Example
    <form action="/report">                                → pass
    <form action="https://forms.example.com/missed-bin">   → needs review (example.com)
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urljoin

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.checks.forms._controls import attr
from auditor.models import Finding, Impact
from auditor.web.sites import host_of, same_site


@register
class ThirdPartyHandoff(Check):
    meta = CheckMeta(
        id="forms/third-party-handoff",
        title="Forms stay on the council's site",
        failure_title="A form hands off to a third-party platform",
        help_url="https://www.localdigital.gov.uk/digital-declaration/",
        tags=("cat.forms", "best-practice"),
        impact=Impact.MINOR,
        description="A form posting to another site is listed by domain for review.",
        review_only=True,
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        forms = ctx.soup.find_all("form")
        if not forms:
            raise self.inapplicable()
        page = ctx.snapshot.final_url or ctx.page_url
        for form in forms:
            action = attr(form, "action")
            if not action:
                continue
            target = urljoin(page, action)
            if not target.startswith(("http:", "https:")) or same_site(target, page):
                continue
            yield self.review(
                ctx,
                form,
                f"This form hands off to {host_of(target)}, a third-party platform: audit it "
                "too, and ask its supplier for an accessibility statement",
            )
