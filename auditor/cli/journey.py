"""`auditor journey`: run journey files in Chromium and report every step."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import Any

import click

from auditor.cli.audit import exit_for_gate, gated, write_reports
from auditor.cli.options import (
    COUNCIL_DEFAULTS,
    config_flags,
    load_config,
    output_options,
    static_site,
)
from auditor.models import journey_problems
from auditor.reporting.console import safe_text


@click.command("journey")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--serve", "serve_dir", help="Serve this folder on 127.0.0.1; paths start there.")
@click.option("--base-url", help="Origin that journey paths (start, goto) are relative to.")
@click.option(
    "--viewport",
    "viewports",
    multiple=True,
    help="desktop, mobile or WIDTHxHEIGHT; repeatable [default: desktop and mobile].",
)
@click.option("--ruleset", help="Ruleset id or TOML path [default: council].")
@click.option(
    "--step-timeout", type=float, default=10.0, show_default=True, help="Seconds a step may wait."
)
@output_options
@click.option("-q", "--quiet", is_flag=True, help="No progress lines.")
def journey_cmd(
    files: tuple[str, ...],
    serve_dir: str | None,
    base_url: str | None,
    step_timeout: float,
    open_report: bool,
    quiet: bool,
    **kwargs: Any,
) -> None:
    """Run the journeys in FILES (YAML or TOML, docs/journeys.md) in Chromium: audit every
    step's page, probe each form step's error state (submitted empty and with wrong values),
    and write reports. The final submission is made only where a journey sets
    `submit_final: true`. A journey that breaks is reported with its step, URL and screenshot;
    the others go on.
    """
    from auditor.journeys.load import load_journey
    from auditor.journeys.runner import JourneyFile, JourneyRunner

    loaded = [JourneyFile(Path(f), load_journey(f)) for f in files]  # every mistake, up front
    flags = config_flags(**kwargs)
    with contextlib.ExitStack() as stack:
        if serve_dir:
            site = stack.enter_context(static_site(serve_dir))
            base_url = base_url or site.url
            click.echo(f"Serving {serve_dir} at {site.url}", err=True)
        config, ruleset = load_config(flags, COUNCIL_DEFAULTS)
        runner = JourneyRunner(
            config,
            ruleset,
            Path(config.out),
            base_url=base_url,
            step_timeout_s=step_timeout,
            progress=None if quiet else lambda line: click.echo(safe_text(line, 200), err=True),
        )
        run = asyncio.run(runner.run(loaded))
    for journey in run.journeys:
        click.echo(
            f"{safe_text(journey.name, 80)} [{journey.viewport}]: {journey.status}, "
            f"{len(journey.steps)} states, {len(journey_problems([journey]))} findings",
            err=True,
        )
    run = gated(run, config, ruleset, None)
    write_reports(run, config, open_report)
    exit_for_gate(run)
