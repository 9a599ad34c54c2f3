"""A whole audit (Run) and what it carries besides pages: score settings, gate, journeys, LGDSS."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from auditor.models.core import RUN_SCHEMA_VERSION, Impact
from auditor.models.findings import CheckInfo, CheckResult, Finding, Score
from auditor.models.site import DocumentResult, ExternalLink, PageResult, Resource, SiteFacts


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
    wcag_version: str = Field(
        "2.1", description="the WCAG version the ruleset audits against (2.1, or 2.2)"
    )


class ThresholdBreach(BaseModel):
    """One threshold the run broke (a minimum score, a maximum of failures, a check that must
    never fail)."""

    rule: str
    limit: float
    actual: float
    message: str


class KnownFinding(BaseModel):
    """A finding recorded in a baseline file: enough to recognise it and to say what it was."""

    model_config = ConfigDict(frozen=True)

    fingerprint: str
    check_id: str
    page: str = Field(description="path and query of the page")
    selector: str
    impact: Impact
    message: str = ""


class BaselineComparison(BaseModel):
    """The run against a baseline: only `new` findings can fail a gated build."""

    baseline: str
    new: list[Finding] = Field(default_factory=list)
    fixed: list[KnownFinding] = Field(default_factory=list)
    persisting: int = 0
    score_before: float | None = None
    engine_changed: list[str] = Field(
        default_factory=list, description="versions that differ from the baseline's"
    )


class GateResult(BaseModel):
    """Whether the run passes the CI gate (exit code 2 when it does not)."""

    passed: bool
    breaches: list[ThresholdBreach] = Field(default_factory=list)
    comparison: BaselineComparison | None = None


class NotAuditedFamily(BaseModel):
    """URLs of one family (one path pattern) that were not audited for one reason."""

    reason: str = Field(description="why, e.g. 'max pages' (sampled) or a trap")
    family: str = Field(description="the path pattern the URLs share, e.g. /meetings/{n}")
    not_audited: int
    audited: int = Field(description="pages of the same family that were audited")
    example: str = Field(description="one URL of the family that was not audited")


class RunSummary(BaseModel):
    pages_audited: int = 0
    pages_failed_to_load: int = 0
    pages_unchanged: int = 0
    pages_duplicate: int = 0
    failures: int = 0
    needs_review: int = 0
    failures_by_impact: dict[str, int] = Field(default_factory=dict)
    skipped: dict[str, int] = Field(default_factory=dict)
    not_audited: list[NotAuditedFamily] = Field(
        default_factory=list, description="URLs not audited, by reason and family"
    )
    error_share_warning: str | None = Field(
        None, description="set when more pages failed to load than --max-error-share allows"
    )


class JourneyStep(BaseModel):
    """One state of a journey: the page after an action, or a form's error state after the
    auditor submitted it empty or with wrong values. Never holds a value typed (test data)."""

    index: int = Field(description="the journey file's step (0-based)")
    action: str = Field(description="what was done, e.g. 'Click #continue'")
    kind: Literal["action", "error_empty", "error_invalid", "stopped", "broken", "untested"] = (
        "action"
    )
    url: str = ""
    title: str = ""
    screenshot: str | None = Field(None, description="PNG file, relative to the report folder")
    page: PageResult | None = Field(None, description="every check's results on this state")
    same_as: int | None = Field(
        None, description="the page did not change since this step's state: not re-checked"
    )
    note: str | None = None

    def findings(self) -> list[Finding]:
        return self.page.findings() if self.page else []

    def state_label(self) -> str:
        """This state as a person would name it: 'start page', 'after step 2', 'step 2
        submitted empty'."""
        if self.index < 0:
            return "start page"
        step = f"step {self.index + 1}"
        if self.kind == "error_empty":
            return f"{step} submitted empty"
        if self.kind == "error_invalid":
            return f"{step} submitted with wrong values"
        if self.kind == "untested":
            return f"before {step}, its control"
        return f"after {step}"


