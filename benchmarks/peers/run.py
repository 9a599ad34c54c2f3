"""Benchmark auditor against the tools people would pick instead: pa11y-ci (axe runner), the axe
CLI (@axe-core/cli) and Lighthouse-based crawling (@lhci/cli), on the same pages, same machine,
same run.

Speed: a council-like site of `--pages` pages from benchmarks/generate_site.py is served on
127.0.0.1 (large_site.served, a child process on one port). ONE URL list (every page of its
sitemap.xml) is given to every tool, each with comparable rules:

- auditor "comparable": one desktop viewport (1280×800), benchmarks/peers/axe-only.toml (axe-core's
  rules with the tags wcag2a, wcag2aa, wcag21a, wcag21aa; no custom check, so no probe);
- auditor "defaults": two viewports, every check of the default ruleset (keyboard walk, layout
  probes...), i.e. several times the work of the others per page;
- pa11y-ci with `runners: ["axe"]`, standard WCAG2AA, viewport 1280×800; pa11y adds axe's
  best-practice tag to WCAG2AA, so those rules are ignored (`ignore`) to run the same rules;
- @axe-core/cli with `--tags wcag2a,wcag2aa,wcag21a,wcag21aa`, Debian's chromedriver;
- @lhci/cli `collect` (Lighthouse 12.6.1), `onlyCategories=accessibility`, desktop preset, one
  run per URL, no full-page screenshot (its fastest honest setting).

Concurrency: the auditor's `--concurrency` and pa11y-ci's `concurrency` are tried at each
`--concurrency` value (the auditor's defaults at 2, its default, only). The axe CLI and lhci have
no such knob and run at 1; with `--split-peers`, at N > 1 the URL list is also split into N parts
run by N processes at once, as a user could do by hand.

Each run is sampled every 100 ms with benchmarks/_measure.TreeSampler over the tool's whole
process tree (Node or Python, the drivers, every Chromium process; not the web server): CPU
seconds, peak sum of RSS and (every 5th sample) peak sum of PSS.

Accuracy: the fixture council site (fixtures/sites/council, seeded defects in defects*.toml) and
its clean twin (fixtures/sites/council-clean) are served, the auditor's own crawl of each gives
the page list, and every tool runs over that list. Findings are matched to seeded defects as
benchmarks/peers/findings.py says (page path + rule + selector); failures on the clean site are
false positives.

    bash benchmarks/peers/install.sh          # once: the peers, pinned, into .cache/
    .venv/bin/python benchmarks/peers/run.py --pages 120 [--concurrency 1 2] [--split-peers]
        [--tools auditor,pa11y-ci,axe-cli,lighthouse] [--skip-speed] [--skip-fixtures] [--keep DIR]
    .venv/bin/python benchmarks/peers/run.py --print benchmarks/results/peers-100pages.json

Prints the tables and writes benchmarks/results/peers-<pages>pages.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]  # findings.py; _measure, generate_site, large_site

from _measure import (  # noqa: E402
    AUDITOR,
    MIB,
    REPO,
    TreeSampler,
    format_table,
    machine_busy_seconds,
    machine_info,
)
from findings import (  # noqa: E402
    Defect,
    Finding,
    defects_found,
    distinct,
    from_auditor,
    from_axe_cli,
    from_lighthouse,
    from_pa11y_ci,
    lighthouse_accessibility_audits,
    lighthouse_failed_to_load,
    load_defects,
    pa11y_ci_errors,
    unmatched,
    url_path,
)
from generate_site import generate  # noqa: E402
from large_site import code_state, free_port, served  # noqa: E402

CACHE = HERE / ".cache"
BIN = CACHE / "node_modules" / ".bin"
RULESET = HERE / "axe-only.toml"
RESULTS = REPO / "benchmarks" / "results"
PARTIAL = RESULTS / "peers.partial.json"  # speed rows so far, rewritten after each run
COUNCIL = REPO / "fixtures" / "sites" / "council"
CLEAN = REPO / "fixtures" / "sites" / "council-clean"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SAMPLE_SECONDS = 0.1
PSS_EVERY = 5
RUN_TIMEOUT_S = 3600
TARGETS = {"pa11y-ci": 2.0, "lighthouse": 10.0}  # the issue: our throughput ≥ this × theirs
PEER_ENV = {
    "PUPPETEER_SKIP_DOWNLOAD": "1",
    "PUPPETEER_SKIP_CHROMIUM_DOWNLOAD": "1",
    "PUPPETEER_EXECUTABLE_PATH": CHROMIUM,
    "CHROME_PATH": CHROMIUM,
    "CHROMEDRIVER_SKIP_DOWNLOAD": "true",
}


@dataclass
class Outcome:
    """What a tool reported: pages it tested, findings, and pages it could not test."""

    pages: int
    findings: list[Finding]
    errors: dict[str, str] = field(default_factory=dict)


@dataclass
class Tool:
    """One tool in one configuration: how to run it over URLs and read what it wrote."""

    name: str
    config: str
    has_knob: bool  # a concurrency setting of its own; otherwise N processes over N parts
    command: Callable[[list[str], int, Path], list[str]]
    collect: Callable[[list[Path]], Outcome]
    stdout_file: str | None = None  # the tool writes its results to stdout
    only_concurrency: int | None = None  # measured at this concurrency only

    def commands(
        self, urls: list[str], concurrency: int, work: Path
    ) -> list[tuple[Path, list[str]]]:
        """(folder, argv) of each process to start at once."""
        parts = [urls] if self.has_knob else [urls[i::concurrency] for i in range(concurrency)]
        runs = []
        for index, part in enumerate(p for p in parts if p):
            folder = work / f"part-{index}"
            folder.mkdir(parents=True, exist_ok=True)
            runs.append((folder, self.command(part, concurrency, folder)))
        return runs


# --- the tools ------------------------------------------------------------------------------


def auditor_command(extra: Sequence[str]) -> Callable[[list[str], int, Path], list[str]]:
    def command(urls: list[str], concurrency: int, folder: Path) -> list[str]:
        return [
            str(AUDITOR),
            "audit",
            *urls,
            "--max-depth",
            "0",
            "--no-sitemap",
            "--max-pages",
            str(len(urls)),
            "--concurrency",
            str(concurrency),
            "--no-store",
            "--format",
            "json",
            "--out",
            str(folder / "out"),
            "-q",
            *extra,
        ]

    return command


def collect_auditor(folders: list[Path]) -> Outcome:
    outcome = Outcome(0, [])
    for folder in folders:
        report = json.loads((folder / "out" / "report.json").read_text("utf-8"))
        outcome.pages += int(report["summary"]["pages_audited"])
        outcome.findings += from_auditor(report)
        outcome.errors |= {p["url"]: p["load_error"] for p in report["pages"] if p["load_error"]}
    return outcome


def best_practice_only_rules() -> list[str]:
    """axe rules pa11y's WCAG2AA standard adds through the best-practice tag (pa11y's axe-core)."""
    script = (
        "const axe = require(require.resolve('axe-core', {paths: [require.resolve('pa11y')]}));"
        f"const wcag = new Set(axe.getRules({json.dumps(AXE_TAGS)}).map(r => r.ruleId));"
        "console.log(JSON.stringify(axe.getRules().map(r => r.ruleId)"
        ".filter(id => !wcag.has(id))));"
    )
    done = subprocess.run(
        ["node", "-e", script], cwd=CACHE, capture_output=True, text=True, check=True, timeout=60
    )
    rules: list[str] = json.loads(done.stdout)
    return rules


def pa11y_command(ignore: list[str]) -> Callable[[list[str], int, Path], list[str]]:
    def command(urls: list[str], concurrency: int, folder: Path) -> list[str]:
        config = {
            "defaults": {
                "runners": ["axe"],
                "standard": "WCAG2AA",
                "ignore": ignore,
                "includeWarnings": True,  # pa11y files moderate axe failures as warnings
                "includeNotices": True,
                "concurrency": concurrency,
                # Above 1, pa11y-ci 4.1.1 closes another test's incognito context and the
                # page fails ("Target.closeTarget: No target with given id found",
                # pa11y/pa11y-ci#354): one shared context is its working setting.
                "useIncognitoBrowserContext": concurrency == 1,
                "timeout": 30000,
                "viewport": {"width": 1280, "height": 800},
                "chromeLaunchConfig": {
                    "executablePath": CHROMIUM,
                    "args": ["--no-sandbox", "--disable-gpu"],
                },
            },
            "urls": urls,
        }
        (folder / "pa11y-ci.json").write_text(json.dumps(config, indent=2), "utf-8")
        return [str(BIN / "pa11y-ci"), "--config", str(folder / "pa11y-ci.json"), "--json"]

    return command


def collect_pa11y(folders: list[Path]) -> Outcome:
    outcome = Outcome(0, [])
    for folder in folders:
        output = json.loads((folder / "stdout.json").read_text("utf-8"))
        errors = pa11y_ci_errors(output)
        outcome.pages += len(output.get("results", {})) - len(errors)
        outcome.findings += from_pa11y_ci(output)
        outcome.errors |= errors
    return outcome


def axe_cli_command(urls: list[str], _concurrency: int, folder: Path) -> list[str]:
    return [
        str(BIN / "axe"),
        *urls,
        "--tags",
        ",".join(AXE_TAGS),
        "--chromedriver-path",
        CHROMEDRIVER,
        "--chrome-path",
        CHROMIUM,
        # Comma-separated by the CLI, so no --window-size=W,H: its default window is used.
        "--chrome-options=headless=new,no-sandbox,disable-gpu",
        "--stdout",
    ]


def collect_axe_cli(folders: list[Path]) -> Outcome:
    outcome = Outcome(0, [])
    for folder in folders:
        output = json.loads((folder / "stdout.json").read_text("utf-8") or "[]")
        outcome.pages += len(output)
        outcome.findings += from_axe_cli(output)
    return outcome


def lighthouse_command(urls: list[str], _concurrency: int, folder: Path) -> list[str]:
    return [
        str(BIN / "lhci"),
        "collect",
        *[f"--url={url}" for url in urls],
        "--numberOfRuns=1",
        "--settings.onlyCategories=accessibility",
        "--settings.preset=desktop",
        "--settings.disableFullPageScreenshot",
        "--settings.chromeFlags=--headless=new --no-sandbox --disable-gpu",
    ]


def collect_lighthouse(folders: list[Path]) -> Outcome:
    outcome = Outcome(0, [])
    for folder in folders:
        for file in sorted((folder / ".lighthouseci").glob("lhr-*.json")):
            lhr = json.loads(file.read_text("utf-8"))
            error = lighthouse_failed_to_load(lhr)
            if error:
                outcome.errors[lhr["requestedUrl"]] = error
                continue
            outcome.pages += 1
            outcome.findings += from_lighthouse(lhr, lighthouse_accessibility_audits(lhr))
    return outcome


def tools(selected: set[str]) -> list[Tool]:
    chosen = [
        Tool(
            "auditor",
            "comparable: desktop, axe rules only",
            True,
            auditor_command(["--viewport", "desktop", "--ruleset", str(RULESET)]),
            collect_auditor,
        ),
        Tool(
            "auditor",
            "defaults: 2 viewports, every check",
            True,
            auditor_command([]),
            collect_auditor,
            only_concurrency=2,  # its default; at 1 it takes minutes longer and says no more
        ),
    ]
    if "pa11y-ci" in selected:
        chosen.append(
            Tool(
                "pa11y-ci",
                "axe runner, WCAG2AA minus best-practice",
                True,
                pa11y_command(best_practice_only_rules()),
                collect_pa11y,
                "stdout.json",
            )
        )
    if "axe-cli" in selected:
        chosen.append(
            Tool(
                "axe-cli",
                "wcag2a,wcag2aa,wcag21a,wcag21aa",
                False,
                axe_cli_command,
                collect_axe_cli,
                "stdout.json",
            )
        )
    if "lighthouse" in selected:
        chosen.append(
            Tool(
                "lighthouse",
                "lhci collect, accessibility only, desktop",
                False,
                lighthouse_command,
                collect_lighthouse,
            )
        )
    return [t for t in chosen if t.name in selected]


# --- one measured run -----------------------------------------------------------------------


@dataclass
class Measured:
    tool: str
    config: str
    concurrency: int
    processes: int
    pages: int
    urls: int
    wall_s: float
    cpu_s: float
    peak_rss_mib: float
    peak_pss_mib: float | None
    others_cpu_s: float
    load_average_1min: float
    exit_codes: list[int]
    page_errors: dict[str, str]

    @property
    def pages_per_min(self) -> float:
        return 60 * self.pages / self.wall_s if self.wall_s else 0.0

    @property
    def cpu_s_per_page(self) -> float:
        return self.cpu_s / self.pages if self.pages else 0.0

    def row(self) -> dict[str, Any]:
        return {
            "tool": self.tool,
            "config": self.config,
            "concurrency": self.concurrency,
            "processes": self.processes,
            "pages": self.pages,
            "urls": self.urls,
            "wall_s": round(self.wall_s, 1),
            "pages_per_min": round(self.pages_per_min, 1),
            "cpu_s_per_page": round(self.cpu_s_per_page, 3),
            "peak_rss_mib": round(self.peak_rss_mib),
            "peak_pss_mib": None if self.peak_pss_mib is None else round(self.peak_pss_mib),
            "others_cpu_s": round(self.others_cpu_s, 1),
            "load_average_1min": self.load_average_1min,
            "exit_codes": self.exit_codes,
            "page_errors": self.page_errors,
        }


def peer_env() -> dict[str, str]:
    return os.environ | PEER_ENV


def run_tool(tool: Tool, urls: list[str], concurrency: int, work: Path) -> tuple[Measured, Outcome]:
    """Run `tool` over `urls`, sampling its process tree; what it measured and what it found."""
    work.mkdir(parents=True, exist_ok=True)
    runs = tool.commands(urls, concurrency, work)
    print(f"  {tool.name} [{tool.config}] concurrency {concurrency}: {len(runs)} process(es)")
    own_cpu, busy = time.process_time(), machine_busy_seconds()
    processes: list[subprocess.Popen[bytes]] = []
    files = []
    started = time.perf_counter()
    for folder, argv in runs:
        out = (folder / (tool.stdout_file or "stdout.log")).open("wb")
        err = (folder / "stderr.log").open("wb")
        files += [out, err]
        processes.append(subprocess.Popen(argv, cwd=folder, stdout=out, stderr=err, env=peer_env()))
    sampler = TreeSampler(
        psutil.Process(processes[0].pid),
        others=[psutil.Process(p.pid) for p in processes[1:]],
        interval=SAMPLE_SECONDS,
        full_memory=True,
        full_memory_every=PSS_EVERY,
    )
    sampler.start()
    try:
        codes = [p.wait(timeout=RUN_TIMEOUT_S) for p in processes]
    finally:
        wall = time.perf_counter() - started
        sampler.stop()
        for p in processes:
            if p.poll() is None:
                p.kill()
                p.wait()
        for file in files:
            file.close()
    own_cpu, busy = time.process_time() - own_cpu, machine_busy_seconds() - busy
    folders = [folder for folder, _ in runs]
    try:
        outcome = tool.collect(folders)
    except (OSError, ValueError, KeyError) as error:
        log = "\n".join((f / "stderr.log").read_text("utf-8", "replace")[-2000:] for f in folders)
        sys.exit(f"{tool.name} wrote nothing readable ({error!r}); exit codes {codes}:\n{log}")
    measured = Measured(
        tool=tool.name,
        config=tool.config,
        concurrency=concurrency,
        processes=len(runs),
        pages=outcome.pages,
        urls=len(urls),
        wall_s=wall,
        cpu_s=sampler.cpu_seconds,
        peak_rss_mib=sampler.peak_rss / MIB,
        peak_pss_mib=None if sampler.peak_pss is None else sampler.peak_pss / MIB,
        others_cpu_s=max(0.0, busy - sampler.cpu_seconds - own_cpu),
        load_average_1min=round(os.getloadavg()[0], 2),
        exit_codes=codes,
        page_errors=outcome.errors,
    )
    print(
        f"    {measured.pages}/{len(urls)} pages, {wall:.1f} s, "
        f"{measured.pages_per_min:.1f} pages/min, peak PSS {measured.peak_pss_mib or 0:.0f} MiB"
    )
    return measured, outcome


# --- speed ----------------------------------------------------------------------------------


def sitemap_urls(site: Path, origin: str) -> list[str]:
    """Every <loc> of the generated site's sitemap.xml, on the served origin."""
    text = (site / "sitemap.xml").read_text("utf-8")
    locs = [part.split("</loc>", 1)[0] for part in text.split("<loc>")[1:]]
    return [loc.replace("{{ORIGIN}}", origin.rstrip("/")) for loc in locs]


