"""Document inventory: HEAD, or the first KiB of a GET where HEAD is refused; never rendered."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import httpx

from auditor.crawl.documents import inventory
from auditor.models import Resource
from tests.servers import CrawlSite


def resource(url: str, kind: str = "pdf") -> Resource:
    return Resource(url=url, found_on="https://council.gov.uk/", kind=kind)


def run_inventory(
    resources: list[Resource],
    transport: httpx.AsyncBaseTransport | None = None,
    concurrency: int = 4,
) -> list[Resource]:
    async def go() -> list[Resource]:
        async with httpx.AsyncClient(transport=transport) as client:
            return await inventory(client, resources, concurrency=concurrency)

    return asyncio.run(go())


def test_documents_on_the_fixture_site() -> None:
    with CrawlSite() as site:
        found = run_inventory(
            [
                resource(f"{site.url}docs/leaflet.pdf"),
                resource(f"{site.url}docs/form.docx", kind="word"),
                resource(f"{site.url}missing.pdf"),
            ]
        )
        methods = site.paths()
    pdf, docx, missing = found
    assert (pdf.status, pdf.content_type, pdf.bytes, pdf.error) == (
        200,
        "application/pdf",
        len(b"%PDF-1.4 fixture"),
        None,
    )
    assert (docx.status, docx.content_type, docx.kind) == (200, "application/octet-stream", "word")
    assert missing.status == 404
    assert missing.content_type == "text/html"  # parameters dropped
    assert pdf.found_on == "https://council.gov.uk/"
    assert len(methods) == 3  # one HEAD each: HEAD worked, so no GET


def mock(handler: Callable[[httpx.Request], httpx.Response]) -> httpx.MockTransport:
    return httpx.MockTransport(handler)


def test_head_not_allowed_falls_back_to_a_short_get() -> None:
    seen: list[str] = []
    body = b"x" * 100_000

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.method)
        if request.method == "HEAD":
            return httpx.Response(405)
        return httpx.Response(
            200,
            headers={"Content-Type": "application/pdf; qs=0.9", "Content-Length": str(len(body))},
            content=body,
        )

    (found,) = run_inventory([resource("https://council.gov.uk/a.pdf")], mock(handler))
    assert seen == ["HEAD", "GET"]
    assert (found.status, found.content_type, found.bytes) == (200, "application/pdf", 100_000)


def test_head_failure_falls_back_to_a_get_that_reads_one_kib() -> None:
    pulled = 0

    async def endless() -> AsyncIterator[bytes]:
        nonlocal pulled
        for _ in range(10_000):
            pulled += 1
            yield b"a,b\n" * 128  # 512 bytes

    class Transport(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            if request.method == "HEAD":
                raise httpx.RemoteProtocolError("server hung up", request=request)
            return httpx.Response(200, headers={"Content-Type": "text/csv"}, content=endless())

    (found,) = run_inventory([resource("https://council.gov.uk/a.csv", "csv")], Transport())
    assert (found.status, found.content_type, found.bytes, found.error) == (
        200,
        "text/csv",
        None,  # no Content-Length, and the body is not read to count it
        None,
    )
    assert pulled <= 3


def test_head_501_falls_back_but_other_errors_do_not() -> None:
    methods: list[tuple[str, str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        methods.append((request.method, request.url.path))
        if request.url.path == "/old.pdf":
            return httpx.Response(501 if request.method == "HEAD" else 410)
        return httpx.Response(403)

    old, secret = run_inventory(
        [resource("https://c.gov.uk/old.pdf"), resource("https://c.gov.uk/secret.pdf")],
        mock(handler),
    )
    assert (old.status, secret.status) == (410, 403)
    assert sorted(methods) == [("GET", "/old.pdf"), ("HEAD", "/old.pdf"), ("HEAD", "/secret.pdf")]


def test_one_bad_url_gives_an_error_not_an_exception() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "down.example":
            raise httpx.ConnectError("connection refused\nsecond line", request=request)
        return httpx.Response(200, headers={"Content-Type": "application/pdf"})

    bad, good = run_inventory(
        [resource("https://down.example/a.pdf"), resource("https://council.gov.uk/b.pdf")],
        mock(handler),
    )
    assert bad.status is None
    assert bad.error == "ConnectError: connection refused second line"
    assert good.status == 200
    assert good.error is None


def test_redirects_are_followed() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old.pdf":
            return httpx.Response(301, headers={"Location": "/new.pdf"})
        return httpx.Response(200, headers={"Content-Type": "application/pdf"})

    (found,) = run_inventory([resource("https://c.gov.uk/old.pdf")], mock(handler))
    assert (found.url, found.status) == ("https://c.gov.uk/old.pdf", 200)


def test_concurrency_is_bounded_and_order_kept() -> None:
    in_flight = 0
    peak = 0

    class Slow(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            nonlocal in_flight, peak
            in_flight += 1
            peak = max(peak, in_flight)
            await asyncio.sleep(0.01)
            in_flight -= 1
            return httpx.Response(200, headers={"Content-Type": "application/pdf"})

    urls = [f"https://c.gov.uk/{n}.pdf" for n in range(12)]
    found = run_inventory([resource(u) for u in urls], Slow(), concurrency=3)
    assert [r.url for r in found] == urls
    assert peak == 3


def test_nothing_to_check() -> None:
    assert run_inventory([]) == []
