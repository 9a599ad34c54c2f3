"""robots.txt: fetched with httpx (mocked), read with protego."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from protego import Protego

from auditor.crawl.robots import RobotsRules, fetch_robots

ORIGIN = "https://council.gov.uk"
ROBOTS = """
User-agent: *
Disallow: /private
Allow: /private/public
Disallow: /*.php$

User-agent: auditor
Disallow: /not-for-auditors

Sitemap: https://council.gov.uk/sitemap.xml
"""


def rules(text: str = ROBOTS) -> RobotsRules:
    return RobotsRules(by_origin={ORIGIN: Protego.parse(text)})


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/", True),
        ("/bins", True),
        ("/not-for-auditors", False),
        ("/private/public/page", True),
    ],
)
def test_auditor_group_is_used(path: str, allowed: bool) -> None:
    assert rules().allowed(f"{ORIGIN}{path}", ORIGIN) is allowed


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/private/area", False),
        ("/private/public/page", True),
        ("/index.php", False),
        ("/index.php?x=1", True),
        ("/bins", True),
    ],
)
def test_star_group_longest_match_and_wildcards(path: str, allowed: bool) -> None:
    text = "User-agent: *\nDisallow: /private\nAllow: /private/public\nDisallow: /*.php$\n"
    assert rules(text).allowed(f"{ORIGIN}{path}", ORIGIN) is allowed


def test_origin_without_robots_allows_everything() -> None:
    robots = RobotsRules(by_origin={ORIGIN: None})
    assert robots.allowed(f"{ORIGIN}/private", ORIGIN)
    assert RobotsRules().allowed(f"{ORIGIN}/private", ORIGIN)


def test_sitemaps_are_listed() -> None:
    robots = RobotsRules(by_origin={ORIGIN: Protego.parse(ROBOTS), "https://b.gov.uk": None})
    assert robots.sitemaps() == ["https://council.gov.uk/sitemap.xml"]


def fetch(handler: httpx.MockTransport) -> Protego | None:
    async def go() -> Protego | None:
        async with httpx.AsyncClient(transport=handler) as client:
            return await fetch_robots(client, ORIGIN)

    return asyncio.run(go())


def test_fetch_reads_robots_txt_at_origin() -> None:
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(200, text="User-agent: *\nDisallow: /x\n")

    parsed = fetch(httpx.MockTransport(handler))
    assert asked == [f"{ORIGIN}/robots.txt"]
    assert parsed is not None
    assert not parsed.can_fetch(f"{ORIGIN}/x", "auditor")


@pytest.mark.parametrize("status", [404, 410, 500])
def test_fetch_without_robots_gives_none(status: int) -> None:
    assert fetch(httpx.MockTransport(lambda _r: httpx.Response(status, text="nope"))) is None


def test_fetch_network_error_gives_none() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    assert fetch(httpx.MockTransport(handler)) is None
