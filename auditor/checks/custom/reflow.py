"""Content must reflow at 320 CSS px without scrolling sideways (WCAG 1.4.10 Reflow).

At the 320 px phone viewport the page must fit its width. When the document is wider than the
viewport, the check names the outermost elements whose right edge is past it: each one fails.
Elements inside a box that scrolls or clips sideways are not named (the box is, if it sticks out
itself). Content that needs two dimensions to be understood is exempt: data tables (a `table`
with `th`), `pre`, `code`, maps, `canvas`, `svg` and `video`; when only such content is too
wide, a person must decide whether it really needs the width (needs review). A page with no
mobile viewport `<meta>` is laid out wider than the phone and needs review too.

## Why it matters
People who zoom to 400% on a desktop, or read on a small phone, see 320 CSS px of the page at a
time. If they must scroll sideways for every line, reading becomes slow and they lose their place.

## How to fix
Avoid fixed widths (`width: 600px`); use `max-width: 100%`, flexible layouts and media queries.
Let long words and URLs wrap (`overflow-wrap: anywhere`). Put wide data tables in a container
with `overflow-x: auto`.

## Example
    <div style="width: 600px">Planning notice</div>        → fail at 320 px
    <div style="max-width: 600px">Planning notice</div>    → pass
    <table>…<th>…</table> wider than the screen            → needs review
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks._layout import items, node, number, section
from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.models import Finding, Impact, Node


@register
class Reflow(Check):
    meta = CheckMeta(
        id="custom/reflow",
        category="mobile-keyboard",
        title="Content reflows at 320 CSS px",
        failure_title="Content scrolls sideways at 320 CSS px",
        help_url="https://www.w3.org/WAI/WCAG22/Understanding/reflow.html",
        tags=("cat.structure", "wcag21aa", "wcag1410"),
        impact=Impact.SERIOUS,
        probes=("reflow",),
        description="At 320 CSS px wide the page must not need horizontal scrolling.",
        mobile_only=True,
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        data = ctx.probe("reflow")
        facts = data if isinstance(data, dict) else {}
        layout, device = number(facts, "layout_width"), number(facts, "device_width")
        scroll = number(facts, "scroll_width")
        root = node(section(data, "root")) if section(data, "root") else Node(selector="html")
        if device and layout > device + 1:
            yield self.review(
                ctx,
                root,
                f"The page is laid out {layout:g} px wide on a {device:g} px phone (no mobile "
                "viewport meta tag): check that it reflows when zoomed to 400% on a desktop",
            )
            return
        if scroll <= layout + 1:
            return
        overflowing = items(data, "overflowing")
        for item in overflowing:
            yield self.fail(
                ctx,
                node(item),
                f"Element reaches {number(item, 'right'):g} px, past the {layout:g} px viewport: "
                f"the page scrolls sideways ({scroll:g} px wide)",
            )
        if overflowing:
            return
        exempt = items(data, "exempt")
        for item in exempt:
            yield self.review(
                ctx,
                node(item),
                f"Only this {item.get('tag')} is wider than the {layout:g} px viewport: check it "
                "needs two dimensions (data table, code, map, video) to be understood",
            )
        if not exempt:
            yield self.review(
                ctx,
                root,
                f"The page is {scroll:g} px wide at {layout:g} px but no element could be named: "
                "check whether it scrolls sideways",
            )
