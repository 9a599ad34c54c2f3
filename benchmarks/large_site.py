"""Benchmark `auditor audit` on a large generated council site: throughput, CPU, steady memory,
the axe-core floor and an unchanged (incremental) re-run.

It generates a site of `--pages` pages with generate_site.py in a temporary folder, then:

1. First run, for each `--concurrency` value, into a fresh history database:
   `auditor audit URL --max-pages N+50 --concurrency C --db DB --out OUT --format json -q`
   as a subprocess. Every 100 ms the whole process tree (the CLI's Python, the Playwright
   driver, every Chromium process, and the web server) is sampled with psutil: CPU seconds
   (user + system, largest reading per process, summed) and the sum of RSS (an upper bound:
   pages shared between Chromium processes are counted once per process); every `--pss-every`
   samples (default 10, once a second: reading smaps_rollup of twenty processes costs tens of
   ms of CPU) also the sums of PSS (the honest figure, shared pages split between sharers) and
   USS (a lower bound). Each sample records pages done, the row count of the run's
   `crawl_pages` table read through a read-only SQLite connection (the database is in WAL mode,
   so reading does not block the writer), so peak memory during the first 1000 pages can be
   compared with the last 1000 (growth). The machine's busy CPU is read before and after, so
   CPU used meanwhile by anything else (contention) is reported too.
   Afterwards the stored Run (table runs, column run_json) gives each page's `load_ms` (from
   asking for a page to network idle, up to settle_ms) and `axe_ms` (axe across all frames),
   both of the first viewport, to break a worker's time per page down.
2. Incremental re-run: the same command with the same database. Pages whose rendered DOM is
   unchanged keep their results and axe is not run again (each page is still loaded in the
   first viewport to hash it). Reports wall time, its share of the first run's, and
   `summary.pages_unchanged`.
3. The axe-core floor: Playwright directly, one page at a time, on `--floor-sample` evenly
   spaced pages: the wall time of `axe.run` inside the page (performance.now() around it, with
   the wcag21aa ruleset's tags), which is its CPU time since axe is single-threaded JavaScript;
   as a cross-check, the CPU the browser's processes used meanwhile. Floor pages/min = 60000 /
   mean ms × cores: nothing that runs axe on every page can beat running axe on every core all
   the time. The issue's floor is one axe.run per page (desktop); since the auditor audits each
   page in every configured viewport, the floor with one axe.run per viewport is printed too.
   For comparison, the auditor's own runner (auditor.probes.axe.run_axe) is timed on the same
   pages in the first viewport.

The site is served by `auditor.web.static_site.StaticSite` in a separate process on one fixed
port for all
runs, and that process is sampled with the tree. `auditor audit --serve DIR` would pick a new
port for each run, and an incremental run only reuses results from a run of the same site
(origin, port included), so its re-run would carry nothing over; `--serve-mode cli` runs exactly
that command to show it.

Run from the repository root (2,000 pages take roughly 45 minutes on two idle cores with one
viewport, AUDITOR_VIEWPORTS='[{"name":"desktop","width":1280,"height":800}]', and well over an
hour with both default viewports):

    .venv/bin/python benchmarks/large_site.py --pages 2000 --concurrency 2
        [--concurrency 2 3] [--skip-incremental] [--skip-floor] [--floor-sample 100]
        [--pss-every 10] [--serve-mode fixed|cli] [--seed 1] [--keep DIR]

It prints one table and writes the figures (with a time series of pages done, RSS and PSS about
once a second) to benchmarks/results/large_site.json. A run stopped early (SIGTERM, Ctrl-C, or
the auditor failing) writes what it measured so far, pages done included, to
benchmarks/results/large_site.partial.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil
from _measure import (
    AUDITOR,
    MIB,
    REPO,
    Sample,
    TreeSampler,
    cores,
    machine_busy_seconds,
    machine_info,
)
from generate_site import generate

RESULTS = REPO / "benchmarks" / "results" / "large_site.json"
PARTIAL = RESULTS.with_name("large_site.partial.json")  # a run stopped early: figures so far
SERIES_COLUMNS = ["elapsed_s", "pages_done", "processes", "rss_mib", "pss_mib"]
AXE_JS = REPO / "auditor" / "vendor" / "axe-core" / "axe.min.js"
SAMPLE_SECONDS = 0.1
PSS_EVERY = 10  # PSS/USS on every 10th sample (once a second): smaps_rollup is costly
WINDOW = 1000  # pages in the first/last window compared for memory growth
FLOOR_TARGET = 1.3
INCREMENTAL_TARGET = 0.15
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]  # rulesets/wcag21aa.toml
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMED_AXE = """async (tags) => {
  const started = performance.now();
  const result = await axe.run(document, {
    runOnly: { type: "tag", values: tags },
    resultTypes: ["violations", "incomplete"],
  });
  return [performance.now() - started, result.violations.length];
}"""
SERVER = """\
import sys
from auditor.web.static_site import StaticSite  # noqa: E402
with StaticSite(sys.argv[1], int(sys.argv[2])) as site:
    print(site.url, flush=True)
    sys.stdin.read()
