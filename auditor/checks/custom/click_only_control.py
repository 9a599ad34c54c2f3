"""Controls that react to a click can be used from the keyboard (WCAG 2.1.1 Keyboard).

The `click_handlers` probe reads the page's event listeners (through the DevTools protocol) and
lists elements with a click, mouse or pointer listener of their own that are not links, buttons
or form fields, that Tab cannot reach, that sit in no focusable widget, that hold nothing
focusable and that are not a region of content (a container, or an element holding headings,
lists or an alert, whose listener serves what is inside it). Each fails: whatever the click
does, a keyboard user cannot do it. Pages where no element listens for clicks itself (sites
that delegate clicks to the document) are inapplicable.

## Why it matters
A `<div onclick>` "button", a clickable table row or a `<span>` that opens a menu looks like a
control to a mouse user and is invisible to everyone on a keyboard, a switch device or voice
control. Screen readers do not announce it as anything they can press.

## How to fix
Use a `<button>` (or a link when it goes somewhere): it is in the tab order, Enter and Space
press it, and it is announced as a button.

    <button type="button" class="app-toggle">Show bin days</button>

## Example
    <div onclick="show()">Show bin days</div>             → fail
    <div class="card" onclick="go()"><a href="/x">…</a>   → pass (the link is the keyboard's way)
    <button onclick="show()">Show bin days</button>       → pass
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks._layout import flag, items, node, text
from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.models import Finding, Impact

PROBE = "click_handlers"


@register
class ClickOnlyControl(Check):
    meta = CheckMeta(
        id="custom/click-only-control",
        category="mobile-keyboard",
        title="Controls that react to a click work from the keyboard",
        failure_title="An element reacts to clicks but the keyboard cannot reach it",
        help_url="https://www.w3.org/WAI/WCAG22/Understanding/keyboard.html",
        tags=("cat.keyboard", "wcag2a", "wcag211"),
        impact=Impact.SERIOUS,
        probes=(PROBE,),
        description="Elements with click handlers are buttons or links that Tab can reach.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        facts = ctx.probe(PROBE)
        if not isinstance(facts, dict) or not facts.get("listened"):
            raise self.inapplicable()
        for control in items(facts, "controls"):
            role = text(control, "role")
            what = f"<{text(control, 'tag')}{f' role={role}' if role else ''}>"
            label = text(control, "text")
            keys = (
                " (it listens for keys, but cannot receive them)" if flag(control, "keys") else ""
            )
            yield self.fail(
                ctx,
                node(control),
                f'This {what} "{label[:60]}" reacts to clicks but Tab cannot reach it{keys}: '
                "keyboard users cannot use it",
            )
