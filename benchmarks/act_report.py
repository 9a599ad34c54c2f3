"""The project's ACT implementation report beside axe-core's, rule by rule: docs/act-report.md.

Reads the project's figures (docs/precision.json, written by `benchmarks/precision.py --suite act
--write-docs`) and axe-core's own published EARL report over the same test cases
(`axe-core-earl.json` in the ACT suite folder), and lays both out as axe-core's and Alfa's
implementation reports are: per rule, failed cases detected, passed cases failed, and whether
the implementation is complete, partial, inconsistent or untested. axe-core's figures are
counted the same way as ours: a case is detected (or falsely failed) when any axe rule asserts
`failed` on it.

    .venv/bin/python benchmarks/act_report.py
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.conformance import ACT_SUITE, load_act_cases

DOCS = Path(__file__).resolve().parent.parent / "docs"


def axe_cases(earl: dict[str, Any]) -> tuple[set[str], set[str]]:
    """The test-case paths (`testcases/<rule>/<id>.html`) axe-core's report covers, and those
    on which it asserted a failure."""
    covered, failed = set(), set()
    for assertion in earl.get("@graph", []):
        source = str(assertion.get("subject", {}).get("source", ""))
        if "/testcases/" not in source:
            continue
        key = "testcases/" + source.split("/testcases/", 1)[1]
        covered.add(key)
        if str(assertion.get("result", {}).get("outcome", "")) == "earl:failed":
            failed.add(key)
    return covered, failed


def consistency(failed: int, detected: int, false_positives: int) -> str:
    if false_positives:
        return "inconsistent"
    if failed and detected == failed:
        return "complete"
    return "partial" if detected else "untested"


def main() -> None:
    if ACT_SUITE is None:
        sys.exit("the ACT Rules test cases were not found: set AUDITOR_ACT_SUITE to their folder")
    ours = json.loads((DOCS / "precision.json").read_text(encoding="utf-8"))["act"]
    earl = json.loads((ACT_SUITE / "axe-core-earl.json").read_text(encoding="utf-8"))
    axe_covered, axe_failed = axe_cases(earl)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    cases = load_act_cases(ACT_SUITE)
    for case in cases:
        key = "testcases/" + case.path.split("/testcases/", 1)[1]
        row = counts[case.rule_id]
        row[case.expected] += 1
        if key in axe_covered:
            row["covered"] += 1
        if key in axe_failed:
            row[f"{case.expected}_failed"] += 1
    lines = [
        "# ACT implementation report",
        "",
        "The W3C ACT Rules test cases of the rules that map to WCAG 2.1 A or AA, audited in",
        "Chromium at both viewports with the WCAG ruleset (`benchmarks/precision.py --suite act",
        "--write-docs`), beside axe-core's own published report over the same cases",
        "(`axe-core-earl.json`, " + _axe_release(earl) + "). Made by `benchmarks/act_report.py`.",
        "",
        "A failed case is **detected** when a `fail` names one of the rule's criteria; a passed",
        "case is **failed** likewise. axe-core's columns count any failure axe asserted on the",
        "case. *complete*: every failed case detected, no passed or inapplicable case failed;",
        "*partial*: some detected, none falsely; *inconsistent*: a passed or inapplicable case",
        "failed; *untested*: nothing detected (most need a person: they are review items).",
        "",
        "| rule | name | auditor detected | auditor passed failed | auditor | axe-core detected "
        "| axe-core passed failed | axe-core |",
        "|---|---|---|---|---|---|---|---|",
    ]
    totals = defaultdict(int)
    for rule in ours["rules"]:
        row = counts[rule["rule"]]
        axe_detected, axe_fp = row["failed_failed"], row["passed_failed"]
        axe_state = consistency(row["failed"], axe_detected, axe_fp + row["inapplicable_failed"])
        totals["axe_detected"] += axe_detected
        totals["axe_fp"] += axe_fp
        lines.append(
            f"| {rule['rule']} | {rule['name']} | {rule['detected']} | {rule['passed_failed']} "
            f"| {rule['consistency']} | {axe_detected}/{row['failed']} | {axe_fp}/{row['passed']} "
            f"| {axe_state} |"
        )
    lines += [
        "",
        f"**auditor**: failed cases detected {ours['detected']} of {ours['failed']}, passed "
        f"cases failed {ours['passed_failed']} of {ours['passed']}. **axe-core** (its published "
        f"report): detected {totals['axe_detected']} of {ours['failed']}, passed cases failed "
        f"{totals['axe_fp']} of {ours['passed']}. axe-core's report covers "
        f"{sum(r['covered'] for r in counts.values())} of these {len(cases)} cases (it was made "
        "on an earlier set of the cases): a case it does not cover counts as not detected, so "
        "its detection is a floor, not a measurement on the same build.",
        "",
    ]
    (DOCS / "act-report.md").write_text("\n".join(lines), encoding="utf-8")
    print(lines[-2])


def _axe_release(earl: dict[str, Any]) -> str:
    for assertion in earl.get("@graph", []):
        by = str(assertion.get("assertedBy", ""))
        if by:
            return "axe-core " + by.rsplit("/", 1)[-1]
    return "axe-core"


if __name__ == "__main__":
    main()
