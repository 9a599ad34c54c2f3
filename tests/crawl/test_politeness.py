"""The per-host delay is a lower bound from the moment a request actually left, however late a
loaded machine sent it."""

from __future__ import annotations

import asyncio
import time

from auditor.crawl.politeness import HostGate

DELAY = 0.2


async def _two_requests(late_by: float) -> tuple[float, float]:
    gate = HostGate(per_host=2, delay=DELAY)
    sent_at: list[float] = []

    async def first() -> None:
        async with gate.turn("http://127.0.0.1:1/a") as sent:
            await asyncio.sleep(late_by)  # the browser was slow to send it
            sent_at.append(time.monotonic())
            sent()

    async def second() -> None:
        await asyncio.sleep(0.01)
        async with gate.turn("http://127.0.0.1:1/b") as sent:
            sent_at.append(time.monotonic())
            sent()

    await asyncio.gather(first(), second())
    return sent_at[0], sent_at[1]


def test_the_delay_counts_from_when_the_request_left() -> None:
    first, second = asyncio.run(_two_requests(late_by=0.15))
    assert second - first >= DELAY - 0.01


def test_a_request_sent_at_once_keeps_the_delay_from_its_turn() -> None:
    first, second = asyncio.run(_two_requests(late_by=0.0))
    assert second - first >= DELAY - 0.01


def test_other_hosts_do_not_wait() -> None:
    async def both() -> float:
        gate = HostGate(per_host=1, delay=5.0)
        started = time.monotonic()
        async with gate.turn("http://127.0.0.1:1/") as sent:
            sent()
        async with gate.turn("http://127.0.0.2:1/") as sent:
            sent()
        return time.monotonic() - started

    assert asyncio.run(both()) < 1.0
