"""The JSON report: a public contract. Later versions may add fields, never rename or remove them.

Its JSON Schema is published as docs/report.schema.json (`auditor schema`
prints it) and a test fails if the two drift apart.
"""

from __future__ import annotations

import json
from datetime import datetime

from pydantic import BaseModel, Field

from auditor.models import (
    CheckInfo,
    DocumentFacts,
    DocumentResult,
    Finding,
    Impact,
    KnownFinding,
    LgdssScorecard,
    NotAuditedFamily,
    Outcome,
    PageResult,
    Resource,
    Run,
    ThresholdBreach,
)
from auditor.scoring import check_stats

REPORT_SCHEMA_VERSION = "1.5"  # 1.5: versions.ruleset.wcag_version


class RulesetVersion(BaseModel):
    id: str
    sha256: str
    wcag_version: str = Field("2.1", description="the WCAG version audited against")


class Versions(BaseModel):
    """Everything that changes what a score means."""

    tool: str
    axe_core: str | None
    browser: str | None
    score_model: str
    ruleset: RulesetVersion


class ReportFinding(BaseModel):
    check_id: str
    title: str
    outcome: Outcome = Field(description="fail, or needs_review when a person must judge")
    impact: Impact
    wcag: list[str] = Field(description='WCAG success criteria, such as "1.1.1"')
    level: str | None = Field(description="WCAG level (A, AA) or null for best practice")
    url: str
    selector: str = Field(description="CSS selector; frames are joined with ' >>> '")
    snippet: str
    viewport: str
    states: list[str] = Field(
        default_factory=list,
        description="journey findings: every state where it was seen ('step 2 submitted empty')",
    )
    message: str
    fingerprint: str = Field(description="stable across runs: check, page and element")
    help_url: str


class PageCheck(BaseModel):
    check_id: str
    outcome: Outcome
    elements_failed: int


class ReportPage(BaseModel):
    url: str
    final_url: str
    status: int | None
    title: str
    depth: int
    found_on: str | None
    load_error: str | None
    score: float | None
    band: str | None
    failures: int
    needs_review: int
    results: list[PageCheck] = Field(description="every check's outcome: the score's inputs")
    redirects: list[str] = Field(default_factory=list, description="URLs redirected through")
    duplicate_of: str | None = Field(None, description="same page as this URL: not re-checked")
    carried_over: bool = Field(False, description="unchanged since the last run: results reused")


class ReportCheck(BaseModel):
    id: str
    title: str
    impact: Impact
    wcag: list[str]
    level: str | None
    category: str = Field(description="the score category it takes points off")
    also_counts_in: str | None = Field(
        None,
        description="the WCAG level's category (wcag-a, wcag-aa) it takes the same points off "
        "too, when that is not `category` (score model 3.0)",
    )
    help_url: str
    pages_judged: int
    pages_failed: int
    elements_failed: int
    deduction: float = Field(description="points this check took off its category")


class ReportSummary(BaseModel):
    pages_audited: int
    pages_failed_to_load: int
    failures: int
    needs_review: int
    failures_by_impact: dict[str, int]
    skipped: dict[str, int] = Field(description="URLs not audited, by reason")
    pages_unchanged: int = Field(0, description="pages whose results were carried over")
    pages_duplicate: int = Field(0, description="pages found to duplicate another")
    not_audited: list[NotAuditedFamily] = Field(
        default_factory=list, description="URLs not audited, by reason and family"
    )
    error_share_warning: str | None = Field(
        None, description="set when more pages failed to load than --max-error-share allows"
    )


class ReportResource(BaseModel):
    url: str
    found_on: str
    kind: str
    status: int | None = None
    content_type: str | None = None
    bytes: int | None = None
    error: str | None = None
    document: DocumentFacts | None = Field(None, description="facts read from the file")
    results: list[PageCheck] = Field(
        default_factory=list, description="documents/ checks' outcomes on this document"
    )
    failures: int = 0


class ReportDesignSystem(BaseModel):
    name: str
    version: str | None
    pages: int = Field(description="pages using this system at this version")
    example: str = Field(description="one page that uses it")


class ReportExternalLink(BaseModel):
    url: str
    found_on: str


class ReportComparison(BaseModel):
    baseline: str
    new: list[ReportFinding] = Field(description="failures not in the baseline: these gate")
    fixed: list[KnownFinding] = Field(description="baseline findings gone from audited pages")
    persisting: int
    score_before: float | None
    engine_changed: list[str]


