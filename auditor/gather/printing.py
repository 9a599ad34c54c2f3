"""Chromium as a printer: an HTML file (the report) printed to a tagged PDF with an outline.

The page is opened offline, so a report cannot fetch anything while it prints.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import async_playwright

from auditor.errors import AuditorError
from auditor.gather.session import CHROMIUM_ARGS, find_chromium

_FOOTER = (
    '<div style="font-size:8px;width:100%;text-align:center">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


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
                footer_template=_FOOTER,
                outline=True,
                tagged=True,
            )
        finally:
            await browser.close()


def print_html_to_pdf(html: Path, pdf: Path, chromium: str | None = None) -> None:
    """Print an HTML file to a tagged A4 PDF; a one-line AuditorError on failure."""
    try:
        asyncio.run(_print(html, pdf, find_chromium(chromium)))
    except PlaywrightError as exc:
        raise AuditorError(f"could not print {html} to PDF: {str(exc).splitlines()[0]}") from None
