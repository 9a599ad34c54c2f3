"""Journey-control probe: the control a journey uses to go on, when it is not a submit button.

It only reads the page when the journey runner has marked it with `window.__auditorControl`
(the control's selector), before the step that clicks it; on any other page it returns
`{"marked": false}` at once and the check is inapplicable.
"""

from __future__ import annotations

from playwright.async_api import Page
from pydantic import JsonValue

from auditor.models import Viewport
from auditor.probes import Probe, register_probe
from auditor.probes.layout_common import script

MARK = "__auditorControl"


@register_probe
class JourneyControlProbe(Probe):
    """The marked control: tag, role, whether it is a button or link, whether Tab reaches it,
    and whether Enter in the form's only text field would submit the form without it."""

    name = "journey_control"
    order = 2  # reads the page as the journey left it, before any probe moves focus

    async def collect(self, page: Page, viewport: Viewport) -> JsonValue:
        result: JsonValue = await page.evaluate(script("journey_control"), None)
        return result
