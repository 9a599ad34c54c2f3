"""Text spacing probe: text clipped once WCAG 1.4.12's spacing is applied."""

from __future__ import annotations

from playwright.async_api import Page
from pydantic import JsonValue

from auditor.models import Viewport
from auditor.probes import Probe, register_probe
from auditor.probes.layout_common import script


@register_probe
class TextSpacingProbe(Probe):
    """Applies line height 1.5, letter spacing 0.12em, word spacing 0.16em and 2em after
    paragraphs (as an adopted stylesheet, which a Content Security Policy does not block), lists
    the elements whose text is newly cut off by their own `overflow: hidden/clip` box
    (`truncates` when they end in an ellipsis or clamp lines on purpose), then takes the styles
    away again."""

    name = "text_spacing"
    order = 84

    async def collect(self, page: Page, viewport: Viewport) -> JsonValue:
        result: JsonValue = await page.evaluate(script("text_spacing"), None)
        return result
