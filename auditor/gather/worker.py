"""The page worker: visits pages one after another, in one context per viewport, and turns
each into a Snapshot. Pages are isolated the cheap way: the worker keeps one context per
viewport (a context per page costs a renderer start each time) and wipes cookies, storage,
caches and permissions of every origin it touched before the next page; the context is also
recycled every `RECYCLE_EVERY` pages and after any crash."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page, Response
from playwright.async_api import TimeoutError as PlaywrightTimeout

from auditor.errors import BrowserError
from auditor.gather import capture
from auditor.gather.capture import (
    CANONICAL,
    CRASHED,
    ELEMENT_COUNT_AFTER_TIMEOUT_S,
    HTML_TYPES,
    MAX_ELEMENTS,
    audit_page,
    cookies_now,
    default_user_agent,
    element_count,
    error_snapshot,
    first_line,
    redirect_chain,
    response_headers,
    retry_after,
    too_large,
)
from auditor.gather.driver import ActionFailed, DrivenPage
from auditor.gather.tab import Tab, guard_navigation, origin_of, out_of_scope
from auditor.models import (
    RequestRecord,
    Snapshot,
    Target,
    Viewport,
)
from auditor.web.sites import same_site

if TYPE_CHECKING:
    from auditor.gather.session import ChromiumSession

RECYCLE_EVERY = 50


@dataclass
class PageWorker:
    """Visits pages one after another, in one context per viewport, leaving nothing behind
    between pages."""

    session: ChromiumSession
    _tabs: dict[str, Tab] = field(default_factory=dict)

    def _tab(self, viewport: Viewport) -> Tab:
        return self._tabs.setdefault(viewport.name, Tab(viewport))

    async def _ready(self, tab: Tab) -> Page:
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
                ua = viewport.user_agent or await default_user_agent(browser)
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
                await guard_navigation(tab, context, page, opts.in_scope)
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
                f"scripted login at {opts.auth.login_url} failed: {first_line(exc)}"
            ) from None

    async def prepare(self, viewport: Viewport) -> None:
        """Have the context ready before a page's turn, so a polite delay times requests, not
        browser start-up. Failures surface in `capture`."""
        with contextlib.suppress(PlaywrightError):
            await self._ready(self._tab(viewport))

    async def _close_tab(self, tab: Tab) -> None:
        if tab.context is not None:
            with contextlib.suppress(PlaywrightError):
                await tab.context.close()
        tab.context, tab.page, tab.cdp = None, None, None

    async def close(self) -> None:
        for tab in self._tabs.values():
            await self._close_tab(tab)

    async def _page_for(self, viewport: Viewport) -> Page:
        """The viewport's live page, for a caller that drives it step by step (a journey).
        Call `wipe` when done so the next user of the worker starts clean."""
        tab = self._tab(viewport)
        page = await self._ready(tab)
        tab.visits += 1
        return page

    async def driven_page(self, viewport: Viewport, timeout_s: float) -> DrivenPage:
        """The viewport's page, lent to a caller that drives it step by step (a journey), each
        action bounded by `timeout_s`. Call `wipe` when done so the next page starts clean."""
        try:
            page = await self._page_for(viewport)
        except PlaywrightError as exc:
            raise ActionFailed(str(exc)) from None
        page.set_default_timeout(timeout_s * 1000)
        return DrivenPage(page, timeout_s)

    async def wipe(self, viewport: Viewport) -> None:
        """Forget everything the viewport's page stored (see `driven_page`)."""
        await self._wipe(self._tab(viewport))

    async def snapshot_current(self, viewport: Viewport, target: Target) -> Snapshot:
        """The viewport's page as it is now, without navigating: axe and the probes run on the
        current state (a journey's page after an action, or an error state after a submit).
        Failures become `load_error`, never raise."""
        opts = self.session.options
        tab = self._tab(viewport)
        page = tab.page
        if page is None:
            return error_snapshot(target, tab.viewport, "no page open")
        started = time.perf_counter()
        try:
            await tab.settle(opts.quiet_ms, opts.settle_ms)
            html = await page.content()
            found = await audit_page(page, tab.viewport, opts)
            snapshot = Snapshot(
                target=target,
                final_url=page.url,
                title=await page.title(),
                html=html,
                content_hash=hashlib.sha256(html.encode("utf-8", "replace")).hexdigest(),
                axe=found.axe,
                axe_ms=found.axe_ms,
                probes=found.probes,
                console_errors=list(tab.console),
                viewport=tab.viewport,
                captured_at=datetime.now(UTC),
                load_ms=int((time.perf_counter() - started) * 1000),
                user_agent=await page.evaluate("() => navigator.userAgent"),
            )
        except PlaywrightError as exc:
            return error_snapshot(target, tab.viewport, first_line(exc))
        tab.console = []
        return snapshot

    async def capture(
        self,
        target: Target,
        viewport: Viewport | None = None,
        unchanged: Callable[[str], bool] | None = None,
        dismiss_consent: bool = False,
        on_request_sent: Callable[[], None] | None = None,
    ) -> Snapshot:
        """Render the target in a viewport and gather its Snapshot; failures become
        `load_error`, never raise. `on_request_sent` is called once the page's own request has
        reached the server (its response arrived): the crawl's politeness delay counts from then.

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
            return error_snapshot(target, tab.viewport, f"browser unavailable: {first_line(exc)}")
        tab.visits += 1
        tab.console = []
        tab.in_flight = 0
        tab.requests, tab.requests_dropped = {}, 0
        tab.guarding, tab.blocked = True, None
        try:
            budget = opts.page_timeout_s * 2 + opts.axe_timeout_s + 30
            snapshot = await asyncio.wait_for(
                self._capture(
                    tab, page, target, started, unchanged, dismiss_consent, on_request_sent
                ),
                budget,
            )
            if tab.blocked is not None:
                return error_snapshot(target, tab.viewport, out_of_scope(tab.blocked))
            return snapshot
        except (TimeoutError, PlaywrightTimeout):
            tab.crashed = True  # a page that hangs may have wedged the renderer
            return error_snapshot(target, tab.viewport, f"timed out after {opts.page_timeout_s:g}s")
        except PlaywrightError as exc:
            message = CRASHED if tab.crashed else first_line(exc)
            if tab.blocked is not None:  # the page's script navigated out mid-capture
                message = out_of_scope(tab.blocked)
            tab.crashed = True
            return error_snapshot(target, tab.viewport, message)
        finally:
            tab.guarding = False
            await self._wipe(tab)

    async def _capture(
        self,
        tab: Tab,
        page: Page,
        target: Target,
        started: float,
        unchanged: Callable[[str], bool] | None,
        dismiss_consent: bool,
        on_request_sent: Callable[[], None] | None,
    ) -> Snapshot:
        opts = self.session.options
        response: Response | None

        fired = False

        # Reported when the document's response arrives: the server has seen the request by
        # then, so a delay counted from here is a lower bound on the gap it sees, under any load.
        def sent(response: Response) -> None:
            nonlocal fired
            if (
                on_request_sent is not None
                and not fired
                and response.request.is_navigation_request()
            ):
                fired = True
                on_request_sent()

        page.on("response", sent)
        try:
            response = await page.goto(
                target.url, wait_until="load", timeout=opts.page_timeout_s * 1000
            )
        except PlaywrightTimeout:
            message = f"timed out after {opts.page_timeout_s:g}s"
            # A page too big to parse in time is reported as too big: that is what to fix.
            elements = await element_count(page, ELEMENT_COUNT_AFTER_TIMEOUT_S)
            if elements is not None and elements > MAX_ELEMENTS:
                message = too_large(elements)
            return error_snapshot(target, tab.viewport, message)
        except PlaywrightError as exc:
            message = CRASHED if tab.crashed else first_line(exc)
            if "Download is starting" in message:
                message = "not an HTML page (the browser started a download)"
            return error_snapshot(target, tab.viewport, message)
        finally:
            page.remove_listener("response", sent)
        status = response.status if response else None
        content_type = (response.headers.get("content-type", "") if response else "").lower()
        base: dict[str, Any] = {
            "target": target,
            "final_url": page.url,
            "status": status,
            "content_type": content_type or None,
            "viewport": tab.viewport,
            "captured_at": datetime.now(UTC),
            "redirects": redirect_chain(response),
            "response_headers": await response_headers(response),
        }
        if status is not None and status >= 400:
            wait = retry_after(response.headers.get("retry-after")) if response else None
            return Snapshot(**base, load_error=f"HTTP {status}", retry_after=wait)
        if content_type and not content_type.startswith(HTML_TYPES):
            return Snapshot(**base, load_error=f"not an HTML page ({content_type.split(';')[0]})")
        # A page that keeps polling is still audited as it stands once settle_ms is up.
        await tab.settle(opts.quiet_ms, opts.settle_ms)
        elements = await element_count(page, opts.page_timeout_s)
        if elements is not None and elements > MAX_ELEMENTS:
            return Snapshot(**base, load_error=too_large(elements))
        # Every visit starts wiped, so what is there before any click is there before consent.
        cookies = await cookies_now(tab)
        before_click = len(tab.requests)
        consent = await capture.dismiss_consent(page) if dismiss_consent else None
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
            canonical=await page.evaluate(CANONICAL) or None,
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
        found = await audit_page(page, tab.viewport, opts)
        probes = dict(found.probes)
        if consent:
            probes["consent"] = consent
        return Snapshot(
            **base,
            axe=found.axe,
            axe_ms=found.axe_ms,
            probes=probes,
            console_errors=list(tab.console),
            user_agent=await page.evaluate("() => navigator.userAgent"),
        )

    async def _wipe(self, tab: Tab) -> None:
        """Forget everything the page stored, so the next page starts as a first visit."""
        context, page = tab.context, tab.page
        if context is None or page is None or tab.crashed:
            return
        try:
            origins = {origin_of(f.url) for f in page.frames} - {""}
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
