"""Design system probe: the versions a page's CSS and JavaScript announce (GOV.UK patterns)."""

from __future__ import annotations

from playwright.async_api import Page
from pydantic import JsonValue

from auditor.models import Viewport
from auditor.probes import Probe, register_probe
from auditor.probes.layout_common import script


@register_probe
class DesignSystemProbe(Probe):
    """`govuk_frontend` and `nhsuk_frontend`: the computed `--govuk-frontend-version` /
    `--nhsuk-frontend-version` custom properties (`css`) and `window.GOVUKFrontend.version` /
    `window.NHSUKFrontend.version` (`js`), each a string or null; `resources`: URLs of loaded
    resources mentioning govuk, nhsuk or localgov. The HTML alone names the library but often
    not its version (`/assets/govuk-frontend.min.css`); these facts fill that in. Read only."""

    name = "design_system"
    order = 5

    async def collect(self, page: Page, viewport: Viewport) -> JsonValue:
        result: JsonValue = await page.evaluate(script("design_system"), None)
        return result