"""
NEWEST_CRAWL = "SELECT run_id FROM crawls ORDER BY started_at DESC, rowid DESC LIMIT 1"
CRAWLED = "SELECT COUNT(*) FROM crawl_pages WHERE run_id = ?"


# --- serving the site -----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def served(folder: Path, port: int) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """Serve `folder` on 127.0.0.1:`port` from a child process until the block ends."""
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(folder), str(port)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        if not url:
            sys.exit(f"the web server for {folder} did not start")
        yield url, server
    finally:
        if server.stdin:
            server.stdin.close()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# --- one audit run --------------------------------------------------------------------------


class PagesDone:
    """Pages finished so far by this run (the newest crawl in the history database, if it was
    not there before the run started), read-only."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self._connection: sqlite3.Connection | None = None
        self._before = self._crawls() if db.exists() else set()

    def _crawls(self) -> set[str]:
        with sqlite3.connect(f"file:{self.db}?mode=ro", uri=True) as connection:
            return {row[0] for row in connection.execute("SELECT run_id FROM crawls")}

    def __call__(self) -> int | None:
        if self._connection is None:
            # Only once the writer has switched the file to WAL, so a reader never locks it.
            if not Path(f"{self.db}-wal").exists():
                return None
            self._connection = sqlite3.connect(
                f"file:{self.db}?mode=ro", uri=True, timeout=1, check_same_thread=False
            )
        try:
            newest = self._connection.execute(NEWEST_CRAWL).fetchone()
            if newest is None or newest[0] in self._before:
                return None
            row = self._connection.execute(CRAWLED, (newest[0],)).fetchone()
        except sqlite3.Error:
            return None
        return int(row[0]) if row else None

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


@dataclass
class RunFigures:
    """One measured `auditor audit` run."""

    kind: str  # "first" or "incremental"
    concurrency: int
    pages: int
    pages_unchanged: int
    wall_s: float
    cpu_s: float
    sampler_cpu_s: float
    others_cpu_s: float  # the machine's busy CPU meanwhile, less ours and the sampler's
    peak_rss_mib: float
    peak_pss_mib: float | None
    peak_uss_mib: float | None
    samples: int
    window_pages: int
    pss_first_window_peak_mib: float | None = None
    pss_last_window_peak_mib: float | None = None
    pss_first_window_median_mib: float | None = None
    pss_last_window_median_mib: float | None = None
    rss_first_window_peak_mib: float | None = None
    rss_last_window_peak_mib: float | None = None
    time_per_page: dict[str, float] = field(default_factory=dict)
    viewports: list[dict[str, Any]] = field(default_factory=list)
    pss_by_100_pages_mib: list[float] = field(default_factory=list)
    series: list[list[float | int | None]] = field(default_factory=list)

    @property
    def pages_per_min(self) -> float:
        return 60 * self.pages / self.wall_s if self.wall_s else 0.0

    @property
    def cpu_s_per_page(self) -> float:
        return self.cpu_s / self.pages if self.pages else 0.0

    def summary(self) -> dict[str, Any]:
        figures = {k: v for k, v in asdict(self).items() if k != "series"}
        figures.update(
            pages_per_min=round(self.pages_per_min, 1),
            cpu_s_per_page=round(self.cpu_s_per_page, 3),
        )
        return {k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()}


