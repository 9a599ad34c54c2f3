"""What the commands share: their common options (crawl, output, database, thresholds),
the command-line values turned into config flags, a folder served for `--serve`, and the exit
codes."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from auditor.config import AuditConfig, resolve
from auditor.errors import ConfigError
from auditor.models import Viewport
from auditor.reporting import REPORTERS
from auditor.ruleset import Ruleset, load_ruleset
from auditor.web.static_site import StaticSite
from auditor.web.viewports import parse_viewports

F = TypeVar("F", bound=Callable[..., Any])
EXIT_OK, EXIT_TOOL_FAILURE, EXIT_THRESHOLDS = 0, 1, 2


def _viewports(values: tuple[str, ...]) -> list[Viewport] | None:
    """The `--viewport` values as viewports (None when none was given)."""
    try:
        return parse_viewports(values)
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
        click.option(
            "--ruleset",
            help="Ruleset id or TOML path [default: council for audit, index and journey "
            "(WCAG 2.1 AA, the statement, GOV.UK patterns, forms, privacy, documents, LGDSS); "
            "wcag21aa for ci and baseline].",
        ),
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
    """Options of every command that writes reports."""
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
    """The history database option."""
    return click.option(
        "--db",
        help="History database: a file, or a postgresql://user@host/name URL "
        "[default: .auditor/history.sqlite].",
    )(fn)


def config_flags(**kwargs: Any) -> dict[str, Any]:
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
    flags["headers"] = parse_pairs(kwargs.pop("headers", ()), ":", "--header 'Name: value'") or None
    cookies = parse_pairs(kwargs.pop("cookies", ()), "=", "--cookie name=value")
    flags["cookies"] = [{"name": k, "value": v} for k, v in cookies.items()] or None
    flags.update(kwargs)
    return flags


def parse_pairs(values: tuple[str, ...], separator: str, form: str) -> dict[str, str]:
    """NAME<separator>VALUE values as a dict; BadParameter naming `form` for one that is not."""
    pairs = {}
    for value in values:
        name, sep, rest = value.partition(separator)
        if not sep or not name.strip():
            raise click.BadParameter(f"{value!r} is not of the form {form}")
        pairs[name.strip()] = rest.strip()
    return pairs


# What `auditor audit`, `index` and `journey` audit with unless told otherwise: the tool exists
# for councils. `auditor ci`, `baseline` and the pytest plugin keep WCAG alone (AuditConfig's
# default): a pull request's preview has no accessibility statement.
COUNCIL_DEFAULTS: dict[str, Any] = {"ruleset": "council"}


def load_config(
    flags: dict[str, Any], defaults: dict[str, Any] | None = None
) -> tuple[AuditConfig, Ruleset]:
    """The config resolved from these flags over the lower layers, and its ruleset loaded."""
    config, _ = resolve(flags, defaults=defaults)
    unknown = sorted(set(config.formats) - {*REPORTERS, "pdf"})
    if unknown:
        known = ", ".join(sorted([*REPORTERS, "pdf"]))
        raise ConfigError(f"unknown report format {', '.join(unknown)}: choose from {known}")
    return config, load_ruleset(config.ruleset)


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


def static_site(folder: str) -> StaticSite:
    """The folder served on a port derived from its path, so the same folder keeps the same
    origin from run to run (history and incremental runs match by origin); any free port when
    that one is taken."""
    digest = hashlib.sha256(str(Path(folder).resolve()).encode()).digest()
    try:
        return StaticSite(folder, port=20000 + int.from_bytes(digest[:2]) % 20000)
    except OSError:
        return StaticSite(folder)


@contextlib.contextmanager
def maybe_serve(serve_dir: str | None, flags: dict[str, Any]) -> Iterator[None]:
    """Serve `serve_dir`, when given, for the block: its URL is the start URL if none was given."""
    if not serve_dir:
        yield
        return
    with static_site(serve_dir) as site:
        flags["urls"] = flags.get("urls") or [site.url]
        click.echo(f"Serving {serve_dir} at {site.url}", err=True)
        yield


def require_urls(config: AuditConfig) -> None:
    """ConfigError when there is nothing to audit."""
    if not config.urls:
        raise ConfigError("no URL to audit: give one or more URLs, or --serve DIR")
