"""What changed between runs, without a database: the diff of two `Run`s (findings by stable
fingerprint, pages, scores) and a site's score trend, marking the runs whose scores are not
comparable with the run before (another tool, axe-core or Chromium version, ruleset or score
model). Pure functions over pydantic models, for the CLI and for reports alike.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from pydantic import BaseModel, Field, computed_field

from auditor.models import Finding, Outcome, Run, RunHeader, page_key


class RunRecord(RunHeader):
    """The compact summary of one run that the history keeps for ever: `history prune` deletes
    a run's pages, findings and JSON but keeps this, so trends still show the run."""

    score: float | None
    by_category: dict[str, float | None] = Field(default_factory=dict)
    pages: int = 0
    failures: int = 0
    needs_review: int = 0
    failures_by_impact: dict[str, int] = Field(default_factory=dict)
    pruned: bool = Field(False, description="pages and findings deleted by history prune")

    def flat(self) -> dict[str, object]:
        """As `history show --json` prints it: the header spelled as the summary table's columns
        (`run_id`, `ruleset_id`, `ruleset_sha256`), then the summary."""
        data = self.model_dump(mode="json")
        ruleset = data.pop("ruleset")
        header = {"run_id": data.pop("id")}
        for name in ("site", "started_at", "finished_at", "tool_version", "axe_version"):
            header[name] = data.pop(name)
        header["browser_version"] = data.pop("browser_version")
        header["ruleset_id"], header["ruleset_sha256"] = ruleset["id"], ruleset["sha256"]
        header["wcag_version"] = ruleset["wcag_version"]
        header["score_model_version"] = data.pop("score_model_version")
        return {**header, **data}


def run_record(run: Run) -> RunRecord:
    return RunRecord(
        **run.header().model_dump(),
        score=run.score.value if run.score else None,
        by_category=dict(run.score.by_category) if run.score else {},
        pages=run.summary.pages_audited,
        failures=run.summary.failures,
        needs_review=run.summary.needs_review,
        failures_by_impact=dict(run.summary.failures_by_impact),
    )


def version_changes(before: RunRecord, after: RunRecord) -> list[str]:
    """What changed between two runs that makes their scores not comparable, e.g.
    `axe-core 4.14.1 → 4.15.0`; empty when nothing did."""
    changes = [
        f"{label} {old or '?'} → {new or '?'}"
        for label, old, new in (
            ("tool", before.tool_version, after.tool_version),
            ("axe-core", before.axe_version, after.axe_version),
            ("browser", before.browser_version, after.browser_version),
            ("score model", before.score_model_version, after.score_model_version),
            ("WCAG", before.ruleset.wcag_version, after.ruleset.wcag_version),
        )
        if old != new
    ]
    if before.ruleset.sha256 != after.ruleset.sha256:
        changes.append(
            f"ruleset {before.ruleset.id} {before.ruleset.sha256[:12]} → "
            f"{after.ruleset.id} {after.ruleset.sha256[:12]}"
        )
    return changes


class TrendRow(BaseModel):
    """One run in a trend, with what changed since the run before it."""

    record: RunRecord
    changes: list[str] = Field(
        default_factory=list, description="why the score is not comparable with the row before"
    )
    delta: float | None = Field(None, description="score movement since a comparable row before")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def comparable(self) -> bool:
        return not self.changes


class Trend(BaseModel):
    site: str
    categories: list[str] = Field(description="every score category seen, in first-seen order")
    rows: list[TrendRow] = Field(description="oldest first")


def trend(site: str, records: Iterable[RunRecord]) -> Trend:
    """A site's runs oldest first, each marked where its scores stop being comparable."""
    ordered = sorted(records, key=lambda r: (r.started_at, r.id))
    categories: dict[str, None] = {}
    rows: list[TrendRow] = []
    for index, record in enumerate(ordered):
        categories.update(dict.fromkeys(record.by_category))
        changes = version_changes(ordered[index - 1], record) if index else []
        before = ordered[index - 1].score if index else None
        delta = (
            round(record.score - before, 1)
            if before is not None and record.score is not None and not changes
            else None
        )
        rows.append(TrendRow(record=record, changes=changes, delta=delta))
    return Trend(site=site, categories=list(categories), rows=rows)


