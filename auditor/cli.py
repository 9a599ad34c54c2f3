"""The command line: parse, build the config, call the library, write files, map errors to exit
codes. Exit codes: 0 the run completed, 1 tool failure (bad input, no browser, store error),
2 thresholds broken (reserved for CI gating).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import inspect
import json
import os
import re
import sys
import webbrowser
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import click

from auditor import __version__
from auditor.audit import audit
from auditor.checks import all_checks
from auditor.config import AuditConfig, mask_db_password, resolve
from auditor.errors import AuditorError, ConfigError, StoreError
from auditor.fleet.cli import fleet_group
from auditor.gating import (
    baseline_from,
    compare,
    evaluate,
    load_baseline,
    pruned,
    write_baseline,
)
from auditor.history import diff_runs, run_record, trend
from auditor.league import league, read_sites
from auditor.models import (
    Outcome,
    Run,
    Snapshot,
    Viewport,
    page_key,
)
from auditor.pipeline.assemble import assemble_run
from auditor.pipeline.evaluate import pages_from_snapshots
from auditor.reporting import REPORTERS
from auditor.reporting.base import Reporter
from auditor.reporting.console import ConsoleProgress, nothing_audited, safe_text, summary
from auditor.reporting.csv import league_csv
from auditor.reporting.html import HtmlReporter, ReportHistory, render_league
from auditor.reporting.json import report_schema
from auditor.reporting.pdf import print_pdf
from auditor.reporting.sarif import SarifReporter
from auditor.ruleset import Ruleset, available, load_ruleset
from auditor.store import Store
from auditor.wcag import coverage
from auditor.web.static_site import StaticSite
from auditor.web.viewports import parse_viewport

F = TypeVar("F", bound=Callable[..., Any])
EXIT_OK, EXIT_TOOL_FAILURE, EXIT_THRESHOLDS = 0, 1, 2


def _viewports(values: tuple[str, ...]) -> list[Viewport] | None:
    """The `--viewport` values as viewports (None when none was given)."""
    if not values:
        return None
    try:
        return [parse_viewport(value) for value in values]
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def crawl_options(fn: F) -> F:
    """Options shared by every command that crawls."""
    options = [
        click.option(
            "--max-pages",
            type=int,
            help="Most pages to audit [default: 200; URLs you give are never dropped by the "
            "default, only by an explicit --max-pages].",
        ),
        click.option(
            "--max-error-share",
            type=click.FloatRange(0, 100),
            metavar="PERCENT",
            help="Warn at the top of the report when more than this share of pages fail to "
            "load [default: 50].",
        ),
        click.option(
            "--max-depth",
            type=int,
            help="Most links away from a start URL; 0 audits exactly the URLs given.",
        ),
        click.option(
            "--include",
            multiple=True,
            metavar="REGEX",
            help="Audit only URLs matching this (repeatable).",
        ),
        click.option(
            "--exclude",
            multiple=True,
            metavar="REGEX",
            help="Skip URLs matching this (repeatable).",
        ),
        click.option("--concurrency", type=int, help="Pages rendered at once [default: 2]."),
        click.option(
            "--ignore-robots",
            is_flag=True,
            default=None,
            help="Do not obey robots.txt (said loudly in the report).",
        ),
        click.option("--no-sitemap", is_flag=True, default=None, help="Do not read sitemap.xml."),
        click.option("--page-timeout", type=float, help="Seconds to load a page [default: 30]."),
        click.option(
            "--viewport",
            "viewports",
            multiple=True,
            help="desktop, mobile (320 px phone) or WIDTHxHEIGHT; repeatable "
            "[default: desktop and mobile].",
        ),
        click.option("--ruleset", help="Ruleset id or TOML path [default: wcag21aa]."),
        click.option("--chromium", help="Path to Chromium [default: chromium on PATH]."),
        click.option(
            "--serve",
            "serve_dir",
            type=click.Path(file_okay=False),
            help="Serve this folder on 127.0.0.1 and audit it (URLs then optional).",
        ),
        click.option(
            "--allow-host",
            "allow_hosts",
            multiple=True,
            metavar="HOST",
            help="Crawl this host too, e.g. www. or a forms subdomain (repeatable).",
        ),
        click.option("--path-prefix", help="Audit only paths under this prefix."),
        click.option(
            "--sample",
            type=click.Choice(["shortest-urls"]),
            help="Audit the --max-pages shortest URLs known after discovery "
            "(as the Silktide Index does with 125).",
        ),
        click.option("--delay", type=float, help="Seconds between pages of one host [0]."),
        click.option("--per-host", type=int, help="Pages of one host at once [concurrency]."),
        click.option("--retries", type=int, help="Retries of a 429, 5xx or network error [2]."),
        click.option(
            "--run-timeout",
            type=float,
            help="Seconds for the whole run; pages left are counted as not audited.",
        ),
        click.option(
            "--full",
            is_flag=True,
            default=None,
            help="Re-check every page, even those unchanged since the last run.",
        ),
        click.option(
            "--header",
            "headers",
            multiple=True,
            metavar="'NAME: VALUE'",
            help="Send this header (VALUE may be env:VAR or file:PATH; repeatable).",
        ),
        click.option(
            "--cookie",
            "cookies",
            multiple=True,
            metavar="NAME=VALUE",
            help="Send this cookie (VALUE may be env:VAR or file:PATH; repeatable).",
        ),
        click.option(
            "--probe-forms",
            type=click.Choice(["off", "get", "all"]),
            help="Submit discovered forms empty to audit their error states: get = GET forms "
            "only; all = POST too, which may create records on a live site [default: off].",
        ),
        click.option("--http-user", help="HTTP basic auth user name."),
        click.option(
            "--http-password",
            metavar="env:VAR",
            help="HTTP basic auth password: env:VAR or file:PATH (or the value).",
        ),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def output_options(fn: F) -> F:
    options = [
        click.option("--out", help="Folder for reports [default: auditor-report]."),
        click.option(
            "--format",
            "formats",
            multiple=True,
            type=click.Choice(sorted([*REPORTERS, "pdf"])),
            help="Report format (repeatable) [default: html and json]. pdf prints the HTML "
            "report with Chromium.",
        ),
        click.option("--open", "open_report", is_flag=True, help="Open the HTML report."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def db_option(fn: F) -> F:
    return click.option(
        "--db",
        help="History database: a file, or a postgresql://user@host/name URL "
        "[default: .auditor/history.sqlite].",
    )(fn)


def _flags(**kwargs: Any) -> dict[str, Any]:
    """Command-line values as config keys; None means "not given" so lower layers show through."""
    flags: dict[str, Any] = {
        "urls": list(kwargs.pop("urls", ())) or None,
        "include": list(kwargs.pop("include", ())) or None,
        "exclude": list(kwargs.pop("exclude", ())) or None,
        "formats": list(kwargs.pop("formats", ())) or None,
        "viewports": _viewports(kwargs.pop("viewports", ())),
    }
    if kwargs.pop("ignore_robots", None):
        flags["respect_robots"] = False
    if kwargs.pop("no_sitemap", None):
        flags["sitemap"] = False
    if kwargs.pop("full", None):
        flags["incremental"] = False
    flags["allow_hosts"] = list(kwargs.pop("allow_hosts", ())) or None
    flags["headers"] = _pairs(kwargs.pop("headers", ()), ":", "--header 'Name: value'") or None
    cookies = _pairs(kwargs.pop("cookies", ()), "=", "--cookie name=value")
    flags["cookies"] = [{"name": k, "value": v} for k, v in cookies.items()] or None
    flags.update(kwargs)
    return flags


def _pairs(values: tuple[str, ...], separator: str, form: str) -> dict[str, str]:
    pairs = {}
    for value in values:
        name, sep, rest = value.partition(separator)
        if not sep or not name.strip():
            raise click.BadParameter(f"{value!r} is not of the form {form}")
        pairs[name.strip()] = rest.strip()
    return pairs


def _load(flags: dict[str, Any]) -> tuple[AuditConfig, Ruleset]:
    config, _ = resolve(flags)
    unknown = sorted(set(config.formats) - {*REPORTERS, "pdf"})
    if unknown:
        known = ", ".join(sorted([*REPORTERS, "pdf"]))
        raise ConfigError(f"unknown report format {', '.join(unknown)}: choose from {known}")
    return config, load_ruleset(config.ruleset)


def _static_site(folder: str) -> StaticSite:
    """The folder served on a port derived from its path, so the same folder keeps the same
    origin from run to run (history and incremental runs match by origin); any free port when
    that one is taken."""
    digest = hashlib.sha256(str(Path(folder).resolve()).encode()).digest()
    try:
        return StaticSite(folder, port=20000 + int.from_bytes(digest[:2]) % 20000)
    except OSError:
        return StaticSite(folder)


@contextlib.contextmanager
def _maybe_serve(serve_dir: str | None, flags: dict[str, Any]) -> Iterator[None]:
    if not serve_dir:
        yield
        return
    with _static_site(serve_dir) as site:
        flags["urls"] = flags.get("urls") or [site.url]
        click.echo(f"Serving {serve_dir} at {site.url}", err=True)
        yield


def _write_reports(run: Run, config: AuditConfig, open_report: bool) -> None:
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


def _require_urls(config: AuditConfig) -> None:
    if not config.urls:
        raise ConfigError("no URL to audit: give one or more URLs, or --serve DIR")


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


def gate_options(fn: F) -> F:
    """Thresholds on the command line; they override the ruleset's and the config file's."""
    options = [
        click.option("--min-score", type=float, help="Fail (exit 2) below this overall score."),
        click.option(
            "--max-failures",
            "max_failures",
            multiple=True,
            metavar="IMPACT=N",
            help="Fail when more than N failures of this impact (repeatable), e.g. critical=0.",
        ),
        click.option(
            "--never-fail",
            multiple=True,
            metavar="CHECK",
            help="Fail when this check (or namespace/) fails at all (repeatable).",
        ),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _threshold_flags(flags: dict[str, Any]) -> None:
    """Move --min-score, --max-failures and --never-fail into one `thresholds` setting."""
    min_score = flags.pop("min_score", None)
    limits = _pairs(flags.pop("max_failures", ()), "=", "--max-failures impact=N")
    never = list(flags.pop("never_fail", ()))
    if min_score is None and not limits and not never:
        return
    try:
        most = {k: int(v) for k, v in limits.items()}
    except ValueError:
        raise click.BadParameter("--max-failures takes IMPACT=N with a whole number") from None
    flags["thresholds"] = {"min_score": min_score, "max_failures": most, "never_fail": never}


def _run_audit(
    flags: dict[str, Any],
    serve_dir: str | None,
    quiet: bool,
    no_store: bool,
    resume: str | None = None,
) -> tuple[Run, AuditConfig, Ruleset]:
    """The shared body of audit, ci and baseline: serve, configure, crawl, store."""
    if resume and no_store:
        raise ConfigError("--resume needs the history database: drop --no-store")
    with _maybe_serve(serve_dir, flags):
        config, ruleset = _load(flags)
        if not resume:
            _require_urls(config)
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


def _gate(run: Run, config: AuditConfig, ruleset: Ruleset, baseline: Path | None) -> Run:
    thresholds = ruleset.thresholds.merged(config.thresholds)
    comparison = None
    if baseline is not None:
        comparison = compare(run, load_baseline(baseline), str(baseline))
    if thresholds.empty and comparison is None:
        return run
    return run.model_copy(update={"gate": evaluate(run, thresholds, comparison)})


def _exit_for_gate(run: Run) -> None:
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


@cli.command("audit")
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
    sitemap.xml is read when present. Exit code 2 when a threshold (ruleset, config or
    --min-score/--max-failures/--never-fail) is broken.
    """
    flags = _flags(**kwargs)
    _threshold_flags(flags)
    run, config, ruleset = _run_audit(flags, serve_dir, quiet, no_store, resume)
    run = _gate(run, config, ruleset, None)
    _write_reports(run, config, open_report)
    _exit_for_gate(run)


