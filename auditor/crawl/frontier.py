"""The crawl frontier: which URL to audit next, and the fate of every URL found.

Scrapy's scheduler and dupe filter, with the queue and seen-set kept in the history database
(a `FrontierQueue`: `auditor.store.CrawlState`) rather than in memory: a 50,000-URL site does
not grow the process, and a run killed at any moment resumes where it stopped. Everything
refused is recorded with its reason, never silently dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from auditor.crawl.scope import Scope
from auditor.crawl.traps import TRAP_REASONS, TrapGuard, family
from auditor.models import Resource, Target, TargetSource
from auditor.web.urls import document_kind, is_asset, safe_normalise


@dataclass(frozen=True)
class FrontierEntry:
    """One URL the crawl has decided about: queued to audit, or refused with a reason."""

    url: str
    depth: int
    found_on: str | None
    source: str
    state: str  # queued | active | done | refused
    reason: str | None = None
    readmit: bool = False  # refused earlier as a trap, since found from outside its family


class FrontierQueue(Protocol):
    """The stored queue and seen-set of one crawl, what `Frontier` decides over. URLs are never
    removed while a crawl runs; `next` hands out the oldest queued one, marked active."""

    def seen(self, url: str) -> bool: ...
    def add(self, entries: list[FrontierEntry]) -> None: ...
    def next(self) -> FrontierEntry | None: ...
    def counts(self) -> dict[str, int]: ...
    def admitted_urls(self) -> list[str]: ...


@dataclass(frozen=True)
class CrawlLimits:
    """`max_pages` counts every page; the user's own URLs only when `cap_seeds` (an explicit
    --max-pages): a default must not drop URLs someone listed one by one."""

    max_pages: int = 200
    max_depth: int | None = None
    cap_seeds: bool = True


@dataclass
class Decision:
    """What the frontier made of the links of one page, to record with that page."""

    entries: list[FrontierEntry]
    resources: list[Resource]
    external: list[str]


class Frontier:
    """Policy (scope, robots.txt, traps, limits) over the stored queue of one crawl."""

    def __init__(
        self,
        state: FrontierQueue,
        scope: Scope,
        limits: CrawlLimits,
        traps: TrapGuard | None = None,
        allowed: Callable[[str], bool] = lambda _url: True,
        follow_links: bool = True,
    ) -> None:
        self.state = state
        self.scope = scope
        self.limits = limits
        self.traps = traps or TrapGuard()
        self.allowed = allowed
        self.follow_links = follow_links
        counts = state.counts()
        self._admitted = sum(counts.get(k, 0) for k in ("queued", "active", "done"))
        for url in state.admitted_urls():  # on resume, traps count what was admitted before
            self.traps.count(url)
        # Refused as traps by this process: one found again from outside its family is readmitted.
        self._trapped: set[str] = set()

    @property
    def admitted(self) -> int:
        """Pages admitted so far (what max_pages counts); refused URLs are not pages."""
        return self._admitted

    def seed(self, urls: Iterable[str], source: TargetSource = "seed") -> None:
        """The user's start URLs: only robots.txt and max_pages can refuse them."""
        decision = self._decide(urls, found_on=None, depth=0, source=source, seed=True)
        self.state.add(decision.entries)

    def decide(
        self, urls: Iterable[str], found_on: str | None, depth: int, source: TargetSource = "link"
    ) -> Decision:
        """The fate of links found on a page (recorded by the caller with the page)."""
        if not self.follow_links and source == "link":
            external = (u for u in map(safe_normalise, urls) if u and self.scope.is_external(u))
            return Decision([], [], list(dict.fromkeys(external)))
        return self._decide(urls, found_on, depth, source, seed=False)

    def add(
        self, urls: Iterable[str], found_on: str | None, depth: int, source: TargetSource = "link"
    ) -> None:
        self.state.add(self.decide(urls, found_on, depth, source).entries)

    def pop(self) -> Target | None:
        entry = self.state.next()
        if entry is None:
            return None
        return Target(
            url=entry.url,
            depth=entry.depth,
            found_on=entry.found_on,
            source=entry.source,
        )

    def _decide(
        self,
        urls: Iterable[str],
        found_on: str | None,
        depth: int,
        source: TargetSource,
        seed: bool,
    ) -> Decision:
        decision = Decision([], [], [])
        batch = list(dict.fromkeys(u for u in map(safe_normalise, urls) if u is not None))
        fresh = {url for url in batch if not self.state.seen(url)}
        productive = found_on is None or self._productive(fresh, found_on)
        for url in batch:
            if url not in fresh:
                if url in self._trapped and self._readmissible(url, found_on, productive):
                    self._trapped.discard(url)
                    self._admitted += 1
                    decision.entries.append(
                        FrontierEntry(url, depth, found_on, source, "queued", readmit=True)
                    )
                continue
            if not seed and self.scope.is_external(url):
                decision.external.append(url)
                continue
            kind = document_kind(url)
            if kind is not None and not seed:
                # Documents are fetched (HEAD) to inventory them: the same rules apply first.
                refused = self.scope.refusal(url) or (None if self.allowed(url) else "robots.txt")
                if refused:
                    decision.entries.append(
                        FrontierEntry(url, depth, found_on, source, "refused", refused)
                    )
                else:
                    decision.resources.append(Resource(url=url, found_on=found_on or "", kind=kind))
                    decision.entries.append(FrontierEntry(url, depth, found_on, source, "document"))
                continue
            reason = None if seed else self._refusal(url, depth)
            if reason is None and not self.allowed(url):
                reason = "robots.txt"
            if reason is None:
                # Traps last: only URLs that would otherwise be audited count towards a cap.
                # Seeds are counted too (never refused), so a resume replays the same counts.
                trap = self.traps.refusal(url, found_on, productive)
                reason = None if seed else trap
                if trap in TRAP_REASONS:
                    self._trapped.add(url)
            if (
                reason is None
                and self._admitted >= self.limits.max_pages
                and (self.limits.cap_seeds or not seed)
            ):
                reason = "max pages"
            state = "refused" if reason else "queued"
            if reason is None:
                self._admitted += 1
            decision.entries.append(FrontierEntry(url, depth, found_on, source, state, reason))
        return decision

    def _productive(self, fresh: set[str], found_on: str) -> bool:
        """Whether the page led to a new page outside its own family (a trap's pages do not)."""
        own = family(found_on)
        return any(
            not self.scope.is_external(url) and not is_asset(url) and family(url) != own
            for url in fresh
        )

    def _readmissible(self, url: str, found_on: str | None, productive: bool) -> bool:
        return (
            self._admitted < self.limits.max_pages
            and self.traps.refusal(url, found_on, productive) is None
        )

    def _refusal(self, url: str, depth: int) -> str | None:
        reason = self.scope.refusal(url)
        if reason is None and is_asset(url):
            reason = "not a page"
        if reason is None and self.limits.max_depth is not None and depth > self.limits.max_depth:
            reason = "max depth"
        return reason
