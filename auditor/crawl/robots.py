"""robots.txt, fetched with httpx and read with protego (wildcards, `$`, longest match)."""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx
from protego import Protego

ROBOTS_AGENT = "auditor"


@dataclass
class RobotsRules:
    """The parsed robots.txt of each origin; an origin without one allows everything."""

    by_origin: dict[str, Protego | None] = field(default_factory=dict)

    def allowed(self, url: str, origin: str) -> bool:
        rules = self.by_origin.get(origin)
        return True if rules is None else bool(rules.can_fetch(url, ROBOTS_AGENT))

    def crawl_delay(self, origin: str) -> float:
        """The origin's Crawl-delay for us, in seconds (0 when none)."""
        rules = self.by_origin.get(origin)
        delay = rules.crawl_delay(ROBOTS_AGENT) if rules is not None else None
        return float(delay or 0.0)

    def sitemaps(self) -> list[str]:
        return [s for rules in self.by_origin.values() if rules for s in rules.sitemaps]


async def fetch_robots(client: httpx.AsyncClient, origin: str) -> Protego | None:
    """The origin's robots.txt, or None when it has none (or it cannot be read)."""
    try:
        response = await client.get(f"{origin}/robots.txt")
    except httpx.HTTPError:
        return None
    if response.status_code != 200:
        return None
    return Protego.parse(response.text)
