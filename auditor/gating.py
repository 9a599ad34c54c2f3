"""The CI gate: thresholds and baselines. Pure functions of a Run (and a baseline file).

A baseline is a committed, reviewable file of known findings by stable fingerprint. A gated run
fails only on findings that are not in it; fixes are listed but never offset a new regression.
With a baseline, failure-count thresholds count new findings only: the build fails on what the
change made worse, not on what the site already had.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from auditor.errors import ConfigError
from auditor.models import (
    IMPACT_ORDER,
    BaselineComparison,
    Finding,
    GateResult,
    KnownFinding,
    Outcome,
    Run,
    ThresholdBreach,
    page_key,
)

BASELINE_SCHEMA_VERSION = 1


class Thresholds(BaseModel):
    """What a run must meet; any broken threshold means exit code 2."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min_score: float | None = Field(None, ge=0, le=100, description="lowest overall score")
    min_category: dict[str, float] = Field(
        default_factory=dict, description="lowest score per category, e.g. wcag-a = 90"
    )
    max_failures: dict[str, int] = Field(
        default_factory=dict, description="most failures per impact, e.g. critical = 0"
    )
    never_fail: list[str] = Field(
        default_factory=list, description="checks (ids or namespaces ending in /) that must pass"
    )

    @field_validator("max_failures")
    @classmethod
    def _impacts(cls, value: dict[str, int]) -> dict[str, int]:
        known = [i.value for i in IMPACT_ORDER]
        for key in value:
            if key not in known:
                raise ValueError(f"unknown impact {key!r} (known: {', '.join(known)})")
        return value

    def merged(self, over: Thresholds) -> Thresholds:
        """These thresholds with `over`'s settings taking precedence where set."""
        return Thresholds(
            min_score=over.min_score if over.min_score is not None else self.min_score,
            min_category={**self.min_category, **over.min_category},
            max_failures={**self.max_failures, **over.max_failures},
            never_fail=sorted({*self.never_fail, *over.never_fail}),
        )

    @property
    def empty(self) -> bool:
        return not (
            self.min_score is not None or self.min_category or self.max_failures or self.never_fail
        )


class BaselineVersions(BaseModel):
    tool: str
    axe_core: str | None
    browser: str | None
    ruleset_id: str
    ruleset_sha256: str
    score_model: str


class Baseline(BaseModel):
    """The baseline file: sorted, one finding per entry, so a diff of it reads as a review."""

    model_config = ConfigDict(extra="forbid")

    schema_version: int = BASELINE_SCHEMA_VERSION
    created_at: datetime
    site: str
    score: float | None
    versions: BaselineVersions
    findings: list[KnownFinding]


def known(finding: Finding) -> KnownFinding:
    return KnownFinding(
        fingerprint=finding.fingerprint,
        check_id=finding.check_id,
        page=page_key(finding.page_url),
        selector=finding.node.selector,
        impact=finding.impact,
        message=finding.message.split(". Fix ")[0][:200],
    )


def failures(run: Run) -> list[Finding]:
    return [f for f in run.findings() if f.outcome is Outcome.FAIL]


def _versions(run: Run) -> BaselineVersions:
    return BaselineVersions(
        tool=run.tool_version,
        axe_core=run.axe_version,
        browser=run.browser_version,
        ruleset_id=run.ruleset.id,
        ruleset_sha256=run.ruleset.sha256,
        score_model=run.score_model_version,
    )


def baseline_from(run: Run, keep: list[KnownFinding] | None = None) -> Baseline:
    """A baseline of the run's failures, or of `keep` when given (prune keeps a subset)."""
    found = keep if keep is not None else _unique(known(f) for f in failures(run))
    return Baseline(
        created_at=run.finished_at,
        site=run.site,
        score=run.score.value if run.score else None,
        versions=_versions(run),
        findings=sorted(found, key=lambda k: (k.page, k.check_id, k.selector, k.fingerprint)),
    )


def _unique(items: Iterable[KnownFinding]) -> list[KnownFinding]:
    seen: dict[str, KnownFinding] = {}
    for item in items:
        seen.setdefault(item.fingerprint, item)
    return list(seen.values())


def audited_pages(run: Run) -> set[str]:
    return {page_key(p.target.url) for p in run.pages if not p.load_error and not p.duplicate_of}


