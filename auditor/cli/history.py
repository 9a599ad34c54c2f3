"""`auditor history list|show|diff|trend|prune`: past runs in the history database."""

from __future__ import annotations

import json
from pathlib import Path

import click

from auditor.cli.options import db_option
from auditor.config import resolve
from auditor.errors import StoreError
from auditor.history import diff_runs, run_record, trend
from auditor.models import Outcome
from auditor.reporting.console import safe_text
from auditor.store import Store


@click.group("history")
def history() -> None:
    """Past runs in the history database (a file, or PostgreSQL: see docs/history.md)."""


def _history_store(db: str | None) -> Store:
    """The configured history database; a file that does not exist is an error, not a new one."""
    config, _ = resolve({"db": db})
    if "://" not in config.db and not Path(config.db).exists():
        raise StoreError(f"no history database at {config.db} (audit a site first, or give --db)")
    return Store(config.db)


def _site(site: str | None) -> str | None:
    return site.rstrip("/") if site else None


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _categories(by_category: dict[str, float | None]) -> str:
    return "  ".join(f"{safe_text(name, 40)} {_score(v)}" for name, v in by_category.items())


site_option = click.option(
    "--site", help="Only runs of this site (its origin, e.g. https://example.gov.uk)."
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead.")


@history.command("list")
@db_option
@site_option
@click.option("--limit", type=int, default=50, show_default=True)
def history_list(db: str | None, site: str | None, limit: int) -> None:
    """One run per line, newest first: id, date, site, score, pages, failures."""
    config, _ = resolve({"db": db})
    if "://" not in config.db and not Path(config.db).exists():
        click.echo(f"No history yet ({config.db} does not exist).", err=True)
        return
    with Store(config.db) as store:
        rows = store.list_runs(_site(site), limit)
    for row in rows:
        score = "—" if row.score is None else f"{row.score:.0f}"
        click.echo(
            f"{row.id}  {row.started_at[:16]}  {safe_text(row.site)}  score {score}  "
            f"{row.pages} pages  {row.failures} failures  {row.ruleset_id}"
        )


@history.command("show")
@click.argument("run_id", default="latest")
@db_option
@site_option
@json_option
def history_show(run_id: str, db: str | None, site: str | None, as_json: bool) -> None:
    """One run: versions, scores by category, pages, failures and the checks failing most
    (RUN_ID, a unique prefix of it, `latest` or `previous`)."""
    with _history_store(db) as store:
        run = store.load(run_id, _site(site))
    record = run_record(run)
    if as_json:
        click.echo(json.dumps(record.flat(), indent=2))
        return
    took = int((run.finished_at - run.started_at).total_seconds())
    summary = run.summary
    impacts = ", ".join(f"{k} {v}" for k, v in summary.failures_by_impact.items() if v)
    click.echo(f"Run       {run.id}")
    click.echo(f"Site      {safe_text(run.site)}")
    click.echo(f"Started   {run.started_at:%Y-%m-%d %H:%M %Z}, took {took // 60}m {took % 60}s")
    click.echo(
        f"Versions  auditor {safe_text(run.tool_version, 40)}, "
        f"axe-core {safe_text(run.axe_version or '?', 40)}, "
        f"browser {safe_text(run.browser_version or '?', 60)}, "
        f"ruleset {safe_text(run.ruleset.id, 60)} ({run.ruleset.sha256[:12]}, "
        f"WCAG {safe_text(run.ruleset.wcag_version, 10)}), "
        f"score model {safe_text(run.score_model_version, 20)}"
    )
    band = f" ({run.score.band})" if run.score and run.score.band else ""
    click.echo(f"Score     {_score(record.score)}{band}  {_categories(record.by_category)}")
    click.echo(
        f"Pages     {summary.pages_audited} audited, {summary.pages_failed_to_load} failed to "
        f"load, {summary.pages_unchanged} unchanged, {summary.pages_duplicate} duplicates"
    )
    click.echo(
        f"Findings  {summary.failures} failures{f' ({impacts})' if impacts else ''}, "
        f"{summary.needs_review} need review"
    )
    failing: dict[str, set[str]] = {}
    for finding in run.findings():
        if finding.outcome is Outcome.FAIL:
            failing.setdefault(finding.check_id, set()).add(finding.page_url)
    if failing:
        click.echo("Failing checks, by pages affected:")
        for check_id, urls in sorted(failing.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:10]:
            click.echo(f"  {len(urls):5} pages  {safe_text(check_id, 80)}")
    for warning in run.warnings:
        click.echo(f"Warning   {safe_text(warning, 300)}")


@history.command("diff")
@click.argument("run_a", default="previous")
@click.argument("run_b", default="latest")
@db_option
@site_option
@click.option("--review", is_flag=True, help="Compare needs-review items too, not only failures.")
@click.option("--limit", type=int, default=50, show_default=True, help="Most findings listed.")
@json_option
def history_diff(
    run_a: str,
    run_b: str,
    db: str | None,
    site: str | None,
    review: bool,
    limit: int,
    as_json: bool,
) -> None:
    """What changed from RUN_A to RUN_B (by default `previous` to `latest`): new, fixed and
    persisting findings by fingerprint, pages added and removed, and the scores."""
    with _history_store(db) as store:
        before = store.load(run_a, _site(site))
        after = store.load(run_b, _site(site))
    outcomes = (Outcome.FAIL, Outcome.NEEDS_REVIEW) if review else (Outcome.FAIL,)
    diff = diff_runs(before, after, outcomes)
    if as_json:
        click.echo(diff.model_dump_json(indent=2))
        return
    click.echo(f"{diff.before} → {diff.after}")
    if diff.changes:
        click.echo(f"Not comparable: {'; '.join(safe_text(c, 120) for c in diff.changes)}")
    click.echo(
        "Scores    "
        + "; ".join(
            f"{safe_text(c.category, 40)} {_score(c.before)} → {_score(c.after)}"
            + ("" if c.delta is None else f" ({c.delta:+.1f})")
            for c in diff.scores
        )
    )
    click.echo(
        f"Findings  {len(diff.new)} new, {len(diff.fixed)} fixed, {len(diff.persisting)} "
        f"persisting, {len(diff.not_rechecked)} on pages not audited again"
    )
    click.echo(f"Pages     {len(diff.pages_added)} added, {len(diff.pages_removed)} removed")
    for title, mark, changes in (("New", "+", diff.new), ("Fixed", "-", diff.fixed)):
        if changes:
            click.echo(f"{title}:")
        for change in changes[:limit]:
            count = f" ×{change.count}" if change.count > 1 else ""
            click.echo(
                f"  {mark} {change.impact:8} {safe_text(change.check_id, 60)}  "
                f"{safe_text(change.page_url, 120)}  {safe_text(change.selector, 120)}{count}"
            )
        if len(changes) > limit:
            click.echo(f"  … and {len(changes) - limit} more (--limit, or --json for all)")
    for title, mark, urls in (
        ("Pages added", "+", diff.pages_added),
        ("Pages removed", "-", diff.pages_removed),
    ):
        if urls:
            click.echo(f"{title}:")
        for url in urls[:limit]:
            click.echo(f"  {mark} {safe_text(url, 200)}")
        if len(urls) > limit:
            click.echo(f"  … and {len(urls) - limit} more")


@history.command("trend")
@click.argument("site")
@db_option
@click.option("--limit", type=int, default=50, show_default=True, help="The newest N runs.")
@json_option
def history_trend(site: str, db: str | None, limit: int, as_json: bool) -> None:
    """A site's scores run by run, oldest first: date, run, overall and per-category scores.
    `‖` marks a run whose scores are not comparable with the one before (another auditor,
    axe-core or browser version, ruleset or score model). Pruned runs are included."""
    with _history_store(db) as store:
        records = store.summaries(_site(site), limit)
    if not records:
        raise StoreError(f"no runs of {site} in the history (see: auditor history list)")
    result = trend(_site(site) or site, records)
    if as_json:
        click.echo(result.model_dump_json(indent=2))
        return
    for row in result.rows:
        record = row.record
        delta = "" if row.delta is None else f" ({row.delta:+.1f})"
        categories = {name: record.by_category.get(name) for name in result.categories}
        line = (
            f"{record.started_at:%Y-%m-%d %H:%M}  {record.id}  "
            f"overall {_score(record.score)}{delta}  {_categories(categories)}"
        )
        if record.pruned:
            line += "  [pruned]"
        if row.changes:
            line += "  ‖ " + "; ".join(safe_text(c, 120) for c in row.changes)
        click.echo(line)


@history.command("prune")
@click.option(
    "--keep", type=click.IntRange(min=1), required=True, help="Runs to keep whole, per site."
)
@db_option
@site_option
def history_prune(keep: int, db: str | None, site: str | None) -> None:
    """Delete all but the newest KEEP runs of each site (or of --site): their pages, findings,
    full results and crawl state. A small summary of each pruned run stays (scores by category,
    versions, counts), so `history trend` still shows it; `history show`, `diff` and `report`
    no longer can. Unfinished crawls are kept."""
    with _history_store(db) as store:
        pruned_ids = store.prune(keep, _site(site))
    for run_id in pruned_ids:
        click.echo(run_id)
    click.echo(
        f"Pruned {len(pruned_ids)} runs; their summaries stay for `auditor history trend`.",
        err=True,
    )
