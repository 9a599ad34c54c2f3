"""The pipeline's data types: Target → Snapshot → CheckResult → PageResult → Run.

Everything right of `Snapshot` is pure Python; reports are functions of a `Run`.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, JsonValue

SNAPSHOT_SCHEMA_VERSION = 1
RUN_SCHEMA_VERSION = 1


class Outcome(StrEnum):
    """A check's outcome on one page; axe's four buckets plus manual and error."""

    PASS = "pass"  # noqa: S105 - an outcome, not a password
    FAIL = "fail"
    NEEDS_REVIEW = "needs_review"
    INAPPLICABLE = "inapplicable"
    MANUAL = "manual"
    ERROR = "error"


class Impact(StrEnum):
    CRITICAL = "critical"
    SERIOUS = "serious"
    MODERATE = "moderate"
    MINOR = "minor"


IMPACT_ORDER = (Impact.CRITICAL, Impact.SERIOUS, Impact.MODERATE, Impact.MINOR)

TargetSource = Literal["seed", "link", "sitemap", "sample"]


class Viewport(BaseModel):
    """A browser window to audit in. `mobile` emulates a phone (touch, mobile user agent)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = "desktop"
    width: int = Field(1280, ge=200, le=8000)
    height: int = Field(800, ge=200, le=8000)
    mobile: bool = False
    device_scale_factor: float = Field(1.0, gt=0, le=4)
    user_agent: str | None = None


# A Chromium phone profile (Pixel 5's user agent and pixel ratio) at 320 CSS px, the width WCAG
# 1.4.10 Reflow names.
MOBILE_USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 11; Pixel 5) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/156.0.0.0 Mobile Safari/537.36"
)
DESKTOP = Viewport()
MOBILE = Viewport(
    name="mobile",
    width=320,
    height=658,
    mobile=True,
    device_scale_factor=2.75,
    user_agent=MOBILE_USER_AGENT,
)
VIEWPORT_PRESETS = {"desktop": DESKTOP, "mobile": MOBILE}


class Target(BaseModel):
    """One page the crawler asks the gatherer to visit."""

    model_config = ConfigDict(frozen=True)

    url: str
    depth: int = 0
    found_on: str | None = None
    source: TargetSource = "seed"


class Link(BaseModel):
    """A link seen in a rendered page (recorded so site-level checks can follow it)."""

    model_config = ConfigDict(frozen=True)

    url: str
    selector: str
    text: str = ""


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


class Node(BaseModel):
    """The element a finding is about."""

    model_config = ConfigDict(frozen=True)

    selector: str = ""
    snippet: str = ""
    label: str = ""


class Finding(BaseModel):
    """One problem (or item for review) on one element of one page."""

    model_config = ConfigDict(frozen=True)

    check_id: str
    outcome: Outcome
    impact: Impact
    message: str
    wcag: list[str] = Field(default_factory=list)
    page_url: str
    node: Node = Field(default_factory=Node)
    viewport: str = "desktop"
    viewports: list[str] = Field(
        default_factory=list, description="every viewport where it was seen (one finding)"
    )
    fingerprint: str


class CheckResult(BaseModel):
    check_id: str
    outcome: Outcome
    impact: Impact
    findings: list[Finding] = Field(default_factory=list)
    error: str | None = None
    duration_ms: float = 0.0


class Score(BaseModel):
    """A 0-100 score; `None` when nothing could be tested."""

    value: float | None
    band: str | None
    by_category: dict[str, float | None] = Field(default_factory=dict)
    model_version: str


class DesignSystemUse(BaseModel):
    """A design system a page uses (GOV.UK Frontend, LocalGov Drupal, NHS.UK Frontend)."""

    name: str
    version: str | None = None


class FormRef(BaseModel):
    """A form seen on a page: enough to find it again and submit it (discovered-form probing)."""

    selector: str
    method: str = "get"
    action: str = ""
    submit: str | None = Field(None, description="selector of its submit button, if any")
    fields: int = 0


