"""What the gather stage records of one rendered page: the Snapshot every check reads."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from auditor.models.core import SNAPSHOT_SCHEMA_VERSION, Impact, Link, Target, Viewport


class AxeNode(BaseModel):
    """One element an axe rule reported. `target` has one selector per frame, outermost first."""

    target: list[str | list[str]]
    html: str = ""
    failure_summary: str = ""
    impact: Impact | None = None


class AxeRuleResult(BaseModel):
    id: str
    impact: Impact | None = None
    tags: list[str] = Field(default_factory=list)
    description: str = ""
    help: str = ""
    help_url: str = ""
    nodes: list[AxeNode] = Field(default_factory=list)


class AxeRun(BaseModel):
    """axe-core's four buckets, converted from its raw JSON."""

    engine_version: str
    violations: list[AxeRuleResult] = Field(default_factory=list)
    incomplete: list[AxeRuleResult] = Field(default_factory=list)
    passes: list[AxeRuleResult] = Field(default_factory=list)
    inapplicable: list[AxeRuleResult] = Field(default_factory=list)
    frames_audited: int = 1
    frames_failed: list[str] = Field(default_factory=list)


class CookieRecord(BaseModel):
    """A cookie the page left in the browser: never its value."""

    model_config = ConfigDict(frozen=True)

    name: str
    domain: str
    path: str = "/"
    secure: bool = False
    http_only: bool = False
    same_site: str | None = None
    expires: float | None = Field(None, description="Unix time; None for a session cookie")


class RequestRecord(BaseModel):
    """A request the page made (capped per page), for mixed content and tracker checks."""

    model_config = ConfigDict(frozen=True)

    url: str
    resource_type: str = ""
    same_site: bool = Field(True, description="same registrable domain as the page")
    failed: bool = False
    after_consent: bool = Field(False, description="made after a consent button was clicked")


REQUESTS_KEPT = 300  # requests recorded per page, to bound memory on pages that poll


class Snapshot(BaseModel):
    """Everything gathered from one rendered page; checks are pure functions of it."""

    schema_version: int = SNAPSHOT_SCHEMA_VERSION
    target: Target
    final_url: str
    status: int | None = None
    content_type: str | None = None
    title: str = ""
    html: str = ""
    axe: AxeRun | None = None
    probes: dict[str, JsonValue] = Field(default_factory=dict)
    links: list[Link] = Field(default_factory=list)
    console_errors: list[str] = Field(default_factory=list)
    load_error: str | None = None
    captured_at: datetime
    user_agent: str = ""
    viewport: Viewport = Field(default_factory=Viewport)
    load_ms: int = 0
    axe_ms: int = 0
    redirects: list[str] = Field(default_factory=list, description="URLs redirected through")
    retry_after: float | None = None
    canonical: str | None = None
    content_hash: str | None = Field(None, description="sha256 of the rendered DOM")
    unchanged: bool = Field(False, description="same DOM as the last run: axe was not re-run")
    # Privacy and security facts (None: not gathered, as in snapshots recorded before them).
    response_headers: dict[str, str] | None = Field(
        None,
        description="the main document's response headers, names lower-cased; set-cookie holds "
        "only the cookie names",
    )
    requests: list[RequestRecord] | None = Field(
        None, description=f"requests the page made, the first {REQUESTS_KEPT}"
    )
    requests_dropped: int = Field(0, description="requests made beyond the recorded ones")
    cookies: list[CookieRecord] | None = Field(
        None,
        description="cookies present after load, before any consent button was clicked (every "
        "page is a first visit); login cookies left out",
    )
    consent_dismissed: bool = Field(False, description="a consent button was clicked after load")
