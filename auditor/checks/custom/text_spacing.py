"""Text must not be cut off when people increase text spacing (WCAG 1.4.12 Text Spacing).

The check applies the spacing the success criterion names (line height 1.5 × the font size,
letter spacing 0.12 em, word spacing 0.16 em, 2 em after paragraphs) and fails each element
whose text is then cut off by its own `overflow: hidden` or `clip` box and was not before. Text
truncated on purpose with an ellipsis or a line clamp needs review instead. The spacing is
removed again afterwards. Only the desktop viewport is tested.

## Why it matters
People with dyslexia or low vision often use a bookmarklet or browser extension to space text
out. Boxes with a fixed height then cut off the end of the text, and that content is lost.

## How to fix
Do not give text containers a fixed `height` with `overflow: hidden`; use `min-height`, or let
the box grow with its content.

## Example
    <p style="height: 3em; overflow: hidden">Two lines…</p>       → fail
    <p style="min-height: 3em">Two lines…</p>                     → pass
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks._layout import flag, items, node
from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.models import Finding, Impact


@register
class TextSpacing(Check):
    meta = CheckMeta(
        id="custom/text-spacing",
        category="mobile-keyboard",
        title="Text survives increased text spacing",
        failure_title="Text is cut off when text spacing is increased",
        help_url="https://www.w3.org/WAI/WCAG22/Understanding/text-spacing.html",
        tags=("cat.sensory-and-visual-cues", "wcag21aa", "wcag1412"),
        impact=Impact.SERIOUS,
        probes=("text_spacing",),
        description="With WCAG's text-spacing overrides applied, no text may be cut off.",
        desktop_only=True,
        act_rules=("24afc2", "78fd32", "9e45ec"),
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        for item in items(ctx.probe("text_spacing"), "clipped"):
            if flag(item, "truncates"):
                yield self.review(
                    ctx,
                    node(item),
                    "With increased text spacing this text is truncated (ellipsis or line "
                    "clamp): check the full text is available",
                )
            else:
                yield self.fail(
                    ctx,
                    node(item),
                    "With increased text spacing this text is cut off by its box (overflow)",
                )