class PageResult(BaseModel):
    target: Target
    final_url: str
    status: int | None = None
    title: str = ""
    load_error: str | None = None
    results: list[CheckResult] = Field(default_factory=list)
    score: Score | None = None
    links: list[Link] = Field(default_factory=list)
    frames_audited: int = 0
    load_ms: int = 0
    axe_ms: int = 0
    redirects: list[str] = Field(default_factory=list)
    duplicate_of: str | None = None
    carried_over: bool = Field(False, description="unchanged since the last run: results reused")
    attempts: int = 1
    design_systems: list[DesignSystemUse] = Field(
        default_factory=list, description="design systems detected in the page, with versions"
    )
    forms: list[FormRef] = Field(default_factory=list, description="forms on the page")

    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]


class ScoreWeights(BaseModel):
    """The most one failing check can take off its category, by impact (docs/scoring.md)."""

    critical: float = 20
    serious: float = 14
    moderate: float = 6
    minor: float = 2
    overrides: dict[str, float] = Field(default_factory=dict)


class RulesetRef(BaseModel):
    id: str
    sha256: str


class DocumentFacts(BaseModel):
    """What was read from a document's bytes (never the bytes themselves): the facts the
    documents/ checks judge. `None` means not known (not a PDF, or not read that far); `error`
    says why a document could not be read (encrypted, damaged, over the size cap)."""

    format: str = Field(description="pdf, docx, xlsx, pptx, odt, ods, odp…")
    size: int = Field(0, description="bytes read")
    pages: int | None = None
    tagged: bool | None = Field(None, description="/MarkInfo /Marked true and a /StructTreeRoot")
    marked: bool | None = None
    struct_tree: bool | None = Field(None, description="a /StructTreeRoot with content")
    title: str | None = None
    title_source: str | None = Field(None, description="xmp, info or core.xml")
    display_doc_title: bool | None = Field(
        None, description="/ViewerPreferences /DisplayDocTitle: the viewer shows the title"
    )
    language: str | None = Field(None, description="the catalog's /Lang")
    pages_examined: int = Field(0, description="pages whose text layer was read")
    text_chars: int | None = Field(None, description="non-space characters on the examined pages")
    image_only_pages: list[int] = Field(
        default_factory=list, description="pages (1-based) with images and next to no text"
    )
    bookmarks: int | None = Field(None, description="entries of the outline (/Outlines)")
    form_fields: int | None = Field(None, description="fillable fields (/AcroForm /Fields)")
    encrypted: bool = False
    error: str | None = None
    parse_ms: int = 0


class SecurityTxt(BaseModel):
    """What `/.well-known/security.txt` (RFC 9116) of an origin answered."""

    url: str
    fetched_at: datetime
    status: int | None = None
    content_type: str | None = None
    final_url: str | None = None
    contacts: list[str] = Field(default_factory=list, description="Contact: values")
    expires: str | None = Field(None, description="the Expires: value as written")
    expires_at: datetime | None = Field(None, description="Expires parsed; None if unreadable")
    error: str | None = None


class HttpRedirect(BaseModel):
    """What the plain-HTTP address of an HTTPS origin answered (it should redirect to HTTPS)."""

    url: str
    status: int | None = None
    location: str | None = None
    error: str | None = None


class OriginFacts(BaseModel):
    """Facts read once per origin of the run, outside the browser."""

    origin: str
    security_txt: SecurityTxt | None = None
    http_redirect: HttpRedirect | None = Field(
        None, description="only for https origins on the default port"
    )


class SiteFacts(BaseModel):
    """Facts about the site as a whole, for site checks (security.txt, HTTP to HTTPS)."""

    origins: list[OriginFacts] = Field(default_factory=list)

    def for_origin(self, origin: str) -> OriginFacts | None:
        return next((o for o in self.origins if o.origin == origin), None)


class Resource(BaseModel):
    """A non-HTML resource found by a link (a PDF, say): inventoried, not rendered."""

    url: str
    found_on: str
    kind: str
    status: int | None = None
    content_type: str | None = None
    bytes: int | None = None
    error: str | None = None
    document: DocumentFacts | None = Field(None, description="facts read from the file")