def pruned(baseline: Baseline, run: Run) -> list[KnownFinding]:
    """The baseline's findings still present, or on pages this run did not audit."""
    present = {f.fingerprint for f in failures(run)}
    pages = audited_pages(run)
    return [k for k in baseline.findings if k.fingerprint in present or k.page not in pages]


def compare(run: Run, baseline: Baseline, name: str) -> BaselineComparison:
    """New findings (not in the baseline), fixed ones (on pages audited now, gone) and the
    count of those that persist. Each is judged by its own fingerprint: counts never net."""
    known_prints = {k.fingerprint for k in baseline.findings}
    current = failures(run)
    current_prints = {f.fingerprint for f in current}
    pages = audited_pages(run)
    new = [f for f in current if f.fingerprint not in known_prints]
    fixed = [
        k for k in baseline.findings if k.fingerprint not in current_prints and k.page in pages
    ]
    changed = [
        f"{label} {old} → {now}"
        for label, old, now in (
            ("axe-core", baseline.versions.axe_core, run.axe_version),
            ("ruleset", baseline.versions.ruleset_sha256[:12], run.ruleset.sha256[:12]),
            ("score model", baseline.versions.score_model, run.score_model_version),
        )
        if old != now
    ]
    return BaselineComparison(
        baseline=name,
        new=sorted(new, key=lambda f: (f.page_url, f.check_id, f.node.selector)),
        fixed=fixed,
        persisting=len(current_prints & known_prints),
        score_before=baseline.score,
        engine_changed=changed,
    )


def _never_fail_matches(selector: str, check_id: str) -> bool:
    return check_id == selector or (selector.endswith("/") and check_id.startswith(selector))


def evaluate(
    run: Run, thresholds: Thresholds, comparison: BaselineComparison | None = None
) -> GateResult:
    """Check the run against thresholds (and a baseline comparison)."""
    breaches: list[ThresholdBreach] = []
    score = run.score.value if run.score else None
    if thresholds.min_score is not None and (score is None or score < thresholds.min_score):
        breaches.append(
            ThresholdBreach(
                rule="min_score",
                limit=thresholds.min_score,
                actual=score or 0.0,
                message=f"overall score {_shown(score)} is below {thresholds.min_score:g}",
            )
        )
    categories = run.score.by_category if run.score else {}
    for category, limit in sorted(thresholds.min_category.items()):
        value = categories.get(category)
        if value is not None and value < limit:
            breaches.append(
                ThresholdBreach(
                    rule=f"min_category.{category}",
                    limit=limit,
                    actual=value,
                    message=f"{category} score {value:g} is below {limit:g}",
                )
            )
    counted = comparison.new if comparison is not None else failures(run)
    what = "new failures" if comparison is not None else "failures"
    for impact in IMPACT_ORDER:
        most = thresholds.max_failures.get(impact.value)
        if most is None:
            continue
        actual = sum(1 for f in counted if f.impact is impact)
        if actual > most:
            breaches.append(
                ThresholdBreach(
                    rule=f"max_failures.{impact.value}",
                    limit=most,
                    actual=actual,
                    message=f"{actual} {impact.value} {what} (at most {most} allowed)",
                )
            )
    for selector in thresholds.never_fail:
        hits = [f for f in counted if _never_fail_matches(selector, f.check_id)]
        if hits:
            breaches.append(
                ThresholdBreach(
                    rule=f"never_fail.{selector}",
                    limit=0,
                    actual=len(hits),
                    message=f"{selector} must never fail: {len(hits)} {what}",
                )
            )
    passed = not breaches and (comparison is None or not comparison.new)
    return GateResult(passed=passed, breaches=breaches, comparison=comparison)


def _shown(value: float | None) -> str:
    return "none" if value is None else f"{value:g}"


def load_baseline(path: Path) -> Baseline:
    try:
        return Baseline.model_validate_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            f"baseline {path} not found (create it: auditor baseline create URL --baseline {path})"
        ) from None
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        raise ConfigError(f"{path}: not a baseline file ({where}: {error['msg']})") from None
    except OSError as exc:
        raise ConfigError(f"cannot read baseline {path}: {exc.strerror}") from None


def write_baseline(path: Path, baseline: Baseline) -> None:
    data = json.loads(baseline.model_dump_json())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot write baseline {path}: {exc.strerror}") from None
