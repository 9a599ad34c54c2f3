"""Shared plumbing of the layout and media probes: their scripts, layout waits, resizing."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from playwright.async_api import Page, ViewportSize

HERE = Path(__file__).resolve().parent
MAX_ITEMS = 30  # elements a probe reports at most, per kind


def _source(name: str) -> str:
    """A .js file of this package without its leading `//` comment lines."""
    lines = (HERE / name).read_text("utf-8").splitlines()
    return "\n".join(line for line in lines if not line.lstrip().startswith("//")).strip()


@cache
def script(name: str) -> str:
    """The probe script `name`.js, an arrow function `(lib, arg) => …`, wrapped so that
    `page.evaluate(script(name), arg)` calls it with the shared helpers of layout_common.js."""
    lib = _source("layout_common.js")
    body = _source(f"{name}.js").rstrip(";")
    return f"(arg) => {{ const lib = {lib}; return ({body})(lib, arg); }}"


_NEXT_FRAME = """() => new Promise((resolve) => {
  setTimeout(() => resolve(null), 200);
  requestAnimationFrame(() => requestAnimationFrame(() => resolve(null)));
})"""
_SCROLL = "() => [window.scrollX, window.scrollY]"
_SCROLL_TO = "([x, y]) => window.scrollTo(x, y)"


async def settle(page: Page) -> None:
    """Wait until the page has laid itself out again (two animation frames, 200 ms at most)."""
    await page.evaluate(_NEXT_FRAME)


async def scroll_position(page: Page) -> tuple[float, float]:
    x, y = await page.evaluate(_SCROLL)
    return float(x), float(y)


async def restore(page: Page, size: ViewportSize, scroll: tuple[float, float]) -> None:
    """Put the window size and scroll position back as they were, and wait for layout."""
    if page.viewport_size != size:
        await page.set_viewport_size(size)
    await settle(page)
    await page.evaluate(_SCROLL_TO, list(scroll))