@cli.command("ci")
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
    flags = _flags(**kwargs)
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
    run, config, ruleset = _run_audit(flags, serve_dir, quiet, not store_run)
    run = _gate(run, config, ruleset, baseline)
    _write_reports(run, config, open_report)
    _github_outputs(run)
    _exit_for_gate(run)


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


@cli.group("baseline")
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
            flags = _flags(**kwargs)
            if from_run:
                config, _ = resolve(flags)
                with Store(config.db) as store:
                    run = store.load(from_run)
            else:
                run, _, _ = _run_audit(flags, serve_dir, quiet, no_store=True)
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


@cli.command("gather")
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

    flags = _flags(**kwargs)
    with _maybe_serve(serve_dir, flags):
        config, ruleset = _load(flags)
        _require_urls(config)
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


@cli.command("check")
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
    config, ruleset = _load(_flags(**kwargs))
    files = sorted(Path(snapshots).glob("*.json"))
    if not files:
        raise ConfigError(f"no snapshot files (*.json) in {snapshots}")
    loaded = [Snapshot.model_validate_json(f.read_text(encoding="utf-8")) for f in files]
    page_checks = [c for c in ruleset.selected_checks().values() if not c.site_level]
    pages = pages_from_snapshots(loaded, page_checks)
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
    _write_reports(run, config, open_report)


