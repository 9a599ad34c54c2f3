"""The one seam for adding a check.

A page check is metadata plus one pure function of a `CheckContext` (the page's Snapshot, a parsed
soup and the options). It never drives the browser: facts it needs from the rendered page come from
a probe (`probes`), and what else it reads is declared in `requires`. Add a check by writing one
file in `auditor/checks/custom/` with a class decorated by `@register`, and a fixture folder
`fixtures/checks/<check-id-without-namespace>/` whose elements' ids say what each should give
(`fail1`, `pass1`, `review1`).

A site check sees every page of the run at once (broken links, say) through a `SiteContext`, with
the facts read once per origin when it requires "site-facts"; its findings still belong to pages,
so scores treat both kinds alike.

The module docstring of a check is its documentation: `auditor checks explain ID` prints it.
"""

from __future__ import annotations

import re
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar, Literal, TypeVar

from bs4 import BeautifulSoup, Tag
from pydantic import BaseModel, ConfigDict, JsonValue, field_validator, model_validator

from auditor.categories import category_by_rule
from auditor.models import (
    CheckResult,
    Finding,
    Impact,
    Link,
    Node,
    OriginFacts,
    Outcome,
    Resource,
    SiteFacts,
    Snapshot,
    Viewport,
    fingerprint,
)
from auditor.web.html import css_selector, snippet_of
from auditor.web.urls import origin

_WCAG_CRITERION = re.compile(r"^wcag(\d)(\d)(\d+)$")
_WCAG_LEVEL = re.compile(r"^wcag2\d?(a{1,3})$")
_WCAG_VERSION = re.compile(r"^wcag2(\d?)a{1,3}$")


# What a check reads besides its probes. "site-facts" makes the run fetch each origin's facts
# (security.txt, HTTP to HTTPS: a few requests); the others are always gathered.
Artifact = Literal[
    "dom", "axe", "links", "requests", "response_headers", "cookies", "documents", "site-facts"
]
T = TypeVar("T")
_PROBE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def wcag_criteria(tags: Iterable[str]) -> list[str]:
    """WCAG success criteria from axe-style tags: `wcag1410` → `1.4.10`."""
    found = []
    for tag in tags:
        match = _WCAG_CRITERION.match(tag)
        if match:
            found.append(".".join(match.groups()))
    return sorted(set(found), key=lambda sc: tuple(int(p) for p in sc.split(".")))


def wcag_level(tags: Iterable[str]) -> str | None:
    """The WCAG conformance level a tag set claims (`A`, `AA`, `AAA`), or None."""
    levels = {m.group(1).upper() for t in tags if (m := _WCAG_LEVEL.match(t))}
    for level in ("A", "AA", "AAA"):
        if level in levels:
            return level
    return None


class CheckMeta(BaseModel):
    """What a check is: id, texts, WCAG tags and impact. Its docs come from the docstring."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    failure_title: str
    help_url: str
    tags: tuple[str, ...]
    impact: Impact
    requires: tuple[Artifact, ...] = ("dom",)
    # The probes whose facts it reads (`ctx.probe`): the run executes them in the page, in
    # each viewport the check applies in, and only those.
    probes: tuple[str, ...] = ()
    description: str = ""
    viewports: tuple[str, ...] = ()  # judged only in these viewports (by name); () = every one
    mobile_only: bool = False  # judged only in viewports that emulate a phone
    desktop_only: bool = False  # judged only in viewports that do not
    review_only: bool = False  # never fails: only asks a person to look (needs_review)
    act_rules: tuple[str, ...] = ()  # the W3C ACT rules it implements (benchmarks/precision.py)
    # The score category it counts in (categories.NAMES); left out, by namespace and WCAG level.
    category: str = ""

    @model_validator(mode="before")
    @classmethod
    def _category_by_default(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("category") and "id" in data:
            level = wcag_level(tuple(data.get("tags", ())))
            return {**data, "category": category_by_rule(str(data["id"]), level)}
        return data

    @field_validator("probes")
    @classmethod
    def _probe_names(cls, probes: tuple[str, ...]) -> tuple[str, ...]:
        for name in probes:
            if not _PROBE_NAME.match(name):
                raise ValueError(f"{name!r} is not a probe name (lower case, digits, _)")
        return probes

    def applies_in(self, viewport: Viewport) -> bool:
        if self.mobile_only and not viewport.mobile:
            return False
        if self.desktop_only and viewport.mobile:
            return False
        return not self.viewports or viewport.name in self.viewports

    @property
    def wcag(self) -> list[str]:
        return wcag_criteria(self.tags)

    @property
    def level(self) -> str | None:
        return wcag_level(self.tags)

    @property
    def wcag_version(self) -> str:
        """The oldest WCAG version whose criteria the check's level tags claim (`wcag2a` and
        `wcag21aa` are 2.0 and 2.1; `wcag22aa` is 2.2); "2.0" when it claims none."""
        versions = [m.group(1) for t in self.tags if (m := _WCAG_VERSION.match(t))]
        return min((f"2.{v or 0}" for v in versions), default="2.0")


@dataclass
class CheckContext:
    """What a page check may look at."""

    snapshot: Snapshot
    options: dict[str, object] = field(default_factory=dict)
    wcag_version: str = "2.1"  # the WCAG version the audit is against (its ruleset's)

    @cached_property
    def soup(self) -> BeautifulSoup:
        return BeautifulSoup(self.snapshot.html, "html.parser")

    @property
    def page_url(self) -> str:
        return self.snapshot.target.url

    def probe(self, name: str) -> JsonValue:
        """A probe's facts; a probe that failed or did not run makes the check an error."""
        if name not in self.snapshot.probes:
            raise ProbeMissing(f"probe {name!r} did not run")
        data = self.snapshot.probes[name]
        if isinstance(data, dict) and "error" in data and len(data) == 1:
            raise ProbeMissing(f"probe {name!r} failed: {data['error']}")
        return data


