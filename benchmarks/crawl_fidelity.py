"""Benchmark crawl fidelity and speed on a CMS-shaped council site (benchmarks/cms_site.py).

Serves a site of `--pages` numbered content pages (Drupal, Jadu, LocalGov and ModernGov
families), `--sitemap-only` pages only its sitemap lists, an endless calendar and a faceted
search, then runs, as a new user would:

    auditor audit URL --max-pages 5000 --no-store --format json -q [--viewport desktop]

and prints how many content and sitemap-only pages were audited, how many calendar and search
pages, what was not audited and why, wall time, pages per minute and the peak memory of the
process tree (RSS, sampled with psutil). Figures go to benchmarks/results/crawl_fidelity.json.

    .venv/bin/python benchmarks/crawl_fidelity.py --pages 2000 [--viewport desktop]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._measure import AUDITOR, MIB, TreeSampler, machine_info
from benchmarks.cms_site import CmsSite

RESULTS = Path(__file__).parent / "results" / "crawl_fidelity.json"


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--sitemap-only", type=int, default=50)
    parser.add_argument("--viewport", action="append", default=[], help="as auditor's option")
    parser.add_argument("--concurrency", type=int, default=2)
    args = parser.parse_args()
    with CmsSite(pages=args.pages, sitemap_only=args.sitemap_only) as site:
        out = Path(tempfile.mkdtemp(prefix="crawl-fidelity-"))
        command = [
            str(AUDITOR),
            "audit",
            site.url,
            "--max-pages",
            str(args.pages * 3),
            "--concurrency",
            str(args.concurrency),
            "--no-store",
            "--format",
            "json",
            "--out",
            str(out),
            "-q",
            *(f"--viewport={v}" for v in args.viewport),
        ]
        started = time.perf_counter()
        process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
        sampler = TreeSampler(psutil.Process(process.pid))
        sampler.start()
        _, stderr = process.communicate()
        sampler.stop()
        wall = time.perf_counter() - started
        content, sitemap_only = site.content_paths(), site.sitemap_only_paths()
    if process.returncode != 0:
        sys.exit(f"auditor failed ({process.returncode}): {stderr.strip()[-500:]}")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    done = {_path(p["url"]) for p in report["pages"]}
    figures = {
        "pages": args.pages,
        "viewports": args.viewport or ["desktop", "mobile"],
        "content_audited": sum(p in done for p in content),
        "content": len(content),
        "sitemap_only_audited": sum(p in done for p in sitemap_only),
        "sitemap_only": len(sitemap_only),
        "calendar_pages": sum(p.startswith("/events/calendar/") for p in done),
        "search_pages": sum(p.startswith("/search") for p in done),
        "pages_audited": len(report["pages"]),
        "not_audited": report["summary"]["not_audited"],
        "wall_s": round(wall, 1),
        "pages_per_minute": round(len(report["pages"]) * 60 / wall, 1),
        "peak_rss_mib": round(sampler.peak_rss / MIB),
        "machine": machine_info(),
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(
        f"content {figures['content_audited']}/{figures['content']}, "
        f"sitemap-only {figures['sitemap_only_audited']}/{figures['sitemap_only']}, "
        f"calendar {figures['calendar_pages']}, search {figures['search_pages']}, "
        f"{figures['pages_audited']} pages in {figures['wall_s']} s = "
        f"{figures['pages_per_minute']} pages/min, peak RSS {figures['peak_rss_mib']} MiB"
    )
    for row in figures["not_audited"]:
        print(f"  not audited: {row['not_audited']} like {row['family']} ({row['reason']})")


if __name__ == "__main__":
    main()
