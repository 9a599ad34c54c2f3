"""What a capture reads from a rendered page, each step failing softly: axe and the probes,
the consent banner, response headers, cookies, redirects, and the error snapshot."""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from playwright.async_api import Browser, Page, Response
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeout
from pydantic import JsonValue

from auditor.models import (
    AxeRun,
    CookieRecord,
    Snapshot,
    Target,
    Viewport,
)
from auditor.probes import all_probes
from auditor.probes.axe import run_axe

if TYPE_CHECKING:
    from auditor.gather.session import GatherOptions
    from auditor.gather.tab import Tab

HTML_TYPES = ("text/html", "application/xhtml+xml")
# Past this many elements axe-core and the probes take minutes (100,000 took 90 s here) and
# the findings could not be read anyway: the page is recorded as too large, not audited.
MAX_ELEMENTS = 50_000
# After a load timeout the count only names the cause: a second is enough to ask.
ELEMENT_COUNT_AFTER_TIMEOUT_S = 1.0


@dataclass(frozen=True)
class PageAudit:
    """What axe and the probes found on the page as it stands."""

    axe: AxeRun | None
    axe_ms: int
    probes: dict[str, JsonValue]


async def audit_page(page: Page, viewport: Viewport, options: GatherOptions) -> PageAudit:
    """axe-core over every frame (when a selected check reads it), then the viewport's probes,
    on the page as it is now."""
    started = time.perf_counter()
    axe = None
    if options.run_axe:
        axe = await run_axe(
            page.main_frame, options.axe_options, options.axe_source, options.axe_timeout_s
        )
    axe_ms = int((time.perf_counter() - started) * 1000)
    probes = await run_probes(page, viewport, options.probes.get(viewport.name, ()))
    return PageAudit(axe, axe_ms, probes)


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
            results[cls.name] = {"error": first_line(exc)}
    return results


# Standard consent buttons, most specific first: GOV.UK's cookie banner, common consent
# platforms, then buttons by their words. Accepting or rejecting both dismiss the banner; we
# prefer rejecting, which sets no non-essential cookies.
CONSENT_JS = Path(__file__).parent.parent / "probes" / "consent.js"
CONSENT_SCRIPT = "\n".join(
    line
    for line in (Path(__file__).parent.parent / "probes" / "consent.js")
    .read_text("utf-8")
    .splitlines()
    if not line.startswith("//")
)


async def dismiss_consent(page: Page) -> JsonValue:
    """Click a standard consent button if there is one; what was clicked, or None."""
    try:
        clicked = await page.evaluate(CONSENT_SCRIPT)
    except PlaywrightError:
        return None
    if not clicked:
        return None
    with contextlib.suppress(PlaywrightTimeout):
        await page.wait_for_load_state("networkidle", timeout=1000)
    return {"dismissed_with": str(clicked)[:100]}


HEADER_KEPT = 4000  # characters of a response header value recorded


async def response_headers(response: Response | None) -> dict[str, str] | None:
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


async def cookies_now(tab: Tab) -> list[CookieRecord] | None:
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
CANONICAL = """() => {
  const link = document.querySelector('link[rel~="canonical"][href]');
  return link ? link.href : "";
}"""


def redirect_chain(response: Response | None) -> list[str]:
    """The URLs a navigation was redirected through, in order, without the final one."""
    chain: list[str] = []
    request = response.request.redirected_from if response else None
    while request is not None:
        chain.append(request.url)
        request = request.redirected_from
    return list(reversed(chain))


def retry_after(value: str | None) -> float | None:
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


def error_snapshot(target: Target, viewport: Viewport, message: str) -> Snapshot:
    return Snapshot(
        target=target,
        final_url=target.url,
        load_error=message,
        viewport=viewport,
        captured_at=datetime.now(UTC),
    )


async def element_count(page: Page, within_s: float) -> int | None:
    """How many elements the page has, or None when its main thread does not answer within
    `within_s` (a busy loop): bounded so a stuck page cannot hold the worker."""
    with contextlib.suppress(PlaywrightError, TimeoutError):
        count = await asyncio.wait_for(
            page.evaluate("() => document.getElementsByTagName('*').length"), within_s
        )
        return count if isinstance(count, int) else None
    return None


def too_large(elements: int) -> str:
    return f"too large to audit: {elements:,} elements (at most {MAX_ELEMENTS:,})"


def first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    line = text[0] if text else type(exc).__name__
    return line.removeprefix("Error: ").removeprefix("Page.goto: ")[:300]


async def default_user_agent(browser: Browser) -> str:
    page = await browser.new_page()
    try:
        return str(await page.evaluate("() => navigator.userAgent")).replace("Headless", "")
    finally:
        await page.close()
