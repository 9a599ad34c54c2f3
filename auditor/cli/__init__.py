"""The command line: parse, build the config, call the library, write files, map errors to exit
codes. Exit codes: 0 the run completed, 1 tool failure (bad input, no browser, store error),
2 thresholds broken (reserved for CI gating).
"""

from __future__ import annotations

import os
import sys

import click

from auditor import __version__
from auditor.cli import (
    audit,
    baseline,
    checks,
    config,
    history,
    index,
    journey,
    rulesets,
    snapshots,
)
from auditor.cli.options import EXIT_OK, EXIT_TOOL_FAILURE
from auditor.errors import AuditorError
from auditor.fleet.cli import fleet_group
from auditor.reporting.console import safe_text


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="auditor")
@click.option("--debug", is_flag=True, help="Show tracebacks of unexpected errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Audit UK council websites for accessibility (WCAG 2.1 AA) and GOV.UK standards.

    \b
    Quick start:
      auditor audit https://www.example-council.gov.uk/ --max-pages 50
      auditor audit --serve ./site           # serve a folder on 127.0.0.1 and audit it
      auditor history list                   # past runs, newest first
    """
    ctx.obj = {"debug": debug or bool(os.environ.get("AUDITOR_DEBUG"))}


for command in (
    audit.audit_cmd,
    audit.ci_cmd,
    baseline.baseline_group,
    snapshots.gather_cmd,
    snapshots.check_cmd,
    snapshots.report_cmd,
    index.index_cmd,
    config.schema_cmd,
    journey.journey_cmd,
    history.history,
    checks.checks,
    rulesets.rulesets,
    config.config_group,
    fleet_group,
):
    cli.add_command(command)


def main(argv: list[str] | None = None) -> None:
    """Entry point: domain errors become one line and exit 1; click's usage errors too."""
    debug = "--debug" in (argv or sys.argv[1:]) or bool(os.environ.get("AUDITOR_DEBUG"))
    try:
        cli.main(args=argv, prog_name="auditor", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(EXIT_TOOL_FAILURE)
    except click.UsageError as exc:
        hint = f" (see: {exc.ctx.command_path} --help)" if exc.ctx else ""
        click.echo(f"Error: {exc.format_message()}{hint}", err=True)
        sys.exit(EXIT_TOOL_FAILURE)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_TOOL_FAILURE)
    except AuditorError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_TOOL_FAILURE)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except OSError as exc:  # the machine's answer (a name too long, no space left): no bug of ours
        where = f": {safe_text(str(exc.filename), 200)}" if exc.filename else ""
        click.echo(f"Error: {exc.strerror or exc}{where}", err=True)
        sys.exit(EXIT_TOOL_FAILURE)
    except Exception as exc:
        if debug:
            raise
        click.echo(
            f"Error: unexpected {type(exc).__name__}: {exc} (rerun with --debug for the traceback)",
            err=True,
        )
        sys.exit(EXIT_TOOL_FAILURE)
    sys.exit(EXIT_OK)
