"""`auditor audit` and `auditor ci`: the audit run they share with baseline and index, the
reports it writes, and the gate's verdict as the exit code."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import webbrowser
from pathlib import Path
from typing import Any

import click

from auditor.audit import audit
from auditor.cli.options import (
    COUNCIL_DEFAULTS,
    EXIT_THRESHOLDS,
    config_flags,
    crawl_options,
    db_option,
    gate_options,
    load_config,
    maybe_serve,
    output_options,
    parse_pairs,
    require_urls,
)
from auditor.config import AuditConfig, mask_db_password
from auditor.errors import AuditorError, ConfigError, StoreError
from auditor.gating import compare, evaluate, load_baseline
from auditor.history import diff_runs, run_record, trend
from auditor.models import Run, page_key
from auditor.reporting import REPORTERS
from auditor.reporting.base import Reporter
from auditor.reporting.console import ConsoleProgress, nothing_audited, safe_text, summary
from auditor.reporting.html import HtmlReporter, ReportHistory
from auditor.reporting.pdf import print_pdf
from auditor.reporting.sarif import SarifReporter
from auditor.ruleset import Ruleset
from auditor.store import Store


def _threshold_flags(flags: dict[str, Any]) -> None:
    """Move --min-score, --max-failures and --never-fail into one `thresholds` setting."""
    min_score = flags.pop("min_score", None)
    limits = parse_pairs(flags.pop("max_failures", ()), "=", "--max-failures impact=N")
    never = list(flags.pop("never_fail", ()))
    if min_score is None and not limits and not never:
        return
    try:
        most = {k: int(v) for k, v in limits.items()}
    except ValueError:
        raise click.BadParameter("--max-failures takes IMPACT=N with a whole number") from None
    flags["thresholds"] = {"min_score": min_score, "max_failures": most, "never_fail": never}


def run_audit(
    flags: dict[str, Any],
    serve_dir: str | None,
    quiet: bool,
    no_store: bool,
    resume: str | None = None,
    defaults: dict[str, Any] | None = None,
) -> tuple[Run, AuditConfig, Ruleset]:
    """The shared body of audit, ci and baseline: serve, configure, crawl, store."""
    if resume and no_store:
        raise ConfigError("--resume needs the history database: drop --no-store")
    with maybe_serve(serve_dir, flags):
        config, ruleset = load_config(flags, defaults)
        if not resume:
            require_urls(config)
        if not config.respect_robots:
            click.secho(
                "WARNING: robots.txt is IGNORED for this run (--ignore-robots).",
                err=True,
                fg="yellow",
                bold=True,
            )
        if "max_pages" in config.model_fields_set and not resume:
            click.echo(
                f"At most {config.max_pages} pages will be audited (--max-pages), "
                "the URLs given included.",
                err=True,
            )
        listener = None if quiet else ConsoleProgress()
        which: str | bool = False if resume is None else True if resume == "latest" else resume
        with Store(":memory:" if no_store else config.db) as store:
            run = asyncio.run(audit(config, ruleset, listener, store=store, resume=which))
    if quiet:
        click.echo(summary(run), err=True, nl=False)
    if not no_store:
        click.echo(f"Stored run {run.id} in {mask_db_password(config.db)}", err=True)
    if run.summary.pages_audited == 0:
        raise AuditorError(nothing_audited(run))
    return run, config, ruleset


def gated(run: Run, config: AuditConfig, ruleset: Ruleset, baseline: Path | None) -> Run:
    """The run with the gate's verdict (thresholds, baseline), or as it is when there is no gate."""
    thresholds = ruleset.thresholds.merged(config.thresholds)
    comparison = None
    if baseline is not None:
        comparison = compare(run, load_baseline(baseline), str(baseline))
    if thresholds.empty and comparison is None:
        return run
    return run.model_copy(update={"gate": evaluate(run, thresholds, comparison)})


def exit_for_gate(run: Run) -> None:
    """Say what the gate found; exit 2 when it failed."""
    if run.gate is None:
        return
    for breach in run.gate.breaches:
        click.echo(f"Threshold broken: {breach.message}", err=True)
    comparison = run.gate.comparison
    if comparison is not None:
        click.echo(
            f"Baseline {comparison.baseline}: {len(comparison.new)} new, "
            f"{len(comparison.fixed)} fixed, {comparison.persisting} persisting",
            err=True,
        )
        for finding in comparison.new[:20]:
            click.echo(
                f"  new: {finding.check_id} {safe_text(page_key(finding.page_url), 80)} "
                f"{safe_text(finding.node.selector, 80)}",
                err=True,
            )
        for change in comparison.engine_changed:
            click.echo(f"  note: {change} since the baseline was made", err=True)
    if not run.gate.passed:
        click.echo("Gate failed (exit code 2).", err=True)
        sys.exit(EXIT_THRESHOLDS)
    click.echo("Gate passed.", err=True)


@click.command("audit")
@click.argument("urls", nargs=-1)
@crawl_options
@output_options
@gate_options
@db_option
@click.option("--no-store", is_flag=True, help="Do not save the run in the history database.")
@click.option(
    "--resume",
    is_flag=False,
    flag_value="latest",
    default=None,
    metavar="[RUN_ID]",
    help="Finish an interrupted run (the newest, or RUN_ID) without redoing its pages.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress display.")
