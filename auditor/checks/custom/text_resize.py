"""Text must stay readable at 200% zoom: not cut off, not overlapping (WCAG 1.4.4 Resize Text).

The page is zoomed to 200% the way a browser does it: the desktop window's CSS viewport is
halved (1280 × 800 becomes 640 × 400) and the layout redone. An element whose text is cut off by
its own `overflow: hidden` or `clip` box at 200%, but was not at 100%, fails. Text truncated on
purpose with an ellipsis, a line clamp or a box one line high needs review (is the full text
available?), and so do sibling text elements whose boxes newly overlap by more than 4 px.
Screen-reader-only text (`govuk-visually-hidden`, `sr-only`, 1 × 1 px clip) is never reported.
Only the desktop viewport is zoomed.

## Why it matters
Many people with low vision zoom the page to 200% or more. If boxes keep their height while the
text grows, words are cut off or drawn over each other and cannot be read.

## How to fix
Size boxes that hold text with `min-height` instead of `height`, avoid `overflow: hidden` on
text containers, and use relative units (`rem`, `em`) and flexible layouts.

## Example
    <div style="height: 3em; overflow: hidden">Four lines of text…</div>  → fail (clipped at 200%)
    <div style="min-height: 3em">Four lines of text…</div>                → pass
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks._layout import flag, items, node, text
from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.models import Finding, Impact


@register
class TextResize(Check):
    meta = CheckMeta(
        id="custom/text-resize",
        category="mobile-keyboard",
        title="Text is readable at 200% zoom",
        failure_title="Text is cut off at 200% zoom",
        help_url="https://www.w3.org/WAI/WCAG22/Understanding/resize-text.html",
        tags=("cat.sensory-and-visual-cues", "wcag2aa", "wcag144"),
        impact=Impact.SERIOUS,
        probes=("text_zoom",),
        description="Zoomed to 200%, no text may be cut off or drawn over other text.",
        desktop_only=True,
        act_rules=("59br37",),
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        data = ctx.probe("text_zoom")
        for item in items(data, "clipped"):
            if flag(item, "truncates"):
                yield self.review(
                    ctx,
                    node(item),
                    "At 200% zoom this text is truncated (ellipsis, line clamp or a box one line "
                    "high): check the full text is available",
                )
            else:
                yield self.fail(
                    ctx, node(item), "At 200% zoom this text is cut off by its box (overflow)"
                )
        for item in items(data, "overlapping"):
            yield self.review(
                ctx,
                node(item),
                f"At 200% zoom this text overlaps {text(item, 'with') or 'a sibling'}: check "
                "both stay readable",
            )
