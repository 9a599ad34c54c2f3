"""Checked pages → the Run every report renders: site checks, scores, the summary (pure)."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from auditor import __version__
from auditor.config import AuditConfig
from auditor.lgdss import scorecard as lgdss_scorecard
from auditor.models import (
    ExternalLink,
    Finding,
    NotAuditedFamily,
    Outcome,
    PageResult,
    Resource,
    RulesetRef,
    Run,
    RunSummary,
    ScoreWeights,
    SiteFacts,
)
from auditor.pipeline.evaluate import apply_site_checks, check_documents, check_info
from auditor.ruleset import Ruleset
from auditor.scoring import MODEL_VERSION, document_score, score, with_categories
from auditor.web.urls import origin


def new_run_id(now: datetime) -> str:
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def assemble_run(
    *,
    pages: list[PageResult],
    config: AuditConfig,
    ruleset: Ruleset,
    started_at: datetime,
    seeds: Sequence[str],
    browser_version: str | None,
    axe_version: str | None,
    resources: Iterable[Resource] = (),
    skipped: dict[str, int] | None = None,
    warnings: Sequence[str] = (),
    run_id: str | None = None,
    finished_at: datetime | None = None,
    external_links: Sequence[ExternalLink] = (),
    site_facts: SiteFacts | None = None,
    not_audited: Sequence[NotAuditedFamily] = (),
) -> Run:
    """Site checks, scores and summary over checked pages → the Run every report renders.

    With no page loaded nothing is claimed: no site check, no score, no LGDSS scorecard."""
    selected = ruleset.selected_checks()
    any_loaded = any(not p.load_error and not p.duplicate_of for p in pages)
    if any_loaded:
        apply_site_checks(pages, selected.values(), site_facts)
    resources = list(resources)
    documents = check_documents(resources, pages, selected.values()) if any_loaded else []
    infos = {cid: check_info(cls, ruleset.wcag_version) for cid, cls in selected.items()}
    for page in pages:
        if not page.load_error and not page.duplicate_of:
            page.score = score([page], infos, ruleset.weights, ruleset.categories)
    pages.sort(key=lambda p: (p.target.depth, p.target.url))
    loaded = [p for p in pages if not p.load_error and not p.duplicate_of]
    duplicates = sum(1 for p in pages if p.duplicate_of)
    finished = finished_at or datetime.now(UTC)
    error_warning = _error_share_warning(
        len(loaded), len(pages) - len(loaded) - duplicates, config.max_error_share
    )
    if error_warning:
        warnings = [error_warning, *warnings]
    run = Run(
        id=run_id or new_run_id(started_at),
        site=origin(seeds[0]) if seeds else "",
        seeds=list(seeds),
        started_at=started_at,
        finished_at=finished,
        tool_version=__version__,
        axe_version=axe_version,
        browser_version=browser_version,
        ruleset=RulesetRef(id=ruleset.id, sha256=ruleset.sha256, wcag_version=ruleset.wcag_version),
        score_model_version=MODEL_VERSION,
        score_weights=ScoreWeights.model_validate(ruleset.weights.model_dump()),
        category_weights=dict(ruleset.categories),
        config=config.redacted(),
        checks=list(infos.values()),
        pages=pages,
        resources=sorted(resources, key=lambda r: r.url),
        documents=documents,
        documents_score=document_score(documents, ruleset.weights),
        external_links=list(external_links),
        site_facts=site_facts,
        score=score(loaded, infos, ruleset.weights, ruleset.categories) if loaded else None,
        summary=summarise(
            pages,
            [f for p in pages for f in p.findings()],
            skipped=skipped,
            not_audited=not_audited,
            error_share_warning=error_warning,
        ),
        warnings=list(warnings),
    )
    if not loaded:
        return run
    run.lgdss = lgdss_scorecard(run)
    # Scored outside the pages, and only when the ruleset weighs them (the council ruleset does).
    outside = {"documents": run.documents_score, "lgdss": run.lgdss.score}
    extra = {name: value for name, value in outside.items() if name in ruleset.categories}
    if extra:
        run.score = with_categories(run.score, extra, ruleset.categories)
    return run


def summarise(
    pages: Sequence[PageResult],
    findings: Sequence[Finding],
    *,
    skipped: dict[str, int] | None = None,
    not_audited: Sequence[NotAuditedFamily] = (),
    error_share_warning: str | None = None,
) -> RunSummary:
    """The run's counts: pages audited, failed, unchanged and duplicate; failures by impact;
    review items. Crawled runs and journey runs are summed the same way."""
    loaded = [p for p in pages if not p.load_error and not p.duplicate_of]
    duplicates = sum(1 for p in pages if p.duplicate_of)
    failures = [f for f in findings if f.outcome is Outcome.FAIL]
    by_impact: dict[str, int] = {}
    for finding in failures:
        by_impact[finding.impact.value] = by_impact.get(finding.impact.value, 0) + 1
    return RunSummary(
        pages_audited=len(loaded),
        pages_failed_to_load=len(pages) - len(loaded) - duplicates,
        pages_unchanged=sum(1 for p in loaded if p.carried_over),
        pages_duplicate=duplicates,
        failures=len(failures),
        needs_review=sum(1 for f in findings if f.outcome is Outcome.NEEDS_REVIEW),
        failures_by_impact=dict(sorted(by_impact.items())),
        skipped=dict(sorted((skipped or {}).items())),
        not_audited=list(not_audited),
        error_share_warning=error_share_warning,
    )


def _error_share_warning(loaded: int, failed: int, max_share: float) -> str | None:
    """One sentence for the top of the report when too many pages failed to load."""
    total = loaded + failed
    if not total or not loaded or failed * 100 <= max_share * total:
        return None
    return (
        f"{failed} of {total} pages ({failed * 100 / total:.0f}%) could not be loaded, more than "
        f"the {max_share:g}% allowed (--max-error-share): the scores describe only the "
        f"{loaded} pages that loaded"
    )
