"""Media probe: audio and video as they stand after load, and content that moves for ever."""

from __future__ import annotations

from playwright.async_api import Page
from pydantic import JsonValue

from auditor.models import Viewport
from auditor.probes import Probe, register_probe
from auditor.probes.layout_common import script


@register_probe
class MediaProbe(Probe):
    """Each `audio`/`video` with its state (playing, muted, autoplay, controls, duration), and
    moving content: `marquee`, `blink`, and running CSS animations that repeat for ever on
    visible elements of at least 100 × 20 px."""

    name = "media"
    order = 33

    async def collect(self, page: Page, viewport: Viewport) -> JsonValue:
        result: JsonValue = await page.evaluate(script("media"), None)
        return result
