"""Click-handler probe: elements that react to the mouse but that the keyboard cannot reach
(WCAG 2.1.1).

The page's event listeners are read through the Chrome DevTools Protocol
(`DOMDebugger.getEventListeners` over the whole document, the only way to see listeners added
with `addEventListener`). Elements with a click, mouse or pointer listener of their own are
marked, and the script then describes those that are not natively interactive, not focusable,
not inside a focusable container (a composite widget that manages focus for its items), hold
no focusable element (a card whose link is reachable) and are not a region of content. Marks
are removed afterwards. Listeners on `html`, `body` or the document (delegation) are not the
element's own and are left alone, so a site that delegates every click is not judged at all.
"""

from __future__ import annotations

import contextlib
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page
from pydantic import JsonValue

from auditor.models import Viewport
from auditor.probes import Probe, register_probe
from auditor.probes.layout_common import script

MARK = "data-auditor-click"
POINTER_EVENTS = {"click", "mousedown", "mouseup", "pointerdown", "pointerup", "dblclick"}
KEY_EVENTS = {"keydown", "keyup", "keypress"}
MAX_MARKED = 300


@register_probe
class ClickHandlersProbe(Probe):
    """`controls`: elements with a pointer listener of their own that Tab cannot reach (at most
    30), each with its tag, role, text and whether it has a key listener; `listened`: how many
    elements had a pointer listener."""

    name = "click_handlers"
    order = 6  # only looks

    async def collect(self, page: Page, viewport: Viewport) -> JsonValue:
        cdp = await page.context.new_cdp_session(page)
        try:
            document = await cdp.send(
                "Runtime.evaluate", {"expression": "document", "returnByValue": False}
            )
            found = await cdp.send(
                "DOMDebugger.getEventListeners",
                {"objectId": document["result"]["objectId"], "depth": -1, "pierce": False},
            )
            kinds: dict[int, set[str]] = {}
            for listener in found.get("listeners", []):
                node = listener.get("backendNodeId")
                if isinstance(node, int):
                    kinds.setdefault(node, set()).add(str(listener.get("type", "")))
            pointer = [n for n, k in kinds.items() if k & POINTER_EVENTS][:MAX_MARKED]
            for node in pointer:
                await _mark(cdp, node, bool(kinds[node] & KEY_EVENTS))
        finally:
            with contextlib.suppress(PlaywrightError):
                await cdp.detach()
        result: JsonValue = await page.evaluate(script("click_handlers"), MARK)
        return result


async def _mark(cdp: Any, node: int, keys: bool) -> None:
    with contextlib.suppress(PlaywrightError):
        resolved = await cdp.send("DOM.resolveNode", {"backendNodeId": node})
        object_id = resolved.get("object", {}).get("objectId")
        if object_id:
            await cdp.send(
                "Runtime.callFunctionOn",
                {
                    "objectId": object_id,
                    "functionDeclaration": "function (mark, keys) { if (this.setAttribute)"
                    " this.setAttribute(mark, keys ? 'keys' : 'pointer'); }",
                    "arguments": [{"value": MARK}, {"value": keys}],
                },
            )
