"""On a page built with a design system, a skip link is the first focusable element and targets
the main content (LGDSS point 11; the GOV.UK, NHS.UK and LocalGov templates all do this).

Focusable elements are read from the markup in document order (links with `href`, buttons,
form fields, `summary`, `iframe`, elements with `tabindex` ≥ 0), leaving out hidden ones and
those inside a cookie banner, which the GOV.UK Design System places before the skip link. The
first must be a same-page link that says "skip" (or carries a `skip-link` class) and points at
`<main>`, an element inside it or one around it. Whether it shows on focus and moves focus is
`custom/skip-link`'s job, in a real browser. Pages using no design system are inapplicable.

## Why it matters
Keyboard and screen reader users meet the header and navigation on every page. The skip link
lets them past it, but only if it is the first thing they reach: one placed after the logo or
the menu means tabbing through them first, and one pointing at the wrong place skips to nowhere.

## How to fix
Put the design system's skip link right after `<body>` (after the cookie banner, if any) and
point it at the `id` of `<main>`:

    <a href="#main-content" class="govuk-skip-link"
       data-module="govuk-skip-link">Skip to main content</a>
    …
    <main class="govuk-main-wrapper" id="main-content">

## Example
    the logo link comes before the skip link            → fail
    skip link to #content, no element with id="content"  → fail
    skip link first, pointing at <main id="main-content"> → pass
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import BeautifulSoup, Tag

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.checks.govuk._patterns import (
    attr,
    classes,
    describe,
    find_by_id,
    inside,
    is_hidden,
    main_element,
    self_and_ancestors,
    target_id,
    text_of,
)
from auditor.models import Finding, Impact
from auditor.web.design_system import page_design_systems

_SKIP_TEXT = re.compile(r"\b(skip|jump)\b|main content|\bneidio\b", re.I)  # neidio: Welsh "skip"
_COOKIE = re.compile(r"cookie", re.I)
_ALWAYS_FOCUSABLE = frozenset({"button", "select", "textarea", "iframe", "summary"})


def is_focusable(tag: Tag) -> bool:
    """Whether the markup makes `tag` a tab stop (hidden ones are left out by the caller)."""
    tabindex = attr(tag, "tabindex").strip()
    if tabindex.lstrip("-").isdigit() and int(tabindex) < 0:
        return False
    if tag.has_attr("disabled"):
        return False
    if tag.name in ("a", "area"):
        return tag.has_attr("href") or bool(tabindex)
    if tag.name == "input":
        return attr(tag, "type").lower() != "hidden"
    if tag.name in _ALWAYS_FOCUSABLE:
        return True
    if tag.has_attr("contenteditable") and attr(tag, "contenteditable").lower() in ("", "true"):
        return True
    return bool(tabindex)


def in_cookie_banner(tag: Tag) -> bool:
    return any(
        _COOKIE.search(" ".join(classes(node))) or _COOKIE.search(attr(node, "id"))
        for node in self_and_ancestors(tag)
    )


def is_skip_link(tag: Tag) -> bool:
    if tag.name != "a" or target_id(attr(tag, "href")) is None:
        return False
    return any("skip" in c.lower() for c in classes(tag)) or bool(_SKIP_TEXT.search(text_of(tag)))


@register
class SkipLinkFirst(Check):
    meta = CheckMeta(
        id="govuk/skip-link-first",
        title="The skip link is the first focusable element",
        failure_title="The skip link is missing, not first, or does not target the main content",
        help_url="https://design-system.service.gov.uk/components/skip-link/",
        tags=("cat.keyboard", "best-practice", "lgdss11"),
        impact=Impact.MODERATE,
        description="The first tab stop of the page is a skip link to <main>.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        if not page_design_systems(ctx.snapshot, ctx.soup):
            raise self.inapplicable()
        body = ctx.soup.body or ctx.soup
        focusable = [
            tag
            for tag in body.find_all(True)
            if is_focusable(tag) and not is_hidden(tag) and not in_cookie_banner(tag)
        ]
        main = main_element(ctx.soup)
        first = focusable[0] if focusable else None
        if first is None or not is_skip_link(first):
            later = next((tag for tag in focusable if is_skip_link(tag)), None)
            if later is None:
                if not _something_to_skip(ctx.soup, focusable, main):
                    raise self.inapplicable()
                yield self.fail(ctx, body, "The page has no skip link to its main content")
            else:
                assert first is not None
                yield self.fail(
                    ctx,
                    later,
                    f"The skip link is not the first thing keyboard users reach: "
                    f"{describe(first)} comes before it",
                )
            return
        href = attr(first, "href")
        ident = target_id(href) or ""
        target = find_by_id(ctx.soup, ident)
        if target is None:
            yield self.fail(ctx, first, f"The skip link points at {href}, which does not exist")
        elif main is None:
            yield self.review(
                ctx,
                first,
                f"The skip link points at {href}, but the page has no <main> to show it is "
                "the main content",
            )
        elif not (target is main or inside(target, main) or inside(main, target)):
            yield self.fail(
                ctx,
                first,
                f"The skip link points at {href}, which is not the main content (<main>)",
            )


def _something_to_skip(soup: BeautifulSoup, focusable: list[Tag], main: Tag | None) -> bool:
    """Whether keyboard users meet anything before the main content (a framed payment form
    that starts with its `<main>` has nothing to skip)."""
    if main is None:
        return soup.find(["header", "nav"]) is not None
    order = {id(tag): index for index, tag in enumerate(soup.find_all(True))}
    return any(order[id(tag)] < order[id(main)] and not inside(tag, main) for tag in focusable)
