"""Honest endings: a run that loaded no page claims no score, no site-check verdict and no LGDSS
scorecard, and says so in one line; a run that lost too many pages says so first."""

from __future__ import annotations

from auditor.config import AuditConfig
from auditor.models import PageResult, Run, Target
from auditor.pipeline.assemble import assemble_run
from auditor.reporting.console import nothing_audited, summary
from auditor.ruleset import load_ruleset
from tests.conftest import FIXED_TIME, SNAPSHOTS, run_from_snapshots

SITE = "https://council.gov.uk/"


def _run(pages: list[PageResult], ruleset: str = "council", **settings: object) -> Run:
    return assemble_run(
        pages=pages,
        config=AuditConfig(urls=[SITE], **settings),
        ruleset=load_ruleset(ruleset),
        started_at=FIXED_TIME,
        finished_at=FIXED_TIME,
        seeds=[SITE],
        browser_version=None,
        axe_version=None,
    )


def _failed(url: str) -> PageResult:
    return PageResult(
        target=Target(url=url), final_url=url, load_error="net::ERR_CONNECTION_REFUSED"
    )


def test_a_dead_site_claims_no_score_no_site_verdict_and_no_lgdss() -> None:
    run = _run([_failed(SITE)])
    assert run.score is None
    assert run.lgdss is None
    assert run.summary.failures == 0 and run.summary.needs_review == 0
    assert all(not page.results for page in run.pages)
    line = nothing_audited(run)
    assert line == (
        "no page could be audited: https://council.gov.uk/ did not load "
        "(net::ERR_CONNECTION_REFUSED)"
    )
    assert "\n" not in line


def test_nothing_audited_names_the_refusals_when_no_page_was_tried() -> None:
    run = _run([]).model_copy(deep=True)
    run.summary.skipped = {"robots.txt": 1}
    assert nothing_audited(run) == "no page could be audited: every URL was refused (1 robots.txt)"


def test_too_many_load_errors_are_the_first_thing_said() -> None:
    loaded = run_from_snapshots(SNAPSHOTS / "council").pages[:1]
    failed = [_failed(f"{SITE}gone-{n}") for n in range(3)]
    run = _run([*loaded, *failed], ruleset="wcag21aa")
    warning = run.summary.error_share_warning
    assert warning is not None and warning.startswith("3 of 4 pages (75%) could not be loaded")
    assert run.warnings[0] == warning
    assert summary(run).startswith(f"WARNING: {warning}")
    assert run.score is not None  # the loaded page is still scored

    tolerant = _run([*loaded, *failed], ruleset="wcag21aa", max_error_share=80)
    assert tolerant.summary.error_share_warning is None
