"""The pipeline's data types: Target → Snapshot → CheckResult → PageResult → Run.

Everything right of `Snapshot` is pure Python; reports are functions of a `Run`.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue

SNAPSHOT_SCHEMA_VERSION = 1
RUN_SCHEMA_VERSION = 1


class Outcome(StrEnum):
    """A check's outcome on one page; axe's four buckets plus manual and error."""

    PASS = "pass"  # noqa: S105 - an outcome, not a password
    FAIL = "fail"
    NEEDS_REVIEW = "needs_review"
    INAPPLICABLE = "inapplicable"
    MANUAL = "manual"
    ERROR = "error"


class Impact(StrEnum):
    CRITICAL = "critical"
    SERIOUS = "serious"
    MODERATE = "moderate"
    MINOR = "minor"


IMPACT_ORDER = (Impact.CRITICAL, Impact.SERIOUS, Impact.MODERATE, Impact.MINOR)

TargetSource = Literal["seed", "link", "sitemap", "sample"]


class Viewport(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = "desktop"
    width: int = Field(1280, ge=200, le=8000)
    height: int = Field(800, ge=200, le=8000)


class Target(BaseModel):
    """One page the crawler asks the gatherer to visit."""

    model_config = ConfigDict(frozen=True)

    url: str
    depth: int = 0
    found_on: str | None = None
    source: TargetSource = "seed"


class Link(BaseModel):
    """A link seen in a rendered page (recorded so site-level checks can follow it)."""

    model_config = ConfigDict(frozen=True)

    url: str
    selector: str
    text: str = ""


class AxeNode(BaseModel):
    """One element an axe rule reported. `target` has one selector per frame, outermost first."""

    target: list[str | list[str]]
    html: str = ""
    failure_summary: str = ""
    impact: Impact | None = None


class AxeRuleResult(BaseModel):
    id: str
    impact: Impact | None = None
    tags: list[str] = Field(default_factory=list)
    description: str = ""
    help: str = ""
    help_url: str = ""
    nodes: list[AxeNode] = Field(default_factory=list)


class AxeRun(BaseModel):
    """axe-core's four buckets, converted from its raw JSON."""

    engine_version: str
    violations: list[AxeRuleResult] = Field(default_factory=list)
    incomplete: list[AxeRuleResult] = Field(default_factory=list)
    passes: list[AxeRuleResult] = Field(default_factory=list)
    inapplicable: list[AxeRuleResult] = Field(default_factory=list)
    frames_audited: int = 1
    frames_failed: list[str] = Field(default_factory=list)


class Snapshot(BaseModel):
    """Everything gathered from one rendered page; checks are pure functions of it."""

    schema_version: int = SNAPSHOT_SCHEMA_VERSION
    target: Target
    final_url: str
    status: int | None = None
    content_type: str | None = None
    title: str = ""
    html: str = ""
    axe: AxeRun | None = None
    probes: dict[str, JsonValue] = Field(default_factory=dict)
    links: list[Link] = Field(default_factory=list)
    console_errors: list[str] = Field(default_factory=list)
    load_error: str | None = None
    captured_at: datetime
    user_agent: str = ""
    viewport: Viewport = Field(default_factory=Viewport)
    load_ms: int = 0
    axe_ms: int = 0
    redirects: list[str] = Field(default_factory=list, description="URLs redirected through")
    retry_after: float | None = None
    canonical: str | None = None
    content_hash: str | None = Field(None, description="sha256 of the rendered DOM")
    unchanged: bool = Field(False, description="same DOM as the last run: axe was not re-run")


class Node(BaseModel):
    """The element a finding is about."""

    model_config = ConfigDict(frozen=True)

    selector: str = ""
    snippet: str = ""
    label: str = ""


class Finding(BaseModel):
    """One problem (or item for review) on one element of one page."""

    model_config = ConfigDict(frozen=True)

    check_id: str
    outcome: Outcome
    impact: Impact
    message: str
    wcag: list[str] = Field(default_factory=list)
    page_url: str
    node: Node = Field(default_factory=Node)
    viewport: str = "desktop"
    fingerprint: str