class ProbeMissing(Exception):
    """A check's probe did not run or failed: the check gives an error result."""


class Inapplicable(Exception):
    """Raised by `Check.inapplicable()`: the page has nothing this check inspects."""


def make_finding(
    meta: CheckMeta,
    outcome: Outcome,
    page_url: str,
    message: str,
    node: Node,
    viewport: str,
    impact: Impact | None = None,
) -> Finding:
    return Finding(
        check_id=meta.id,
        outcome=outcome,
        impact=impact or meta.impact,
        message=message,
        wcag=meta.wcag,
        page_url=page_url,
        node=node,
        viewport=viewport,
        fingerprint=fingerprint(meta.id, page_url, node.selector, node.snippet),
    )


def outcome_of(findings: Sequence[Finding]) -> Outcome:
    """fail if anything failed, else needs_review if anything needs it, else pass."""
    outcomes = {f.outcome for f in findings}
    if Outcome.FAIL in outcomes:
        return Outcome.FAIL
    if Outcome.NEEDS_REVIEW in outcomes:
        return Outcome.NEEDS_REVIEW
    return Outcome.PASS


def judge(meta: CheckMeta, evaluate: Callable[[], Iterable[Finding]]) -> CheckResult:
    """The one place a check is run: its findings (or `inapplicable()`, or an exception, which
    becomes an `error` result rather than stopping the run) and its time, as one CheckResult."""
    started = time.perf_counter()
    try:
        findings = list(evaluate())
        outcome, error = outcome_of(findings), None
    except Inapplicable:
        findings, outcome, error = [], Outcome.INAPPLICABLE, None
    except Exception as exc:
        findings, outcome, error = [], Outcome.ERROR, f"{type(exc).__name__}: {exc}"
    return CheckResult(
        check_id=meta.id,
        outcome=outcome,
        impact=meta.impact,
        findings=findings,
        error=error,
        duration_ms=round((time.perf_counter() - started) * 1000, 3),
    )


class BaseCheck(ABC):
    """What page and site checks share: metadata and the registry entry."""

    meta: ClassVar[CheckMeta]
    site_level: ClassVar[bool] = False


class Check(BaseCheck):
    """A page check. Subclasses set `meta` and implement `evaluate`."""

    @abstractmethod
    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        """Yield findings for one page; yield nothing for a pass; raise `inapplicable()` if moot."""

    def run(self, ctx: CheckContext) -> CheckResult:
        """Run `evaluate` over one page's facts as one CheckResult (see `judge`)."""
        return judge(self.meta, lambda: self.evaluate(ctx))

    # Helpers for subclasses.
    def inapplicable(self) -> Inapplicable:
        return Inapplicable()

    def fail(self, ctx: CheckContext, element: Tag | Node, message: str) -> Finding:
        return self._finding(ctx, element, message, Outcome.FAIL)

    def review(self, ctx: CheckContext, element: Tag | Node, message: str) -> Finding:
        return self._finding(ctx, element, message, Outcome.NEEDS_REVIEW)

    def _finding(
        self, ctx: CheckContext, element: Tag | Node, message: str, outcome: Outcome
    ) -> Finding:
        node = (
            element
            if isinstance(element, Node)
            else Node(selector=css_selector(element), snippet=snippet_of(element))
        )
        return make_finding(
            self.meta, outcome, ctx.page_url, message, node, ctx.snapshot.viewport.name
        )


