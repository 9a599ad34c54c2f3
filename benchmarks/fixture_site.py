"""Benchmark `auditor audit` on the fixture council site: throughput, CPU, memory and recall.

What it measures, for each `--concurrency` value, as the median of `--repeat` runs:

- wall time of one `auditor audit --serve DIR` CLI run (a subprocess, so Python, the Playwright
  driver and every Chromium process are measured together);
- pages audited (`summary.pages_audited` in the JSON report) and pages per minute;
- CPU seconds per page: user + system CPU of the whole process tree, sampled with psutil every
  50 ms, keeping each process's largest reading so processes that exit early still count;
- peak RSS in MiB: the largest sum of the RSS of all live processes in the tree at one sample.

Twelve pages are too few to measure throughput, so the site is copied `--copies` times into a
temporary folder, under /copy-1/ ... /copy-K/, with root-relative links rewritten to stay inside
their copy and an index.html at the root linking to each copy. The root robots.txt and
sitemap.xml are rebuilt from the originals for every copy, so each copy is crawled exactly as the
plain site is (the /private/ tripwire stays excluded, /news/archive.html is found via the
sitemap).

It also audits the plain site once at concurrency 2 and reports how many of the defects seeded in
its defects.toml were found.

Run from the repository root:

    .venv/bin/python benchmarks/fixture_site.py [--repeat 3] [--concurrency 1 2]
        [--site fixtures/sites/council] [--copies 8]

It prints a table and writes the same figures to benchmarks/results/fixture_site.json.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import psutil
from _measure import (
    AUDITOR,
    MIB,
    REPO,
    SAMPLE_SECONDS,
    TreeSampler,
    children_cpu,
    format_table,
    machine_info,
)

RESULTS = REPO / "benchmarks" / "results" / "fixture_site.json"
RECALL_CONCURRENCY = 2
TEMPLATED = ("robots.txt", "sitemap.xml")
ROOT_LINK = re.compile(r'\b(href|src|action)="/(?!/)')
SITEMAP_LOC = re.compile(r"<url>.*?</url>", re.DOTALL)


# --- the copied site ------------------------------------------------------------------------


def rewrite_links(html: str, prefix: str) -> str:
    """Point root-relative href/src/action attributes into `prefix` (e.g. "/copy-2")."""
    return ROOT_LINK.sub(lambda m: f'{m.group(1)}="{prefix}/', html)


def copy_site(site: Path, dest: Path, prefix: str) -> None:
    """Copy `site` into `dest` with its HTML links rewritten, leaving out robots.txt/sitemap."""
    for source in site.rglob("*"):
        relative = source.relative_to(site)
        if source.is_dir() or relative.as_posix() in TEMPLATED:
            continue
        target = dest / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix == ".html":
            target.write_text(rewrite_links(source.read_text("utf-8"), prefix), "utf-8")
        else:
            shutil.copyfile(source, target)


def root_index(copies: int) -> str:
    items = "\n".join(
        f'      <li><a href="/copy-{i}/">Copy {i} of the council site</a></li>'
        for i in range(1, copies + 1)
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n  <meta charset="utf-8">\n'
        '  <meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '  <link rel="icon" href="data:,">\n  <title>Fixture site copies</title>\n</head>\n'
        "<body>\n  <main>\n    <h1>Fixture site copies</h1>\n    <ul>\n"
        f"{items}\n    </ul>\n  </main>\n</body>\n</html>\n"
    )


def root_robots(site: Path, copies: int) -> str:
    """The site's robots.txt with every Disallow repeated once per copy."""
    lines: list[str] = []
    for line in (site / "robots.txt").read_text("utf-8").splitlines():
        name, _, value = line.partition(":")
        if name.strip().lower() == "disallow" and value.strip().startswith("/"):
            lines += [f"Disallow: /copy-{i}{value.strip()}" for i in range(1, copies + 1)]
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def root_sitemap(site: Path, copies: int) -> str:
    """The site's sitemap.xml with every <url> entry repeated once per copy."""
    text = (site / "sitemap.xml").read_text("utf-8")
    entries = SITEMAP_LOC.findall(text)
    copied = [
        entry.replace("{{ORIGIN}}/", f"{{{{ORIGIN}}}}/copy-{i}/")
        for i in range(1, copies + 1)
        for entry in entries
    ]
    head, _, rest = text.partition(entries[0]) if entries else (text, "", "")
    tail = rest.rpartition("</url>")[2] if entries else ""
    return head + "\n  ".join(copied) + tail


