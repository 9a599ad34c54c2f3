"""Pointer targets are at least 24 × 24 CSS px, or spaced apart (WCAG 2.2, 2.5.8 Target Size).

This is a WCAG 2.2 level AA success criterion (tagged `wcag22aa`), so a WCAG 2.1 ruleset does not
select it. At the 320 px phone viewport every link, button, form field, `summary`, element with a
`button`/`link` role, `onclick` or a `tabindex` of 0 or more is measured (its box joined with its
children's). A target smaller than 24 px either way fails when a 24 px circle centred on it
touches another target, or the circle of another small target. WCAG's exceptions:

- spacing: a small target whose circle touches nothing passes;
- inline: a link inside a sentence or paragraph (its block has other text) is not measured;
- user agent control: an unstyled browser checkbox or radio button that is crowded needs review
  (the author may have resized it), rather than failing;
- equivalent and essential: not detectable; a person may overrule a failure.

## Why it matters
People with tremors, limited dexterity or large fingers miss small targets that sit close
together, and activate the wrong one.

## How to fix
Make targets at least 24 × 24 CSS px (GOV.UK uses 44 px for touch), for example with padding, or
leave enough space between small ones.

## Example
    three 16 × 16 px icon links side by side     → fail
    one 16 × 16 px icon link, 30 px from others  → pass (spacing)
    a link inside a sentence                     → pass (inline)
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks._layout import flag, items, node, number
from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.models import Finding, Impact


@register
class TargetSize(Check):
    meta = CheckMeta(
        id="custom/target-size",
        category="mobile-keyboard",
        title="Targets are at least 24 × 24 CSS px or spaced apart",
        failure_title="Targets are too small and too close together",
        help_url="https://www.w3.org/WAI/WCAG22/Understanding/target-size-minimum.html",
        tags=("cat.sensory-and-visual-cues", "wcag22aa", "wcag258"),
        impact=Impact.SERIOUS,
        probes=("target_size",),
        description="Targets under 24 × 24 CSS px must be spaced so 24 px circles do not meet.",
        mobile_only=True,
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        data = ctx.probe("target_size")
        if isinstance(data, dict) and data.get("targets") == 0:
            raise self.inapplicable()
        for item in items(data, "undersized"):
            raw = item.get("crowded_by")
            crowded = [c for c in raw if isinstance(c, str)] if isinstance(raw, list) else []
            if not crowded:
                continue  # spacing exception
            size = f"{number(item, 'width'):g} × {number(item, 'height'):g} CSS px"
            near = ", ".join(crowded)
            message = (
                f"Target is {size}, under the 24 × 24 px minimum of WCAG 2.2 success criterion "
                f"2.5.8, and too close to {near}"
            )
            if flag(item, "native"):
                yield self.review(
                    ctx,
                    node(item),
                    message + ": if the browser's default checkbox or radio size was not "
                    "changed, the user agent control exception applies",
                )
            else:
                yield self.fail(ctx, node(item), message)
