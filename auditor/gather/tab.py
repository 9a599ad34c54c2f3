"""One viewport's context and page inside a worker: the requests it made, network quiet, and
the guard that keeps a capture inside the audit's scope."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from playwright.async_api import (
    BrowserContext,
    CDPSession,
    Page,
    Request,
)
from playwright.async_api import Error as PlaywrightError

from auditor.models import (
    REQUESTS_KEPT,
    Viewport,
)

URL_KEPT = 500  # characters of a request URL recorded


@dataclass
class SeenRequest:
    """A request as the page made it; turned into a RequestRecord once the page's URL is known."""

    url: str
    resource_type: str
    failed: bool = False
    after_consent: bool = False


@dataclass
class Tab:
    """One viewport's context and page inside a worker."""

    viewport: Viewport
    context: BrowserContext | None = None
    page: Page | None = None
    visits: int = 0
    crashed: bool = False
    console: list[str] = field(default_factory=list)
    keep_cookies: list[Any] = field(default_factory=list)
    cdp: CDPSession | None = None  # kept for the wipe between pages: one per page, not per wipe
    in_flight: int = 0  # requests started and not yet finished or failed
    last_network: float = 0.0  # perf_counter() of the last request event
    requests: dict[Request, SeenRequest] = field(default_factory=dict)  # this visit's, in order
    requests_dropped: int = 0
    guarding: bool = False  # capturing: out-of-scope main-frame navigations are blocked
    blocked: str | None = None  # the out-of-scope URL a navigation was blocked at

    def record_request(self, request: Request) -> None:
        if not request.url.startswith(("http:", "https:", "ws:", "wss:")):
            return  # data: and blob: URLs fetch nothing
        if len(self.requests) >= REQUESTS_KEPT:
            self.requests_dropped += 1
            return
        self.requests[request] = SeenRequest(request.url[:URL_KEPT], request.resource_type)

    def request_failed(self, request: Request) -> None:
        seen = self.requests.get(request)
        if seen is not None:
            seen.failed = True

    def network_event(self, delta: int) -> None:
        self.in_flight = max(0, self.in_flight + delta)
        self.last_network = time.perf_counter()

    async def settle(self, quiet_ms: int, most_ms: int) -> None:
        """Wait until no request has been in flight for `quiet_ms`, or `most_ms` at most.

        Playwright's "networkidle" waits a fixed 500 ms of quiet; most pages are quiet at "load",
        so a shorter window saves that on every page while a page still fetching keeps us waiting.
        """
        deadline = time.perf_counter() + most_ms / 1000
        while time.perf_counter() < deadline:
            if self._looks_quiet(quiet_ms) and await self._still_quiet(quiet_ms):
                return
            await asyncio.sleep(0.025)

    def _looks_quiet(self, quiet_ms: int) -> bool:
        quiet_for = time.perf_counter() - self.last_network
        return self.in_flight == 0 and quiet_for * 1000 >= quiet_ms

    async def _still_quiet(self, quiet_ms: int) -> bool:
        # On a loaded machine this process can wake before it has read the request events the
        # browser already sent, and see quiet that is not there. A round trip to the page comes
        # back behind every event sent before it, so quiet that survives one is real; a slow
        # round trip means the page itself was starved of CPU, and its quiet proves nothing yet.
        if self.page is None:
            return True
        started = time.perf_counter()
        try:
            await self.page.evaluate("0")
        except PlaywrightError:
            return True  # the page is gone or navigating: nothing left to wait for
        starved = (time.perf_counter() - started) * 1000 > quiet_ms / 2
        return not starved and self._looks_quiet(quiet_ms)


async def guard_navigation(
    tab: Tab, context: BrowserContext, page: Page, in_scope: Callable[[str], bool]
) -> None:
    """Pause every document request (only those: assets keep the HTTP cache) and, while the tab
    is capturing, fail the main frame's that leave the scope, redirects included."""
    cdp = tab.cdp = tab.cdp or await context.new_cdp_session(page)
    tree = await cdp.send("Page.getFrameTree")
    main_frame = tree["frameTree"]["frame"]["id"]

    async def paused(event: dict[str, Any]) -> None:
        url = event["request"]["url"]
        try:
            if tab.guarding and event.get("frameId") == main_frame and not in_scope(url):
                tab.blocked = tab.blocked or url[:URL_KEPT]
                await cdp.send(
                    "Fetch.failRequest",
                    {"requestId": event["requestId"], "errorReason": "BlockedByClient"},
                )
            else:
                await cdp.send("Fetch.continueRequest", {"requestId": event["requestId"]})
        except PlaywrightError:
            pass  # the page or its context closed meanwhile

    cdp.on("Fetch.requestPaused", lambda event: asyncio.ensure_future(paused(event)))
    pattern = {"urlPattern": "*", "resourceType": "Document", "requestStage": "Request"}
    await cdp.send("Fetch.enable", {"patterns": [pattern]})


def out_of_scope(url: str) -> str:
    parts = urlsplit(url)
    where = f"{parts.scheme}://{parts.netloc}" if parts.netloc else url[:100]
    return f"redirected outside the audit's scope (to {where}): not followed"


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else ""
