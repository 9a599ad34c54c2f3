"""Every control that should be in the tab order is reached by pressing Tab (WCAG 2.1.1 Keyboard).

The keyboard probe lists the page's tab stops (visible, enabled links, buttons, form fields and
elements with `tabindex="0"` or more) and then presses Tab through the page. A tab stop the walk
never reached is tried once more, by pressing Tab from the stop before it; it fails only when
that misses it too, which happens when a script moves focus away as it arrives, or a key handler
skips over it. Controls after a keyboard trap, or past the end of a walk that was cut short, need
review: they could not be tested.

## Why it matters
People who use a keyboard, switch device or voice control move through a page with Tab. A
control that Tab never reaches cannot be used at all by them: a "Pay now" button they cannot
reach is a payment they cannot make.

## How to fix
Do not move focus away from an element when it receives focus (`onfocus="this.blur()"`), and do
not intercept Tab to jump over controls. Use real links and buttons, which are in the tab order
without any script.

## Example
    <button onfocus="this.blur()">Apply</button>   → fail: focus never stays on it
    <a href="/apply">Apply for a parking permit</a> → pass
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.models import Finding, Impact, Node


def _node(item: dict[str, Any]) -> Node:
    return Node(
        selector=str(item.get("selector", "")),
        snippet=str(item.get("html", "")),
        label=str(item.get("text", "")),
    )


@register
class KeyboardReachable(Check):
    meta = CheckMeta(
        id="custom/keyboard-reachable",
        category="mobile-keyboard",
        title="Every control can be reached with the Tab key",
        failure_title="Some controls cannot be reached with the Tab key",
        help_url="https://www.w3.org/WAI/WCAG21/Understanding/keyboard.html",
        tags=("cat.keyboard", "wcag2a", "wcag211"),
        impact=Impact.SERIOUS,
        probes=("keyboard",),
        desktop_only=True,
        description="Pressing Tab must reach every link, button and form field on the page.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        raw = ctx.probe("keyboard")
        if not isinstance(raw, dict):
            raise TypeError("keyboard probe gave no object")
        data: dict[str, Any] = raw
        tabbables: list[Any] = data.get("tabbables") or []
        if not tabbables:
            raise self.inapplicable()
        unreached: list[Any] = data.get("unreached") or []
        not_walked = [u for u in unreached if u["status"] == "not_walked"]
        for entry in unreached:
            item = tabbables[entry["index"]]
            status = entry["status"]
            if status == "unreachable":
                yield self.fail(
                    ctx,
                    _node(item),
                    "Pressing Tab never leaves focus on this control: focus skips it or is "
                    "moved away as it arrives",
                )
            elif status == "after_trap":
                yield self.review(
                    ctx,
                    _node(item),
                    "Not reached because focus is trapped earlier in the page; check it can be "
                    "reached once the trap is fixed",
                )
            elif status == "unknown":
                yield self.review(
                    ctx, _node(item), "Tab did not reach this control; check it with a keyboard"
                )
        if not_walked:
            first = tabbables[not_walked[0]["index"]]
            yield self.review(
                ctx,
                _node(first),
                f"The Tab walk stopped after {data.get('presses')} presses; this and "
                f"{len(not_walked) - 1} later controls were not tested",
            )