class DocumentResult(BaseModel):
    """The documents/ checks' results for one inventoried document (scored as documents, not
    as pages: docs/scoring.md)."""

    resource: Resource
    results: list[CheckResult] = Field(default_factory=list)

    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]


class ExternalLink(BaseModel):
    """A link off the site (a hand-off to a payment or booking platform, say): not crawled."""

    url: str
    found_on: str


class CheckInfo(BaseModel):
    """A selected check's metadata, carried in the run so reports need nothing else."""

    id: str
    title: str
    impact: Impact
    wcag: list[str]
    level: str | None
    help_url: str
    description: str = ""
    category: str | None = Field(
        None, description="score category (docs/scoring.md); runs before model 2.0 leave it out"
    )


class ThresholdBreach(BaseModel):
    """One threshold the run broke (a minimum score, a maximum of failures, a check that must
    never fail)."""

    rule: str
    limit: float
    actual: float
    message: str


class KnownFinding(BaseModel):
    """A finding recorded in a baseline file: enough to recognise it and to say what it was."""

    model_config = ConfigDict(frozen=True)

    fingerprint: str
    check_id: str
    page: str = Field(description="path and query of the page")
    selector: str
    impact: Impact
    message: str = ""


class BaselineComparison(BaseModel):
    """The run against a baseline: only `new` findings can fail a gated build."""

    baseline: str
    new: list[Finding] = Field(default_factory=list)
    fixed: list[KnownFinding] = Field(default_factory=list)
    persisting: int = 0
    score_before: float | None = None
    engine_changed: list[str] = Field(
        default_factory=list, description="versions that differ from the baseline's"
    )


class GateResult(BaseModel):
    """Whether the run passes the CI gate (exit code 2 when it does not)."""

    passed: bool
    breaches: list[ThresholdBreach] = Field(default_factory=list)
    comparison: BaselineComparison | None = None


class RunSummary(BaseModel):
    pages_audited: int = 0
    pages_failed_to_load: int = 0
    pages_unchanged: int = 0
    pages_duplicate: int = 0
    failures: int = 0
    needs_review: int = 0
    failures_by_impact: dict[str, int] = Field(default_factory=dict)
    skipped: dict[str, int] = Field(default_factory=dict)


class JourneyStep(BaseModel):
    """One state of a journey: the page after an action, or a form's error state after the
    auditor submitted it empty or with wrong values. Never holds a value typed (test data)."""

    index: int = Field(description="the journey file's step (0-based)")
    action: str = Field(description="what was done, e.g. 'Click #continue'")
    kind: Literal["action", "error_empty", "error_invalid", "stopped", "broken"] = "action"
    url: str = ""
    title: str = ""
    screenshot: str | None = Field(None, description="PNG file, relative to the report folder")
    page: PageResult | None = Field(None, description="every check's results on this state")
    same_as: int | None = Field(
        None, description="the page did not change since this step's state: not re-checked"
    )
    note: str | None = None

    def findings(self) -> list[Finding]:
        return self.page.findings() if self.page else []


class JourneyResult(BaseModel):
    """One journey run in one viewport: its steps in order, or where it broke."""

    name: str
    file: str = ""
    viewport: str = "desktop"
    status: Literal["completed", "stopped_before_final", "broken"]
    start_url: str
    steps: list[JourneyStep] = Field(default_factory=list)
    error: str | None = Field(None, description="why it broke: the step and what went wrong")
    submissions_probed: int = Field(0, description="error states probed (empty and invalid)")

    def findings(self) -> list[Finding]:
        return [f for s in self.steps for f in s.findings()]


LgdssStatus = Literal["met", "partly met", "not met", "signals only", "needs self-assessment"]
Confidence = Literal["strong", "proxy", "weak", "none"]


class Evidence(BaseModel):
    """LGDSS evidence: one thing seen: a sentence, and the page or finding it came from."""

    text: str
    url: str | None = None


class LgdssPoint(BaseModel):
    number: int = Field(ge=1, le=15)
    title: str
    status: LgdssStatus
    confidence: Confidence
    signals: list[str] = Field(default_factory=list, description="what the tool looked for")
    evidence: list[Evidence] = Field(default_factory=list)


