"""`auditor rulesets list|show|validate`: which checks run and how they are weighted."""

from __future__ import annotations

import json

import click

from auditor.ruleset import available, load_ruleset


@click.group("rulesets")
def rulesets() -> None:
    """Rulesets: which checks run and how they are weighted."""


@rulesets.command("list")
def rulesets_list() -> None:
    """The built-in rulesets."""
    for name in available():
        ruleset = load_ruleset(name)
        click.echo(f"{name:20} {len(ruleset.selected_checks()):4} checks  {ruleset.title}")


@rulesets.command("show")
@click.argument("ruleset")
def rulesets_show(ruleset: str) -> None:
    """A ruleset resolved (extends merged), as JSON, with its hash."""
    loaded = load_ruleset(ruleset)
    click.echo(json.dumps({**loaded.model_dump(mode="json"), "sha256": loaded.sha256}, indent=2))


@rulesets.command("validate")
@click.argument("paths", nargs=-1, required=True)
def rulesets_validate(paths: tuple[str, ...]) -> None:
    """Check ruleset files; prints the first mistake in each with its line."""
    for path in paths:
        loaded = load_ruleset(path)
        click.echo(f"{path}: ok ({len(loaded.selected_checks())} checks)")