class CheckResult(BaseModel):
    check_id: str
    outcome: Outcome
    impact: Impact
    findings: list[Finding] = Field(default_factory=list)
    error: str | None = None
    duration_ms: float = 0.0


class Score(BaseModel):
    """A 0-100 score; `None` when nothing could be tested."""

    value: float | None
    band: str | None
    by_category: dict[str, float | None] = Field(default_factory=dict)
    model_version: str


class PageResult(BaseModel):
    target: Target
    final_url: str
    status: int | None = None
    title: str = ""
    load_error: str | None = None
    results: list[CheckResult] = Field(default_factory=list)
    score: Score | None = None
    links: list[Link] = Field(default_factory=list)
    frames_audited: int = 0
    load_ms: int = 0
    axe_ms: int = 0
    redirects: list[str] = Field(default_factory=list)
    duplicate_of: str | None = None
    carried_over: bool = Field(False, description="unchanged since the last run: results reused")
    attempts: int = 1

    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]


class ScoreWeights(BaseModel):
    """The most one failing check can take off its category, by impact (docs/scoring.md)."""

    critical: float = 20
    serious: float = 14
    moderate: float = 6
    minor: float = 2
    overrides: dict[str, float] = Field(default_factory=dict)


class RulesetRef(BaseModel):
    id: str
    sha256: str


class Resource(BaseModel):
    """A non-HTML resource found by a link (a PDF, say): inventoried, not rendered."""

    url: str
    found_on: str
    kind: str
    status: int | None = None
    content_type: str | None = None
    bytes: int | None = None
    error: str | None = None


class ExternalLink(BaseModel):
    """A link off the site (a hand-off to a payment or booking platform, say): not crawled."""

    url: str
    found_on: str


class CheckInfo(BaseModel):
    """A selected check's metadata, carried in the run so reports need nothing else."""

    id: str
    title: str
    impact: Impact
    wcag: list[str]
    level: str | None
    help_url: str
    description: str = ""


class RunSummary(BaseModel):
    pages_audited: int = 0
    pages_failed_to_load: int = 0
    pages_unchanged: int = 0
    pages_duplicate: int = 0
    failures: int = 0
    needs_review: int = 0
    failures_by_impact: dict[str, int] = Field(default_factory=dict)
    skipped: dict[str, int] = Field(default_factory=dict)


class Run(BaseModel):
    """A whole audit: what was run, with which engines, and every page's results."""

    schema_version: int = RUN_SCHEMA_VERSION
    id: str
    site: str
    seeds: list[str]
    started_at: datetime
    finished_at: datetime
    tool_version: str
    axe_version: str | None
    browser_version: str | None
    ruleset: RulesetRef
    score_model_version: str
    score_weights: ScoreWeights = Field(default_factory=ScoreWeights)
    category_weights: dict[str, float] = Field(default_factory=dict)
    config: dict[str, Any]
    checks: list[CheckInfo] = Field(default_factory=list)
    pages: list[PageResult] = Field(default_factory=list)
    site_results: list[CheckResult] = Field(default_factory=list)
    resources: list[Resource] = Field(default_factory=list)
    external_links: list[ExternalLink] = Field(default_factory=list)
    score: Score | None = None
    summary: RunSummary = Field(default_factory=RunSummary)
    warnings: list[str] = Field(default_factory=list)

    def findings(self) -> list[Finding]:
        found = [f for p in self.pages for f in p.findings()]
        found += [f for r in self.site_results for f in r.findings]
        return found


_NTH = re.compile(r":nth-(child|of-type)\(\d+\)")


def normalise_selector(selector: str) -> str:
    """Drop positional parts that shift when a sibling is inserted."""
    return " ".join(_NTH.sub("", selector).split())


def fingerprint(check_id: str, url: str, selector: str) -> str:
    """Stable identity of a finding across runs: check, page and element."""
    key = "\x1f".join((check_id, url, normalise_selector(selector)))
    return hashlib.sha256(key.encode()).hexdigest()[:32]