class JourneyResult(BaseModel):
    """One journey run in one viewport: its steps in order, or where it broke."""

    name: str
    file: str = ""
    viewport: str = "desktop"
    status: Literal["completed", "stopped_before_final", "broken"]
    start_url: str
    steps: list[JourneyStep] = Field(default_factory=list)
    error: str | None = Field(None, description="why it broke: the step and what went wrong")
    submissions_probed: int = Field(0, description="error states probed (empty and invalid)")

    def findings(self) -> list[Finding]:
        """Every state's findings as they were seen; `journey_problems` gives each once."""
        return [f for s in self.steps for f in s.findings()]


def journey_problems(journeys: list[JourneyResult]) -> list[Finding]:
    """Each problem of the journeys once: a finding on the same element of the same page
    (its fingerprint) with the same outcome, seen in several states of one journey (before and
    after a submission, in both viewports), is one finding listing the states and viewports."""
    merged: dict[tuple[str, str, str], Finding] = {}
    for journey in journeys:
        for step in journey.steps:
            label = step.state_label()
            for finding in step.findings():
                key = (journey.name, finding.fingerprint, finding.outcome.value)
                first = merged.get(key, finding)
                states = [*first.states, label] if first is not finding else [label]
                views = [*(first.viewports or [first.viewport]), journey.viewport]
                merged[key] = first.model_copy(
                    update={
                        "states": list(dict.fromkeys(states)),
                        "viewports": list(dict.fromkeys(views)),
                    }
                )
    return list(merged.values())


LgdssStatus = Literal["met", "partly met", "not met", "signals only", "needs self-assessment"]


Confidence = Literal["strong", "proxy", "weak", "none"]


class Evidence(BaseModel):
    """LGDSS evidence: one thing seen: a sentence, and the page or finding it came from."""

    text: str
    url: str | None = None


class LgdssPoint(BaseModel):
    number: int = Field(ge=1, le=15)
    title: str
    status: LgdssStatus
    confidence: Confidence
    signals: list[str] = Field(default_factory=list, description="what the tool looked for")
    evidence: list[Evidence] = Field(default_factory=list)


class LgdssScorecard(BaseModel):
    points: list[LgdssPoint]
    score: float | None = Field(
        None, description="0-100 over points with a verdict (docs/scoring.md); null if none"
    )


class RunHeader(BaseModel):
    """Which run, of which site, when, with which engines and rules: what every stored summary,
    report and trend repeats of a run, defined once."""

    id: str
    site: str
    started_at: datetime
    finished_at: datetime
    tool_version: str
    axe_version: str | None
    browser_version: str | None
    ruleset: RulesetRef
    score_model_version: str

    def header(self) -> RunHeader:
        """Just the header (of a Run or a summary)."""
        return RunHeader.model_validate(self.model_dump(include=set(RunHeader.model_fields)))


class Run(RunHeader):
    """A whole audit: what was run, with which engines, and every page's results."""

    schema_version: int = RUN_SCHEMA_VERSION
    seeds: list[str]
    score_weights: ScoreWeights = Field(default_factory=ScoreWeights)
    category_weights: dict[str, float] = Field(default_factory=dict)
    config: dict[str, Any]
    checks: list[CheckInfo] = Field(default_factory=list)
    pages: list[PageResult] = Field(default_factory=list)
    site_results: list[CheckResult] = Field(default_factory=list)
    resources: list[Resource] = Field(default_factory=list)
    documents: list[DocumentResult] = Field(
        default_factory=list, description="documents/ check results, one entry per document"
    )
    documents_score: float | None = Field(
        None, description="0-100 over the documents alone (docs/scoring.md); null if none judged"
    )
    external_links: list[ExternalLink] = Field(default_factory=list)
    site_facts: SiteFacts | None = Field(
        None, description="security.txt and HTTP to HTTPS facts per origin, when gathered"
    )
    score: Score | None = None
    summary: RunSummary = Field(default_factory=RunSummary)
    warnings: list[str] = Field(default_factory=list)
    gate: GateResult | None = None
    journeys: list[JourneyResult] = Field(
        default_factory=list, description="scripted journeys, step by step (auditor journey)"
    )
    lgdss: LgdssScorecard | None = Field(
        None, description="the LGDSS scorecard: 15 points with evidence (auditor/lgdss.py)"
    )

    def findings(self) -> list[Finding]:
        found = [f for p in self.pages for f in p.findings()]
        found += [f for r in self.site_results for f in r.findings]
        found += journey_problems(self.journeys)
        found += [f for d in self.documents for f in d.findings()]
        return found
