"""Orientation probe: whether the page works in both portrait and landscape (WCAG 1.3.4)."""

from __future__ import annotations

from playwright.async_api import Page, ViewportSize
from pydantic import JsonValue

from auditor.models import Viewport
from auditor.probes import Probe, register_probe
from auditor.probes.layout_common import restore, script, scroll_position, settle


@register_probe
class OrientationProbe(Probe):
    """`locks`: CSS rules inside `(orientation: …)` media queries that hide (`display: none`,
    `visibility: hidden`) or turn by a quarter (`transform: rotate(90deg)`) the `html`, `body` or
    main element. Then the page is measured as it is (`current`) and with width and height swapped
    (`rotated`): whether the main content is visible, how much text it shows, and visible
    "rotate your device" messages. The window size and scroll position are restored."""

    name = "orientation"
    order = 86

    async def collect(self, page: Page, viewport: Viewport) -> JsonValue:
        size = page.viewport_size or ViewportSize(width=viewport.width, height=viewport.height)
        scroll = await scroll_position(page)
        code = script("orientation")
        found = await page.evaluate(code, {"phase": "static"})
        current = await page.evaluate(code, {"phase": "measure"})
        try:
            await page.set_viewport_size(ViewportSize(width=size["height"], height=size["width"]))
            await settle(page)
            rotated = await page.evaluate(code, {"phase": "measure"})
        finally:
            await restore(page, size, scroll)
        result: JsonValue = {**found, "current": current, "rotated": rotated}
        return result
