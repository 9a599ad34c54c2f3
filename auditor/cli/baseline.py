"""`auditor baseline create|update|prune`: baseline files of known findings for `auditor ci`,
from a new audit or a stored run."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from auditor.cli.audit import run_audit
from auditor.cli.options import config_flags, crawl_options, db_option
from auditor.config import resolve
from auditor.errors import ConfigError
from auditor.gating import baseline_from, load_baseline, pruned, write_baseline
from auditor.models import Run
from auditor.store import Store


@click.group("baseline")
def baseline_group() -> None:
    """Baseline files of known findings, for `auditor ci`."""


def _baseline_command(name: str, help_text: str) -> Callable[[Callable[..., None]], Any]:
    def wrap(body: Callable[..., None]) -> Any:
        @baseline_group.command(name, help=help_text)
        @click.argument("urls", nargs=-1)
        @crawl_options
        @db_option
        @click.option(
            "--baseline",
            required=True,
            type=click.Path(dir_okay=False, path_type=Path),
            help="The baseline file (commit it).",
        )
        @click.option(
            "--from-run",
            metavar="RUN_ID",
            help="Use a stored run (see history list) instead of auditing now.",
        )
        @click.option("-q", "--quiet", is_flag=True, help="No progress display.")
        def command(
            serve_dir: str | None, baseline: Path, from_run: str | None, quiet: bool, **kwargs: Any
        ) -> None:
            flags = config_flags(**kwargs)
            if from_run:
                config, _ = resolve(flags)
                with Store(config.db) as store:
                    run = store.load(from_run)
            else:
                run, _, _ = run_audit(flags, serve_dir, quiet, no_store=True)
            body(run, baseline)

        return command

    return wrap


@_baseline_command(
    "create", "Audit URLS (same options as audit) and write their failures as a new baseline file."
)
def baseline_create(run: Run, baseline: Path) -> None:
    if baseline.exists():
        raise ConfigError(f"{baseline} exists: use 'auditor baseline update' to rewrite it")
    made = baseline_from(run)
    write_baseline(baseline, made)
    click.echo(f"Wrote {baseline}: {len(made.findings)} known findings", err=True)


@_baseline_command(
    "update",
    "Audit URLS and rewrite the baseline with the current failures "
    "(accepting new ones, dropping fixed ones).",
)
def baseline_update(run: Run, baseline: Path) -> None:
    before = {k.fingerprint for k in load_baseline(baseline).findings}
    made = baseline_from(run)
    after = {k.fingerprint for k in made.findings}
    write_baseline(baseline, made)
    click.echo(
        f"Updated {baseline}: {len(after - before)} added, {len(before - after)} removed, "
        f"{len(after)} known findings",
        err=True,
    )


@_baseline_command(
    "prune", "Audit URLS and drop fixed findings from the baseline, never adding new ones."
)
def baseline_prune(run: Run, baseline: Path) -> None:
    old = load_baseline(baseline)
    kept = pruned(old, run)
    write_baseline(baseline, baseline_from(run, keep=kept))
    click.echo(
        f"Pruned {baseline}: {len(old.findings) - len(kept)} fixed findings removed, "
        f"{len(kept)} kept",
        err=True,
    )