def audit_command(target: list[str], pages: int, concurrency: int, work: Path) -> list[str]:
    return [
        str(AUDITOR),
        "audit",
        *target,
        "--max-pages",
        str(pages + 50),
        "--concurrency",
        str(concurrency),
        "--db",
        str(work / "h.sqlite"),
        "--out",
        str(work / "out"),
        "--format",
        "json",
        "-q",
    ]


def run_audit(
    kind: str,
    target: list[str],
    server: psutil.Process | None,
    pages: int,
    concurrency: int,
    work: Path,
    pss_every: int = PSS_EVERY,
) -> RunFigures:
    """Run the CLI once, sampling its process tree (and the server's) every 100 ms."""
    work.mkdir(parents=True, exist_ok=True)
    log = work / f"{kind}.log"
    done = PagesDone(work / "h.sqlite")
    command = audit_command(target, pages, concurrency, work)
    print(f"  {kind} run, concurrency {concurrency}: {' '.join(command)}", file=sys.stderr)
    own_cpu, busy = time.process_time(), machine_busy_seconds()
    with log.open("wb") as log_file:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=log_file, stderr=log_file, cwd=work)
        sampler = TreeSampler(
            psutil.Process(process.pid),
            others=[server] if server else [],
            interval=SAMPLE_SECONDS,
            full_memory=True,
            full_memory_every=pss_every,
            keep_series=True,
            progress=done,
        )
        sampler.start()
        try:
            code = process.wait()
        except BaseException:  # SIGTERM (see main) or Ctrl-C: keep what was measured so far
            sampler.stop()
            stop(process)
            done.close()
            save_partial(kind, concurrency, time.perf_counter() - started, sampler, "stopped")
            raise
        wall = time.perf_counter() - started
        sampler.stop()
    own_cpu, busy = time.process_time() - own_cpu, machine_busy_seconds() - busy
    done.close()
    if code not in (0, 2):  # 2: thresholds broken, the run itself completed
        save_partial(kind, concurrency, wall, sampler, f"auditor exited with {code}")
        sys.exit(f"auditor exited with {code}:\n{log.read_text('utf-8', 'replace')}")
    summary = json.loads((work / "out" / "report.json").read_text("utf-8"))["summary"]
    figures = measured(kind, concurrency, int(summary["pages_audited"]), wall, sampler)
    figures.pages_unchanged = int(summary.get("pages_unchanged", 0))
    figures.sampler_cpu_s = own_cpu
    figures.others_cpu_s = max(0.0, busy - sampler.cpu_seconds - own_cpu)
    figures.time_per_page, figures.viewports = time_breakdown(work / "h.sqlite", wall, concurrency)
    print(f"    {figures.summary()}", file=sys.stderr)
    return figures


