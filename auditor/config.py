"""One immutable AuditConfig, built from layers, lowest first:
built-in defaults < `[tool.auditor]` in pyproject.toml (or auditor.toml) < `AUDITOR_*` environment
variables < command-line flags. Nothing reads settings after this.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from auditor.errors import ConfigError
from auditor.gating import Thresholds
from auditor.models import DESKTOP, MOBILE, Viewport

ENV_PREFIX = "AUDITOR_"


SECRET_MASK = "***"  # noqa: S105 - the mask shown instead of a secret


def resolve_secret(value: str, environ: dict[str, str] | None = None) -> str:
    """A secret's value: `env:NAME` reads the environment, `file:PATH` a file, else literal."""
    env = os.environ if environ is None else environ
    if value.startswith("env:"):
        name = value[4:]
        if name not in env:
            raise ConfigError(f"environment variable {name} is not set (named by 'env:{name}')")
        return env[name]
    if value.startswith("file:"):
        try:
            return Path(value[5:]).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError(f"cannot read secret file {value[5:]}: {exc.strerror}") from None
    return value


def _mask(value: str) -> str:
    """References to secrets may be shown; secret values never."""
    return value if value.startswith(("env:", "file:")) else SECRET_MASK


def mask_db_password(db: str) -> str:
    """A password in a database URL never reaches a run or a report (PGPASSWORD or ~/.pgpass
    are the way to give one)."""
    scheme, sep, rest = db.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not sep or not at or ":" not in credentials:
        return db
    return f"{scheme}://{credentials.split(':', 1)[0]}:{SECRET_MASK}@{host}"


class CookieSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    value: str = Field(description="the value, or env:NAME / file:PATH")
    domain: str | None = Field(None, description="default: the start URL's host")
    path: str = "/"


class LoginStep(BaseModel):
    """One action of a scripted login: fill a field, click, or wait for an element."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fill: str | None = Field(None, description="CSS selector of a field to fill")
    value: str | None = Field(None, description="what to type (env:NAME / file:PATH for secrets)")
    click: str | None = Field(None, description="CSS selector to click")
    wait_for: str | None = Field(None, description="CSS selector to wait for")


class LoginSpec(BaseModel):
    """A scripted login run once per browser context before any page is audited."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str
    steps: list[LoginStep]


