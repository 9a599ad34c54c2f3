"""A live page driven step by step, for form journeys: the browser actions a journey takes,
with Playwright's errors translated so that callers never import Playwright.

Every method raises `ActionFailed` (or its subclass `ActionTimedOut`) with Playwright's message
when the browser cannot do what was asked, in place of Playwright's own errors.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page
from playwright.async_api import TimeoutError as PlaywrightTimeout


class ActionFailed(Exception):
    """The browser could not take an action (the page closed, the selector is invalid…)."""


class ActionTimedOut(ActionFailed):
    """An element never matched, or never became usable, within the step's time."""


@contextlib.contextmanager
def _translated() -> Iterator[None]:
    try:
        yield
    except PlaywrightTimeout as exc:
        raise ActionTimedOut(str(exc)) from None
    except PlaywrightError as exc:
        raise ActionFailed(str(exc)) from None


@dataclass
class DrivenPage:
    """One viewport's page in a worker, lent to a caller that drives it (see
    `PageWorker.driven_page`). `timeout_s` bounds each action."""

    page: Page
    timeout_s: float

    @property
    def url(self) -> str:
        return self.page.url

    async def goto(self, url: str) -> int | None:
        """Open `url` and wait for its load event; the HTTP status, when there was a response."""
        with _translated():
            response = await self.page.goto(url, wait_until="load")
        return response.status if response is not None else None

    async def fill(self, selector: str, value: str) -> None:
        with _translated():
            await self.page.fill(selector, value)

    async def check(self, selector: str) -> None:
        with _translated():
            await self.page.check(selector)

    async def uncheck(self, selector: str) -> None:
        with _translated():
            await self.page.uncheck(selector)

    async def select(self, selector: str, option: str, by_label_too: bool = True) -> None:
        """Choose an option by its value, else (when `by_label_too`) by its label."""
        with _translated():
            try:
                await self.page.select_option(selector, value=option, timeout=self.timeout_s * 1000)
            except PlaywrightError:
                if not by_label_too:
                    raise
                await self.page.select_option(selector, label=option)

    async def upload(self, selector: str, path: Path) -> None:
        with _translated():
            await self.page.set_input_files(selector, str(path))

    async def click(self, selector: str) -> None:
        with _translated():
            await self.page.click(selector)

    async def press(self, key: str, on: str | None = None) -> None:
        """Press a key in the element `on`, or wherever the focus is."""
        with _translated():
            if on:
                await self.page.press(on, key)
            else:
                await self.page.keyboard.press(key)

    async def wait_for(self, selector: str) -> None:
        with _translated():
            await self.page.wait_for_selector(selector, state="visible")

    async def shows_text(self, text: str) -> bool:
        """Whether the page shows `text` within the step's time."""
        with _translated():
            try:
                await self.page.get_by_text(text).first.wait_for(state="visible")
            except PlaywrightTimeout:
                return False
        return True

    async def reaches_url(self, part: str) -> bool:
        """Whether the page's URL comes to contain `part` within the step's time."""
        with _translated():
            try:
                await self.page.wait_for_url(lambda url: part in url, timeout=self.timeout_s * 1000)
            except PlaywrightTimeout:
                return False
        return True

    async def settle(self) -> None:
        """Let an action's consequences start (a navigation, a script) and finish loading."""
        await asyncio.sleep(0.1)
        # A page still loading after that (a slow image, a long poll) is used as it stands.
        with _translated(), contextlib.suppress(PlaywrightTimeout):
            await self.page.wait_for_load_state("load", timeout=10_000)

    async def content(self) -> str:
        with _translated():
            return await self.page.content()

    async def title(self) -> str:
        with _translated():
            return await self.page.title()

    async def evaluate(self, script: str, arg: Any = None) -> Any:
        with _translated():
            return await self.page.evaluate(script, arg)

    async def evaluate_on(
        self, selector: str, script: str, arg: Any = None, timeout_s: float | None = None
    ) -> Any:
        """Run `script(element, arg)` on the first element matching `selector`."""
        timeout = timeout_s * 1000 if timeout_s is not None else None
        with _translated():
            return await self.page.locator(selector).first.evaluate(script, arg, timeout=timeout)

    async def count(self, selector: str) -> int:
        """How many elements match `selector` now (ActionFailed when it is not a selector)."""
        with _translated():
            return await self.page.locator(selector).count()

    async def screenshot(self, path: Path, mask_selector: str, mask_texts: list[str]) -> None:
        """A PNG of the viewport with the elements matching `mask_selector`, and those showing
        any of `mask_texts`, painted over."""
        masks = [self.page.locator(mask_selector)]
        masks += [self.page.get_by_text(value) for value in mask_texts]
        with _translated():
            await self.page.screenshot(path=str(path), mask=masks, timeout=10_000)
