"""`auditor config show` and `auditor schema`: the resolved settings, and the JSON Schema of
report.json."""

from __future__ import annotations

import json

import click

from auditor.cli.options import COUNCIL_DEFAULTS
from auditor.config import AuditConfig, resolve
from auditor.reporting.console import safe_text
from auditor.reporting.json import report_schema


@click.group("config")
def config_group() -> None:
    """The resolved settings."""


@config_group.command("show")
def config_show() -> None:
    """Every setting, its value and the layer it came from (secret values masked), as
    `auditor audit` resolves them (`auditor ci` defaults to the wcag21aa ruleset instead)."""
    config, sources = resolve({}, defaults=COUNCIL_DEFAULTS)
    shown = config.redacted()
    for name, info in AuditConfig.model_fields.items():
        value = safe_text(json.dumps(shown[name]), 300)
        click.echo(f"{name:14} = {value:30} # {sources[name]}: {info.description}")


@click.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of report.json (published as docs/report.schema.json)."""
    click.echo(report_schema(), nl=False)