class LgdssScorecard(BaseModel):
    points: list[LgdssPoint]
    score: float | None = Field(
        None, description="0-100 over points with a verdict (docs/scoring.md); null if none"
    )


class Run(BaseModel):
    """A whole audit: what was run, with which engines, and every page's results."""

    schema_version: int = RUN_SCHEMA_VERSION
    id: str
    site: str
    seeds: list[str]
    started_at: datetime
    finished_at: datetime
    tool_version: str
    axe_version: str | None
    browser_version: str | None
    ruleset: RulesetRef
    score_model_version: str
    score_weights: ScoreWeights = Field(default_factory=ScoreWeights)
    category_weights: dict[str, float] = Field(default_factory=dict)
    config: dict[str, Any]
    checks: list[CheckInfo] = Field(default_factory=list)
    pages: list[PageResult] = Field(default_factory=list)
    site_results: list[CheckResult] = Field(default_factory=list)
    resources: list[Resource] = Field(default_factory=list)
    documents: list[DocumentResult] = Field(
        default_factory=list, description="documents/ check results, one entry per document"
    )
    documents_score: float | None = Field(
        None, description="0-100 over the documents alone (docs/scoring.md); null if none judged"
    )
    external_links: list[ExternalLink] = Field(default_factory=list)
    site_facts: SiteFacts | None = Field(
        None, description="security.txt and HTTP to HTTPS facts per origin, when gathered"
    )
    score: Score | None = None
    summary: RunSummary = Field(default_factory=RunSummary)
    warnings: list[str] = Field(default_factory=list)
    gate: GateResult | None = None
    journeys: list[JourneyResult] = Field(
        default_factory=list, description="scripted journeys, step by step (auditor journey)"
    )
    lgdss: LgdssScorecard | None = Field(
        None, description="the LGDSS scorecard: 15 points with evidence (auditor/lgdss.py)"
    )

    def findings(self) -> list[Finding]:
        found = [f for p in self.pages for f in p.findings()]
        found += [f for r in self.site_results for f in r.findings]
        found += [f for j in self.journeys for f in j.findings()]
        found += [f for d in self.documents for f in d.findings()]
        return found


_NTH = re.compile(r":nth-(child|of-type|last-child|last-of-type)\(\d+\)|:(first|last)-child")
_CLASS = re.compile(r"\.(?:\\.|[\w-])+")
_OPEN_TAG = re.compile(r"<([A-Za-z][\w-]*)([^>]*)>")
_ATTRIBUTE = re.compile(r"([A-Za-z_:][\w:.-]*)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)")
# Attributes that say which element it is; class and style change with cosmetics.
IDENTITY_ATTRIBUTES = ("id", "name", "href", "src", "for", "type", "role", "action")


def normalise_selector(selector: str) -> str:
    """Drop what shifts with cosmetic changes: positions (a sibling inserted) and class names."""
    return " ".join(_CLASS.sub("", _NTH.sub("", selector)).split())


def element_identity(snippet: str) -> str:
    """The element's tag and identifying attributes, from its HTML snippet."""
    match = _OPEN_TAG.search(snippet)
    if match is None:
        return ""
    attributes = {k.lower(): v.strip("\"'") for k, v in _ATTRIBUTE.findall(match.group(2))}
    kept = [f"{k}={attributes[k]}" for k in IDENTITY_ATTRIBUTES if k in attributes]
    return " ".join([match.group(1).lower(), *kept])


def page_key(url: str) -> str:
    """The page part of a URL (path and query): the same page on a preview server at another
    host or port keeps its findings' fingerprints."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def fingerprint(check_id: str, url: str, selector: str, snippet: str = "") -> str:
    """Stable identity of a finding across runs: check, page and element. It survives a class
    name added, a sibling inserted, and the site served from another host or port."""
    key = "\x1f".join(
        (check_id, page_key(url), normalise_selector(selector), element_identity(snippet))
    )
    return hashlib.sha256(key.encode()).hexdigest()[:32]
