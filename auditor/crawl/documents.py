"""Inventory of non-HTML resources (PDF, Word, spreadsheets…): status, content type and size
from a HEAD request, or the first KiB of a GET where HEAD is refused. Never rendered.

`read_documents` then fetches the PDFs and office files that answered, within a size and a time
cap, and reads their facts (auditor/crawlers/pdf_facts.py) in a worker thread, so the event loop
that drives the crawl is never blocked. The bytes are dropped once read."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import httpx

from auditor.crawl.pdf_facts import DEFAULT_BUDGET_S, OFFICE_FORMATS, facts_of, format_of
from auditor.models import DocumentFacts, Resource

PEEK_BYTES = 1024
HEAD_REFUSED = frozenset({405, 501})
# Caps for reading documents: most council PDFs are under 5 MB; a 200 MB scanned plan is
# recorded as too large rather than downloaded.
MAX_DOCUMENT_BYTES = 25 * 1024 * 1024
DOWNLOAD_TIMEOUT_S = 60.0
READABLE_FORMATS = frozenset({"pdf", *OFFICE_FORMATS})


def _one_line(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}"[:300] if text else type(exc).__name__


def _described(resource: Resource, response: httpx.Response) -> Resource:
    content_type = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    length = response.headers.get("content-length", "").strip()
    return resource.model_copy(
        update={
            "status": response.status_code,
            "content_type": content_type or None,
            "bytes": int(length) if length.isdigit() else None,
            "error": None,
        }
    )


async def _peek(client: httpx.AsyncClient, resource: Resource) -> Resource:
    async with client.stream("GET", resource.url, follow_redirects=True) as response:
        read = 0
        # Transports that read the body themselves (mocks, caches) leave nothing to stream.
        if not response.is_stream_consumed:
            async for chunk in response.aiter_raw():
                read += len(chunk)
                if read >= PEEK_BYTES:
                    break
        return _described(resource, response)


async def _check(client: httpx.AsyncClient, resource: Resource) -> Resource:
    try:
        response = await client.head(resource.url, follow_redirects=True)
        if response.status_code not in HEAD_REFUSED:
            return _described(resource, response)
    except (httpx.HTTPError, httpx.InvalidURL):
        pass  # some servers drop HEAD requests; a GET may still work
    try:
        return await _peek(client, resource)
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        return resource.model_copy(
            update={"status": None, "content_type": None, "bytes": None, "error": _one_line(exc)}
        )


async def inventory(
    client: httpx.AsyncClient, resources: Sequence[Resource], concurrency: int = 4
) -> list[Resource]:
    """Copies of the resources with status, content type (no parameters) and size, or an error;
    in the order given. At most `concurrency` requests are in flight."""
    limit = asyncio.Semaphore(max(1, concurrency))

    async def checked(resource: Resource) -> Resource:
        async with limit:
            return await _check(client, resource)

    return list(await asyncio.gather(*(checked(r) for r in resources)))


class _TooLarge(Exception):
    pass


async def _download(client: httpx.AsyncClient, url: str, max_bytes: int) -> bytes:
    async with client.stream("GET", url, follow_redirects=True) as response:
        response.raise_for_status()
        length = response.headers.get("content-length", "").strip()
        if length.isdigit() and int(length) > max_bytes:
            raise _TooLarge
        chunks: list[bytes] = []
        read = 0
        async for chunk in response.aiter_bytes():
            read += len(chunk)
            if read > max_bytes:
                raise _TooLarge
            chunks.append(chunk)
        return b"".join(chunks)


async def _read(
    client: httpx.AsyncClient,
    resource: Resource,
    max_bytes: int,
    download_timeout_s: float,
    parse_budget_s: float,
) -> DocumentFacts | None:
    fmt = format_of(resource.url, resource.content_type)
    if fmt is None or resource.status is None or not 200 <= resource.status < 300:
        return None
    if fmt not in READABLE_FORMATS:  # legacy binary office files, CSV: type and size only
        return DocumentFacts(format=fmt, size=resource.bytes or 0)
    if resource.bytes is not None and resource.bytes > max_bytes:
        return _unread(fmt, resource.bytes, _too_large(max_bytes))
    try:
        data = await asyncio.wait_for(
            _download(client, resource.url, max_bytes), download_timeout_s
        )
    except _TooLarge:
        return _unread(fmt, resource.bytes, _too_large(max_bytes))
    except TimeoutError:
        return _unread(fmt, resource.bytes, f"download took longer than {download_timeout_s:g}s")
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        return _unread(fmt, resource.bytes, f"download failed: {_one_line(exc)}")
    try:
        # The reader checks its own budget between steps; the outer wait is a backstop for a
        # single step that runs long (the thread then finishes on its own and is ignored).
        return await asyncio.wait_for(
            asyncio.to_thread(facts_of, data, fmt, parse_budget_s), parse_budget_s * 1.5 + 1
        )
    except TimeoutError:
        return _unread(fmt, len(data), f"reading took longer than {parse_budget_s:g}s")


def _too_large(max_bytes: int) -> str:
    cap = f"{max_bytes / 2**20:g} MB" if max_bytes >= 2**20 else f"{max_bytes} byte"
    return f"larger than the {cap} cap: not read"


def _unread(fmt: str, size: int | None, error: str) -> DocumentFacts:
    return DocumentFacts(format=fmt, size=size or 0, error=error)


async def read_documents(
    client: httpx.AsyncClient,
    resources: Sequence[Resource],
    *,
    max_bytes: int = MAX_DOCUMENT_BYTES,
    download_timeout_s: float = DOWNLOAD_TIMEOUT_S,
    parse_budget_s: float = DEFAULT_BUDGET_S,
    concurrency: int = 2,
) -> list[Resource]:
    """Copies of inventoried resources with `document` facts for the PDFs and office files that
    answered 2xx (others unchanged), in the order given. At most `concurrency` documents are
    fetched or read at once; nothing here raises for one bad document."""
    limit = asyncio.Semaphore(max(1, concurrency))

    async def read(resource: Resource) -> Resource:
        async with limit:
            facts = await _read(client, resource, max_bytes, download_timeout_s, parse_budget_s)
        return resource if facts is None else resource.model_copy(update={"document": facts})

    return list(await asyncio.gather(*(read(r) for r in resources)))
