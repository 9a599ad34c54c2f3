"""The gather stage: Debian's Chromium driven by Playwright, one page per worker → Snapshot.

Only this module and `probes/` import Playwright. Pages are isolated the cheap way: each worker
keeps one context (a context per page costs a renderer start each time) and wipes cookies,
storage, caches and permissions of every origin it touched before the next page; the context is
also recycled every `RECYCLE_EVERY` pages and after any crash.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import hashlib
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from playwright.async_api import (
    Browser,
    BrowserContext,
    CDPSession,
    Page,
    Playwright,
    Request,
    Response,
    async_playwright,
)
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeout
from pydantic import JsonValue

from auditor.errors import BrowserError
from auditor.models import (
    REQUESTS_KEPT,
    CookieRecord,
    RequestRecord,
    Snapshot,
    Target,
    Viewport,
)
from auditor.probes import all_probes
from auditor.probes.axe import run_axe
from auditor.web.sites import same_site

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    # A page that allocates without end crashes its renderer at 512 MB, not the machine.
    "--js-flags=--max-old-space-size=512",
]
RECYCLE_EVERY = 50
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Past this many elements axe-core and the probes take minutes (100,000 took 90 s here) and
# the findings could not be read anyway: the page is recorded as too large, not audited.
MAX_ELEMENTS = 50_000
# After a load timeout the count only names the cause: a second is enough to ask.
ELEMENT_COUNT_AFTER_TIMEOUT_S = 1.0


def find_chromium(configured: str | None = None) -> str:
    """The Chromium to launch: the configured path, else `chromium` on PATH."""
    if configured:
        if Path(configured).is_file():
            return configured
        raise BrowserError(f"Chromium not found at {configured} (check --chromium)")
    for candidate in (shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate:
            return candidate
    raise BrowserError(
        "Chromium not found: install Debian's package (apt-get install chromium) "
        "or set --chromium PATH"
    )


@dataclass(frozen=True)
class GatherOptions:
    """Everything the gatherer needs; built from the resolved AuditConfig."""

    viewports: tuple[Viewport, ...]
    axe_source: str
    axe_options: dict[str, Any]
    probes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # viewport name → probes
    page_timeout_s: float = 30.0
    settle_ms: int = 1500
    quiet_ms: int = 150
    axe_timeout_s: float = 60.0
    user_agent_suffix: str = ""
    auth: BrowserAuth = field(default_factory=lambda: BrowserAuth())
    # While a page is captured, main-frame navigations (redirects, script) to a URL this
    # refuses are blocked before any request leaves: a site cannot send the auditor elsewhere.
    in_scope: Callable[[str], bool] | None = None


@dataclass(frozen=True)
class BrowserAuth:
    """Credentials with secrets already resolved; never stored or reported."""

    headers: dict[str, str] = field(default_factory=dict)
    cookies: list[dict[str, str]] = field(default_factory=list)
    http_credentials: dict[str, str] | None = None
    login_url: str | None = None
    login_steps: list[dict[str, str]] = field(default_factory=list)


@dataclass
class ChromiumSession:
    """One Chromium for the whole run; `worker()` hands out isolated page workers."""

    executable: str
    options: GatherOptions
    _playwright: Playwright | None = None
    _browser: Browser | None = None
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def __aenter__(self) -> ChromiumSession:
        self._playwright = await async_playwright().start()
        try:
            await self._launch()
        except BaseException:
            await self._playwright.stop()
            raise
        return self

    async def __aexit__(
        self, _t: type[BaseException] | None, _e: BaseException | None, _tb: TracebackType | None
    ) -> None:
        if self._browser is not None:
            with contextlib.suppress(PlaywrightError):
                await self._browser.close()
        if self._playwright is not None:
            await self._playwright.stop()

    async def _launch(self) -> None:
        assert self._playwright is not None
        try:
            self._browser = await self._playwright.chromium.launch(
                executable_path=self.executable, headless=True, args=CHROMIUM_ARGS, timeout=60_000
            )
        except PlaywrightError as exc:
            raise BrowserError(
                f"Chromium at {self.executable} failed to start: {str(exc).splitlines()[0]}"
            ) from None

    @property
    def version(self) -> str:
        return self._browser.version if self._browser else ""

    async def browser(self) -> Browser:
        """The live browser, relaunched if it died."""
        async with self._lock:
            if self._browser is None or not self._browser.is_connected():
                await self._launch()
            assert self._browser is not None
            return self._browser

    def worker(self) -> PageWorker:
        return PageWorker(self)


@dataclass
class _SeenRequest:
    """A request as the page made it; turned into a RequestRecord once the page's URL is known."""

    url: str
    resource_type: str
    failed: bool = False
    after_consent: bool = False


