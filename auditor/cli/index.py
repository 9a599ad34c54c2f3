"""`auditor index`: audit a list of councils and rank them in a league table."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from auditor.cli.audit import run_audit
from auditor.cli.options import COUNCIL_DEFAULTS, config_flags, db_option
from auditor.config import resolve
from auditor.errors import AuditorError
from auditor.league import league, read_sites
from auditor.reporting.console import safe_text
from auditor.reporting.csv import league_csv
from auditor.reporting.html import render_league
from auditor.store import Store


@click.command("index")
@click.argument("sites_csv", type=click.Path(dir_okay=False))
@click.option(
    "--max-pages",
    type=int,
    default=125,
    show_default=True,
    help="Pages per council: the shortest URLs, as the Silktide Index samples.",
)
@click.option(
    "--viewport",
    "viewports",
    multiple=True,
    metavar="NAME|WxH",
    help="Viewport (repeatable) [default: desktop and mobile].",
)
@click.option("--ruleset", help="Ruleset id or TOML path [default: council].")
@click.option("--concurrency", type=int, help="Pages rendered at once [default: 2].")
@click.option("--out", default="auditor-index", show_default=True, help="Folder for the table.")
@click.option(
    "--no-audit",
    is_flag=True,
    help="Only rank what the history database holds (e.g. results of a fleet of workers).",
)
@db_option
@click.option("-q", "--quiet", is_flag=True, help="No progress display.")
def index_cmd(
    sites_csv: str,
    max_pages: int,
    out: str,
    no_audit: bool,
    quiet: bool,
    **kwargs: Any,
) -> None:
    """Audit a list of councils (CSV: name,url,type) and rank them in a league table.

    Each council gets the Silktide-style sample (the --max-pages shortest URLs), its run is stored,
    and index.html and index.csv rank every council by score, with its band, its movement since
    its run before and its rank within its type. A council that cannot be audited is listed with
    the reason, and the others go on.
    """
    councils = read_sites(Path(sites_csv))
    errors: dict[str, str] = {}
    flags = config_flags(**kwargs)
    if not no_audit:
        for number, council in enumerate(councils, start=1):
            click.echo(f"[{number}/{len(councils)}] {council.name}: {council.url}", err=True)
            site_flags = {
                **flags,
                "urls": [council.url],
                "sample": "shortest-urls",
                "max_pages": max_pages,
            }
            try:
                run_audit(site_flags, None, quiet=quiet, no_store=False, defaults=COUNCIL_DEFAULTS)
            except AuditorError as exc:
                errors[council.site] = str(exc)
                click.echo(f"  {council.name}: not audited: {exc}", err=True)
    config, _ = resolve(flags)
    with Store(config.db) as store:
        records = store.summaries()
    table = league(councils, records, errors)
    folder = Path(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        generated = datetime.now(UTC).strftime("%d %B %Y %H:%M UTC")
        (folder / "index.html").write_text(
            render_league(table, max_pages, generated), encoding="utf-8"
        )
        (folder / "index.csv").write_text(league_csv(table), encoding="utf-8")
    except OSError as exc:
        raise AuditorError(f"cannot write the league table to {folder}: {exc.strerror}") from None
    for row in table.rows:
        score = "—" if row.score is None else f"{row.score:.0f}"
        movement = "" if row.movement is None else f" ({row.movement:+.1f})"
        click.echo(
            f"{row.rank or '-':>4}  {safe_text(row.name, 40):40}  {safe_text(row.type, 18):18}"
            f"  {score:>3}{movement}  {row.band or ''}"
        )
    click.echo(f"Wrote {folder / 'index.html'} and {folder / 'index.csv'}", err=True)
    if all(row.score is None for row in table.rows):
        raise AuditorError("no council could be audited")