class ReportGate(BaseModel):
    passed: bool
    breaches: list[ThresholdBreach]
    comparison: ReportComparison | None


class ReportJourneyStep(BaseModel):
    """One state of a journey: the page after an action, or an error state after a submit."""

    index: int = Field(description="the journey file's step (0-based; -1 the start page)")
    action: str
    kind: str = Field(
        description="action, error_empty, error_invalid, stopped, broken or untested (error "
        "states that could not be probed, and why)"
    )
    url: str
    title: str
    screenshot: str | None = Field(description="PNG relative to the report folder")
    same_as: int | None = Field(description="unchanged since this step: not re-checked")
    note: str | None
    findings: list[ReportFinding]


class ReportJourney(BaseModel):
    """A journey in one viewport (auditor journey): its steps in order, or where it broke."""

    name: str
    file: str
    viewport: str
    status: str = Field(description="completed, stopped_before_final or broken")
    start_url: str
    error: str | None
    submissions_probed: int
    steps: list[ReportJourneyStep]


class JsonReport(BaseModel):
    """The JSON report of one run."""

    schema_version: str = REPORT_SCHEMA_VERSION
    run_id: str
    site: str
    seeds: list[str]
    started_at: datetime
    finished_at: datetime
    versions: Versions
    score: float | None = Field(description="site score 0-100, null if nothing could be judged")
    band: str | None
    categories: dict[str, float | None]
    summary: ReportSummary
    checks: list[ReportCheck]
    pages: list[ReportPage]
    findings: list[ReportFinding]
    resources: list[ReportResource]
    external_links: list[ReportExternalLink] = Field(
        default_factory=list, description="links off the site (hand-offs), not crawled"
    )
    documents_score: float | None = Field(
        None, description="0-100 over the documents alone (docs/scoring.md)"
    )
    lgdss: LgdssScorecard | None = Field(
        None, description="the LGDSS scorecard: 15 points with status, confidence and evidence"
    )
    design_systems: list[ReportDesignSystem] = Field(
        default_factory=list, description="design systems detected, with versions and page counts"
    )
    warnings: list[str]
    gate: ReportGate | None = Field(
        None,
        description="the CI gate, when thresholds or a "
        "baseline applied (exit code 2 when not passed)",
    )
    journeys: list[ReportJourney] = Field(
        default_factory=list, description="scripted journeys step by step (auditor journey)"
    )


def _journeys(run: Run, infos: dict[str, CheckInfo]) -> list[ReportJourney]:
    return [
        ReportJourney(
            **j.model_dump(include={"name", "file", "viewport", "status", "start_url", "error"}),
            submissions_probed=j.submissions_probed,
            steps=[
                ReportJourneyStep(
                    **s.model_dump(
                        include={"index", "action", "kind", "url", "title", "screenshot"}
                        | {"same_as", "note"}
                    ),
                    findings=[_finding(f, infos) for f in s.findings()],
                )
                for s in j.steps
            ],
        )
        for j in run.journeys
    ]


def _finding(f: Finding, infos: dict[str, CheckInfo]) -> ReportFinding:
    info = infos.get(f.check_id)
    return ReportFinding(
        check_id=f.check_id,
        title=info.title if info else "",
        outcome=f.outcome,
        impact=f.impact,
        wcag=f.wcag,
        level=info.level if info else None,
        url=f.page_url,
        selector=f.node.selector,
        snippet=f.node.snippet,
        viewport=f.viewport,
        states=f.states,
        message=f.message,
        fingerprint=f.fingerprint,
        help_url=info.help_url if info else "",
    )


def _gate(run: Run, infos: dict[str, CheckInfo]) -> ReportGate | None:
    if run.gate is None:
        return None
    c = run.gate.comparison
    comparison = None
    if c is not None:
        comparison = ReportComparison(
            baseline=c.baseline,
            new=[_finding(f, infos) for f in c.new],
            fixed=c.fixed,
            persisting=c.persisting,
            score_before=c.score_before,
            engine_changed=c.engine_changed,
        )
    return ReportGate(passed=run.gate.passed, breaches=run.gate.breaches, comparison=comparison)


