"""Back links are links, placed before `<main>`, that say "Back" (LGDSS point 11).

For each GOV.UK back link (`.govuk-back-link`) and NHS.UK back link (`.nhsuk-back-link`, or its
older inner `.nhsuk-back-link__link`): it must be an `<a>` with an `href` (NHS.UK Frontend 10
also allows a `<button>`), come before `<main>` rather than inside or after it, and have text.
Text that does not start with "Back" (or the Welsh "Yn ôl"), and links to `#` or `javascript:`
that only work with JavaScript, need a person to look. Pages without a back link are
inapplicable.

## Why it matters
The Design System places the back link at the top of the page, before `<main>`, so the skip
link jumps past it and it is where users expect it. Inside `<main>` it sits between the skip
link's target and the content. A back link without an `href` cannot be reached by keyboard,
and one that needs JavaScript does nothing when scripts fail to load.

## How to fix
Link to the previous page in the journey and put the link before `<main>`:

    <a href="/report-missed-bin/address" class="govuk-back-link">Back</a>
    <main class="govuk-main-wrapper" id="main-content">

## Example
    <a class="govuk-back-link" href="/previous">Back</a> before <main>   → pass
    <a class="govuk-back-link" href="/previous">Back</a> inside <main>   → fail
    <span class="govuk-back-link">Back</span>                            → fail
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import Tag

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.checks.govuk._patterns import attr, classes, inside, main_element, visible_text
from auditor.models import Finding, Impact

_BACK_TEXT = re.compile(r"^(back|yn ôl)\b", re.I)
_SCRIPT_ONLY = re.compile(r"^(#|javascript:)", re.I)


def back_links(tags: list[Tag]) -> list[Tag]:
    """The back link elements: NHS.UK 9's wrapper `div.nhsuk-back-link` gives its inner link."""
    found = []
    for tag in tags:
        names = classes(tag)
        nhs_wrapper = "nhsuk-back-link" in names and tag.select_one(".nhsuk-back-link__link")
        if {"govuk-back-link", "nhsuk-back-link__link", "nhsuk-back-link"} & set(names) and not (
            nhs_wrapper
        ):
            found.append(tag)
    return found


@register
class BackLink(Check):
    meta = CheckMeta(
        id="govuk/back-link",
        title="Back links are links before the main content",
        failure_title="A back link is not a working link before the main content",
        help_url="https://design-system.service.gov.uk/components/back-link/",
        tags=("cat.structure", "best-practice", "lgdss11"),
        impact=Impact.MINOR,
        description='A back link is an <a href> before <main> that says "Back".',
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        links = back_links(ctx.soup.find_all(True))
        if not links:
            raise self.inapplicable()
        main = main_element(ctx.soup)
        for link in links:
            problems = []
            nhs_button = link.name == "button" and "nhsuk-back-link" in classes(link)
            href = attr(link, "href").strip()
            if link.name != "a" and not nhs_button:
                problems.append(f"it is a <{link.name}>, not a link")
            elif link.name == "a" and not href:
                problems.append("it has no href, so it cannot be followed or reached by keyboard")
            if main is not None and (link is main or inside(link, main)):
                problems.append("it is inside <main>; place it before <main>")
            elif main is not None and _after(link, main):
                problems.append("it comes after <main>; place it before <main>")
            text = visible_text(link)
            if not text and not attr(link, "aria-label"):
                problems.append("it has no text")
            if problems:
                yield self.fail(ctx, link, "The back link fails: " + "; ".join(problems))
            elif link.name == "a" and _SCRIPT_ONLY.match(href):
                yield self.review(
                    ctx, link, f'The back link goes to "{href}": check it works without JavaScript'
                )
            elif text and not _BACK_TEXT.match(text):
                yield self.review(
                    ctx, link, f'The back link says "{text}": the Design System\'s text is "Back"'
                )


def _after(tag: Tag, other: Tag) -> bool:
    """Whether `tag` starts after `other` ends (neither contains the other)."""
    return any(node is other for node in tag.find_all_previous(other.name))