def build_copies(site: Path, copies: int, dest: Path) -> Path:
    """Build the K-copy site in `dest` and return it."""
    for i in range(1, copies + 1):
        copy_site(site, dest / f"copy-{i}", f"/copy-{i}")
    (dest / "index.html").write_text(root_index(copies), "utf-8")
    if (site / "robots.txt").is_file():
        (dest / "robots.txt").write_text(root_robots(site, copies), "utf-8")
    if (site / "sitemap.xml").is_file():
        (dest / "sitemap.xml").write_text(root_sitemap(site, copies), "utf-8")
    return dest


# --- measuring a run -----------------------------------------------------------------------


@dataclass
class Measurement:
    concurrency: int
    pages: int
    wall_s: float
    cpu_s: float
    cpu_s_rusage: float
    peak_rss_mib: float
    samples: int

    @property
    def pages_per_min(self) -> float:
        return 60 * self.pages / self.wall_s if self.wall_s else 0.0

    @property
    def cpu_s_per_page(self) -> float:
        return self.cpu_s / self.pages if self.pages else 0.0


def audit_command(site: Path, out: Path, concurrency: int, max_pages: int) -> list[str]:
    return [
        str(AUDITOR),
        "audit",
        "--serve",
        str(site),
        "--out",
        str(out),
        "--db",
        str(out / "history.sqlite"),
        "--concurrency",
        str(concurrency),
        "--max-pages",
        str(max_pages),
        "--format",
        "json",
        "--no-store",
        "-q",
    ]


def run_audit(site: Path, concurrency: int, max_pages: int, work: Path) -> tuple[Measurement, Any]:
    """Run the CLI once on `site`, measuring its process tree; return the figures and report."""
    out = Path(tempfile.mkdtemp(prefix="run-", dir=work))
    log = out / "cli.log"
    rusage_before = children_cpu()
    with log.open("wb") as log_file:
        started = time.perf_counter()
        process = subprocess.Popen(
            audit_command(site, out, concurrency, max_pages), stdout=log_file, stderr=log_file
        )
        sampler = TreeSampler(psutil.Process(process.pid))
        sampler.start()
        code = process.wait()
        wall = time.perf_counter() - started
        sampler.stop()
    if code != 0:
        sys.exit(f"auditor exited with {code}:\n{log.read_text('utf-8', 'replace')}")
    report = json.loads((out / "report.json").read_text("utf-8"))
    measurement = Measurement(
        concurrency=concurrency,
        pages=report["summary"]["pages_audited"],
        wall_s=wall,
        cpu_s=sampler.cpu_seconds,
        cpu_s_rusage=children_cpu() - rusage_before,
        peak_rss_mib=sampler.peak_rss / MIB,
        samples=sampler.samples,
    )
    return measurement, report


def median_of(runs: list[Measurement]) -> dict[str, float | int]:
    """Median of each figure over repeated runs of one concurrency."""

    def med(values: list[float]) -> float:
        return round(statistics.median(values), 3)

    return {
        "concurrency": runs[0].concurrency,
        "pages": int(statistics.median(r.pages for r in runs)),
        "wall_s": med([r.wall_s for r in runs]),
        "pages_per_min": med([r.pages_per_min for r in runs]),
        "cpu_s_per_page": med([r.cpu_s_per_page for r in runs]),
        "cpu_s_per_page_rusage": med([r.cpu_s_rusage / r.pages for r in runs if r.pages]),
        "peak_rss_mib": med([r.peak_rss_mib for r in runs]),
    }


