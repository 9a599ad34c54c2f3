"""Terminal output: live progress while pages are audited, and a short summary at the end.

Everything printed from a page (titles, URLs) passes through `safe_text`, so a hostile page cannot
send escape sequences to the user's terminal.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Sequence
from typing import TextIO

from auditor.models import Outcome, PageResult, Run

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]")


def safe_text(text: str, limit: int = 200) -> str:
    """Printable, one line, bounded: control characters, line separators and bidi overrides
    replaced."""
    clean = _CONTROL.sub("?", text)
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


class ConsoleProgress:
    """Pages done, pages queued and pages per second; one updating line on a terminal, a line per
    page otherwise (CI logs)."""

    def __init__(self, stream: TextIO | None = None, interactive: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.interactive = self.stream.isatty() if interactive is None else interactive
        self._last = 0.0

    def on_run_start(self, seeds: Sequence[str]) -> None:
        self.stream.write(f"Auditing {safe_text(', '.join(seeds))}\n")

    def on_page_done(self, page: PageResult, done: int, queued: int, rate: float) -> None:
        fails = sum(1 for f in page.findings() if f.outcome is Outcome.FAIL)
        state = (
            f"error: {safe_text(page.load_error, 80)}" if page.load_error else f"{fails} failures"
        )
        line = (
            f"[{done} done, {queued} queued, {rate:.1f} pages/s] "
            f"{safe_text(page.target.url, 100)} ({state})"
        )
        if self.interactive:
            now = time.monotonic()
            if now - self._last > 0.1 or queued == 0:
                self.stream.write("\r\x1b[K" + line[:160])
                self.stream.flush()
                self._last = now
        else:
            self.stream.write(line + "\n")

    def on_run_done(self, run: Run) -> None:
        if self.interactive:
            self.stream.write("\n")
        self.stream.write(summary(run))


def summary(run: Run) -> str:
    s = run.summary
    score = "—" if run.score is None or run.score.value is None else f"{run.score.value:.0f}"
    band = f" ({run.score.band})" if run.score and run.score.band else ""
    lines = [
        f"Score {score}/100{band}: {s.pages_audited} pages audited, "
        f"{s.pages_failed_to_load} not loaded, {s.failures} failures, "
        f"{s.needs_review} to review",
    ]
    if run.score:
        parts = [
            f"{k} {'—' if v is None else f'{v:.0f}'}" for k, v in run.score.by_category.items()
        ]
        lines.append("  " + ", ".join(parts))
    if s.error_share_warning:
        lines.insert(0, f"WARNING: {safe_text(s.error_share_warning, 300)}")
    for reason, count in s.skipped.items():
        lines.append(f"  {count} URLs not audited: {reason}")
    for row in s.not_audited:
        if row.reason == "max pages":
            lines.append(
                f"    sampled: audited {row.audited:,} of {row.audited + row.not_audited:,} "
                f"pages like {safe_text(row.family, 80)} (max pages)"
            )
    for warning in run.warnings:
        if warning != s.error_share_warning:
            lines.append(f"  warning: {safe_text(warning)}")
    return "\n".join(lines) + "\n"


def nothing_audited(run: Run) -> str:
    """The one line that ends a run in which no page could be audited."""
    failed = [p for p in run.pages if p.load_error]
    if failed:
        first = failed[0]
        others = f"; {len(failed) - 1} other pages failed too" if len(failed) > 1 else ""
        return (
            f"no page could be audited: {safe_text(first.target.url, 100)} did not load "
            f"({safe_text(first.load_error or '', 120)}){others}"
        )
    reasons = ", ".join(f"{n} {reason}" for reason, n in run.summary.skipped.items())
    return f"no page could be audited: every URL was refused ({reasons or 'nothing to crawl'})"
