"""The page-worker pool of one run: each worker takes the next page from the frontier,
gathers it in every viewport, checks it, and records it in the crawl state."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from auditor.config import AuditConfig
from auditor.crawl.frontier import Frontier, FrontierEntry
from auditor.crawl.links import extract_links
from auditor.crawl.politeness import HostGate, retry_wait
from auditor.gather.session import ChromiumSession, GatherOptions
from auditor.gather.worker import PageWorker
from auditor.models import (
    PageResult,
    Snapshot,
    Target,
    Viewport,
)
from auditor.pipeline.evaluate import check_page
from auditor.pipeline.progress import ProgressListener
from auditor.ruleset import Ruleset
from auditor.store import CrawlState, PreviousPages
from auditor.web.urls import normalise, safe_normalise


class PagePool:
    """The worker pool of one run: each worker renders, checks and records pages in turn."""

    def __init__(
        self,
        config: AuditConfig,
        ruleset: Ruleset,
        state: CrawlState,
        frontier: Frontier,
        gate: HostGate,
        previous: PreviousPages,
        listener: ProgressListener,
        on_snapshot: Callable[[Snapshot], None] | None,
    ) -> None:
        self.config, self.state, self.frontier, self.gate = config, state, frontier, gate
        self.previous, self.listener, self.on_snapshot = previous, listener, on_snapshot
        self.page_checks = [c for c in ruleset.selected_checks().values() if not c.site_level]
        self.wcag_version = ruleset.wcag_version
        self.axe_versions: set[str] = set()
        self.out_of_time = False
        self.done = 0
        self._in_flight = 0
        self._changed = asyncio.Condition()
        self._clock = time.perf_counter()
        self._deadline = (
            time.monotonic() + config.run_timeout if config.run_timeout is not None else None
        )

    async def run(self, executable: str, options: GatherOptions) -> str:
        async with ChromiumSession(executable, options) as session:
            self.listener.on_run_start(self.config.urls)
            await asyncio.gather(*(self._work(session) for _ in range(self.config.concurrency)))
            return session.version

    async def _next(self) -> Target | None:
        async with self._changed:
            while True:
                if self._deadline is not None and time.monotonic() > self._deadline:
                    self.out_of_time = True
                    return None
                target = self.frontier.pop()
                if target is not None:
                    self._in_flight += 1
                    return target
                if not self._in_flight:
                    self._changed.notify_all()
                    return None
                await self._changed.wait()

    async def _work(self, session: ChromiumSession) -> None:
        worker = session.worker()
        try:
            while (target := await self._next()) is not None:
                try:
                    page = await self._audit_page(worker, target)
                finally:
                    async with self._changed:
                        self._in_flight -= 1
                        self._changed.notify_all()
                self.done += 1
                elapsed = time.perf_counter() - self._clock
                self.listener.on_page_done(
                    page,
                    self.done,
                    self.state.queued() + self._in_flight,
                    self.done / elapsed if elapsed else 0.0,
                )
        finally:
            await worker.close()

    async def _capture(
        self, worker: PageWorker, target: Target, viewport: Viewport, first: bool
    ) -> tuple[Snapshot, int]:
        previous = self.previous.hashes.get(target.url) if first else None

        def unchanged(content_hash: str) -> bool:
            return previous == content_hash

        # The home page's first visit is audited as a new visitor sees it, banner and all
        # (as the Silktide Index does); on other pages a standard consent button is dismissed.
        dismiss = not (target.source == "seed" and target.depth == 0)
        attempt = 0
        while True:
            await worker.prepare(viewport)
            async with self.gate.turn(target.url) as sent:
                snapshot = await worker.capture(
                    target, viewport, unchanged if previous else None, dismiss, sent
                )
            wait = retry_wait(snapshot, attempt)
            if wait is None or attempt >= self.config.retries:
                return snapshot, attempt + 1
            if snapshot.status == 429:
                self.gate.hold(target.url, wait)  # the whole host slows down, not one page
            attempt += 1
            await asyncio.sleep(wait)

    async def _audit_page(self, worker: PageWorker, target: Target) -> PageResult:
        viewports = self.config.viewports
        snapshot, attempts = await self._capture(worker, target, viewports[0], first=True)
        in_scope = self.frontier.scope.in_scope(snapshot.final_url)
        if snapshot.html and in_scope and not snapshot.load_error:
            snapshot.links = extract_links(snapshot.html, snapshot.final_url)
        if self.on_snapshot is not None:
            self.on_snapshot(snapshot)
        if snapshot.axe:
            self.axe_versions.add(snapshot.axe.engine_version)
        extra: list[FrontierEntry] = []
        duplicate_of = None
        final = normalise(snapshot.final_url) if not snapshot.load_error else target.url
        if final != target.url and in_scope:
            if self.state.seen(final):
                duplicate_of = final
            else:  # audited here, under the address that was linked; no second visit
                extra.append(
                    FrontierEntry(
                        final, target.depth, target.url, "link", "done", "redirect target"
                    )
                )
        canonical = safe_normalise(snapshot.canonical) if snapshot.canonical else None
        if (
            duplicate_of is None
            and canonical
            and canonical not in (target.url, final)
            and (self.frontier.scope.in_scope(canonical) and self.state.seen(canonical))
        ):
            duplicate_of = canonical
        if duplicate_of is not None:
            page = PageResult(
                target=target,
                final_url=snapshot.final_url,
                status=snapshot.status,
                title=snapshot.title[:500],
                duplicate_of=duplicate_of,
                redirects=snapshot.redirects,
                attempts=attempts,
            )
        elif snapshot.unchanged and (old_json := self.previous.page_json(target.url)):
            old = PageResult.model_validate_json(old_json)
            page = old.model_copy(
                update={
                    "target": target,
                    "carried_over": True,
                    "links": snapshot.links,
                    "attempts": attempts,
                }
            )
        else:
            snapshots = [snapshot]
            if not snapshot.load_error:
                for viewport in viewports[1:]:
                    other, _ = await self._capture(worker, target, viewport, first=False)
                    if self.on_snapshot is not None:
                        self.on_snapshot(other)
                    snapshots.append(other)
            page = check_page(snapshots, self.page_checks, self.wcag_version)
            page.redirects, page.attempts = snapshot.redirects, attempts
        links = [link.url for link in snapshot.links]
        if canonical and canonical not in links and duplicate_of is None:
            links.append(canonical)
        # decide() and record_page() run with no await between them, so two workers never
        # decide about the same new URL at once.
        decision = self.frontier.decide(links, found_on=target.url, depth=target.depth + 1)
        self.state.record_page(
            page.model_dump_json(),
            target.url,
            snapshot.content_hash,
            extra + decision.entries,
            [(r.url, r.model_dump_json()) for r in decision.resources],
            [(url, target.url) for url in decision.external],
        )
        return page