class AuditConfig(BaseModel):
    """Every setting of a run. Field docs appear in `auditor config show`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    urls: list[str] = Field(default_factory=list, description="pages to start from")
    ruleset: str = Field("wcag21aa", description="ruleset id or path to a ruleset TOML file")
    max_pages: int = Field(
        200,
        ge=1,
        le=1_000_000,
        description="most pages to audit (the default never drops URLs you give yourself)",
    )
    max_error_share: float = Field(
        50,
        ge=0,
        le=100,
        description="percent of pages that may fail to load before the report warns at the top",
    )
    max_depth: int | None = Field(
        None, ge=0, description="most links away from a start page (0 = the start pages only)"
    )
    include: list[str] = Field(default_factory=list, description="regexes a URL must match")
    exclude: list[str] = Field(default_factory=list, description="regexes that skip a URL")
    concurrency: int = Field(2, ge=1, le=32, description="pages rendered at once")
    respect_robots: bool = Field(True, description="obey robots.txt")
    sitemap: bool = Field(True, description="read sitemap.xml to find pages")
    page_timeout: float = Field(30.0, gt=0, le=600, description="seconds to load one page")
    settle_ms: int = Field(1500, ge=0, le=60_000, description="most ms to wait for network idle")
    quiet_ms: int = Field(
        150, ge=0, le=10_000, description="ms without network activity that count as idle"
    )
    viewports: list[Viewport] = Field(
        default_factory=lambda: [DESKTOP, MOBILE],
        description="windows to audit each page in (desktop 1280x800 and mobile 320 px)",
    )
    chromium: str | None = Field(None, description="path to Chromium (default: chromium on PATH)")
    axe_script: str = Field(
        "vendored", description="axe-core: vendored, axe-playwright-python, or a file path"
    )
    probe_forms: Literal["off", "get", "all"] = Field(
        "off",
        description="submit discovered forms empty to audit their error states: off, get "
        "(GET forms only: searches and lookups) or all (POST too: may create records)",
    )
    probe_forms_max: int = Field(20, ge=1, le=1000, description="most discovered forms to probe")
    db: str = Field(
        ".auditor/history.sqlite", description="history database: a file, or a postgresql:// URL"
    )
    out: str = Field("auditor-report", description="folder for report files")
    formats: list[str] = Field(
        default_factory=lambda: ["html", "json"], description="report formats to write"
    )
    allow_hosts: list[str] = Field(
        default_factory=list, description="other hosts to crawl as part of the site"
    )
    path_prefix: str = Field("", description="audit only paths starting with this")
    sample: str | None = Field(
        None, description="shortest-urls: audit the max_pages shortest URLs known after discovery"
    )
    delay: float = Field(0.0, ge=0, le=60, description="seconds between pages of one host")
    per_host: int | None = Field(
        None, ge=1, le=32, description="pages of one host at once (default: concurrency)"
    )
    retries: int = Field(2, ge=0, le=10, description="retries of a 429, 5xx or network error")
    run_timeout: float | None = Field(
        None, gt=0, description="seconds for the whole run; what is left is counted, not lost"
    )
    max_url_length: int = Field(2000, ge=50, description="longer URLs are refused (traps)")
    max_per_pattern: int = Field(
        50, ge=1, description="most URLs per path pattern such as /calendar/{n}/{n} (traps)"
    )
    max_per_query: int = Field(
        50, ge=1, description="most URLs per path and query-parameter names (traps)"
    )
    incremental: bool = Field(
        True, description="carry results over for pages unchanged since the last run"
    )
    headers: dict[str, str] = Field(
        default_factory=dict, description="extra request headers (values may be env:NAME)"
    )
    cookies: list[CookieSpec] = Field(default_factory=list, description="cookies to send")
    http_user: str | None = Field(None, description="HTTP basic auth user")
    http_password: str | None = Field(None, description="HTTP basic auth password (env:NAME)")
    login: LoginSpec | None = Field(None, description="scripted login before auditing")
    sarif_source_map: dict[str, str] = Field(
        default_factory=dict,
        description="URL path prefix → source file, so SARIF results point at templates",
    )
    sarif_source_root: str | None = Field(None, description="source files are relative to this")
    thresholds: Thresholds = Field(
        default_factory=Thresholds, description="CI gate; over the ruleset's [thresholds]"
    )

    @field_validator("viewports")
    @classmethod
    def _viewports(cls, value: list[Viewport]) -> list[Viewport]:
        if not value:
            raise ValueError("at least one viewport is needed")
        names = [v.name for v in value]
        if len(set(names)) != len(names):
            raise ValueError(f"viewport names must differ: {names}")
        return value

    @field_validator("sample")
    @classmethod
    def _sample(cls, value: str | None) -> str | None:
        if value not in (None, "shortest-urls"):
            raise ValueError(f"unknown sample {value!r} (known: shortest-urls)")
        return value

    def redacted(self) -> dict[str, Any]:
        """The config as stored in a run: secret values masked, references kept."""
        data = self.model_dump(mode="json")
        data["db"] = mask_db_password(self.db)
        data["headers"] = {k: _mask(v) for k, v in self.headers.items()}
        data["cookies"] = [{**c, "value": _mask(c["value"])} for c in data["cookies"]]
        if self.http_password is not None:
            data["http_password"] = _mask(self.http_password)
        if self.login is not None:
            for step in data["login"]["steps"]:
                if step.get("value") is not None:
                    step["value"] = _mask(step["value"])
        return data

    @field_validator("include", "exclude")
    @classmethod
    def _regexes(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"bad regex {pattern!r}: {exc}") from None
        return patterns


def _file_layer(cwd: Path) -> tuple[dict[str, Any], Path | None]:
    candidates = [(cwd / "auditor.toml", None), (cwd / "pyproject.toml", ("tool", "auditor"))]
    for path, table in candidates:
        if not path.exists():
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: {exc}") from None
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start + 1})") from None
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
        for key in table or ():
            data = data.get(key, {})
        if data or table is None:
            return dict(data), path
    return {}, None


def _env_layer(environ: dict[str, str]) -> dict[str, Any]:
    layer: dict[str, Any] = {}
    for name, raw in environ.items():
        if not name.startswith(ENV_PREFIX) or name == "AUDITOR_DEBUG":
            continue
        key = name[len(ENV_PREFIX) :].lower()
        if key not in AuditConfig.model_fields:
            continue  # other AUDITOR_* variables (secrets, say) are not settings
        annotation = AuditConfig.model_fields[key].annotation
        if annotation in (str, str | None):
            layer[key] = raw  # "2026" or "true" stay text where text is expected
            continue
        try:
            layer[key] = json.loads(raw)
        except json.JSONDecodeError:
            layer[key] = raw
        if annotation == list[str] and isinstance(layer[key], str):
            layer[key] = [p for p in layer[key].split(",") if p]
    return layer


def resolve(
    flags: dict[str, Any],
    cwd: Path | None = None,
    environ: dict[str, str] | None = None,
    defaults: dict[str, Any] | None = None,
) -> tuple[AuditConfig, dict[str, str]]:
    """The config and, for each setting, the layer it came from. `defaults` are a command's
    own defaults (`auditor audit` audits with the council ruleset), under every other layer."""
    cwd = cwd or Path.cwd()
    file_values, file_path = _file_layer(cwd)
    layers = [
        ("default", defaults or {}),
        (str(file_path), file_values),
        ("environment", _env_layer(dict(os.environ if environ is None else environ))),
        ("command line", {k: v for k, v in flags.items() if v is not None}),
    ]
    merged: dict[str, Any] = {}
    sources = dict.fromkeys(AuditConfig.model_fields, "default")
    for layer_name, values in layers:
        for key, value in values.items():
            merged[key] = value
            sources[key] = layer_name
    try:
        return AuditConfig.model_validate(merged), sources
    except ValidationError as exc:
        raise ConfigError(_explain(exc, sources, file_path)) from None


def _explain(exc: ValidationError, sources: dict[str, str], file_path: Path | None) -> str:
    error = exc.errors()[0]
    key = str(error["loc"][0]) if error["loc"] else ""
    origin = sources.get(key, str(file_path) if file_path else "config")
    if origin != "default" and origin == str(file_path) and file_path is not None:
        line = _line_of(file_path, key)
        origin = f"{file_path}:{line}" if line else str(file_path)
    if error["type"] == "extra_forbidden":
        hint = difflib.get_close_matches(key, list(AuditConfig.model_fields), n=1)
        more = f" (did you mean {hint[0]!r}?)" if hint else ""
        return f"{origin}: unknown setting {key!r}{more}"
    where = ".".join(str(p) for p in error["loc"])
    return f"{origin}: {where}: {error['msg'].removeprefix('Value error, ')}"


def _line_of(path: Path, key: str) -> int | None:
    """The line setting `key` (`key = …`, quoted or not, or a `[key]` table); in pyproject.toml,
    only inside the [tool.auditor] table."""
    name = rf"[\"']?{re.escape(key)}[\"']?"
    pattern = re.compile(rf"^\s*{name}\s*=")
    prefix = re.escape("tool.auditor.") if path.name == "pyproject.toml" else ""
    table = re.compile(rf"^\s*\[+\s*{prefix}{name}\s*[\].]")
    in_table = not prefix
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if table.search(line):
            return number
        header = re.match(r"^\s*\[+([^\]]+)\]", line)
        if header:  # top-level settings end at the first table (in pyproject, outside ours)
            in_table = bool(prefix) and header.group(1).strip() == "tool.auditor"
            continue
        if in_table and pattern.search(line):
            return number
    return None
