"""sitemap.xml and sitemap index files: parsed with ElementTree, fetched with httpx (mocked)."""

from __future__ import annotations

import asyncio
import gzip

import httpx
import pytest

from auditor.crawl import sitemap
from auditor.crawl.sitemap import parse_sitemap, read_sitemaps

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def urlset(*locs: str) -> bytes:
    items = "".join(f"<url><loc> {loc} </loc><lastmod>2026-01-01</lastmod></url>" for loc in locs)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset {NS}>{items}</urlset>'.encode()


def index(*locs: str) -> bytes:
    items = "".join(f"<sitemap><loc>{loc}</loc></sitemap>" for loc in locs)
    return f'<?xml version="1.0"?><sitemapindex {NS}>{items}</sitemapindex>'.encode()


def test_urlset_gives_pages() -> None:
    assert parse_sitemap(urlset("https://a.gov.uk/", "https://a.gov.uk/bins")) == (
        ["https://a.gov.uk/", "https://a.gov.uk/bins"],
        [],
    )


def test_urlset_without_namespace() -> None:
    body = b"<urlset><url><loc>https://a.gov.uk/x</loc></url></urlset>"
    assert parse_sitemap(body) == (["https://a.gov.uk/x"], [])


def test_index_gives_children() -> None:
    assert parse_sitemap(index("https://a.gov.uk/s1.xml", "https://a.gov.uk/s2.xml")) == (
        [],
        ["https://a.gov.uk/s1.xml", "https://a.gov.uk/s2.xml"],
    )


def test_gzipped_sitemap() -> None:
    assert parse_sitemap(gzip.compress(urlset("https://a.gov.uk/z"))) == (
        ["https://a.gov.uk/z"],
        [],
    )


def test_empty_locs_are_skipped() -> None:
    body = f"<urlset {NS}><url><loc>  </loc></url><url><loc>https://a.gov.uk/</loc></url></urlset>"
    assert parse_sitemap(body.encode()) == (["https://a.gov.uk/"], [])


@pytest.mark.parametrize(
    "body",
    [
        b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "x">]>'
        b"<urlset><url><loc>https://a.gov.uk/&a;</loc></url></urlset>",
        b'<?xml version="1.0"?><!DOCTYPE urlset SYSTEM "http://evil.example/x.dtd">'
        b"<urlset><url><loc>https://a.gov.uk/</loc></url></urlset>",
        b"<urlset><url><loc>https://a.gov.uk/</loc></url><!ENTITY x 'y'></urlset>",
    ],
    ids=["internal-entity", "external-dtd", "entity-late"],
)
def test_dtds_are_refused(body: bytes) -> None:
    assert parse_sitemap(body) == ([], [])


@pytest.mark.parametrize("body", [b"", b"not xml", b"<html><body>404</body>", b"<urlset><url>"])
def test_malformed_gives_nothing(body: bytes) -> None:
    pages, children = parse_sitemap(body)
    assert children == []
    assert pages == []


def read(
    routes: dict[str, bytes | int], start: list[str], asked: list[str] | None = None
) -> list[str]:
    def handler(request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        if asked is not None:
            asked.append(url)
        answer = routes.get(url, 404)
        if isinstance(answer, int):
            return httpx.Response(answer)
        return httpx.Response(200, content=answer)

    async def go() -> list[str]:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            return await read_sitemaps(client, start)

    return asyncio.run(go())


def test_read_follows_index_and_gzip() -> None:
    routes: dict[str, bytes | int] = {
        "https://a.gov.uk/sitemap.xml": index(
            "https://a.gov.uk/pages.xml", "https://a.gov.uk/news.xml.gz"
        ),
        "https://a.gov.uk/pages.xml": urlset("https://a.gov.uk/", "https://a.gov.uk/bins"),
        "https://a.gov.uk/news.xml.gz": gzip.compress(urlset("https://a.gov.uk/news/1")),
    }
    assert read(routes, ["https://a.gov.uk/sitemap.xml"]) == [
        "https://a.gov.uk/",
        "https://a.gov.uk/bins",
        "https://a.gov.uk/news/1",
    ]


def test_read_skips_errors_and_unreachable() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        if "down" in str(request.url):
            raise httpx.ConnectError("refused", request=request)
        if "gone" in str(request.url):
            return httpx.Response(404)
        return httpx.Response(200, content=urlset("https://a.gov.uk/ok"))

    async def go() -> list[str]:
        async with httpx.AsyncClient(transport=httpx.MockTransport(refuse)) as client:
            return await read_sitemaps(
                client,
                [
                    "https://down.gov.uk/s.xml",
                    "https://gone.gov.uk/s.xml",
                    "https://a.gov.uk/s.xml",
                ],
            )

    assert asyncio.run(go()) == ["https://a.gov.uk/ok"]


def test_read_fetches_each_sitemap_once_even_in_a_loop() -> None:
    asked: list[str] = []
    routes: dict[str, bytes | int] = {
        "https://a.gov.uk/i1.xml": index("https://a.gov.uk/i2.xml", "https://a.gov.uk/i1.xml"),
        "https://a.gov.uk/i2.xml": index("https://a.gov.uk/i1.xml"),
    }
    assert read(routes, ["https://a.gov.uk/i1.xml", "https://a.gov.uk/i1.xml"], asked) == []
    assert asked == ["https://a.gov.uk/i1.xml", "https://a.gov.uk/i2.xml"]


def test_read_is_bounded_in_sitemaps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sitemap, "MAX_SITEMAPS", 3)
    asked: list[str] = []
    children = [f"https://a.gov.uk/s{i}.xml" for i in range(10)]
    routes: dict[str, bytes | int] = {"https://a.gov.uk/index.xml": index(*children)}
    routes |= {c: urlset(c.replace(".xml", "/page")) for c in children}
    pages = read(routes, ["https://a.gov.uk/index.xml"], asked)
    assert len(asked) == 3
    assert pages == ["https://a.gov.uk/s0/page", "https://a.gov.uk/s1/page"]


def test_read_is_bounded_in_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sitemap, "MAX_URLS", 3)
    routes: dict[str, bytes | int] = {
        "https://a.gov.uk/s.xml": urlset(*[f"https://a.gov.uk/{i}" for i in range(5)]),
        "https://a.gov.uk/t.xml": urlset("https://a.gov.uk/never"),
    }
    pages = read(routes, ["https://a.gov.uk/s.xml", "https://a.gov.uk/t.xml"])
    assert pages == ["https://a.gov.uk/0", "https://a.gov.uk/1", "https://a.gov.uk/2"]
