"""Reflow probe: the elements that make the page scroll sideways (WCAG 1.4.10)."""

from __future__ import annotations

from playwright.async_api import Page
from pydantic import JsonValue

from auditor.models import Viewport
from auditor.probes import Probe, register_probe
from auditor.probes.layout_common import script


@register_probe
class ReflowProbe(Probe):
    """Document scroll width against the layout width, and the outermost elements past its right
    edge (those inside a scrolling or clipping box are skipped; two-dimensional content such as
    data tables, `pre`, `code`, maps, canvas, svg and video is listed apart as `exempt`)."""

    name = "reflow"
    order = 30

    async def collect(self, page: Page, viewport: Viewport) -> JsonValue:
        result: JsonValue = await page.evaluate(script("reflow"), {"width": viewport.width})
        return result
