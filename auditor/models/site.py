"""Pages' results and what a run learns of the site beyond pages: documents, origins, links out."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from auditor.models.core import Link, Target
from auditor.models.findings import CheckResult, Finding, Score


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
