"""The HTML report printed to PDF by Chromium, which the audit already depends on.

Not a Reporter: printing needs a browser, so it is a step after the HTML report is written, never
a pure function of a Run. Scripts stay on (the pages table sorts with them) but the report's
print styles show everything; the network is blocked, so a report cannot fetch anything.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import async_playwright

from auditor.browser import CHROMIUM_ARGS, find_chromium
from auditor.errors import AuditorError


async def _print(html: Path, pdf: Path, chromium: str) -> None:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium, headless=True, args=CHROMIUM_ARGS
        )
        try:
            context = await browser.new_context(offline=True)
            page = await context.new_page()
            await page.goto(html.resolve().as_uri(), wait_until="load")
            await page.emulate_media(media="print")
            await page.pdf(
                path=str(pdf),
                format="A4",
                print_background=True,
                margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"},
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=(
                    '<div style="font-size:8px;width:100%;text-align:center">'
                    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
                ),
                outline=True,
                tagged=True,
            )
        finally:
            await browser.close()


def print_pdf(html: Path, pdf: Path, chromium: str | None = None) -> None:
    """Print an HTML report to a tagged PDF with an outline; one-line AuditorError on failure."""
    try:
        asyncio.run(_print(html, pdf, find_chromium(chromium)))
    except PlaywrightError as exc:
        raise AuditorError(f"could not print {html} to PDF: {str(exc).splitlines()[0]}") from None