def _resource(resource: Resource, document: DocumentResult | None) -> ReportResource:
    results = document.results if document else []
    return ReportResource(
        **resource.model_dump(exclude={"document"}),
        document=resource.document,
        results=[
            PageCheck(
                check_id=r.check_id,
                outcome=r.outcome,
                elements_failed=sum(1 for f in r.findings if f.outcome is Outcome.FAIL),
            )
            for r in results
        ],
        failures=sum(1 for r in results if r.outcome is Outcome.FAIL),
    )


def _design_systems(run: Run) -> list[ReportDesignSystem]:
    pages: dict[tuple[str, str | None], list[str]] = {}
    for page in run.pages:
        for system in page.design_systems:
            pages.setdefault((system.name, system.version), []).append(page.target.url)
    return [
        ReportDesignSystem(name=name, version=version, pages=len(urls), example=urls[0])
        for (name, version), urls in sorted(
            pages.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")
        )
    ]


def scored_pages(run: Run) -> list[PageResult]:
    """The pages the run's score was computed from: the pages that loaded, or, for a run of
    journeys alone (`auditor journey`), every state its journeys audited."""
    loaded = [p for p in run.pages if not p.load_error]
    if run.pages:
        return loaded
    return [s.page for j in run.journeys for s in j.steps if s.page is not None]


def build_report(run: Run) -> JsonReport:
    infos = {c.id: c for c in run.checks}
    documents = {d.resource.url: d for d in run.documents}
    stats = check_stats(scored_pages(run), infos, run.score_weights)
    findings = sorted(run.findings(), key=lambda f: (f.page_url, f.check_id, f.node.selector))
    return JsonReport(
        run_id=run.id,
        site=run.site,
        seeds=run.seeds,
        started_at=run.started_at,
        finished_at=run.finished_at,
        versions=Versions(
            tool=run.tool_version,
            axe_core=run.axe_version,
            browser=run.browser_version,
            score_model=run.score_model_version,
            ruleset=RulesetVersion(
                id=run.ruleset.id,
                sha256=run.ruleset.sha256,
                wcag_version=run.ruleset.wcag_version,
            ),
        ),
        score=run.score.value if run.score else None,
        band=run.score.band if run.score else None,
        categories=run.score.by_category if run.score else {},
        summary=ReportSummary(**run.summary.model_dump()),
        checks=[
            ReportCheck(
                id=s.check_id,
                title=infos[s.check_id].title,
                impact=s.impact,
                wcag=infos[s.check_id].wcag,
                level=infos[s.check_id].level,
                category=s.category,
                also_counts_in=s.conformance,
                help_url=infos[s.check_id].help_url,
                pages_judged=s.pages_judged,
                pages_failed=s.pages_failed,
                elements_failed=s.elements_failed,
                deduction=s.deduction,
            )
            for s in stats
        ],
        pages=[
            ReportPage(
                url=p.target.url,
                final_url=p.final_url,
                status=p.status,
                title=p.title,
                depth=p.target.depth,
                found_on=p.target.found_on,
                load_error=p.load_error,
                score=p.score.value if p.score else None,
                band=p.score.band if p.score else None,
                failures=sum(1 for f in p.findings() if f.outcome is Outcome.FAIL),
                needs_review=sum(1 for f in p.findings() if f.outcome is Outcome.NEEDS_REVIEW),
                results=[
                    PageCheck(
                        check_id=r.check_id,
                        outcome=r.outcome,
                        elements_failed=sum(1 for f in r.findings if f.outcome is Outcome.FAIL),
                    )
                    for r in sorted(p.results, key=lambda r: r.check_id)
                ],
                redirects=p.redirects,
                duplicate_of=p.duplicate_of,
                carried_over=p.carried_over,
            )
            for p in run.pages
        ],
        findings=[_finding(f, infos) for f in findings],
        resources=[_resource(r, documents.get(r.url)) for r in run.resources],
        documents_score=run.documents_score,
        lgdss=run.lgdss,
        design_systems=_design_systems(run),
        external_links=[ReportExternalLink(**e.model_dump()) for e in run.external_links],
        gate=_gate(run, infos),
        warnings=run.warnings,
        journeys=_journeys(run, infos),
    )


def report_schema() -> str:
    return json.dumps(JsonReport.model_json_schema(), indent=2, sort_keys=True) + "\n"


class JsonReporter:
    name = "json"
    suffix = ".json"

    def render(self, run: Run) -> str:
        return build_report(run).model_dump_json(indent=2) + "\n"
