"""Focus never gets stuck in part of the page (WCAG 2.1.2 No Keyboard Trap).

The keyboard probe presses Tab through the page. When focus comes back to a control it has
already visited without first leaving the page, it goes round the cycle a second time to be
sure, then presses Escape and Shift+Tab, and any key combination the page's own words advise
("Press Ctrl+M to exit"). The cycle is a trap, and fails, when tab stops after it can never be
reached and none of those lets go (WCAG allows an advised way out; ACT rule 80af7b). A cycle
inside a dialog, one that one of those keys ends, one that only shuts out controls before it, or
one the page gives instructions for that name no key, needs review. So does a cycle on a page
that moves focus by itself a moment after a key press (a timer started when a control loses
focus): where focus is seen then depends on how busy the machine is, and going backward may reach
what going forward cannot (ACT 80af7b passed example 7).

## Why it matters
A keyboard user whose focus is caught in a widget cannot get to the rest of the page, or leave
it, without a mouse: they are stuck. Better Connected treats a keyboard trap as a hard fail.

## How to fix
Let Tab and Shift+Tab move out of every widget. Only a modal dialog should keep focus inside
itself, and it must close with Escape and with a button inside it.

## Example
    <div id="lookup">                       → fail: Tab from the button goes back to the input
      <input id="postcode">
      <button onkeydown="if (event.key === 'Tab') {
          event.preventDefault(); postcode.focus() }">Find address</button>
    </div>
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.models import Finding, Impact, Node


@register
class KeyboardTrap(Check):
    meta = CheckMeta(
        id="custom/keyboard-trap",
        category="mobile-keyboard",
        title="Keyboard focus can always move on",
        failure_title="Keyboard focus gets trapped",
        help_url="https://www.w3.org/WAI/WCAG21/Understanding/no-keyboard-trap.html",
        tags=("cat.keyboard", "wcag2a", "wcag212"),
        impact=Impact.CRITICAL,
        probes=("keyboard",),
        desktop_only=True,
        description="Tab must be able to move focus out of every part of the page.",
        act_rules=("80af7b",),
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        raw = ctx.probe("keyboard")
        if not isinstance(raw, dict):
            raise TypeError("keyboard probe gave no object")
        data: dict[str, Any] = raw
        if not data.get("tabbables"):
            raise self.inapplicable()
        trap: Any = data.get("trap")
        if not isinstance(trap, dict):
            return
        container = trap["container"]
        node = Node(selector=container["selector"], snippet=container["html"])
        cycle = ", ".join(trap["cycle"][:5])
        verdict = _verdict(trap)
        if verdict is None:
            yield self.fail(
                ctx,
                node,
                f"Tab keeps focus cycling between {cycle}; {len(trap['after'])} later "
                "controls cannot be reached and neither Escape nor Shift+Tab releases it"
                + _advice_tried(trap),
            )
        else:
            yield self.review(
                ctx,
                node,
                f"Tab keeps focus cycling between {cycle} ({verdict}); check that users can "
                "leave it and are told how",
            )


def _verdict(trap: dict[str, Any]) -> str | None:
    """Why a cycle is not a sure failure of 2.1.2, or None when it is one: it shuts out later
    controls and no standard key, nor any key the page advises, lets focus go."""
    advised = trap.get("advised_keys") or []
    if trap["in_dialog"]:
        return "inside a dialog"
    if trap["escape_exits"]:
        return "Escape releases it"
    if trap.get("backward_exits"):
        return "Shift+Tab moves focus out of it, so focus is not trapped, but forward order is"
    if trap.get("released_by"):
        return f"{trap['released_by']}, as the page advises, releases it"
    if trap.get("moved_by_page"):
        return (
            "the page moves focus by itself a moment after a key press, so where focus goes "
            "depends on timing"
        )
    if trap["kind"] != "trap":
        return "it shuts out earlier controls"
    if trap.get("instructions") and not advised:
        quoted = "; ".join(f'"{line}"' for line in trap["instructions"])
        return f"the page says {quoted}: try what it advises"
    return None


def _advice_tried(trap: dict[str, Any]) -> str:
    advised = trap.get("advised_keys") or []
    if not advised:
        return ""
    return f", nor does {' or '.join(advised)}, which the page advises"
