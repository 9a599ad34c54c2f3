"""A control that has keyboard focus is not entirely hidden by the page's own content (WCAG 2.2
2.4.11 Focus Not Obscured (Minimum)).

The keyboard probe presses Tab through the page and, the first time each control is focused,
hit-tests a grid of 25 points over the part of it inside the window. A point is hidden when
something else of the page is drawn there on top of the control (not the control, its contents
or its label). A control hidden at every point, by fixed or sticky content that paints a
background or an image (a sticky header, a cookie banner, a chat widget), fails. A control
hidden at every point by anything else (a see-through layer, or during a smooth scroll, when
the page may still be moving) needs review, and so does one partly hidden: 2.4.11 allows that,
2.4.12 (AAA) does not, and a person should judge whether enough of it shows.

## Why it matters
Keyboard users follow the focus to know where they are. A sticky header or a cookie banner that
sits over the focused link leaves them pressing Tab blind, and people using screen magnifiers
lose the focus altogether.

## How to fix
Leave room for sticky content when the page scrolls to the focused element:

    html { scroll-padding-top: 5rem; scroll-padding-bottom: 6rem; }

and do not let banners cover the page while they wait for an answer.

## Example
    a link scrolled under a sticky header (both 60 px tall)         → fail
    a link half under a cookie banner                                → needs review
    a link clear of the sticky header (scroll-padding-top: 80px)     → pass
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.models import Finding, Impact, Node


@register
class FocusNotObscured(Check):
    meta = CheckMeta(
        id="custom/focus-not-obscured",
        title="A focused control is not hidden by the page's own content",
        failure_title="Focused controls are hidden under sticky headers, banners or widgets",
        help_url="https://www.w3.org/WAI/WCAG22/Understanding/focus-not-obscured-minimum.html",
        tags=("cat.keyboard", "wcag22aa", "wcag2411"),
        impact=Impact.SERIOUS,
        probes=("keyboard",),
        desktop_only=True,
        description="When a control has keyboard focus, page content must not hide all of it.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        raw = ctx.probe("keyboard")
        if not isinstance(raw, dict):
            raise TypeError("keyboard probe gave no object")
        data: dict[str, Any] = raw
        focus: Any = data.get("focus") or {}
        # Probe facts recorded before this check read no cover: judge only controls measured.
        measured = {s: f for s, f in focus.items() if isinstance(f, dict) and "obscured" in f}
        if not measured:
            raise self.inapplicable()
        stops = {s["selector"]: s for s in data.get("stops") or [] if isinstance(s, dict)}
        for selector, facts in measured.items():
            cover = facts["obscured"]
            if not isinstance(cover, dict):
                continue
            stop = stops.get(selector, {})
            node = Node(
                selector=selector,
                snippet=str(stop.get("html", "")),
                label=str(stop.get("text", "")),
            )
            by = f"{cover.get('by', '')} ({str(cover.get('by_html', ''))[:120]})"
            share = float(cover.get("share", 0))
            if share < 1:
                yield self.review(
                    ctx,
                    node,
                    f"With keyboard focus, {round(share * 100)}% of this control is hidden by "
                    f"{by}: check that enough of it, and of its focus indicator, still shows",
                )
            elif cover.get("by_fixed") and cover.get("solid") and not cover.get("smooth"):
                yield self.fail(
                    ctx,
                    node,
                    f"With keyboard focus, this control is entirely hidden by {by}, which stays "
                    "on screen as the page scrolls",
                )
            else:
                yield self.review(
                    ctx,
                    node,
                    f"With keyboard focus, something is drawn over all of this control ({by}): "
                    "check whether the control can still be seen",
                )
