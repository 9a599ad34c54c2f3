"""The viewport meta tag must not stop people zooming (WCAG 1.4.4 Resize Text).

Fails a `<meta name="viewport">` whose content has `user-scalable=no` (or `0`), or a
`maximum-scale` below 2. It reads the page's HTML, so it runs in every viewport.

axe-core's `meta-viewport` rule tests the same two settings; both report on purpose. This check
reads the meta tag as browsers do (`,` or `;` between settings, `yes`/`no`/numbers, the last tag
when there are several) and names the exact setting, and it is what the layout checks rely on.
Expect the pair to agree; a difference between them is worth a bug report.

## Why it matters
People with low vision pinch-zoom on phones to read. A page that blocks zooming leaves them
unable to read small text at all.

## How to fix
Use `<meta name="viewport" content="width=device-width, initial-scale=1">` and leave out
`user-scalable` and `maximum-scale`.

## Example
    <meta name="viewport" content="width=device-width, user-scalable=no">    → fail
    <meta name="viewport" content="width=device-width, maximum-scale=1">     → fail
    <meta name="viewport" content="width=device-width, initial-scale=1">     → pass
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.models import Finding, Impact

_SETTING = re.compile(r"\s*([^=,;\s]+)\s*=\s*([^,;\s]*)")


def settings(content: str) -> dict[str, str]:
    """The viewport settings, keys and values lower-cased (later settings win)."""
    return {m.group(1).lower(): m.group(2).lower() for m in _SETTING.finditer(content)}


def _number(value: str) -> float | None:
    """A viewport number as browsers read it: `yes` is 1, `no` is 0.1, junk is None."""
    if value in ("yes", "device-width", "device-height"):
        return 1.0 if value == "yes" else 10.0
    if value == "no":
        return 0.1
    match = re.match(r"[+-]?(\d+\.?\d*|\.\d+)", value)
    return float(match.group(0)) if match else None


def _blocks(user_scalable: str) -> bool:
    """Whether a `user-scalable` value turns zooming off: `no`, or a number between -1 and 1."""
    if user_scalable in ("yes", "device-width", "device-height"):
        return False
    number = _number(user_scalable)
    return user_scalable == "no" or (number is not None and abs(number) < 1)


@register
class ZoomBlocked(Check):
    meta = CheckMeta(
        id="custom/zoom-blocked",
        category="mobile-keyboard",
        title="Zooming is not blocked",
        failure_title="The viewport meta tag blocks zooming",
        help_url="https://www.w3.org/WAI/WCAG22/Understanding/resize-text.html",
        tags=("cat.sensory-and-visual-cues", "wcag2aa", "wcag144"),
        impact=Impact.CRITICAL,
        description="A viewport meta tag must not set user-scalable=no or maximum-scale below 2.",
        act_rules=("b4f0c3",),
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        metas = [
            m
            for m in ctx.soup.find_all("meta")
            if str(m.get("name", "")).strip().lower() == "viewport"
        ]
        if not metas:
            raise self.inapplicable()
        meta = metas[-1]  # browsers use the last one
        values = settings(str(meta.get("content", "")))
        scalable = values.get("user-scalable")
        if scalable is not None and _blocks(scalable):
            yield self.fail(ctx, meta, f'The viewport meta tag sets "user-scalable={scalable}"')
            return
        raw = values.get("maximum-scale")
        maximum = _number(raw) if raw is not None else None
        # A negative maximum-scale is invalid, so browsers ignore it (ACT rule b4f0c3).
        if maximum is not None and 0 <= maximum < 2:
            yield self.fail(
                ctx, meta, f'The viewport meta tag sets "maximum-scale={raw}" (less than 2)'
            )
