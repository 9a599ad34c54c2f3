"""The HTML report printed to PDF by Chromium, which the audit already depends on.

Not a Reporter: printing needs a browser, so it is a step after the HTML report is written, never
a pure function of a Run. The gather stage lends the browser (`gather.printing`). Scripts stay on
(the pages table sorts with them) but the report's print styles show everything; the network is
blocked, so a report cannot fetch anything.
"""

from __future__ import annotations

from pathlib import Path

from auditor.gather.printing import print_html_to_pdf


def print_pdf(html: Path, pdf: Path, chromium: str | None = None) -> None:
    """Print an HTML report to a tagged PDF with an outline; one-line AuditorError on failure."""
    print_html_to_pdf(html, pdf, chromium)
