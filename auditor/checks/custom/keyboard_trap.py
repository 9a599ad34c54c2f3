"""Focus never gets stuck in part of the page (WCAG 2.1.2 No Keyboard Trap).

The keyboard probe presses Tab through the page. When focus comes back to a control it has
already visited without first leaving the page, it goes round the cycle a second time to be
sure, then presses Escape. The cycle is a trap, and fails, when tab stops after it can never be
reached and Escape does not let go. A cycle inside a dialog, one that Escape ends, or one that
only shuts out controls before it needs review.

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
        title="Keyboard focus can always move on",
        failure_title="Keyboard focus gets trapped",
        help_url="https://www.w3.org/WAI/WCAG21/Understanding/no-keyboard-trap.html",
        tags=("cat.keyboard", "wcag2a", "wcag212"),
        impact=Impact.CRITICAL,
        requires=("probe:keyboard",),
        desktop_only=True,
        description="Tab must be able to move focus out of every part of the page.",
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
        if trap["kind"] == "trap" and not trap["in_dialog"] and not trap["escape_exits"]:
            yield self.fail(
                ctx,
                node,
                f"Tab keeps focus cycling between {cycle}; {len(trap['after'])} later "
                "controls cannot be reached and Escape does not release it",
            )
        else:
            why = (
                "inside a dialog"
                if trap["in_dialog"]
                else "Escape releases it"
                if trap["escape_exits"]
                else "it shuts out earlier controls"
            )
            yield self.review(
                ctx,
                node,
                f"Tab keeps focus cycling between {cycle} ({why}); check that users can leave "
                "it and are told how",
            )
