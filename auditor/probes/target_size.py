"""Target size probe: pointer targets smaller than 24 × 24 CSS px (WCAG 2.2, 2.5.8)."""

from __future__ import annotations

from playwright.async_api import Page
from pydantic import JsonValue

from auditor.models import Viewport
from auditor.probes import Probe, register_probe
from auditor.probes.layout_common import script


@register_probe
class TargetSizeProbe(Probe):
    """Every undersized target (inline links in text left out), with its size, the targets its
    24 px circle touches (`crowded_by`, empty when the spacing exception holds) and whether it is
    an unstyled browser checkbox or radio button (`native`)."""

    name = "target_size"
    order = 31

    async def collect(self, page: Page, viewport: Viewport) -> JsonValue:
        result: JsonValue = await page.evaluate(script("target_size"), None)
        return result
