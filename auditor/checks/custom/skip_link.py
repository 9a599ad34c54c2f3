"""A skip link, when the page has one, works (WCAG 2.4.1 Bypass Blocks).

When the first tab stop is an in-page link that says "skip", "jump to" or "main content", the
keyboard probe checks that it becomes visible when focused (inside the window, larger than a
pixel, not clipped or covered), that the element it points to exists, and that pressing Enter
on it moves focus into that element, or at least moves the point the next Tab starts from there
(as browsers do for a target that cannot take focus). Pages without a skip link are left to
axe's `bypass` rule.

## Why it matters
A skip link lets keyboard users jump past the header and navigation they would otherwise tab
through on every page. A skip link that stays invisible, points nowhere or leaves focus where it
was is worse than none: it costs a Tab press and does nothing.

## How to fix
Make the link the first thing in `<body>`, show it on focus, and point it at the `id` of the
`<main>` element:

    <a class="skip-link" href="#main-content">Skip to main content</a>
    …
    <main id="main-content">

If your own script handles the click, focus the target (give it `tabindex="-1"`).

## Example
    <a href="#content">Skip to content</a> with no element id="content"     → fail
    <a href="#main" class="sr-only">Skip to content</a> never shown on focus → fail
    <a href="#main" class="skip-link">Skip to main content</a>, <main id="main"> → pass
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.models import Finding, Impact, Node


@register
class SkipLink(Check):
    meta = CheckMeta(
        id="custom/skip-link",
        category="mobile-keyboard",
        title="The skip link works",
        failure_title="The skip link does not work",
        help_url="https://www.w3.org/WAI/WCAG21/Understanding/bypass-blocks.html",
        tags=("cat.keyboard", "wcag2a", "wcag241"),
        impact=Impact.MODERATE,
        probes=("keyboard",),
        desktop_only=True,
        description="A skip link must be visible on focus and move focus to the main content.",
        act_rules=("cf77f2",),
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        raw = ctx.probe("keyboard")
        if not isinstance(raw, dict):
            raise TypeError("keyboard probe gave no object")
        data: dict[str, Any] = raw
        link: Any = data.get("skip_link")
        if not isinstance(link, dict):
            raise self.inapplicable()
        node = Node(selector=link["selector"], snippet=link["html"], label=link["text"])
        problems = []
        if not link["visible"]:
            problems.append("it does not become visible when it has focus")
        if not link["target_exists"]:
            problems.append(f"its target {link['href']} does not exist")
        elif link.get("focus_in_target") or link.get("next_in_or_after_target"):
            pass
        elif link.get("next_in_or_after_target") is False:
            problems.append(f"activating it does not move focus to {link['href']}")
        else:
            yield self.review(
                ctx,
                node,
                f"Could not tell whether activating it moves focus to {link['href']}; "
                "check with a keyboard",
            )
        if problems:
            yield self.fail(ctx, node, "The skip link fails: " + "; ".join(problems))
