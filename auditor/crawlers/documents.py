"""Inventory of non-HTML resources (PDF, Word, spreadsheets…): status, content type and size
from a HEAD request, or the first KiB of a GET where HEAD is refused. Never rendered."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import httpx

from auditor.models import Resource

PEEK_BYTES = 1024
HEAD_REFUSED = frozenset({405, 501})


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