@dataclass
class _Tab:
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
    requests: dict[Request, _SeenRequest] = field(default_factory=dict)  # this visit's, in order
    requests_dropped: int = 0
    guarding: bool = False  # capturing: out-of-scope main-frame navigations are blocked
    blocked: str | None = None  # the out-of-scope URL a navigation was blocked at

    def record_request(self, request: Request) -> None:
        if not request.url.startswith(("http:", "https:", "ws:", "wss:")):
            return  # data: and blob: URLs fetch nothing
        if len(self.requests) >= REQUESTS_KEPT:
            self.requests_dropped += 1
            return
        self.requests[request] = _SeenRequest(request.url[:URL_KEPT], request.resource_type)

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
            quiet_for = time.perf_counter() - self.last_network
            if self.in_flight == 0 and quiet_for * 1000 >= quiet_ms:
                return
            await asyncio.sleep(0.025)


@dataclass
class PageWorker:
    """Visits pages one after another, in one context per viewport, leaving nothing behind
    between pages."""

    session: ChromiumSession
    _tabs: dict[str, _Tab] = field(default_factory=dict)

    def _tab(self, viewport: Viewport) -> _Tab:
        return self._tabs.setdefault(viewport.name, _Tab(viewport))

    async def _ready(self, tab: _Tab) -> Page:
        if tab.page is not None and (tab.crashed or tab.visits >= RECYCLE_EVERY):
            await self._close_tab(tab)
        if tab.page is None:
            browser = await self.session.browser()
            opts, viewport = self.session.options, tab.viewport
            context = await browser.new_context(
                viewport={"width": viewport.width, "height": viewport.height},
                device_scale_factor=viewport.device_scale_factor,
                is_mobile=viewport.mobile,
                has_touch=viewport.mobile,
                user_agent=viewport.user_agent,
                ignore_https_errors=False,
                accept_downloads=False,
                service_workers="block",
                http_credentials=opts.auth.http_credentials,  # type: ignore[arg-type]
            )
            headers = dict(opts.auth.headers)
            if opts.user_agent_suffix:
                ua = viewport.user_agent or await _default_user_agent(browser)
                headers.setdefault("User-Agent", f"{ua} {opts.user_agent_suffix}")
            if headers:
                await context.set_extra_http_headers(headers)
            context.set_default_timeout(opts.page_timeout_s * 1000)
            await context.add_init_script(script=opts.axe_source)
            if opts.auth.cookies:
                await context.add_cookies(opts.auth.cookies)  # type: ignore[arg-type]
            page = await context.new_page()
            page.on("crash", lambda _p: setattr(tab, "crashed", True))
            page.on(
                "console",
                lambda m: (
                    tab.console.append(m.text[:500])
                    if m.type == "error" and len(tab.console) < 50
                    else None
                ),
            )
            page.on("request", lambda _r: tab.network_event(+1))
            page.on("requestfinished", lambda _r: tab.network_event(-1))
            page.on("requestfailed", lambda _r: tab.network_event(-1))
            page.on("request", tab.record_request)
            page.on("requestfailed", tab.request_failed)
            page.on("dialog", lambda d: asyncio.ensure_future(d.dismiss()))
            page.on("popup", lambda p: asyncio.ensure_future(p.close()))
            tab.context, tab.page, tab.visits, tab.crashed = context, page, 0, False
            if opts.auth.login_url:
                await self._login(page)
            tab.keep_cookies = list(await context.cookies())
            if opts.in_scope is not None:
                await _guard_navigation(tab, context, page, opts.in_scope)
        return tab.page

    async def _login(self, page: Page) -> None:
        """Run the scripted login; its cookies survive the wipe between pages."""
        opts = self.session.options
        assert opts.auth.login_url is not None
        try:
            await page.goto(opts.auth.login_url, wait_until="load")
            for step in opts.auth.login_steps:
                if step.get("fill"):
                    await page.fill(step["fill"], step.get("value", ""))
                if step.get("click"):
                    await page.click(step["click"])
                if step.get("wait_for"):
                    await page.wait_for_selector(step["wait_for"])
            await page.wait_for_load_state("load")
        except PlaywrightError as exc:
            # Only the first line, and no step values: they may be secrets.
            raise BrowserError(
                f"scripted login at {opts.auth.login_url} failed: {_first_line(exc)}"
            ) from None

    async def prepare(self, viewport: Viewport) -> None:
        """Have the context ready before a page's turn, so a polite delay times requests, not
        browser start-up. Failures surface in `capture`."""
        with contextlib.suppress(PlaywrightError):
            await self._ready(self._tab(viewport))

    async def _close_tab(self, tab: _Tab) -> None:
        if tab.context is not None:
            with contextlib.suppress(PlaywrightError):
                await tab.context.close()
        tab.context, tab.page, tab.cdp = None, None, None

    async def close(self) -> None:
        for tab in self._tabs.values():
            await self._close_tab(tab)

    async def page_for(self, viewport: Viewport) -> Page:
        """The viewport's live page, for a caller that drives it step by step (a journey).
        Call `wipe` when done so the next user of the worker starts clean."""
        tab = self._tab(viewport)
        page = await self._ready(tab)
        tab.visits += 1
        return page

    async def wipe(self, viewport: Viewport) -> None:
        """Forget everything the viewport's page stored (see `page_for`)."""
        await self._wipe(self._tab(viewport))

    async def snapshot_current(self, viewport: Viewport, target: Target) -> Snapshot:
        """The viewport's page as it is now, without navigating: axe and the probes run on the
        current state (a journey's page after an action, or an error state after a submit).
        Failures become `load_error`, never raise."""
        opts = self.session.options
        tab = self._tab(viewport)
        page = tab.page
        if page is None:
            return _error_snapshot(target, tab.viewport, "no page open")
        started = time.perf_counter()
        try:
            await tab.settle(opts.quiet_ms, opts.settle_ms)
            html = await page.content()
            axe_started = time.perf_counter()
            axe = await run_axe(
                page.main_frame, opts.axe_options, opts.axe_source, opts.axe_timeout_s
            )
            axe_ms = int((time.perf_counter() - axe_started) * 1000)
            probes = await run_probes(page, tab.viewport, opts.probes.get(tab.viewport.name, ()))
            snapshot = Snapshot(
                target=target,
                final_url=page.url,
                title=await page.title(),
                html=html,
                content_hash=hashlib.sha256(html.encode("utf-8", "replace")).hexdigest(),
                axe=axe,
                axe_ms=axe_ms,
                probes=probes,
                console_errors=list(tab.console),
                viewport=tab.viewport,
                captured_at=datetime.now(UTC),
                load_ms=int((time.perf_counter() - started) * 1000),
                user_agent=await page.evaluate("() => navigator.userAgent"),
            )
        except PlaywrightError as exc:
            return _error_snapshot(target, tab.viewport, _first_line(exc))
        tab.console = []
        return snapshot

    async def capture(
        self,
        target: Target,
        viewport: Viewport | None = None,
        unchanged: Callable[[str], bool] | None = None,
        dismiss_consent: bool = False,
    ) -> Snapshot:
        """Render the target in a viewport and gather its Snapshot; failures become
        `load_error`, never raise.

        `unchanged(content_hash)` says whether the rendered DOM is the same as the last run's:
        then axe and the probes are not run again and the snapshot is marked `unchanged`.
        `dismiss_consent` clicks a standard cookie-consent button before auditing. A scripted
        login that fails raises BrowserError: every page would otherwise be audited logged out.
        """
        opts = self.session.options
        tab = self._tab(viewport or opts.viewports[0])
        started = time.perf_counter()
        try:
            page = await self._ready(tab)
        except PlaywrightError as exc:
            return _error_snapshot(target, tab.viewport, f"browser unavailable: {_first_line(exc)}")
        tab.visits += 1
        tab.console = []
        tab.in_flight = 0
        tab.requests, tab.requests_dropped = {}, 0
        tab.guarding, tab.blocked = True, None
        try:
            budget = opts.page_timeout_s * 2 + opts.axe_timeout_s + 30
            snapshot = await asyncio.wait_for(
                self._capture(tab, page, target, started, unchanged, dismiss_consent), budget
            )
            if tab.blocked is not None:
                return _error_snapshot(target, tab.viewport, _out_of_scope(tab.blocked))
            return snapshot
        except (TimeoutError, PlaywrightTimeout):
            tab.crashed = True  # a page that hangs may have wedged the renderer
            return _error_snapshot(
                target, tab.viewport, f"timed out after {opts.page_timeout_s:g}s"
            )
        except PlaywrightError as exc:
            message = CRASHED if tab.crashed else _first_line(exc)
            if tab.blocked is not None:  # the page's script navigated out mid-capture
                message = _out_of_scope(tab.blocked)
            tab.crashed = True
            return _error_snapshot(target, tab.viewport, message)
        finally:
            tab.guarding = False
            await self._wipe(tab)

    async def _capture(
        self,
        tab: _Tab,
        page: Page,
        target: Target,
        started: float,
        unchanged: Callable[[str], bool] | None,
        dismiss_consent: bool,
    ) -> Snapshot:
        opts = self.session.options
        response: Response | None
        try:
            response = await page.goto(
                target.url, wait_until="load", timeout=opts.page_timeout_s * 1000
            )
        except PlaywrightTimeout:
            message = f"timed out after {opts.page_timeout_s:g}s"
            # A page too big to parse in time is reported as too big: that is what to fix.
            elements = await _element_count(page, ELEMENT_COUNT_AFTER_TIMEOUT_S)
            if elements is not None and elements > MAX_ELEMENTS:
                message = _too_large(elements)
            return _error_snapshot(target, tab.viewport, message)
        except PlaywrightError as exc:
            message = CRASHED if tab.crashed else _first_line(exc)
            if "Download is starting" in message:
                message = "not an HTML page (the browser started a download)"
            return _error_snapshot(target, tab.viewport, message)
        status = response.status if response else None
        content_type = (response.headers.get("content-type", "") if response else "").lower()
        base: dict[str, Any] = {
            "target": target,
            "final_url": page.url,
            "status": status,
            "content_type": content_type or None,
            "viewport": tab.viewport,
            "captured_at": datetime.now(UTC),
            "redirects": _redirect_chain(response),
            "response_headers": await _response_headers(response),
        }
        if status is not None and status >= 400:
            retry_after = _retry_after(response.headers.get("retry-after")) if response else None
            return Snapshot(**base, load_error=f"HTTP {status}", retry_after=retry_after)
        if content_type and not content_type.startswith(HTML_TYPES):
            return Snapshot(**base, load_error=f"not an HTML page ({content_type.split(';')[0]})")
        # A page that keeps polling is still audited as it stands once settle_ms is up.
        await tab.settle(opts.quiet_ms, opts.settle_ms)
        elements = await _element_count(page, opts.page_timeout_s)
        if elements is not None and elements > MAX_ELEMENTS:
            return Snapshot(**base, load_error=_too_large(elements))
        # Every visit starts wiped, so what is there before any click is there before consent.
        cookies = await _cookies(tab)
        before_click = len(tab.requests)
        consent = await _dismiss_consent(page) if dismiss_consent else None
        if consent:
            for seen in list(tab.requests.values())[before_click:]:
                seen.after_consent = True
        load_ms = int((time.perf_counter() - started) * 1000)
        html = await page.content()
        content_hash = hashlib.sha256(html.encode("utf-8", "replace")).hexdigest()
        base.update(
            title=await page.title(),
            html=html,
            content_hash=content_hash,
            canonical=await page.evaluate(_CANONICAL) or None,
            load_ms=load_ms,
            cookies=cookies,
            consent_dismissed=bool(consent),
            requests=[
                RequestRecord(
                    url=seen.url,
                    resource_type=seen.resource_type,
                    same_site=same_site(seen.url, page.url),
                    failed=seen.failed,
                    after_consent=seen.after_consent,
                )
                for seen in tab.requests.values()
            ],
            requests_dropped=tab.requests_dropped,
        )
        if unchanged is not None and unchanged(content_hash):
            return Snapshot(**base, unchanged=True)
        axe_started = time.perf_counter()
        axe = await run_axe(page.main_frame, opts.axe_options, opts.axe_source, opts.axe_timeout_s)
        axe_ms = int((time.perf_counter() - axe_started) * 1000)
        probes = await run_probes(page, tab.viewport, opts.probes.get(tab.viewport.name, ()))
        if consent:
            probes["consent"] = consent
        return Snapshot(
            **base,
            axe=axe,
            axe_ms=axe_ms,
            probes=probes,
            console_errors=list(tab.console),
            user_agent=await page.evaluate("() => navigator.userAgent"),
        )

    async def _wipe(self, tab: _Tab) -> None:
        """Forget everything the page stored, so the next page starts as a first visit."""
        context, page = tab.context, tab.page
        if context is None or page is None or tab.crashed:
            return
        try:
            origins = {_origin(f.url) for f in page.frames} - {""}
            await page.goto("about:blank")
            await context.clear_cookies()
            if tab.keep_cookies:
                await context.add_cookies(tab.keep_cookies)
            await context.clear_permissions()
            if tab.cdp is None:
                tab.cdp = await context.new_cdp_session(page)
            await asyncio.gather(
                *(
                    tab.cdp.send(
                        "Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"}
                    )
                    for origin in origins
                )
            )
        except PlaywrightError:
            tab.crashed = True  # cannot prove the context is clean: recycle it


