"""The pure part of the peers benchmark: each tool's output as findings, matched to seeded defects.

No browser, no npm: these functions read the files the tools wrote (tests/benchmarks/ checks them
on recorded samples of each tool's real output).

A `Finding` is one failing element (or page) the tool reports: the page's URL path, the axe rule
(or auditor check) that failed, and the selector chain from the top document down through frames
to the element. Items a tool only flags for review are not failures: axe's "incomplete" (pa11y's
`needsFurtherReview`, the auditor's `needs_review`), and Lighthouse audits that are manual,
informative or not applicable.

Matching a finding to a seeded defect (fixtures/sites/*/defects*.toml):
- the page path is equal (the path of the page as crawled; a defect inside a frame is reported on
  the page that embeds it);
- the rule is equal: a defect's `check` is `axe/<rule>` or a custom check id; the peers report axe
  rule ids (Lighthouse's accessibility audit ids are axe rule ids), which are compared as
  `axe/<rule>`. Two custom checks have an axe rule testing the same thing on the same element
  (`SAME_DEFECT`: target size, zoom blocked), which counts too; the other custom checks' defects
  (keyboard, reflow, link text...) no axe rule can match;
- when the defect names a selector, the innermost selector of the finding must end in a compound
  selector holding it (`#council-logo` matches `#council-logo`, Lighthouse's
  `body > main > div.welcome > img#council-logo`, but not `#council-logo-link`); when the defect
  names a `frame`, the finding must come from inside a frame (its chain has more than one part).
  A defect without a selector (a page-level rule such as `document-title`) matches any finding of
  that rule on that page.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

FRAME_SEPARATOR = ">>>"  # how the auditor joins a selector chain through frames
COMBINATOR = re.compile(r"\s*[>+~]\s*|\s+")
SIMPLE = re.compile(r"([#.]?[A-Za-z_\-][\w\-]*|\[[^\]]*\])")
# Lighthouse shows these scoreDisplayModes for audits that did not fail or cannot fail alone.
LIGHTHOUSE_NOT_FAILED = {"manual", "notApplicable", "informative", "error"}
# A peer's axe rule that tests the same success criterion on the same element as one of our
# custom checks: a seeded defect of that check counts as found by it.
SAME_DEFECT = {
    "custom/target-size": "axe/target-size",  # 2.5.8; axe tags it wcag22aa, Lighthouse runs it
    "custom/zoom-blocked": "axe/meta-viewport",  # 1.4.4, the same user-scalable=no meta tag
}


@dataclass(frozen=True)
class Finding:
    """One failure a tool reports: page path, `axe/<rule>` or check id, selectors top → inner."""

    path: str
    rule: str
    selectors: tuple[str, ...] = ()

    @property
    def in_frame(self) -> bool:
        return len(self.selectors) > 1


@dataclass(frozen=True)
class Defect:
    """One seeded defect from a defects*.toml file."""

    id: str
    path: str
    check: str
    selector: str | None = None
    frame: str | None = None


def url_path(url: str) -> str:
    return urlsplit(url).path or "/"


def load_defects(folder: Path) -> list[Defect]:
    """Every [[defect]] of every defects*.toml in `folder`, in file then file order."""
    return [d for file in sorted(folder.glob("defects*.toml")) for d in load_defects_file(file)]


def load_defects_file(file: Path) -> list[Defect]:
    """The [[defect]] entries of one defects*.toml file."""
    return [
        Defect(
            id=entry["id"],
            path=entry["path"],
            check=entry["check"],
            selector=entry.get("selector"),
            frame=entry.get("frame"),
        )
        for entry in tomllib.loads(file.read_text("utf-8")).get("defect", [])
    ]


# --- each tool's output ---------------------------------------------------------------------


def from_auditor(report: Mapping[str, Any]) -> list[Finding]:
    """report.json of `auditor audit`: findings with outcome "fail" (every viewport)."""
    found: list[Finding] = []
    for item in report.get("findings", []):
        if item.get("outcome") != "fail":
            continue
        chain = tuple(s.strip() for s in (item.get("selector") or "").split(FRAME_SEPARATOR))
        found.append(Finding(url_path(item["url"]), item["check_id"], tuple(s for s in chain if s)))
    return found


def from_pa11y_ci(output: Mapping[str, Any]) -> list[Finding]:
    """`pa11y-ci --json` with the axe runner: issues not marked `needsFurtherReview`.

    pa11y's axe runner turns axe's impact into a level (critical/serious → error, moderate →
    warning, minor → notice), so failures of moderate rules arrive as warnings: every level is
    kept (the config sets includeWarnings and includeNotices), incomplete results are not.
    A page pa11y could not load appears as an object with a `message` instead of an issue.
    """
    found: list[Finding] = []
    for url, issues in output.get("results", {}).items():
        for issue in issues:
            extras = issue.get("runnerExtras") or {}
            if "code" not in issue or extras.get("needsFurtherReview"):
                continue
            selector = issue.get("selector") or ""
            chain = (selector,) if selector else ()
            found.append(Finding(url_path(url), f"axe/{issue['code']}", chain))
    return found


def pa11y_ci_errors(output: Mapping[str, Any]) -> dict[str, str]:
    """Pages pa11y-ci could not test, with its message."""
    errors: dict[str, str] = {}
    for url, issues in output.get("results", {}).items():
        for issue in issues:
            if "code" not in issue and "message" in issue:
                errors[url] = str(issue["message"])
    return errors


def from_axe_cli(output: Sequence[Mapping[str, Any]]) -> list[Finding]:
    """`axe URL... --stdout`: one axe result per page; each violation node's `target` is the
    selector chain through frames (top first)."""
    found: list[Finding] = []
    for page in output:
        path = url_path(page["url"])
        for violation in page.get("violations", []):
            for node in violation.get("nodes", []):
                chain = tuple(_target_part(part) for part in node.get("target", []))
                found.append(Finding(path, f"axe/{violation['id']}", chain))
    return found


def _target_part(part: Any) -> str:
    # Inside shadow DOM axe gives a list of selectors, one per shadow root.
    return " ".join(part) if isinstance(part, list) else str(part)


def from_lighthouse(lhr: Mapping[str, Any], accessibility_audits: Iterable[str]) -> list[Finding]:
    """A Lighthouse result (lhr JSON): failed binary audits of the accessibility category, one
    finding per item node (Lighthouse's selector is a path from the body; its audit id is the axe
    rule id)."""
    path = url_path(lhr.get("finalDisplayedUrl") or lhr.get("finalUrl") or lhr["requestedUrl"])
    found: list[Finding] = []
    for audit_id in accessibility_audits:
        audit = lhr["audits"].get(audit_id)
        if not audit or audit.get("scoreDisplayMode") in LIGHTHOUSE_NOT_FAILED:
            continue
        if audit.get("score") is None or audit["score"] >= 1:
            continue
        items = (audit.get("details") or {}).get("items") or [{}]
        for item in items:
            selector = (item.get("node") or {}).get("selector") or ""
            found.append(Finding(path, f"axe/{audit_id}", (selector,) if selector else ()))
    return found


def lighthouse_accessibility_audits(lhr: Mapping[str, Any]) -> list[str]:
    """Audit ids of the accessibility category in this result."""
    category = lhr.get("categories", {}).get("accessibility", {})
    return [ref["id"] for ref in category.get("auditRefs", [])]


def lighthouse_failed_to_load(lhr: Mapping[str, Any]) -> str | None:
    """The runtime error of a result whose page did not load, else None."""
    error = lhr.get("runtimeError")
    return str(error.get("code")) if isinstance(error, Mapping) else None


# --- matching -------------------------------------------------------------------------------


def last_compound(selector: str) -> str:
    """The last compound selector: `main > div.x img#logo` → `img#logo`."""
    parts = [p for p in COMBINATOR.split(selector.strip()) if p]
    return parts[-1] if parts else ""


def _simples(compound: str) -> set[str]:
    return set(SIMPLE.findall(compound))


def selector_matches(found: str, seeded: str) -> bool:
    """True when the finding's element is the seeded one: every simple selector of the seeded
    selector's last compound is in the finding's last compound."""
    want = _simples(last_compound(seeded))
    return bool(want) and want <= _simples(last_compound(found))


def matches(finding: Finding, defect: Defect) -> bool:
    if finding.path != defect.path:
        return False
    if finding.rule not in (defect.check, SAME_DEFECT.get(defect.check)):
        return False
    if defect.frame and not finding.in_frame:
        return False
    if not defect.selector:
        return True
    return bool(finding.selectors) and selector_matches(finding.selectors[-1], defect.selector)


def defects_found(findings: Iterable[Finding], defects: Iterable[Defect]) -> list[str]:
    """Ids of the defects at least one finding matches, in the defects' order."""
    found = list(findings)
    return [d.id for d in defects if any(matches(f, d) for f in found)]


def unmatched(findings: Iterable[Finding], defects: Sequence[Defect]) -> list[Finding]:
    """Findings that match no seeded defect: on a site whose defects are all listed, false
    positives (or defects the list does not know of)."""
    return [f for f in findings if not any(matches(f, d) for d in defects)]


def distinct(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per page, rule and element (the auditor reports a finding per viewport)."""
    return list(dict.fromkeys(findings))