# --- seeded-defect recall -------------------------------------------------------------------


def load_defects(site: Path) -> list[dict[str, Any]]:
    """defects.toml plus every defects-*.toml beside it."""
    defects: list[dict[str, Any]] = []
    for path in sorted(site.glob("defects*.toml")):
        with path.open("rb") as f:
            defects += tomllib.load(f).get("defect", [])
    return defects


def matches(defect: dict[str, Any], finding: dict[str, Any]) -> bool:
    selector = defect.get("selector")
    return (
        finding["check_id"] == defect["check"]
        and urlparse(finding["url"]).path == defect["path"]
        and (not selector or finding["selector"].endswith(selector))
    )


def recall(defects: list[dict[str, Any]], report: Any) -> dict[str, Any]:
    findings = report["findings"]
    missed = [d for d in defects if not any(matches(d, f) for f in findings)]
    unmatched = [f for f in findings if not any(matches(d, f) for d in defects)]
    return {
        "found": len(defects) - len(missed),
        "seeded": len(defects),
        "missed": [describe_defect(d) for d in missed],
        "findings_not_seeded": [
            f"{f['check_id']} {urlparse(f['url']).path} {f['selector']}" for f in unmatched
        ],
    }


def describe_defect(defect: dict[str, Any]) -> str:
    where = f"{defect['path']} {defect.get('selector', '')}".strip()
    return f"{defect.get('id', '?')}: {defect['check']} at {where}"


# --- machine info and output ----------------------------------------------------------------


COLUMNS = [
    ("concurrency", "concurrency", "{}"),
    ("pages", "pages", "{}"),
    ("wall_s", "wall s", "{:.1f}"),
    ("pages_per_min", "pages/min", "{:.1f}"),
    ("cpu_s_per_page", "CPU s/page", "{:.2f}"),
    ("peak_rss_mib", "peak RSS MiB", "{:.0f}"),
]


def print_report(results: dict[str, Any]) -> None:
    machine = results["machine"]
    print(
        f"machine: nproc {machine['nproc']}, {machine['memory_mib']} MiB RAM, "
        f"{machine['chromium']}, Python {machine['python']}, "
        f"load average {machine['load_average_1min']} at start"
    )
    print(
        f"site: {results['site']} x {results['copies']} copies, "
        f"median of {results['repeat']} run(s)\n"
    )
    print(format_table(COLUMNS, results["throughput"]))
    found = results["recall"]
    print(f"\nseeded defects found: {found['found']} of {found['seeded']}")
    for missed in found["missed"]:
        print(f"  missed {missed}")
    for extra in found["findings_not_seeded"]:
        print(f"  not seeded: {extra}")


# --- main -----------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per concurrency (median)")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--site", type=Path, default=REPO / "fixtures" / "sites" / "council")
    parser.add_argument("--copies", type=int, default=8, help="copies of the site to audit")
    return parser.parse_args(argv)


def benchmark(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    machine = machine_info()
    site = args.site.resolve()
    copied = build_copies(site, args.copies, work / "site")
    max_pages = 100 * (args.copies + 1)
    throughput = []
    for concurrency in args.concurrency:
        runs = []
        for attempt in range(1, args.repeat + 1):
            measurement, _ = run_audit(copied, concurrency, max_pages, work)
            print(f"  concurrency {concurrency} run {attempt}: {measurement}", file=sys.stderr)
            runs.append(measurement)
        throughput.append(median_of(runs))
    _, report = run_audit(site, RECALL_CONCURRENCY, max_pages, work)
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine,
        "site": str(site.relative_to(REPO) if site.is_relative_to(REPO) else site),
        "copies": args.copies,
        "repeat": args.repeat,
        "sample_interval_s": SAMPLE_SECONDS,
        "throughput": throughput,
        "recall": {"concurrency": RECALL_CONCURRENCY, **recall(load_defects(site), report)},
    }


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="auditor-bench-") as tmp:
        results = benchmark(args, Path(tmp))
    print_report(results)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    print(f"\nwrote {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