async def _guard_navigation(
    tab: _Tab, context: BrowserContext, page: Page, in_scope: Callable[[str], bool]
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


def _out_of_scope(url: str) -> str:
    parts = urlsplit(url)
    where = f"{parts.scheme}://{parts.netloc}" if parts.netloc else url[:100]
    return f"redirected outside the audit's scope (to {where}): not followed"


async def run_probes(page: Page, viewport: Viewport, names: Iterable[str]) -> dict[str, JsonValue]:
    """The named probes' facts; each failure is recorded, never raised."""
    known = all_probes()
    results: dict[str, JsonValue] = {}
    for cls in sorted((known[n] for n in names if n in known), key=lambda c: (c.order, c.name)):
        try:
            results[cls.name] = await asyncio.wait_for(cls().collect(page, viewport), cls.timeout_s)
        except (TimeoutError, PlaywrightTimeout):
            results[cls.name] = {"error": f"timed out after {cls.timeout_s:g}s"}
        except PlaywrightError as exc:
            results[cls.name] = {"error": _first_line(exc)}
    return results


# Standard consent buttons, most specific first: GOV.UK's cookie banner, common consent
# platforms, then buttons by their words. Accepting or rejecting both dismiss the banner; we
# prefer rejecting, which sets no non-essential cookies.
_CONSENT = "\n".join(
    line
    for line in (Path(__file__).parent / "probes" / "consent.js").read_text("utf-8").splitlines()
    if not line.startswith("//")
)


async def _dismiss_consent(page: Page) -> JsonValue:
    """Click a standard consent button if there is one; what was clicked, or None."""
    try:
        clicked = await page.evaluate(_CONSENT)
    except PlaywrightError:
        return None
    if not clicked:
        return None
    with contextlib.suppress(PlaywrightTimeout):
        await page.wait_for_load_state("networkidle", timeout=1000)
    return {"dismissed_with": str(clicked)[:100]}


URL_KEPT = 500  # characters of a request URL recorded
HEADER_KEPT = 4000  # characters of a response header value recorded


async def _response_headers(response: Response | None) -> dict[str, str] | None:
    """The main document's response headers, names lower-cased, with Set-Cookie reduced to the
    cookie names: values may be session secrets."""
    if response is None:
        return None
    try:
        headers = await response.all_headers()
    except PlaywrightError:
        return None
    kept = {k.lower(): v[:HEADER_KEPT] for k, v in headers.items() if k.lower() != "set-cookie"}
    if "set-cookie" in headers:
        names = (line.split("=", 1)[0].strip() for line in headers["set-cookie"].splitlines())
        kept["set-cookie"] = ", ".join(dict.fromkeys(n for n in names if n))
    return dict(sorted(kept.items()))


async def _cookies(tab: _Tab) -> list[CookieRecord] | None:
    """The cookies in the context now, without their values and without the login's."""
    if tab.context is None:
        return None
    login = {(c["name"], c["domain"], c["path"]) for c in tab.keep_cookies}
    found = []
    for cookie in await tab.context.cookies():
        key = (cookie.get("name", ""), cookie.get("domain", ""), cookie.get("path", "/"))
        if key in login:
            continue
        expires = cookie.get("expires")
        found.append(
            CookieRecord(
                name=key[0],
                domain=key[1],
                path=key[2],
                secure=bool(cookie.get("secure")),
                http_only=bool(cookie.get("httpOnly")),
                same_site=cookie.get("sameSite"),
                expires=expires if expires is not None and expires >= 0 else None,
            )
        )
    return sorted(found, key=lambda c: (c.domain, c.name, c.path))


CRASHED = "the page crashed the browser"
_CANONICAL = """() => {
  const link = document.querySelector('link[rel~="canonical"][href]');
  return link ? link.href : "";
}"""


async def _default_user_agent(browser: Browser) -> str:
    page = await browser.new_page()
    try:
        return str(await page.evaluate("() => navigator.userAgent")).replace("Headless", "")
    finally:
        await page.close()


def _redirect_chain(response: Response | None) -> list[str]:
    """The URLs a navigation was redirected through, in order, without the final one."""
    chain: list[str] = []
    request = response.request.redirected_from if response else None
    while request is not None:
        chain.append(request.url)
        request = request.redirected_from
    return list(reversed(chain))


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (a number of seconds or an HTTP date)."""
    if not value:
        return None
    with contextlib.suppress(ValueError):
        return max(0.0, float(value))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else ""


def _error_snapshot(target: Target, viewport: Viewport, message: str) -> Snapshot:
    return Snapshot(
        target=target,
        final_url=target.url,
        load_error=message,
        viewport=viewport,
        captured_at=datetime.now(UTC),
    )


async def _element_count(page: Page, within_s: float) -> int | None:
    """How many elements the page has, or None when its main thread does not answer within
    `within_s` (a busy loop): bounded so a stuck page cannot hold the worker."""
    with contextlib.suppress(PlaywrightError, TimeoutError):
        count = await asyncio.wait_for(
            page.evaluate("() => document.getElementsByTagName('*').length"), within_s
        )
        return count if isinstance(count, int) else None
    return None


def _too_large(elements: int) -> str:
    return f"too large to audit: {elements:,} elements (at most {MAX_ELEMENTS:,})"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    line = text[0] if text else type(exc).__name__
    return line.removeprefix("Error: ").removeprefix("Page.goto: ")[:300]
