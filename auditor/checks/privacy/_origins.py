"""Site checks that judge each origin once: the page a finding about an origin is filed under."""

from __future__ import annotations

from collections.abc import Sequence

from auditor.checks.base import PageFacts
from auditor.web.urls import origin


def representatives(pages: Sequence[PageFacts]) -> dict[str, PageFacts]:
    """For each origin (of the pages' final URLs), the page that stands for it: the loaded page
    with the shortest address, which is the home page whenever the home page was audited."""
    chosen: dict[str, PageFacts] = {}
    for page in pages:
        if page.load_error:
            continue
        site = origin(page.final_url)
        best = chosen.get(site)
        if best is None or (len(page.url), page.url) < (len(best.url), best.url):
            chosen[site] = page
    return chosen