def speed(args: argparse.Namespace, chosen: list[Tool], work: Path) -> list[dict[str, Any]]:
    RESULTS.mkdir(parents=True, exist_ok=True)
    site = work / "site"
    generate(site, args.pages, args.seed)
    rows: list[dict[str, Any]] = []
    with served(site, free_port()) as (origin, _server):
        urls = sitemap_urls(site, origin)
        print(f"speed: {len(urls)} URLs of a generated site on {origin}")
        for tool in chosen:
            for concurrency in args.concurrency:
                if not tool.has_knob and concurrency > 1 and not args.split_peers:
                    continue
                if tool.only_concurrency and concurrency != tool.only_concurrency:
                    continue
                folder = work / "speed" / f"{tool.name}-{len(rows)}-c{concurrency}"
                measured, _ = run_tool(tool, urls, concurrency, folder)
                rows.append(measured.row())
                PARTIAL.write_text(json.dumps(rows, indent=2) + "\n", "utf-8")
    return with_ratios(rows)


def with_ratios(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each row's wall time over the auditor's best comparable run (>1: slower than ours)."""
    ours = [r for r in rows if r["tool"] == "auditor" and r["config"].startswith("comparable")]
    best = min((r["wall_s"] for r in ours if r["pages"] == r["urls"]), default=None)
    for row in rows:
        complete = row["pages"] == row["urls"]
        row["time_vs_ours"] = round(row["wall_s"] / best, 2) if best and complete else None
        row["best_for_tool"] = False
    for key in {(r["tool"], r["config"]) for r in rows}:
        same = [r for r in rows if (r["tool"], r["config"]) == key]
        complete = [r for r in same if r["pages"] == r["urls"]] or same
        max(complete, key=lambda r: r["pages_per_min"])["best_for_tool"] = True
    return rows


SPEED_COLUMNS = [
    ("tool", "tool", "{}"),
    ("config", "config", "{}"),
    ("concurrency", "conc.", "{}"),
    ("pages", "pages", "{}"),
    ("wall_s", "wall s", "{:.1f}"),
    ("pages_per_min", "pages/min", "{:.1f}"),
    ("cpu_s_per_page", "CPU s/page", "{:.2f}"),
    ("peak_rss_mib", "peak RSS MiB", "{}"),
    ("peak_pss_mib", "peak PSS MiB", "{}"),
    ("time_vs_ours", "time ÷ ours", "{}"),
    ("load_average_1min", "load", "{}"),
]


# --- accuracy on the fixture sites ------------------------------------------------------------


def crawl_list(origin: str, work: Path) -> list[str]:
    """The pages the auditor's own crawl of the served site audits (loaded, not duplicates)."""
    out = work / "crawl"
    done = subprocess.run(
        [
            str(AUDITOR),
            "audit",
            origin,
            "--viewport",
            "desktop",
            "--ruleset",
            str(RULESET),
            "--no-store",
            "--format",
            "json",
            "--out",
            str(out),
            "-q",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode not in (0, 2):
        sys.exit(f"auditor's crawl of {origin} failed:\n{done.stdout}\n{done.stderr}")
    pages = json.loads((out / "report.json").read_text("utf-8"))["pages"]
    return sorted(
        p["url"] for p in pages if not p["load_error"] and not p["duplicate_of"] and p["status"]
    )


def accuracy(chosen: list[Tool], work: Path) -> dict[str, Any]:
    defects = load_defects(COUNCIL)
    axe_defects = [d for d in defects if d.check.startswith("axe/")]
    results: dict[str, Any] = {"defects": len(defects), "axe_defects": len(axe_defects)}
    runs: dict[str, dict[str, Any]] = {}
    for label, folder in (("council", COUNCIL), ("clean", CLEAN)):
        with served(folder, free_port()) as (origin, _server):
            urls = crawl_list(origin, work / label)
            results[f"{label}_pages"] = [url_path(u) for u in urls]
            print(f"accuracy: {len(urls)} pages of {folder.relative_to(REPO)}")
            for index, tool in enumerate(chosen):
                place = work / label / f"{tool.name}-{index}"
                _, outcome = run_tool(tool, urls, 2 if tool.name == "auditor" else 1, place)
                entry = runs.setdefault(f"{tool.name} | {tool.config}", {})
                entry |= summarise(label, outcome, defects)
    results["tools"] = runs
    anyone = set().union(*(set(r.get("found", [])) for k, r in runs.items() if "auditor" not in k))
    results["found_by_any_peer"] = sorted(anyone)
    for entry in runs.values():
        entry["missed_that_a_peer_found"] = sorted(anyone - set(entry.get("found", [])))
    return results


def summarise(label: str, outcome: Outcome, defects: list[Defect]) -> dict[str, Any]:
    findings = distinct(outcome.findings)
    if label == "council":
        found = defects_found(findings, defects)
        extra = unmatched(findings, defects)
        return {
            "council_pages": outcome.pages,
            "found": found,
            "found_axe": [
                i for i in found if any(d.id == i and "axe/" in d.check for d in defects)
            ],
            "council_failures_not_seeded": [f"{f.path} {f.rule} {f.selectors}" for f in extra],
        }
    return {
        "clean_pages": outcome.pages,
        "clean_failures": len(findings),
        "clean_failure_list": [f"{f.path} {f.rule} {f.selectors}" for f in findings],
    }


def accuracy_rows(results: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for key, entry in results["tools"].items():
        tool, config = key.split(" | ", 1)
        rows.append(
            {
                "tool": tool,
                "config": config,
                "pages": f"{entry.get('council_pages')} + {entry.get('clean_pages')}",
                "found": f"{len(entry.get('found', []))} of {results['defects']}",
                "found_axe": f"{len(entry.get('found_axe', []))} of {results['axe_defects']}",
                "missed": ", ".join(entry["missed_that_a_peer_found"]) or "none",
                "not_seeded": len(entry.get("council_failures_not_seeded", [])),
                "clean": entry.get("clean_failures"),
            }
        )
    return rows


ACCURACY_COLUMNS = [
    ("tool", "tool", "{}"),
    ("config", "config", "{}"),
    ("pages", "pages (council + clean)", "{}"),
    ("found", "seeded found", "{}"),
    ("found_axe", "of them axe rules", "{}"),
    ("missed", "missed that a peer found", "{}"),
    ("not_seeded", "other failures (council)", "{}"),
    ("clean", "failures on clean twin", "{}"),
]


# --- main -----------------------------------------------------------------------------------


def versions() -> dict[str, str]:
    found = {}
    for package in ("pa11y-ci", "pa11y", "@lhci/cli", "lighthouse", "@axe-core/cli", "axe-core"):
        manifest = CACHE / "node_modules" / package / "package.json"
        if manifest.exists():
            found[package] = json.loads(manifest.read_text("utf-8"))["version"]
    pa11y_axe = CACHE / "node_modules" / "pa11y" / "node_modules" / "axe-core" / "package.json"
    if pa11y_axe.exists():
        found["axe-core (pa11y's)"] = json.loads(pa11y_axe.read_text("utf-8"))["version"]
    found["node"] = subprocess.run(
        ["node", "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return found


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=120, help="pages of the generated site")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--split-peers",
        action="store_true",
        help="at concurrency N > 1, also run the axe CLI and lhci as N processes over N parts",
    )
    parser.add_argument("--tools", default="auditor,pa11y-ci,axe-cli,lighthouse")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-fixtures", action="store_true")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--print", type=Path, help="only print the tables of a saved JSON")
    return parser.parse_args(argv)


def benchmark(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    selected = set(args.tools.split(","))
    if selected - {"auditor"} and not BIN.exists():
        sys.exit("the peers are not installed: bash benchmarks/peers/install.sh")
    chosen = tools(selected)
    results: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "code": code_state(),
        "versions": versions(),
        "pages": args.pages,
        "seed": args.seed,
        "targets": TARGETS,
    }
    if not args.skip_speed:
        results["speed"] = speed(args, chosen, work)
    if not args.skip_fixtures:
        results["accuracy"] = accuracy(chosen, work / "fixtures")
    results["load_average_1min_end"] = round(os.getloadavg()[0], 2)
    return results


def print_report(results: dict[str, Any]) -> None:
    machine = results["machine"]
    print(
        f"\nmachine: nproc {machine['nproc']}, {machine['memory_mib']} MiB, {machine['chromium']}, "
        f"load average {machine['load_average_1min']} at start, "
        f"{results['load_average_1min_end']} at end"
    )
    print("versions: " + ", ".join(f"{k} {v}" for k, v in results["versions"].items()))
    if "speed" in results:
        print(f"\nspeed: {results['pages']} generated pages, the same URL list for every tool\n")
        print(format_table(SPEED_COLUMNS, results["speed"]))
        print("\n" + headline(results["speed"]))
    if "accuracy" in results:
        acc = results["accuracy"]
        print(
            f"\naccuracy: fixture council site ({len(acc['council_pages'])} pages, "
            f"{acc['defects']} seeded defects, {acc['axe_defects']} of them axe rules) and its "
            f"clean twin ({len(acc['clean_pages'])} pages)\n"
        )
        print(format_table(ACCURACY_COLUMNS, accuracy_rows(acc)))


def headline(rows: list[dict[str, Any]]) -> str:
    """Throughput of the auditor's best comparable run over each peer's best run."""
    best = {r["tool"] + " " + r["config"]: r for r in rows if r["best_for_tool"]}
    ours = next((r for k, r in best.items() if k.startswith("auditor comparable")), None)
    if not ours:
        return ""
    lines = []
    for key, row in best.items():
        if key.startswith("auditor") or not row["pages_per_min"]:
            continue
        ratio = ours["pages_per_min"] / row["pages_per_min"]
        cpu = row["cpu_s_per_page"] / ours["cpu_s_per_page"] if ours["cpu_s_per_page"] else 0
        target = TARGETS.get(row["tool"])
        memory = "lower" if (ours["peak_pss_mib"] or 0) <= (row["peak_pss_mib"] or 0) else "HIGHER"
        lines.append(
            f"{row['tool']}: ours {ratio:.2f}× its throughput"
            + (f" (target {target:g}×: {'met' if ratio >= target else 'MISSED'})" if target else "")
            + f"; it uses {cpu:.2f}× our CPU per page"
            + f"; our peak PSS {ours['peak_pss_mib']} vs {row['peak_pss_mib']} MiB ({memory})"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.print:
        print_report(json.loads(args.print.read_text("utf-8")))
        return
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        results = benchmark(args, args.keep.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="auditor-peers-") as tmp:
            results = benchmark(args, Path(tmp))
    print_report(results)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"peers-{args.pages}pages.json"
    out.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    print(f"\nwrote {out.relative_to(REPO)}")


if __name__ == "__main__":
    main()
