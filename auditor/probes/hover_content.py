"""Hover content probe: elements that reveal other content on hover or focus (WCAG 1.4.13)."""

from __future__ import annotations

from playwright.async_api import Page
from pydantic import JsonValue

from auditor.models import Viewport
from auditor.probes import Probe, register_probe
from auditor.probes.layout_common import script


@register_probe
class HoverContentProbe(Probe):
    """Trigger elements of same-origin CSS rules such as `.menu:hover .submenu {display: block}`
    whose revealed content is hidden now (`kind: css`), and elements with a `title` tooltip
    (`kind: title`). Cross-origin stylesheets cannot be read and are skipped."""

    name = "hover_content"
    order = 32

    async def collect(self, page: Page, viewport: Viewport) -> JsonValue:
        result: JsonValue = await page.evaluate(script("hover_content"), None)
        return result
