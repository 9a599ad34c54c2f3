"""Content shown on hover or focus must be dismissible, hoverable and persistent (WCAG 1.4.13).

The check finds content that appears when the pointer is over an element or it has focus: CSS
rules in the page's own stylesheets whose selector has `:hover`, `:focus`, `:focus-within` or
`:focus-visible` and which show another element that is hidden now (`display` other than
`none`, `visibility: visible` or `opacity: 1`, as in `.menu:hover .submenu {display: block}`),
and elements with a `title` tooltip (not form fields, frames or `abbr`). Each trigger element
needs review; the check never fails, because only a person can try the content. Cross-origin
stylesheets and content shown by scripts are not seen. Only the desktop viewport is tested.

## Why it matters
People who magnify the screen move the pointer to read content that popped up; if it vanishes
as they move, or cannot be closed and covers what they were reading, they cannot use it.
Keyboard users need the same content on focus.

## How to fix
Let Escape close the content without moving focus, keep it open while the pointer is over it,
and keep it until the user moves away or dismisses it. Do not put needed information only in a
`title` attribute: touch and keyboard users never see browser tooltips.

## How to review
Hover and focus each trigger: check the content can be dismissed with Escape, that the pointer
can move onto it without it disappearing, and that it stays until dismissed.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks._layout import items, node, text
from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.models import Finding, Impact


@register
class ContentOnHover(Check):
    meta = CheckMeta(
        id="custom/content-on-hover",
        category="mobile-keyboard",
        title="Content on hover or focus can be dismissed, hovered and kept",
        failure_title="Content appears on hover or focus",
        help_url="https://www.w3.org/WAI/WCAG22/Understanding/content-on-hover-or-focus.html",
        tags=("cat.sensory-and-visual-cues", "wcag21aa", "wcag1413"),
        impact=Impact.MODERATE,
        probes=("hover_content",),
        description="Content that appears on hover or focus needs a person to check it.",
        desktop_only=True,
        review_only=True,
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        triggers = items(ctx.probe("hover_content"), "triggers")
        if not triggers:
            raise self.inapplicable()
        for item in triggers:
            if text(item, "kind") == "title":
                message = (
                    f'This element shows a browser tooltip ("{text(item, "title")[:80]}"): '
                    "check the text is also available without hovering"
                )
            else:
                message = (
                    f"Hovering or focusing this element shows {text(item, 'content')} "
                    f"(rule `{text(item, 'rule')}`): check it can be dismissed with Escape, "
                    "hovered without disappearing, and stays until dismissed"
                )
            yield self.review(ctx, node(item), message)
