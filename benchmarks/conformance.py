"""Score auditor's verdicts against test suites whose right answers are known: the W3C ACT Rules
test cases and the GOV.UK Frontend reference pages (benchmarks/govuk_pages.py).

The scoring is the one the project's figures use (the act-rules README): over the rules that map
to WCAG 2.x A or AA, a *failed* case is detected when a `fail` finding on its page names one of the
rule's success criteria; a *passed* or *inapplicable* case is a false positive when one does. A
rule is, as in the implementation reports axe-core and Alfa publish:

- `complete`: every failed case detected, no false positive;
- `partial`: some failed cases detected, no false positive;
- `untested`: no failed case detected, no false positive (nothing said either way);
- `inconsistent`: a passed or inapplicable case was failed.

Pure functions over a report.json (as `auditor audit --format json` writes it) so tests can use
them on a sample and benchmarks/precision.py on the whole suites.
"""

from __future__ import annotations

import csv
import json
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def find_act_suite() -> Path | None:
    """The ACT Rules test cases: $AUDITOR_ACT_SUITE, or the shared folder beside the checkout."""
    candidates = [os.environ.get("AUDITOR_ACT_SUITE", "")]
    candidates += [str(REPO.parent / "shared" / "conformance" / "act-rules")]
    candidates += ["/work/shared/conformance/act-rules"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "testcases-index.csv").is_file():
            return Path(candidate)
    return None


ACT_SUITE = find_act_suite()


@dataclass(frozen=True)
class ActCase:
    rule_id: str
    rule_name: str
    expected: str  # passed, failed or inapplicable
    path: str  # relative to the suite folder, which is served as the web root
    criteria: tuple[str, ...]  # "2.1.2", ...


def load_act_cases(suite: Path, rules: Iterable[str] = ()) -> list[ActCase]:
    """The cases of the rules that map to WCAG A or AA (or only of `rules`)."""
    wanted = set(rules)
    cases = []
    with (suite / "testcases-index.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["maps_to_A_or_AA"] != "True" or row["exists"] != "True":
                continue
            if wanted and row["ruleId"] not in wanted:
                continue
            criteria = tuple(c.split(":", 1)[-1] for c in row["wcag_conformance"].split())
            cases.append(
                ActCase(row["ruleId"], row["ruleName"], row["expected"], row["path"], criteria)
            )
    return cases


def page_failures(report: dict[str, Any]) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """URL -> the (check id, criteria) of every `fail` finding on it, in any viewport. A page
    recorded as a duplicate of another carries that page's failures."""
    failures: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    for finding in report.get("findings", []):
        if finding.get("outcome") == "fail":
            failures[finding["url"]].append((finding["check_id"], tuple(finding["wcag"])))
    for page in report.get("pages", []):
        original = page.get("duplicate_of")
        if original and page["url"] not in failures:
            failures[page["url"]] = failures.get(original, [])
        final = page.get("final_url")
        if final and final != page["url"] and final in failures:
            failures[page["url"]] += failures[final]
    return failures


def load_errors(report: dict[str, Any]) -> dict[str, str]:
    return {p["url"]: p["load_error"] for p in report.get("pages", []) if p.get("load_error")}


@dataclass
class RuleScore:
    rule_id: str
    rule_name: str
    failed: int = 0
    detected: int = 0
    passed: int = 0
    inapplicable: int = 0
    false_positives: int = 0  # passed cases failed
    inapplicable_failed: int = 0
    not_loaded: int = 0
    checks: Counter[str] = field(default_factory=Counter)  # check id -> false positives

    @property
    def consistency(self) -> str:
        if self.false_positives or self.inapplicable_failed:
            return "inconsistent"
        if self.failed and self.detected == self.failed:
            return "complete"
        return "partial" if self.detected else "untested"


@dataclass
class ActScore:
    rules: list[RuleScore]
    cases: list[dict[str, Any]]  # one per case: rule, expected, path, outcome, checks

    def total(self, attribute: str) -> int:
        return sum(int(getattr(rule, attribute)) for rule in self.rules)

    def false_positives_by_check(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        for rule in self.rules:
            counts.update(rule.checks)
        return counts


def score_act(cases: Sequence[ActCase], report: dict[str, Any], url_of: Any) -> ActScore:
    """Score `cases` on `report`; `url_of(case)` is the URL the case was audited at."""
    failures = page_failures(report)
    errors = load_errors(report)
    rules: dict[str, RuleScore] = {}
    rows = []
    for case in cases:
        rule = rules.setdefault(case.rule_id, RuleScore(case.rule_id, case.rule_name))
        url = url_of(case)
        relevant = sorted(
            {check for check, wcag in failures.get(url, []) if set(wcag) & set(case.criteria)}
        )
        if url in errors:
            rule.not_loaded += 1
        if case.expected == "failed":
            rule.failed += 1
            rule.detected += bool(relevant)
            outcome = "detected" if relevant else "missed"
        else:
            if case.expected == "passed":
                rule.passed += 1
            else:
                rule.inapplicable += 1
            if relevant and case.expected == "passed":
                rule.false_positives += 1
            elif relevant:
                rule.inapplicable_failed += 1
            rule.checks.update(relevant)
            outcome = "false positive" if relevant else "ok"
        rows.append(
            {
                "rule": case.rule_id,
                "expected": case.expected,
                "path": case.path,
                "outcome": outcome,
                "checks": relevant,
                "load_error": errors.get(url),
            }
        )
    return ActScore(sorted(rules.values(), key=lambda r: r.rule_id), rows)


def earl(score: ActScore, tool_version: str) -> dict[str, Any]:
    """An EARL report (JSON-LD), one assertion per case, as ACT implementation reports use."""
    outcome = {"detected": "earl:failed", "missed": "earl:passed"}
    outcome |= {"false positive": "earl:failed", "ok": "earl:passed"}
    return {
        "@context": "https://act-rules.github.io/earl-context.json",
        "@graph": [
            {
                "@type": "TestSubject",
                "source": case["path"],
                "assertions": [
                    {
                        "@type": "Assertion",
                        "test": {"title": case["rule"]},
                        "result": {"outcome": outcome[case["outcome"]]},
                        "mode": "earl:automatic",
                        "assertedBy": {"@id": "auditor", "version": tool_version},
                        "auditorChecks": case["checks"],
                    }
                ],
            }
            for case in score.cases
        ],
    }


def wcag_failures(report: dict[str, Any]) -> dict[str, list[str]]:
    """URL -> the ids of the checks that failed a WCAG A or AA criterion on it (on a reference
    page every such failure is a false one)."""
    failed: dict[str, set[str]] = defaultdict(set)
    for finding in report.get("findings", []):
        if finding.get("outcome") == "fail" and finding.get("level") in ("A", "AA"):
            failed[finding["url"]].add(finding["check_id"])
    return {url: sorted(checks) for url, checks in failed.items()}


def read_report(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / "report.json").read_text("utf-8"))
    return data
