"""DrivenPage translates Playwright's errors, except where waiting longer is not an error."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeout

from auditor.gather.driver import ActionFailed, ActionTimedOut, DrivenPage


class _Page:
    """A stand-in for Playwright's Page whose calls raise what they are told to."""

    def __init__(self, error: Exception | None) -> None:
        self.error = error

    async def wait_for_load_state(self, *_: Any, **__: Any) -> None:
        if self.error is not None:
            raise self.error

    async def click(self, *_: Any, **__: Any) -> None:
        if self.error is not None:
            raise self.error


def _driven(error: Exception | None) -> DrivenPage:
    return DrivenPage(_Page(error), timeout_s=1.0)  # type: ignore[arg-type]


def test_a_page_still_loading_after_an_action_is_used_as_it_stands() -> None:
    asyncio.run(_driven(PlaywrightTimeout("Timeout 10000ms exceeded")).settle())


def test_a_closed_page_while_settling_is_an_action_failure() -> None:
    with pytest.raises(ActionFailed, match="Target closed"):
        asyncio.run(_driven(PlaywrightError("Target closed")).settle())


def test_a_timed_out_action_is_an_action_timeout() -> None:
    with pytest.raises(ActionTimedOut, match="Timeout 10000ms"):
        asyncio.run(_driven(PlaywrightTimeout("Timeout 10000ms exceeded")).click("#go"))
