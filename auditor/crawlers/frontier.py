"""The crawl frontier: a breadth-first queue with a seen-set, scope and limits.

Scrapy's scheduler and dupe filter in one small class. Everything it refuses is counted by reason,
never silently dropped.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from auditor.crawlers.urls import document_kind, is_asset, normalise, origin
from auditor.models import Resource, Target, TargetSource


@dataclass(frozen=True)
class CrawlLimits:
    max_pages: int = 200
    max_depth: int | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


@dataclass
class Frontier:
    """Which pages to visit next. `allowed` is the robots.txt test (always True if ignored)."""

    seeds: list[str]
    limits: CrawlLimits
    allowed: Callable[[str], bool] = lambda _url: True
    skipped: Counter[str] = field(default_factory=Counter)
    resources: dict[str, Resource] = field(default_factory=dict)
    _queue: deque[Target] = field(default_factory=deque)
    _seen: set[str] = field(default_factory=set)
    _include: list[re.Pattern[str]] = field(default_factory=list)
    _exclude: list[re.Pattern[str]] = field(default_factory=list)
    _origins: set[str] = field(default_factory=set)
    _queued: int = 0

    def __post_init__(self) -> None:
        self._include = [re.compile(p) for p in self.limits.include]
        self._exclude = [re.compile(p) for p in self.limits.exclude]
        self._origins = {origin(s) for s in self.seeds}
        for seed in self.seeds:
            # Seeds are what the user asked for: only robots.txt can refuse them.
            self._offer(Target(url=normalise(seed), depth=0, source="seed"), seed=True)

    @property
    def accepted(self) -> int:
        """Pages queued so far (what max_pages counts); refused URLs are not pages."""
        return self._queued

    def __len__(self) -> int:
        return len(self._queue)

    def pop(self) -> Target | None:
        return self._queue.popleft() if self._queue else None

    def add(
        self, urls: Iterable[str], found_on: str, depth: int, source: TargetSource = "link"
    ) -> None:
        for url in urls:
            self._offer(Target(url=normalise(url), depth=depth, found_on=found_on, source=source))

    def in_scope(self, url: str) -> bool:
        return origin(url) in self._origins

    def _offer(self, target: Target, seed: bool = False) -> None:
        url = target.url
        if url in self._seen:
            return
        reason = None if seed else self._refusal(target)
        if reason is None and not self.allowed(url):
            reason = "robots.txt"
        if reason is None and self._queued >= self.limits.max_pages:
            reason = "max pages"
        if reason is not None:
            if reason != "document":
                self.skipped[reason] += 1
            self._seen.add(url)
            return
        self._seen.add(url)
        self._queued += 1
        self._queue.append(target)

    def _refusal(self, target: Target) -> str | None:
        url = target.url
        if not self.in_scope(url):
            return "out of scope"
        kind = document_kind(url)
        if kind is not None:
            self.resources.setdefault(
                url, Resource(url=url, found_on=target.found_on or "", kind=kind)
            )
            return "document"
        if is_asset(url):
            return "not a page"
        if self.limits.max_depth is not None and target.depth > self.limits.max_depth:
            return "max depth"
        if self._include and not any(p.search(url) for p in self._include):
            return "not included"
        if any(p.search(url) for p in self._exclude):
            return "excluded"
        return None
