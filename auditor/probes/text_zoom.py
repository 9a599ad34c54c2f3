"""Text zoom probe: text clipped or overlapping at 200% zoom (WCAG 1.4.4)."""

from __future__ import annotations

from playwright.async_api import Page, ViewportSize
from pydantic import JsonValue

from auditor.models import Viewport
from auditor.probes import Probe, register_probe
from auditor.probes.layout_common import restore, script, scroll_position, settle


@register_probe
class TextZoomProbe(Probe):
    """Zooms to 200% the way a browser does, by halving the CSS viewport (1280 × 800 becomes
    640 × 400, and media queries respond), and lists text newly cut off by its own
    `overflow: hidden/clip` box (`clipped`) and sibling text elements that newly overlap by more
    than 4 px (`overlapping`). The window size and scroll position are restored."""

    name = "text_zoom"
    order = 85

    async def collect(self, page: Page, viewport: Viewport) -> JsonValue:
        size = page.viewport_size or ViewportSize(width=viewport.width, height=viewport.height)
        scroll = await scroll_position(page)
        code = script("text_zoom")
        before = await page.evaluate(code, {"phase": "before"})
        try:
            half = ViewportSize(
                width=max(size["width"] // 2, 1), height=max(size["height"] // 2, 1)
            )
            await page.set_viewport_size(half)
            await settle(page)
            result: JsonValue = await page.evaluate(code, {"phase": "after", "before": before})
        finally:
            await restore(page, size, scroll)
        return result
