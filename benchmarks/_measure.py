"""Shared helpers for the benchmarks: measuring a process tree, machine info and plain tables.

`TreeSampler` samples a process and all its descendants (and any further root processes, such as
a separate web server) on a background thread:

- CPU seconds: user + system of every process seen, keeping each process's largest reading so
  processes that exit before the end still count, summed over processes;
- peak RSS: the largest sum over live processes of their RSS at one sample. Pages shared between
  processes (Chromium's renderers share a lot) are counted once per process, so this is an upper
  bound;
- with `full_memory=True`, also peak PSS and USS sums from `memory_full_info()` (smaps_rollup):
  PSS splits each shared page between the processes sharing it, so its sum is the honest figure
  for the tree; USS counts only pages private to each process, a lower bound. Reading them makes
  the kernel walk each process's page tables (a few ms a process, and it holds the process's
  mmap lock meanwhile), so `full_memory_every=N` reads them on every Nth sample only. When they
  cannot be read (another user's processes, an old kernel) they stay None and RSS is the only
  figure;
- optionally a time series of every sample, with the value of a `progress()` callback (pages done,
  say) so memory can be related to how far a run has got.

Used by fixture_site.py and large_site.py; not run on its own.
"""

from __future__ import annotations

import os
import platform
import resource
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parent.parent
AUDITOR = REPO / ".venv" / "bin" / "auditor"
MIB = 1024 * 1024
SAMPLE_SECONDS = 0.05


@dataclass(frozen=True)
class Sample:
    """One reading of the whole tree; memory in bytes, `progress` from the callback."""

    elapsed_s: float
    processes: int
    rss: int
    pss: int | None
    uss: int | None
    progress: int | None


@dataclass
class TreeSampler:
    """Samples CPU time and memory of a process tree on a background thread."""

    root: psutil.Process
    others: Sequence[psutil.Process] = ()
    interval: float = SAMPLE_SECONDS
    full_memory: bool = False
    full_memory_every: int = 1  # read PSS/USS on every Nth sample only: smaps_rollup is costly
    keep_series: bool = False
    progress: Callable[[], int | None] | None = None
    cpu_by_process: dict[tuple[int, float], float] = field(default_factory=dict)
    peak_rss: int = 0
    peak_pss: int | None = None
    peak_uss: int | None = None
    samples: int = 0
    series: list[Sample] = field(default_factory=list)
    _started: float = 0.0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> None:
        self._started = time.perf_counter()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join()

    @property
    def cpu_seconds(self) -> float:
        return sum(self.cpu_by_process.values())

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def processes(self) -> list[psutil.Process]:
        found: list[psutil.Process] = []
        for root in (self.root, *self.others):
            try:
                found += [root, *root.children(recursive=True)]
            except psutil.Error:
                continue
        return found

    def sample(self) -> None:
        processes = self.processes()
        if not processes:
            return
        rss, pss, uss, live = 0, 0, 0, 0
        full = self.full_memory and self.samples % max(1, self.full_memory_every) == 0
        for process in processes:
            try:
                with process.oneshot():
                    times = process.cpu_times()
                    key = (process.pid, process.create_time())
                    memory = self._memory(process, full)
            except psutil.Error:
                continue
            live += 1
            rss += memory[0]
            if memory[1] is None or memory[2] is None:
                full = False
            else:
                pss += memory[1]
                uss += memory[2]
            cpu = times.user + times.system
            self.cpu_by_process[key] = max(cpu, self.cpu_by_process.get(key, 0.0))
        self.peak_rss = max(self.peak_rss, rss)
        if full:
            self.peak_pss = max(self.peak_pss or 0, pss)
            self.peak_uss = max(self.peak_uss or 0, uss)
        self.samples += 1
        if self.keep_series:
            done = self.progress() if self.progress else None
            elapsed = time.perf_counter() - self._started
            self.series.append(
                Sample(elapsed, live, rss, pss if full else None, uss if full else None, done)
            )

    def _memory(self, process: psutil.Process, full: bool) -> tuple[int, int | None, int | None]:
        """RSS, PSS and USS of one process; PSS and USS are None when not read or unreadable."""
        if full and self.full_memory:
            try:
                info = process.memory_full_info()
            except psutil.AccessDenied:
                self.full_memory = False  # another user's process: RSS only from now on
            else:
                pss = getattr(info, "pss", None)  # Linux only
                if pss is not None:
                    return info.rss, pss, info.uss
                self.full_memory = False
        return process.memory_info().rss, None, None


def children_cpu() -> float:
    """User + system CPU of this process's reaped descendants: a lower bound, kept as a check.

    It misses Chromium processes that are not waited for by their parents (in practice about half
    of the tree's CPU), which is why the figures in the tables come from sampling.
    """
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def machine_busy_seconds() -> float:
    """CPU seconds all CPUs of the machine have been busy since boot (every process, any user)."""
    times = psutil.cpu_times()
    busy = times.user + times.system
    for extra in ("nice", "irq", "softirq", "steal"):
        busy += getattr(times, extra, 0.0)
    return busy


def cores() -> int:
    """CPUs this process may run on (what `nproc` prints)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def chromium_version() -> str:
    try:
        done = subprocess.run(
            ["chromium", "--version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"unknown ({error})"
    return done.stdout.strip() or "unknown"


def machine_info() -> dict[str, Any]:
    return {
        "nproc": cores(),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "memory_mib": round(psutil.virtual_memory().total / MIB),
        "chromium": chromium_version(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def format_table(columns: Sequence[tuple[str, str, str]], rows: Sequence[dict[str, Any]]) -> str:
    """Rows as a right-aligned plain-text table; `columns` are (key, title, format) triples."""
    cells = [[title for _, title, _ in columns]]
    cells += [[fmt.format(row[key]) for key, _, fmt in columns] for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(columns))]
    lines = [" | ".join(c.rjust(w) for c, w in zip(line, widths, strict=True)) for line in cells]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)
