"""Error-state probe: what a page shows after the auditor submitted one of its forms.

It only reads the page when the journey runner (or discovered-form probing) has submitted a form
and marked the page with `window.__auditorSubmission`; on any other page it returns
`{"submitted": false}` at once, and the error-state checks are inapplicable. Submitting is the
runner's job, never this probe's: a probe must not change a live service.
"""

from __future__ import annotations

from playwright.async_api import Page
from pydantic import JsonValue

from auditor.models import Viewport
from auditor.probes import Probe, register_probe
from auditor.probes.layout_common import script

MARK = "__auditorSubmission"


@register_probe
class ErrorStateProbe(Probe):
    """Focus, error summary and its links, new messages and the fields they belong to,
    `aria-invalid`, the title and kept values, after a submission."""

    name = "error_state"
    # First: focus must be read as the submission left it, before any probe tabs or hovers.
    # It follows the summary's links, then puts focus back where it was.
    order = 1

    async def collect(self, page: Page, viewport: Viewport) -> JsonValue:
        result: JsonValue = await page.evaluate(script("error_state"), None)
        return result
