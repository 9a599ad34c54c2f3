"""`auditor checks list|explain|coverage`: the checks auditor knows."""

from __future__ import annotations

import inspect

import click

from auditor.checks import all_checks
from auditor.errors import ConfigError
from auditor.ruleset import load_ruleset
from auditor.wcag import coverage


@click.group("checks")
def checks() -> None:
    """The checks auditor knows."""


@checks.command("list")
@click.option("--ruleset", help="Only checks this ruleset selects.")
def checks_list(ruleset: str | None) -> None:
    """Every check: id, impact, WCAG criteria, title."""
    chosen = load_ruleset(ruleset).selected_checks() if ruleset else all_checks()
    for check_id, cls in chosen.items():
        meta = cls.meta
        wcag = ",".join(meta.wcag) or "-"
        click.echo(f"{check_id:42} {meta.impact.value:9} {wcag:18} {meta.title}")


@checks.command("explain")
@click.argument("check_id")
def checks_explain(check_id: str) -> None:
    """Print a check's documentation."""
    known = all_checks()
    if check_id not in known:
        raise ConfigError(f"unknown check {check_id!r} (see: auditor checks list)")
    cls = known[check_id]
    meta = cls.meta
    doc = inspect.getdoc(inspect.getmodule(cls)) if not check_id.startswith("axe/") else None
    click.echo(f"{meta.id}: {meta.title}\n")
    click.echo(
        f"Impact: {meta.impact.value}. WCAG: {', '.join(meta.wcag) or 'best practice'}"
        f"{f' (level {meta.level})' if meta.level else ''}. Help: {meta.help_url}\n"
    )
    click.echo(doc or inspect.getdoc(cls) or "")


@checks.command("coverage")
@click.option("--ruleset", default="wcag21aa", show_default=True)
def checks_coverage(ruleset: str) -> None:
    """Which WCAG A/AA success criteria (of the ruleset's WCAG version, 2.1 or 2.2) a failing
    check covers, a review item only, or nothing (a person must test them)."""
    rules = load_ruleset(ruleset)
    rows = coverage(rules.selected_checks().values(), rules.wcag_version)
    for row in rows:
        names = ", ".join(row.failing or row.review) or "-"
        click.echo(f"{row.criterion:7} {row.level:3} {row.status:7} {row.name:50} {names}")
    counts = {s: sum(1 for r in rows if r.status == s) for s in ("fail", "review", "none")}
    click.echo(
        f"{counts['fail']} by a failing check, {counts['review']} by review only, "
        f"{counts['none']} not at all (of {len(rows)} WCAG {rules.wcag_version} A/AA criteria)",
        err=True,
    )