class FindingChange(BaseModel):
    """One finding fingerprint in a diff; `count` elements share it (siblings alike)."""

    fingerprint: str
    check_id: str
    outcome: Outcome
    impact: str
    page_url: str
    selector: str
    message: str
    count: int = 1


class ScoreChange(BaseModel):
    category: str = Field(description="`overall`, or a score category")
    before: float | None
    after: float | None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 1)


class RunDiff(BaseModel):
    """The later run against the earlier, finding by finding (by stable fingerprint)."""

    before: str
    after: str
    new: list[FindingChange] = Field(default_factory=list)
    fixed: list[FindingChange] = Field(
        default_factory=list, description="gone from a page the later run audited"
    )
    persisting: list[FindingChange] = Field(default_factory=list)
    not_rechecked: list[FindingChange] = Field(
        default_factory=list,
        description="on pages the later run did not audit: neither fixed nor persisting",
    )
    pages_added: list[str] = Field(default_factory=list)
    pages_removed: list[str] = Field(default_factory=list)
    scores: list[ScoreChange] = Field(default_factory=list)
    changes: list[str] = Field(
        default_factory=list, description="version changes: the scores are not comparable"
    )


def _by_fingerprint(found: Iterable[Finding]) -> dict[str, FindingChange]:
    grouped: dict[str, FindingChange] = {}
    for finding in sorted(found, key=lambda f: (f.page_url, f.check_id, f.node.selector)):
        if finding.fingerprint in grouped:
            grouped[finding.fingerprint].count += 1
            continue
        grouped[finding.fingerprint] = FindingChange(
            fingerprint=finding.fingerprint,
            check_id=finding.check_id,
            outcome=finding.outcome,
            impact=finding.impact.value,
            page_url=finding.page_url,
            selector=finding.node.selector,
            message=finding.message,
        )
    return grouped


def _audited(run: Run) -> dict[str, str]:
    """Page key → URL of the pages a run audited (loaded, not a duplicate)."""
    return {
        page_key(p.target.url): p.target.url
        for p in run.pages
        if not p.load_error and not p.duplicate_of
    }


def diff_runs(before: Run, after: Run, outcomes: Collection[Outcome] = (Outcome.FAIL,)) -> RunDiff:
    """New, fixed and persisting findings (failures by default), pages added and removed, and
    the score movement overall and per category. Findings on pages the later run did not audit
    are `not_rechecked`, never counted as fixed."""
    old = _by_fingerprint(f for f in before.findings() if f.outcome in outcomes)
    now = _by_fingerprint(f for f in after.findings() if f.outcome in outcomes)
    old_pages, new_pages = _audited(before), _audited(after)
    gone = [c for fp, c in old.items() if fp not in now]
    categories = dict.fromkeys(
        [
            *(before.score.by_category if before.score else {}),
            *(after.score.by_category if after.score else {}),
        ]
    )
    scores = [
        ScoreChange(
            category="overall",
            before=before.score.value if before.score else None,
            after=after.score.value if after.score else None,
        )
    ]
    scores += [
        ScoreChange(
            category=category,
            before=before.score.by_category.get(category) if before.score else None,
            after=after.score.by_category.get(category) if after.score else None,
        )
        for category in categories
    ]
    return RunDiff(
        before=before.id,
        after=after.id,
        new=[c for fp, c in now.items() if fp not in old],
        fixed=[c for c in gone if page_key(c.page_url) in new_pages],
        persisting=[c for fp, c in now.items() if fp in old],
        not_rechecked=[c for c in gone if page_key(c.page_url) not in new_pages],
        pages_added=sorted(url for key, url in new_pages.items() if key not in old_pages),
        pages_removed=sorted(url for key, url in old_pages.items() if key not in new_pages),
        scores=scores,
        changes=version_changes(run_record(before), run_record(after)),
    )
