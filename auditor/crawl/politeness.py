"""Politeness towards the audited site: pages of one host at once, a delay between them
(`Crawl-delay` honoured), and back-off on 429 (`Retry-After`), 5xx and network errors."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from auditor.models import Snapshot

MAX_WAIT_S = 60.0
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
TRANSIENT_ERRORS = (
    "ERR_CONNECTION_RESET",
    "ERR_CONNECTION_CLOSED",
    "ERR_EMPTY_RESPONSE",
    "ERR_NETWORK_CHANGED",
    "ERR_HTTP2_PROTOCOL_ERROR",
    "crashed",
    "has been closed",  # the browser died under the page; it is relaunched for the retry
)


@dataclass
class HostGate:
    """At most `per_host` pages of a host at once, starting at least `delay(host)` apart."""

    per_host: int
    delay: float = 0.0
    host_delays: dict[str, float] = field(default_factory=dict)
    _slots: dict[str, asyncio.Semaphore] = field(default_factory=dict)
    _next: dict[str, float] = field(default_factory=dict)
    _locks: dict[str, asyncio.Lock] = field(default_factory=dict)

    def delay_for(self, host: str) -> float:
        return min(MAX_WAIT_S, max(self.delay, self.host_delays.get(host, 0.0)))

    @asynccontextmanager
    async def turn(self, url: str) -> AsyncIterator[Callable[[], None]]:
        """Wait for the host's turn. The caller calls what this yields once its request has reached
        the server (its response arrived): the next request starts at least the delay after that,
        however late a loaded machine sent this one (a reservation from the turn's start holds
        until then)."""
        host = urlsplit(url).netloc
        slot = self._slots.setdefault(host, asyncio.Semaphore(self.per_host))
        lock = self._locks.setdefault(host, asyncio.Lock())

        def sent() -> None:
            after = time.monotonic() + self.delay_for(host)
            self._next[host] = max(self._next.get(host, 0.0), after)

        async with slot:
            async with lock:  # one waiter at a time decides the next start time
                # Re-read after each sleep: the previous request may have left late.
                while (wait := self._next.get(host, 0.0) - time.monotonic()) > 0:
                    await asyncio.sleep(wait)
                self._next[host] = time.monotonic() + self.delay_for(host)
            yield sent

    def hold(self, url: str, seconds: float) -> None:
        """The host asked us to slow down: no page of it starts for `seconds`."""
        host = urlsplit(url).netloc
        until = time.monotonic() + min(MAX_WAIT_S, seconds)
        self._next[host] = max(self._next.get(host, 0.0), until)


def retry_wait(snapshot: Snapshot, attempt: int) -> float | None:
    """Seconds to wait before retrying this page, or None when it should not be retried."""
    if snapshot.status in RETRY_STATUSES:
        if snapshot.retry_after is not None:
            return min(MAX_WAIT_S, snapshot.retry_after)
        return min(MAX_WAIT_S, 0.5 * 2.0**attempt)
    error = snapshot.load_error or ""
    if snapshot.status is None and any(marker in error for marker in TRANSIENT_ERRORS):
        return min(MAX_WAIT_S, 0.5 * 2.0**attempt)
    return None