@cli.command("report")
@click.argument("run_id", default="latest")
@output_options
@db_option
def report_cmd(run_id: str, open_report: bool, **kwargs: Any) -> None:
    """Re-render a stored run's reports (RUN_ID, a unique prefix of it, or `latest`)."""
    config, _ = resolve(_flags(**kwargs))
    with Store(config.db) as store:
        run = store.load(run_id)
    _write_reports(run, config, open_report)


@cli.command("index")
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
@click.option("--ruleset", help="Ruleset id or TOML path [default: wcag21aa].")
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
    flags = _flags(**kwargs)
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
                _run_audit(site_flags, None, quiet=quiet, no_store=False)
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


@cli.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of report.json (published as docs/report.schema.json)."""
    click.echo(report_schema(), nl=False)


@cli.command("journey")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--serve", "serve_dir", help="Serve this folder on 127.0.0.1; paths start there.")
@click.option("--base-url", help="Origin that journey paths (start, goto) are relative to.")
@click.option(
    "--viewport",
    "viewports",
    multiple=True,
    help="desktop, mobile or WIDTHxHEIGHT; repeatable [default: desktop and mobile].",
)
@click.option("--ruleset", default="council", show_default=True, help="Ruleset id or TOML path.")
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
    flags = _flags(**kwargs)
    with contextlib.ExitStack() as stack:
        if serve_dir:
            site = stack.enter_context(_static_site(serve_dir))
            base_url = base_url or site.url
            click.echo(f"Serving {serve_dir} at {site.url}", err=True)
        config, ruleset = _load(flags)
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
            f"{len(journey.steps)} states, {len(journey.findings())} findings",
            err=True,
        )
    run = _gate(run, config, ruleset, None)
    _write_reports(run, config, open_report)
    _exit_for_gate(run)


@cli.group("history")
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
        f"ruleset {safe_text(run.ruleset.id, 60)} ({run.ruleset.sha256[:12]}), "
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


@cli.group("checks")
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
    """Which WCAG 2.1 A/AA success criteria a failing check covers, a review item only, or
    nothing (a person must test them)."""
    rows = coverage(load_ruleset(ruleset).selected_checks().values())
    for row in rows:
        names = ", ".join(row.failing or row.review) or "-"
        click.echo(f"{row.criterion:7} {row.level:3} {row.status:7} {row.name:50} {names}")
    counts = {s: sum(1 for r in rows if r.status == s) for s in ("fail", "review", "none")}
    click.echo(
        f"{counts['fail']} by a failing check, {counts['review']} by review only, "
        f"{counts['none']} not at all (of {len(rows)})",
        err=True,
    )


@cli.group("rulesets")
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


@cli.group("config")
def config_group() -> None:
    """The resolved settings."""


@config_group.command("show")
def config_show() -> None:
    """Every setting, its value and the layer it came from (secret values masked)."""
    config, sources = resolve({})
    shown = config.redacted()
    for name, info in AuditConfig.model_fields.items():
        value = safe_text(json.dumps(shown[name]), 300)
        click.echo(f"{name:14} = {value:30} # {sources[name]}: {info.description}")


cli.add_command(fleet_group)


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