def audit_cmd(
    serve_dir: str | None,
    open_report: bool,
    no_store: bool,
    resume: str | None,
    quiet: bool,
    **kwargs: Any,
) -> None:
    """Crawl from URLS, audit every page in Chromium with axe-core and our checks, score the
    site, store the run and write reports.

    Links are followed within the start URLs' origins, breadth first, obeying robots.txt, and
    sitemap.xml is read when present. The council ruleset is the default: WCAG 2.1 AA with the
    accessibility statement, GOV.UK patterns, forms, privacy, documents and LGDSS checks
    (--ruleset wcag21aa for WCAG alone). Exit code 2 when a threshold (ruleset, config or
    --min-score/--max-failures/--never-fail) is broken.
    """
    flags = config_flags(**kwargs)
    _threshold_flags(flags)
    run, config, ruleset = run_audit(flags, serve_dir, quiet, no_store, resume, COUNCIL_DEFAULTS)
    run = gated(run, config, ruleset, None)
    write_reports(run, config, open_report)
    exit_for_gate(run)


@click.command("ci")
@click.argument("urls", nargs=-1)
@crawl_options
@output_options
@gate_options
@db_option
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Fail only on findings not in this baseline file.",
)
@click.option(
    "--store/--no-store",
    "store_run",
    default=False,
    help="Save the run in the history database [default: no].",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress display.")
def ci_cmd(
    serve_dir: str | None,
    open_report: bool,
    baseline: Path | None,
    store_run: bool,
    quiet: bool,
    **kwargs: Any,
) -> None:
    """Gate a pull request: audit a preview (--serve DIR or URLS), fail (exit 2) only on what is
    new since the baseline or breaks a threshold, and write JUnit, SARIF and a Markdown summary.

    On GitHub Actions the summary goes to the job summary and new findings become annotations.
    """
    flags = config_flags(**kwargs)
    _threshold_flags(flags)
    flags["formats"] = flags.get("formats") or sorted(REPORTERS)
    flags.setdefault("max_pages", None)
    if flags["max_pages"] is None:
        flags["max_pages"] = 50  # a pull request wants minutes, not a whole-site crawl
    if baseline is not None and not baseline.exists():
        raise ConfigError(
            f"baseline {baseline} not found (create it: auditor baseline create "
            f"URL --baseline {baseline})"
        )
    run, config, ruleset = run_audit(flags, serve_dir, quiet, not store_run)
    run = gated(run, config, ruleset, baseline)
    write_reports(run, config, open_report)
    _github_outputs(run)
    exit_for_gate(run)


def _github_outputs(run: Run) -> None:
    """On GitHub Actions: the Markdown summary to the job summary, annotations to stdout."""
    if os.environ.get("GITHUB_ACTIONS") != "true":
        return
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path and "markdown" in REPORTERS:
        with contextlib.suppress(OSError), Path(summary_path).open("a", encoding="utf-8") as handle:
            handle.write(REPORTERS["markdown"].render(run))
    if "github" in REPORTERS:
        click.echo(REPORTERS["github"].render(run), nl=False)


def write_reports(run: Run, config: AuditConfig, open_report: bool) -> None:
    """Write the run's reports in the configured formats to the output folder."""
    out = Path(config.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        formats = list(config.formats)
        if "pdf" in formats and "html" not in formats:
            formats.append("html")  # the PDF is the HTML report printed
        for name in formats:
            if name == "pdf":
                continue
            reporter: Reporter = REPORTERS[name]
            if name == "sarif" and config.sarif_source_map:
                reporter = SarifReporter(config.sarif_source_map, config.sarif_source_root)
            path = out / f"report{reporter.suffix}"
            if isinstance(reporter, HtmlReporter):
                text = reporter.render(run, _report_history(config, run))
            else:
                text = reporter.render(run)
            path.write_text(text, encoding="utf-8")
            click.echo(f"Wrote {path}", err=True)
    except OSError as exc:
        raise AuditorError(f"cannot write reports to {out}: {exc.strerror or exc}") from None
    html = out / "report.html"
    if "pdf" in config.formats:
        print_pdf(html, out / "report.pdf", config.chromium)
        click.echo(f"Wrote {out / 'report.pdf'}", err=True)
    if open_report and html.exists():
        _open(html)


def _report_history(config: AuditConfig, run: Run) -> ReportHistory:
    """The site's trend and the diff against its run before this one, from the history
    database when there is one; a report without them otherwise."""
    if "://" not in config.db and not Path(config.db).is_file():
        return ReportHistory()
    try:
        with Store(config.db) as store:
            records = [r for r in store.summaries(run.site) if r.started_at <= run.started_at]
            if all(r.id != run.id for r in records):
                records.append(run_record(run))
            earlier = [r for r in records if r.id != run.id and not r.pruned]
            diff = None
            if earlier:
                before = max(earlier, key=lambda r: (r.started_at, r.id))
                diff = diff_runs(store.load(before.id), run)
    except StoreError as exc:
        click.echo(f"Report without history: {exc}", err=True)
        return ReportHistory()
    return ReportHistory(trend=trend(run.site, records) if len(records) > 1 else None, diff=diff)


def _open(path: Path) -> None:
    uri = path.resolve().as_uri()
    graphical = (
        sys.platform in ("darwin", "win32")
        or os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
    )
    if graphical and webbrowser.open(uri):
        return
    click.echo(f"Open the report in a browser: {uri}", err=True)
