"""`auditor gather`, `check` and `report`: save pages' Snapshots, check them later without a
browser, and re-render a stored run's reports."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

from auditor.audit import audit
from auditor.cli.audit import write_reports
from auditor.cli.options import (
    config_flags,
    crawl_options,
    db_option,
    load_config,
    maybe_serve,
    output_options,
    require_urls,
)
from auditor.config import mask_db_password, resolve
from auditor.errors import ConfigError
from auditor.models import Snapshot
from auditor.pipeline.assemble import assemble_run
from auditor.pipeline.evaluate import pages_from_snapshots
from auditor.reporting.console import ConsoleProgress, summary
from auditor.store import Store


@click.command("gather")
@click.argument("urls", nargs=-1)
@crawl_options
@click.option(
    "--snapshots",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder to write one Snapshot JSON per page.",
)
def gather_cmd(serve_dir: str | None, snapshots: str, **kwargs: Any) -> None:
    """Render pages and save their Snapshots (browser only), to check later with `check`."""
    folder = Path(snapshots)
    folder.mkdir(parents=True, exist_ok=True)

    def save(snapshot: Snapshot) -> None:
        name = _snapshot_name(folder, snapshot.target.url, snapshot.viewport.name)
        (folder / name).write_text(snapshot.model_dump_json(indent=1), encoding="utf-8")

    flags = config_flags(**kwargs)
    with maybe_serve(serve_dir, flags):
        config, ruleset = load_config(flags)
        require_urls(config)
        asyncio.run(audit(config, ruleset, ConsoleProgress(), on_snapshot=save))
    click.echo(f"Wrote snapshots to {folder}", err=True)


def _snapshot_name(folder: Path, url: str, viewport: str) -> str:
    """A readable file name from the URL's path and query and the viewport, unique within the
    folder."""
    parts = urlsplit(url)
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{parts.path}?{parts.query}".strip("/?")) or "index"
    stem = f"{slug[:120]}@{re.sub(r'[^A-Za-z0-9_-]+', '_', viewport)}"
    name, n = f"{stem}.json", 1
    while (folder / name).exists():
        n += 1
        name = f"{stem}-{n}.json"
    return name


@click.command("check")
@click.argument("snapshots", type=click.Path(exists=True, file_okay=False))
@click.option("--ruleset", help="Ruleset id or TOML path [default: wcag21aa].")
@output_options
@db_option
@click.option(
    "--store/--no-store",
    "store_run",
    default=False,
    help="Save the run in the history database [default: no].",
)
def check_cmd(snapshots: str, open_report: bool, store_run: bool, **kwargs: Any) -> None:
    """Check stored Snapshots without a browser (re-score them under another ruleset, say)."""
    config, ruleset = load_config(config_flags(**kwargs))
    files = sorted(Path(snapshots).glob("*.json"))
    if not files:
        raise ConfigError(f"no snapshot files (*.json) in {snapshots}")
    loaded = [Snapshot.model_validate_json(f.read_text(encoding="utf-8")) for f in files]
    page_checks = [c for c in ruleset.selected_checks().values() if not c.site_level]
    pages = pages_from_snapshots(loaded, page_checks, ruleset.wcag_version)
    seeds = [s.target.url for s in loaded if s.target.source == "seed"] or [loaded[0].target.url]
    versions = {s.axe.engine_version for s in loaded if s.axe}
    run = assemble_run(
        pages=pages,
        config=config,
        ruleset=ruleset,
        started_at=min(s.captured_at for s in loaded),
        seeds=seeds,
        browser_version=None,
        axe_version=", ".join(sorted(versions)) or None,
    )
    click.echo(summary(run), err=True, nl=False)
    if store_run:
        with Store(config.db) as store:
            store.save(run)
        click.echo(f"Stored run {run.id} in {mask_db_password(config.db)}", err=True)
    write_reports(run, config, open_report)


@click.command("report")
@click.argument("run_id", default="latest")
@output_options
@db_option
def report_cmd(run_id: str, open_report: bool, **kwargs: Any) -> None:
    """Re-render a stored run's reports (RUN_ID, a unique prefix of it, or `latest`)."""
    config, _ = resolve(config_flags(**kwargs))
    with Store(config.db) as store:
        run = store.load(run_id)
    write_reports(run, config, open_report)
