"""The gatherer keeps response headers without secrets: Set-Cookie is reduced to cookie names."""

from __future__ import annotations

import asyncio
from typing import Any

from auditor.gather.capture import response_headers


class _FakeResponse:
    def __init__(self, headers: dict[str, str]) -> None:
        self._headers = headers

    async def all_headers(self) -> dict[str, str]:
        return self._headers


def _headers(raw: dict[str, str]) -> dict[str, str] | None:
    fake: Any = _FakeResponse(raw)
    return asyncio.run(response_headers(fake))


def test_set_cookie_keeps_only_the_names() -> None:
    kept = _headers(
        {
            "content-type": "text/html",
            "Strict-Transport-Security": "max-age=31536000",
            # Playwright joins repeated headers with newlines.
            "set-cookie": "SESSION=s3cret; Path=/; HttpOnly\n_ga=GA1.1.42; Max-Age=60\nSESSION=x",
        }
    )
    assert kept == {
        "content-type": "text/html",
        "set-cookie": "SESSION, _ga",
        "strict-transport-security": "max-age=31536000",
    }
    assert "s3cret" not in str(kept) and "GA1.1.42" not in str(kept)


def test_long_values_are_capped_and_no_response_gives_none() -> None:
    kept = _headers({"content-security-policy": "x" * 10_000})
    assert kept is not None and len(kept["content-security-policy"]) == 4000
    assert asyncio.run(response_headers(None)) is None