def measured(
    kind: str, concurrency: int, pages: int, wall: float, sampler: TreeSampler
) -> RunFigures:
    """The sampler's figures for a run of `pages` pages."""
    figures = RunFigures(
        kind=kind,
        concurrency=concurrency,
        pages=pages,
        pages_unchanged=0,
        wall_s=wall,
        cpu_s=sampler.cpu_seconds,
        sampler_cpu_s=0.0,
        others_cpu_s=0.0,
        peak_rss_mib=sampler.peak_rss / MIB,
        peak_pss_mib=sampler.peak_pss / MIB if sampler.peak_pss is not None else None,
        peak_uss_mib=sampler.peak_uss / MIB if sampler.peak_uss is not None else None,
        samples=sampler.samples,
        window_pages=min(WINDOW, max(1, pages // 2)),
    )
    memory_windows(figures, sampler.series, pages)
    return figures


def stop(process: subprocess.Popen[bytes]) -> None:
    """End the auditor we started (and so its Chromium), if it is still running."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def save_partial(
    kind: str, concurrency: int, wall: float, sampler: TreeSampler, reason: str
) -> None:
    """Write what a run that did not finish measured, pages done so far included."""
    pages = max((s.progress or 0 for s in sampler.series), default=0)
    figures = measured(kind, concurrency, pages, wall, sampler)
    PARTIAL.parent.mkdir(parents=True, exist_ok=True)
    partial = {
        "reason": reason,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "run": figures.summary(),
        "series_columns": SERIES_COLUMNS,
        "series": figures.series,
    }
    PARTIAL.write_text(json.dumps(partial, indent=2) + "\n", "utf-8")
    print(
        f"  {kind} run {reason} after {pages} pages; figures so far in {PARTIAL}", file=sys.stderr
    )


def memory_windows(figures: RunFigures, series: list[Sample], pages: int) -> None:
    """Peak and median memory during the first and the last `window_pages` pages, PSS per
    100-page bucket, and a thinned time series (about one sample a second)."""
    window = figures.window_pages
    first = [s for s in series if (s.progress or 0) < window]
    last = [s for s in series if s.progress is not None and s.progress >= pages - window]

    def peak(samples: list[Sample], attribute: str) -> float | None:
        values = [getattr(s, attribute) for s in samples if getattr(s, attribute) is not None]
        return max(values) / MIB if values else None

    def median(samples: list[Sample]) -> float | None:
        values = [s.pss for s in samples if s.pss is not None]
        return statistics.median(values) / MIB if values else None

    figures.pss_first_window_peak_mib = peak(first, "pss")
    figures.pss_last_window_peak_mib = peak(last, "pss")
    figures.pss_first_window_median_mib = median(first)
    figures.pss_last_window_median_mib = median(last)
    figures.rss_first_window_peak_mib = peak(first, "rss")
    figures.rss_last_window_peak_mib = peak(last, "rss")
    buckets: dict[int, int] = {}
    for s in series:
        if s.pss is not None:
            bucket = (s.progress or 0) // 100
            buckets[bucket] = max(buckets.get(bucket, 0), s.pss)
    figures.pss_by_100_pages_mib = [round(buckets[b] / MIB, 1) for b in sorted(buckets)]
    step = max(1, round(1 / SAMPLE_SECONDS))
    thinned = [s for s in series if s.pss is not None] or series[::step]
    figures.series = [
        [
            round(s.elapsed_s, 1),
            s.progress,
            s.processes,
            round(s.rss / MIB, 1),
            round(s.pss / MIB, 1) if s.pss is not None else None,
        ]
        for s in thinned
    ]


def time_breakdown(
    db: Path, wall: float, concurrency: int
) -> tuple[dict[str, float], list[dict[str, Any]]]:
    """Per-page timings of the newest stored run, and the viewports it audited in.

    `load_ms` (asking for the page until network idle or settle_ms) and `axe_ms` are the first
    viewport's; any further viewport's render, axe and probes, the checks, wiping the context
    and storing the page are in the rest: a worker's time per page (wall × concurrency / pages)
    less the two means. Pages carried over by an incremental run keep their old timings, so only
    pages audited afresh are counted."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        row = connection.execute(
            "SELECT run_json FROM runs ORDER BY started_at DESC, rowid DESC LIMIT 1"
        ).fetchone()
    if row is None:
        return {}, []
    run = json.loads(row[0])
    viewports: list[dict[str, Any]] = run.get("config", {}).get("viewports", [])
    pages = [p for p in run.get("pages", []) if not p.get("load_error")]
    fresh = [p for p in pages if not p.get("carried_over")]
    figures: dict[str, float] = {
        "pages": len(pages),
        "pages_carried_over": len(pages) - len(fresh),
        "worker_ms_per_page": round(1000 * wall * concurrency / max(1, len(pages)), 1),
    }
    if fresh:
        load = [float(p.get("load_ms", 0)) for p in fresh]
        axe = [float(p.get("axe_ms", 0)) for p in fresh]
        figures.update(
            load_ms_median=statistics.median(load),
            load_ms_mean=round(statistics.fmean(load), 1),
            axe_ms_median=statistics.median(axe),
            axe_ms_mean=round(statistics.fmean(axe), 1),
            rest_ms_mean=round(
                figures["worker_ms_per_page"] - statistics.fmean(load) - statistics.fmean(axe), 1
            ),
        )
    return figures, viewports


# --- the axe-core floor ---------------------------------------------------------------------


def page_paths(folder: Path) -> list[str]:
    """Every page's URL path, sorted."""
    paths = []
    for file in folder.rglob("index.html"):
        relative = file.parent.relative_to(folder).as_posix()
        paths.append("/" if relative == "." else f"/{relative}/")
    return sorted(paths)


def evenly_spaced(items: list[str], count: int) -> list[str]:
    if count >= len(items):
        return items
    return [items[i * len(items) // count] for i in range(count)]


def tree_cpu(process: psutil.Process) -> float:
    """CPU seconds so far of the descendants of `process` (the driver and Chromium)."""
    total = 0.0
    for child in process.children(recursive=True):
        with suppress(psutil.Error):
            times = child.cpu_times()
            total += times.user + times.system
    return total


DESKTOP = {"name": "desktop", "width": 1280, "height": 800}


async def auditor_axe_ms(page: Any) -> float | None:
    """Wall ms of the auditor's own axe runner (runPartial per frame, then finishRun, results
    converted in Python) on the loaded page; None if its interface has changed."""
    try:
        from auditor.probes.axe import axe_options, axe_source, run_axe

        started = time.perf_counter()
        await run_axe(page.main_frame, axe_options(AXE_TAGS, []), axe_source())
    except (ImportError, TypeError):
        return None
    return 1000 * (time.perf_counter() - started)


async def measure_floor(
    folder: Path, sample: int, viewports: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """Mean time of axe.run itself over `sample` evenly spaced pages, one page at a time, in
    each viewport the audit used (desktop 1280x800 alone if not known)."""
    from playwright.async_api import async_playwright

    from auditor.web.static_site import StaticSite

    paths = evenly_spaced(page_paths(folder), sample)
    me = psutil.Process()
    by_viewport: list[dict[str, Any]] = []
    with StaticSite(folder) as site:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, headless=True
            )
            for viewport in viewports or [DESKTOP]:
                context = await browser.new_context(
                    viewport={"width": viewport["width"], "height": viewport["height"]},
                    device_scale_factor=viewport.get("device_scale_factor") or 1,
                    is_mobile=bool(viewport.get("mobile")),
                    has_touch=bool(viewport.get("mobile")),
                    user_agent=viewport.get("user_agent") or None,
                )
                await context.add_init_script(path=AXE_JS)
                page = await context.new_page()
                await page.goto(site.url, wait_until="load")
                await page.evaluate(TIMED_AXE, AXE_TAGS)  # warm-up: compile axe once
                axe_ms: list[float] = []
                cpu_ms: list[float] = []
                ours_ms: list[float] = []
                for path in paths:
                    await page.goto(site.url.rstrip("/") + path, wait_until="load")
                    before = tree_cpu(me)
                    elapsed, _ = await page.evaluate(TIMED_AXE, AXE_TAGS)
                    cpu_ms.append(1000 * (tree_cpu(me) - before))
                    axe_ms.append(float(elapsed))
                    if not by_viewport:  # the first viewport: the auditor's runner too
                        ours = await auditor_axe_ms(page)
                        if ours is not None:
                            ours_ms.append(ours)
                await context.close()
                by_viewport.append(
                    {
                        "viewport": viewport.get("name", f"{viewport['width']}px"),
                        "axe_ms_mean": round(statistics.fmean(axe_ms), 1),
                        "axe_ms_median": round(statistics.median(axe_ms), 1),
                        "axe_ms_p90": round(sorted(axe_ms)[int(0.9 * (len(axe_ms) - 1))], 1),
                        "browser_cpu_ms_mean": round(statistics.fmean(cpu_ms), 1),
                        "auditor_run_axe_ms_mean": (
                            round(statistics.fmean(ours_ms), 1) if ours_ms else None
                        ),
                        "auditor_run_axe_ms_median": (
                            round(statistics.median(ours_ms), 1) if ours_ms else None
                        ),
                    }
                )
            await browser.close()
    first = by_viewport[0]["axe_ms_mean"]
    every = sum(v["axe_ms_mean"] for v in by_viewport)
    return {
        "pages_sampled": len(paths),
        "cores": cores(),
        "viewports": by_viewport,
        # The floor: one axe.run per page (the first viewport, desktop).
        "axe_ms_mean": first,
        "floor_pages_per_min": round(60000 / first * cores(), 1),
        # One axe.run per page per viewport audited: what the auditor cannot avoid.
        "axe_ms_mean_all_viewports": round(every, 1),
        "floor_all_viewports_pages_per_min": round(60000 / every * cores(), 1),
    }


# --- output ---------------------------------------------------------------------------------


def fmt(value: float | None, pattern: str = "{:.0f}") -> str:
    return "-" if value is None else pattern.format(value)


def table_rows(results: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """(label, one cell per first run) rows of the printed table."""
    firsts: list[dict[str, Any]] = results["first_runs"]
    floor: dict[str, Any] | None = results.get("floor")
    again: dict[str, Any] | None = results.get("incremental")

    def growth(run: dict[str, Any]) -> str:
        first, last = run["pss_first_window_peak_mib"], run["pss_last_window_peak_mib"]
        if first is None or last is None:
            return "-"
        return f"{first:.0f} → {last:.0f} ({100 * (last - first) / first:+.1f}%)"

    def times(run: dict[str, Any]) -> str:
        t = run["time_per_page"]
        if "load_ms_mean" not in t:
            return "-"
        return (
            f"{t['worker_ms_per_page']:.0f} = {t['load_ms_mean']:.0f} + "
            f"{t['axe_ms_mean']:.0f} + {t['rest_ms_mean']:.0f}"
        )

    def floor_cell(key: str, ms_key: str) -> str:
        if not floor:
            return "-"
        return f"{floor[key]:.1f} ({floor[ms_key]:.0f} ms × {floor['cores']} cores)"

    def ratio(run: dict[str, Any], key: str) -> str:
        if not floor or not run["pages_per_min"]:
            return "-"
        return f"{floor[key] / run['pages_per_min']:.2f}"

    def incremental(run: dict[str, Any], cell: str) -> str:
        return cell if again and again["concurrency"] == run["concurrency"] else "-"

    def share(run: dict[str, Any]) -> str:
        assert again is not None
        return f"{again['wall_s']:.1f} ({100 * again['wall_s'] / run['wall_s']:.1f}% of first)"

    each = firsts
    window = firsts[0]["window_pages"]
    views = "-" if not floor else " + ".join(v["viewport"] for v in floor["viewports"])
    return [
        ("pages audited", [str(r["pages"]) for r in each]),
        ("viewports per page", [str(len(r["viewports"]) or "?") for r in each]),
        ("concurrency", [str(r["concurrency"]) for r in each]),
        ("wall s", [fmt(r["wall_s"], "{:.1f}") for r in each]),
        ("pages/min", [fmt(r["pages_per_min"], "{:.1f}") for r in each]),
        ("CPU s/page (process tree)", [fmt(r["cpu_s_per_page"], "{:.3f}") for r in each]),
        ("peak RSS MiB (sum, upper bound)", [fmt(r["peak_rss_mib"]) for r in each]),
        ("peak PSS MiB (target < 1536)", [fmt(r["peak_pss_mib"]) for r in each]),
        ("peak USS MiB (lower bound)", [fmt(r["peak_uss_mib"]) for r in each]),
        (f"PSS peak, first → last {window} pages", [growth(r) for r in each]),
        (
            "median load_ms / axe_ms (1st viewport)",
            [
                f"{r['time_per_page'].get('load_ms_median', 0):.0f} / "
                f"{r['time_per_page'].get('axe_ms_median', 0):.0f}"
                for r in each
            ],
        ),
        ("worker ms/page = load + axe + rest", [times(r) for r in each]),
        (
            "axe floor pages/min, 1 axe.run/page",
            [floor_cell("floor_pages_per_min", "axe_ms_mean")] * len(each),
        ),
        ("floor / ours (target ≤ 1.3)", [ratio(r, "floor_pages_per_min") for r in each]),
        (
            f"axe floor pages/min, {views}",
            [floor_cell("floor_all_viewports_pages_per_min", "axe_ms_mean_all_viewports")]
            * len(each),
        ),
        (
            "floor (all viewports) / ours",
            [ratio(r, "floor_all_viewports_pages_per_min") for r in each],
        ),
        (
            "incremental wall s (target < 15%)",
            [incremental(r, share(r) if again else "") for r in each],
        ),
        (
            "pages unchanged (incremental)",
            [incremental(r, str(again["pages_unchanged"]) if again else "") for r in each],
        ),
        ("others' CPU s during run (contention)", [fmt(r["others_cpu_s"], "{:.1f}") for r in each]),
        ("sampler's own CPU s", [fmt(r["sampler_cpu_s"], "{:.1f}") for r in each]),
    ]


def format_results(results: dict[str, Any]) -> str:
    rows = table_rows(results)
    width = max(len(label) for label, _ in rows)
    cells = [max(len(row[1][i]) for row in rows) for i in range(len(rows[0][1]))]
    lines = [
        label.ljust(width)
        + " | "
        + " | ".join(v.rjust(w) for v, w in zip(values, cells, strict=True))
        for label, values in rows
    ]
    rule = "-" * max(len(line) for line in lines)
    return "\n".join([rule, *lines, rule])


def print_report(results: dict[str, Any]) -> None:
    machine = results["machine"]
    print(
        f"machine: nproc {machine['nproc']}, {machine['memory_mib']} MiB RAM, "
        f"{machine['chromium']}, Python {machine['python']}, "
        f"load average {machine['load_average_1min']} at start"
    )
    print(f"code: {results['code']}")
    print(
        f"site: {results['pages']} generated pages (seed {results['seed']}), served by "
        f"{results['serve_mode']}; tree sampled every {SAMPLE_SECONDS * 1000:.0f} ms, PSS every "
        f"{results['pss_every']} samples\n"
    )
    print(format_results(results))
    again = results.get("incremental")
    if again:
        t = again["time_per_page"]
        print(
            f"\nincremental re-run: {again['pages']} pages, {again['pages_unchanged']} unchanged, "
            f"{again['pages_per_min']:.1f} pages/min, {again['cpu_s_per_page']:.3f} CPU s/page, "
            f"peak PSS {fmt(again['peak_pss_mib'])} MiB, worker ms/page "
            f"{t.get('worker_ms_per_page', 0):.0f}"
        )
    floor = results.get("floor")
    if floor:
        for v in floor["viewports"]:
            ours = v["auditor_run_axe_ms_median"]
            print(
                f"axe.run in {v['viewport']} on {floor['pages_sampled']} pages, one at a time: "
                f"mean {v['axe_ms_mean']} ms, median {v['axe_ms_median']} ms, p90 "
                f"{v['axe_ms_p90']} ms; browser CPU meanwhile {v['browser_cpu_ms_mean']} ms"
                + (
                    f"; the auditor's run_axe on the same pages: mean "
                    f"{v['auditor_run_axe_ms_mean']} ms, median {ours} ms"
                    if ours is not None
                    else ""
                )
            )


# --- main -----------------------------------------------------------------------------------


def code_state() -> str:
    """The commit audited and how many files differ from it (others edit while we measure)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "auditor"],
            capture_output=True,
            text=True,
            cwd=REPO,
        ).stdout.splitlines()
    except OSError:
        return "unknown"
    return f"{head or 'unknown'}, {len(dirty)} files under auditor/ changed or new"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000, help="pages in the generated site")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[2])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-incremental", action="store_true")
    parser.add_argument("--skip-floor", action="store_true")
    parser.add_argument("--floor-sample", type=int, default=100, help="pages axe.run is timed on")
    parser.add_argument(
        "--pss-every", type=int, default=PSS_EVERY, help="read PSS on every Nth 100 ms sample"
    )
    parser.add_argument(
        "--serve-mode",
        choices=["fixed", "cli"],
        default="fixed",
        help="fixed: one server on one port for every run; cli: `auditor audit --serve DIR`",
    )
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    return parser.parse_args(argv)


def audit(
    args: argparse.Namespace, site: Path, port: int, kind: str, concurrency: int, work: Path
) -> RunFigures:
    if args.serve_mode == "cli":
        target = ["--serve", str(site)]
        return run_audit(kind, target, None, args.pages, concurrency, work, args.pss_every)
    with served(site, port) as (url, server):
        return run_audit(
            kind, [url], psutil.Process(server.pid), args.pages, concurrency, work, args.pss_every
        )


def benchmark(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    machine = machine_info()
    site = work / "site"
    generate(site, args.pages, args.seed)
    port = free_port()
    firsts = [
        audit(args, site, port, "first", c, work / f"concurrency-{c}") for c in args.concurrency
    ]
    best = max(firsts, key=lambda r: r.pages_per_min)
    results: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine,
        "code": code_state(),
        "pages": args.pages,
        "seed": args.seed,
        "serve_mode": (
            "auditor audit --serve (a new port each run)"
            if args.serve_mode == "cli"
            else "StaticSite in a child process on one port"
        ),
        "sample_interval_s": SAMPLE_SECONDS,
        "pss_every": args.pss_every,
        "targets": {
            "peak_pss_mib": 1536,
            "floor_ratio": FLOOR_TARGET,
            "incremental_share": INCREMENTAL_TARGET,
        },
        "first_runs": [r.summary() for r in firsts],
    }
    if not args.skip_incremental:
        folder = work / f"concurrency-{best.concurrency}"
        again = audit(args, site, port, "incremental", best.concurrency, folder)
        results["incremental"] = again.summary() | {
            "share_of_first_run": round(again.wall_s / best.wall_s, 3)
        }
    if not args.skip_floor:
        print(f"  axe floor on {args.floor_sample} pages", file=sys.stderr)
        results["floor"] = asyncio.run(measure_floor(site, args.floor_sample, best.viewports))
    results["series_columns"] = SERIES_COLUMNS
    results["series"] = {f"first-concurrency-{r.concurrency}": r.series for r in firsts}
    return results


def _terminated(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds: the run in progress saves its figures so far


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _terminated)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        results = benchmark(args, args.keep.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="auditor-large-") as tmp:
            results = benchmark(args, Path(tmp))
    print_report(results)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    print(f"\nwrote {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
