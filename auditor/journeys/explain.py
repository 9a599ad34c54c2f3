"""Why a journey step could not be taken or tested, in words a council officer understands."""

from __future__ import annotations

from typing import Any

from auditor.gather.driver import ActionFailed, DrivenPage


def first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    line = lines[0] if lines else type(exc).__name__
    for prefix in ("Error: ", "Page.", "Locator."):
        line = line.removeprefix(prefix)
    return line[:300]


async def why_missing(page: DrivenPage, step: Any, exc: BaseException) -> str:
    """Why a step timed out, in words: no element matches its selector, or the element never
    became usable (Playwright only says "Timeout 10000ms exceeded")."""
    selector = getattr(step, "selector", None)
    if selector is None:
        return first_line(exc)
    try:
        count = await page.count(selector)
    except ActionFailed:
        return f"{selector} is not a valid selector"
    if count == 0:
        return f"no element matches {selector} on {page.url}"
    return f"{selector} is on {page.url} but never became visible and enabled in time"


def untested_note(target: str, control: dict[str, Any]) -> str:
    """Why a step's error states were not probed: its control does not submit the form."""
    what = f"{target} is a <{control.get('tag')}>, not a submit button"
    if not control.get("button"):
        reach = "" if control.get("focusable") else ": keyboard users cannot reach it with Tab"
        return (
            f"error states not tested: {what}, so the form cannot be submitted empty; "
            f"screen readers do not announce it as a button{reach} (WCAG 2.1.1, 4.1.2)"
        )
    return f"error states not tested: {what}, so the form cannot be submitted empty"
