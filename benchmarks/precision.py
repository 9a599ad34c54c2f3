"""Precision and detection on suites with known answers: the W3C ACT Rules test cases and the
GOV.UK Frontend reference pages. Each suite is served on 127.0.0.1 and audited as a new user would:

    auditor audit URL... --max-depth 0 --no-sitemap --no-store --format json -q

(default ruleset, both viewports), then scored by benchmarks/conformance.py. Prints per-rule
detection with its ACT consistency (complete / partial / untested / inconsistent), the false
positives per check on ACT passed and inapplicable cases, and the GOV.UK pages with a WCAG A/AA
failure. Writes the figures to docs/precision.json and the ACT outcomes as EARL to
docs/act-earl.json (with --write-docs; otherwise benchmarks/results/).

    .venv/bin/python benchmarks/precision.py                    # both suites, ~40 min here
    .venv/bin/python benchmarks/precision.py --suite act --rule 80af7b --rule oj04fd
    .venv/bin/python benchmarks/precision.py --suite govuk --viewport desktop
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from auditor import __version__
from auditor.web.static_site import StaticSite
from benchmarks._measure import AUDITOR, format_table, machine_info
from benchmarks.conformance import (
    ACT_SUITE,
    ActCase,
    ActScore,
    earl,
    load_act_cases,
    read_report,
    score_act,
    wcag_failures,
)
from benchmarks.govuk_pages import PAGES, build_pages

RESULTS = Path(__file__).parent / "results"
# The suites judge WCAG verdicts, so they are measured with the WCAG ruleset (what `auditor ci`
# uses). `auditor audit` defaults to `council`, which adds checks these pages are not examples
# for: GOV.UK Frontend's date inputs ask "What is your date of birth?" without the bday-*
# autocomplete its own guidance asks services to add, a true 1.3.5 finding on a component demo.
RULESET = os.environ.get("AUDITOR_PRECISION_RULESET", "wcag21aa")
DOCS = Path(__file__).resolve().parents[1] / "docs"


def audit(
    urls: Sequence[str],
    viewports: Sequence[str],
    extra: Sequence[str] = (),
    ruleset: str = RULESET,
) -> Any:
    """Run `auditor audit` over exactly `urls` with `ruleset`; return its report.json."""
    out = Path(tempfile.mkdtemp(prefix="precision-"))
    command = [str(AUDITOR), "audit", *urls, "--max-depth", "0", "--no-sitemap", "--no-store"]
    command += ["--ruleset", ruleset]
    command += ["--format", "json", "--out", str(out), "-q", "--max-pages", str(len(urls))]
    command += [f"--viewport={v}" for v in viewports] + list(extra)
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode not in (0, 2):  # 2: thresholds broken, which the suites do on purpose
        sys.exit(f"auditor failed ({result.returncode}): {result.stderr.strip()[-800:]}")
    return read_report(out)


def run_act(rules: Sequence[str], viewports: Sequence[str]) -> tuple[ActScore, dict[str, Any]]:
    if ACT_SUITE is None:
        sys.exit("the ACT Rules test cases were not found: set AUDITOR_ACT_SUITE to their folder")
    cases = load_act_cases(ACT_SUITE, rules)
    if not cases:
        sys.exit(f"no ACT case of the rules {', '.join(rules)} maps to WCAG A or AA")
    with StaticSite(ACT_SUITE) as site:

        def url_of(case: ActCase) -> str:
            return f"{site.url.rstrip('/')}/{case.path}"

        report = audit([url_of(c) for c in cases], viewports)
        score = score_act(cases, report, url_of)
    return score, report


def print_act(score: ActScore) -> dict[str, Any]:
    rows = [
        {
            "rule": r.rule_id,
            "name": r.rule_name[:48],
            "detected": f"{r.detected}/{r.failed}",
            "passed_failed": f"{r.false_positives}/{r.passed}",
            "inapplicable_failed": f"{r.inapplicable_failed}/{r.inapplicable}",
            "consistency": r.consistency,
            "checks": ", ".join(f"{c} {n}" for c, n in r.checks.most_common()),
        }
        for r in score.rules
    ]
    columns = [
        ("rule", "rule", "{}"),
        ("name", "name", "{}"),
        ("detected", "failed detected", "{}"),
        ("passed_failed", "passed failed", "{}"),
        ("inapplicable_failed", "inapplicable failed", "{}"),
        ("consistency", "consistency", "{}"),
        ("checks", "false positives by", "{}"),
    ]
    print(format_table(columns, rows))
    failed, detected = score.total("failed"), score.total("detected")
    passed, false_positives = score.total("passed"), score.total("false_positives")
    inapplicable = score.total("inapplicable")
    inapplicable_failed = score.total("inapplicable_failed")
    by_check = score.false_positives_by_check()
    print(
        f"\nACT: failed cases detected {detected}/{failed}"
        f" ({100 * detected / max(failed, 1):.1f}%);"
        f" passed cases failed {false_positives}/{passed}"
        f" ({100 * false_positives / max(passed, 1):.1f}%);"
        f" inapplicable cases failed {inapplicable_failed}/{inapplicable}"
    )
    for check, count in by_check.most_common():
        print(f"  false positives by {check}: {count}")
    return {
        "failed": failed,
        "detected": detected,
        "passed": passed,
        "passed_failed": false_positives,
        "inapplicable": inapplicable,
        "inapplicable_failed": inapplicable_failed,
        "false_positives_by_check": dict(by_check.most_common()),
        "rules": rows,
    }


def run_govuk(viewports: Sequence[str]) -> dict[str, Any]:
    pages = build_pages()
    with StaticSite(PAGES) as site:
        base = site.url.rstrip("/")
        report = audit([f"{base}/{p}" for p in pages], viewports)
    failures = wcag_failures(report)
    loaded = sum(1 for p in report["pages"] if not p.get("load_error"))
    print(f"\nGOV.UK Frontend: {len(failures)} of {len(pages)} pages with a WCAG A/AA failure")
    for url, checks in sorted(failures.items()):
        print(f"  {url.removeprefix(base)}: {', '.join(checks)}")
    return {
        "pages": len(pages),
        "loaded": loaded,
        "pages_failed": len(failures),
        "failures": {url.removeprefix(base): checks for url, checks in sorted(failures.items())},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", choices=["act", "govuk", "both"], default="both")
    parser.add_argument("--rule", action="append", default=[], help="ACT rule id (repeatable)")
    parser.add_argument("--viewport", action="append", default=[], help="as auditor's option")
    parser.add_argument("--write-docs", action="store_true", help="write the figures to docs/")
    args = parser.parse_args()
    viewports = args.viewport or ["desktop", "mobile"]
    started = time.perf_counter()
    figures: dict[str, Any] = {"auditor": __version__, "viewports": viewports}
    folder = DOCS if args.write_docs else RESULTS
    folder.mkdir(exist_ok=True)
    if args.suite in ("act", "both"):
        score, _ = run_act(args.rule, viewports)
        figures["act"] = print_act(score) | {"rules_asked": args.rule or "all"}
        figures["act"]["wall_s"] = round(time.perf_counter() - started, 1)
        earl_report = earl(score, __version__)
        (folder / "act-earl.json").write_text(json.dumps(earl_report, indent=1) + "\n", "utf-8")
    if args.suite in ("govuk", "both"):
        began = time.perf_counter()
        figures["govuk"] = run_govuk(viewports)
        figures["govuk"]["wall_s"] = round(time.perf_counter() - began, 1)
    figures["wall_s"] = round(time.perf_counter() - started, 1)
    figures["machine"] = machine_info()
    target = folder / "precision.json"
    if target.is_file():  # keep the other suite's figures from its last run
        earlier = json.loads(target.read_text("utf-8"))
        figures = {key: earlier[key] for key in ("act", "govuk") if key in earlier} | figures
    (folder / "precision.json").write_text(json.dumps(figures, indent=2) + "\n", "utf-8")
    print(f"\n{figures['wall_s']} s; figures in {folder / 'precision.json'}")


if __name__ == "__main__":
    main()
