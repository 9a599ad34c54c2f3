"""Tab order that jumps back up the page needs review (WCAG 2.4.3 Focus Order).

The keyboard probe records where each tab stop is as Tab moves through the page. A stop more
than a window's height above the one before it is a jump backwards that a person should look
at: it is often `tabindex="1"` or more, or CSS that moves content away from its place in the
HTML. Stops in fixed or sticky headers and invisible stops are ignored. This check never fails
on its own: only a person can say whether the order preserves meaning.

## Why it matters
Keyboard and screen magnifier users follow focus. If it leaps from the footer back to the middle
of a form, they lose their place and may miss fields or submit too early.

## How to fix
Keep the HTML in the order it is read, do not use positive `tabindex`, and do not reorder
content with CSS (`order`, `flex-direction: row-reverse`, absolute positioning) when the order
matters.

## Example
    <a href="/a">Top link</a> … <button tabindex="1">Far below</button>  → review
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.models import Finding, Impact, Node


@register
class FocusOrder(Check):
    meta = CheckMeta(
        id="custom/focus-order",
        category="mobile-keyboard",
        title="Tab order follows the page",
        failure_title="Tab order jumps back up the page",
        help_url="https://www.w3.org/WAI/WCAG21/Understanding/focus-order.html",
        tags=("cat.keyboard", "wcag2a", "wcag243"),
        impact=Impact.MODERATE,
        probes=("keyboard",),
        desktop_only=True,
        review_only=True,
        description="Focus must move through the page in an order that keeps its meaning.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        raw = ctx.probe("keyboard")
        if not isinstance(raw, dict):
            raise TypeError("keyboard probe gave no object")
        data: dict[str, Any] = raw
        viewport: Any = data.get("viewport") or {}
        height = float(viewport.get("height") or ctx.snapshot.viewport.height)
        stops = [
            s
            for s in data.get("stops") or []
            if isinstance(s, dict) and not s["fixed"] and s["bbox"][2] * s["bbox"][3] > 1
        ]
        if len(stops) < 2:
            raise self.inapplicable()
        for before, stop in itertools.pairwise(stops):
            if stop["bbox"][1] < before["bbox"][1] - height:
                yield self.review(
                    ctx,
                    Node(selector=stop["selector"], snippet=stop["html"], label=stop["text"]),
                    f"Tab moves focus from {before['selector']} back up the page "
                    f"({round(before['bbox'][1] - stop['bbox'][1])} px) to here; check the order "
                    "makes sense",
                )
