"""Keyboard focus is visible on every control Tab reaches (WCAG 2.4.7 Focus Visible).

The keyboard probe presses Tab through the page and, the first time each control is focused,
compares how it is drawn focused and unfocused: its outline, border, box shadow, background,
colour and underline. When none of these differ it compares screenshots of the control's area
(with its labels) focused and unfocused. Identical pixels fail. A text field whose only sign of
focus would be the text cursor, a control that is itself invisible (a styled checkbox whose
focus shows elsewhere) and a control that focus leaves off screen need review.

## Why it matters
Sighted keyboard users need to see where they are. With `outline: none` and nothing in its
place, every Tab press is a guess. Better Connected treats invisible focus as a hard fail.

## How to fix
Do not remove the browser's focus outline unless you replace it with something at least as
clear, such as the GOV.UK yellow focus style:

    a:focus { outline: 3px solid transparent; background: #ffdd00; color: #0b0c0c;
              box-shadow: 0 -2px #ffdd00, 0 4px #0b0c0c; }

## Example
    <button style="outline: none">Search</button>              → fail
    <button>Search</button>                                     → pass (browser outline)
    <button class="with-shadow-focus">Search</button>           → pass
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.models import Finding, Impact, Node


@register
class FocusVisible(Check):
    meta = CheckMeta(
        id="custom/focus-visible",
        category="mobile-keyboard",
        title="Keyboard focus is visible",
        failure_title="Keyboard focus is invisible on some controls",
        help_url="https://www.w3.org/WAI/WCAG21/Understanding/focus-visible.html",
        tags=("cat.keyboard", "wcag2aa", "wcag247"),
        impact=Impact.SERIOUS,
        probes=("keyboard",),
        desktop_only=True,
        description="Every control must look different when it has keyboard focus.",
        act_rules=("oj04fd",),
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        raw = ctx.probe("keyboard")
        if not isinstance(raw, dict):
            raise TypeError("keyboard probe gave no object")
        data: dict[str, Any] = raw
        focus: Any = data.get("focus") or {}
        if not focus:
            raise self.inapplicable()
        stops = {s["selector"]: s for s in data.get("stops") or [] if isinstance(s, dict)}
        for selector, facts in focus.items():
            stop = stops.get(selector, {})
            node = Node(
                selector=selector,
                snippet=str(stop.get("html", "")),
                label=str(stop.get("text", "")),
            )
            if facts["offscreen"]:
                yield self.review(
                    ctx, node, "Focus moves to this control but it is outside the visible window"
                )
            elif facts["style_changed"] or facts["pixels_changed"]:
                continue
            elif facts["pixels_changed"] is None:
                yield self.review(
                    ctx, node, "Its style does not change on focus and it could not be compared"
                )
            elif facts["text_entry"]:
                yield self.review(
                    ctx,
                    node,
                    "Nothing but the text cursor shows that this field has focus; check it is "
                    "clearly visible",
                )
            elif facts["hidden"]:
                yield self.review(
                    ctx,
                    node,
                    "This control is invisible and nothing near it changes when it has focus",
                )
            else:
                yield self.fail(
                    ctx, node, "Nothing changes when this control receives keyboard focus"
                )