@dataclass(frozen=True)
class PageFacts:
    """What a site check knows of each page: enough to follow links between pages."""

    url: str
    final_url: str
    status: int | None
    load_error: str | None
    links: tuple[Link, ...]
    viewport: str = "desktop"
    title: str = ""
    findings: tuple[Finding, ...] = ()  # what the page checks found on the page


@dataclass(frozen=True)
class SiteContext:
    """What a site check may look at: every page of the run, and the facts read once per origin
    (security.txt, HTTP to HTTPS) when the check requires "site-facts" and the run gathered
    them; None when re-checking stored snapshots."""

    pages: tuple[PageFacts, ...]
    facts: SiteFacts | None = None
    _memo: dict[str, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """What a site check derives from the whole run, computed once: `evaluate_site` and
        `applies_to` (called once per page) then share it instead of each pass over every page."""
        if key not in self._memo:
            self._memo[key] = compute()
        found: T = self._memo[key]
        return found

    @cached_property
    def representatives(self) -> dict[str, PageFacts]:
        """For each origin (of the pages' final URLs), the page a finding about the origin is
        filed under: the loaded page with the shortest address, which is the home page whenever
        the home page was audited."""
        chosen: dict[str, PageFacts] = {}
        for page in self.pages:
            if page.load_error:
                continue
            site = origin(page.final_url)
            best = chosen.get(site)
            if best is None or (len(page.url), page.url) < (len(best.url), best.url):
                chosen[site] = page
        return dict(sorted(chosen.items()))

    def origins_read(self) -> list[tuple[str, PageFacts, OriginFacts]]:
        """Each origin whose facts were read, with the page that stands for it."""
        if self.facts is None:
            return []
        found = ((o, page, self.facts.for_origin(o)) for o, page in self.representatives.items())
        return [(o, page, facts) for o, page, facts in found if facts is not None]


class SiteCheck(BaseCheck):
    """A check over the whole run. Its findings are attached to the pages they name."""

    site_level: ClassVar[bool] = True

    @abstractmethod
    def evaluate_site(self, site: SiteContext) -> Iterator[Finding]:
        """Yield failures for any page of the run."""

    def applies_to(self, page: PageFacts, site: SiteContext) -> bool:
        """Whether the check inspected this page (no finding then means pass)."""
        return True

    def finding(self, page: PageFacts, node: Node, message: str) -> Finding:
        return make_finding(self.meta, Outcome.FAIL, page.url, message, node, page.viewport)


@dataclass(frozen=True)
class DocumentContext:
    """What a document check may look at: one inventoried document (with the facts read from
    it, `doc.document`) and every page of the run, to see how the document is linked."""

    doc: Resource
    pages: tuple[PageFacts, ...] = ()


class DocumentCheck(BaseCheck):
    """A check of one document the crawler inventoried (a PDF, an office file). Documents are
    not pages: a finding's `page_url` is the document's URL, its node is empty, its message
    names the page that links to it, and results are scored against the run's documents
    (`Run.documents`, `Run.documents_score`), never in the page score."""

    site_level: ClassVar[bool] = True  # not run per page, so gathering skips it

    @abstractmethod
    def evaluate_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        """Yield findings for one document; nothing for a pass; raise `inapplicable()` if moot."""

    def run(self, ctx: DocumentContext) -> CheckResult:
        """Run `evaluate_document` over one document as one CheckResult (see `judge`)."""
        return judge(self.meta, lambda: self.evaluate_document(ctx))

    def inapplicable(self) -> Inapplicable:
        return Inapplicable()

    def fail(self, ctx: DocumentContext, message: str) -> Finding:
        return self._finding(ctx, message, Outcome.FAIL)

    def review(self, ctx: DocumentContext, message: str) -> Finding:
        return self._finding(ctx, message, Outcome.NEEDS_REVIEW)

    def _finding(self, ctx: DocumentContext, message: str, outcome: Outcome) -> Finding:
        where = f" (linked from {ctx.doc.found_on})" if ctx.doc.found_on else ""
        node = Node(label=ctx.doc.url)
        return make_finding(self.meta, outcome, ctx.doc.url, f"{message}{where}", node, "")


REGISTRY: dict[str, type[BaseCheck]] = {}
C = TypeVar("C", bound=type[BaseCheck])


def register(cls: C) -> C:
    """Class decorator adding a check to the registry; ids must be unique."""
    check_id = cls.meta.id
    if check_id in REGISTRY and REGISTRY[check_id] is not cls:
        raise ValueError(f"duplicate check id {check_id}")
    REGISTRY[check_id] = cls
    return cls
