"""Shared by the page checks over gathered facts (headers, cookies, requests)."""

from __future__ import annotations

from auditor.web.sites import host_of, is_loopback

LOCAL_SERVER_NOTE = (
    " (served by a local test server on a loopback address, which may not send what the live "
    "site sends: judge the live site)"
)


def loopback_note(url: str) -> str:
    """A note for findings on a page served from 127.0.0.1 or localhost."""
    return LOCAL_SERVER_NOTE if is_loopback(host_of(url)) else ""
