"""Live progress of a run, as the console display follows it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from auditor.models import (
    PageResult,
    Run,
)


class ProgressListener(Protocol):
    """Live progress (pa11y-ci's reporter lifecycle); used by the console display."""

    def on_run_start(self, seeds: Sequence[str]) -> None: ...
    def on_page_done(self, page: PageResult, done: int, queued: int, rate: float) -> None: ...
    def on_run_done(self, run: Run) -> None: ...


class SilentListener:
    def on_run_start(self, seeds: Sequence[str]) -> None:
        pass

    def on_page_done(self, page: PageResult, done: int, queued: int, rate: float) -> None:
        pass

    def on_run_done(self, run: Run) -> None:
        pass
