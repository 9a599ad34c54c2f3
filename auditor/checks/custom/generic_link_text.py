"""Links whose whole text is generic ("click here", "read more") fail WCAG 2.4.4 Link Purpose.

## Why it matters
Screen-reader users often move through a page by its list of links. Twelve links all called
"read more" tell them nothing about where each goes.

## How to fix
Make the link text say where it goes ("Read more about bin collection days"), or give the link an
`aria-label` or `aria-labelledby` that does.

## Example
    <a href="/bins">Read more</a>                                → fail
    <a href="/bins">Read more about bin collection days</a>      → pass
    <a href="/bins" aria-label="Read more about bins">Read more</a>  → pass
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.models import Finding, Impact

GENERIC = frozenset(
    {
        "click here",
        "click",
        "here",
        "read more",
        "more",
        "more info",
        "more information",
        "find out more",
        "learn more",
        "link",
        "this link",
        "this page",
        "go",
        "details",
    }
)
_PUNCTUATION = re.compile(r"[\s.,:;!?…»›>\-–—]+")


def _normalise(text: str) -> str:
    return _PUNCTUATION.sub(" ", text).strip().lower()


@register
class GenericLinkText(Check):
    meta = CheckMeta(
        id="custom/generic-link-text",
        title="Links have descriptive text",
        failure_title="Links use generic text",
        help_url="https://www.w3.org/WAI/WCAG21/Understanding/link-purpose-in-context.html",
        tags=("cat.name-role-value", "wcag2a", "wcag244"),
        impact=Impact.SERIOUS,
        description="Link text alone, or with its context, must say where the link goes.",
        act_rules=("5effbb",),
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        links = ctx.soup.select("a[href]")
        if not links:
            raise self.inapplicable()
        for link in links:
            if link.get("aria-label") or link.get("aria-labelledby"):
                continue
            text = _normalise(link.get_text(" ", strip=True))
            if text in GENERIC:
                yield self.fail(ctx, link, f'Link text "{text}" does not say where the link goes')
