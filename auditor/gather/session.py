"""One Chromium for the whole run, launched from Debian's package, and what the gather
stage is given: viewports, probes, axe's options and credentials."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from playwright.async_api import (
    Browser,
    Playwright,
    async_playwright,
)
from playwright.async_api import Error as PlaywrightError

from auditor.errors import BrowserError
from auditor.gather.worker import PageWorker
from auditor.models import (
    Viewport,
)

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
    run_axe: bool = True  # False when no selected check requires axe's results
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
