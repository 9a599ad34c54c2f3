"""SARIF 2.1.0: the static-analysis interchange format read by GitHub code scanning, Azure DevOps
and IDE viewers, so accessibility findings can sit next to other code-quality results.

The mapping follows Microsoft's axe-sarif-converter: one run whose driver is "auditor", one rule
per check that has results (with its WCAG success criteria as tags and as relationships into a
"WCAG" 2.1 taxonomy), and one result per element, located by the page URL with the element's HTML
as the region snippet and its CSS selector as a logical location. A URL→file map can point
results at the template that renders a page instead, for code scanning in the site's own repo.

Only the subset of SARIF we emit is modelled here (pydantic, camelCase aliases), and the output
validates against the official 2.1.0 JSON Schema. Everything is sorted, so a run renders the same
bytes every time.

Needs-review results have kind "review" and level "none": the SARIF specification (§3.27.10)
requires level "none" whenever kind is not "fail".
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import PurePosixPath
from typing import Literal
from urllib.parse import quote, urlsplit

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from auditor.models import CheckInfo, Finding, Impact, Outcome, Run
from auditor.scoring import category_of_info

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "auditorFingerprint/v1"
WCAG_TAXONOMY = "WCAG"
WCAG_VERSION = "2.1"
SOURCE_ROOT_ID = "SRCROOT"

Level = Literal["none", "note", "warning", "error"]
Kind = Literal["pass", "fail", "review", "open", "informational", "notApplicable"]

LEVEL_BY_IMPACT: dict[Impact, Level] = {
    Impact.CRITICAL: "error",
    Impact.SERIOUS: "error",
    Impact.MODERATE: "warning",
    Impact.MINOR: "note",
}
# Characters left as they are in a URI; anything else (quotes, angle brackets, spaces, controls
# from a hostile page's address) is percent-encoded.
_URI_SAFE = ":/?#[]@!$&'()*+,;=%~-._"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class SarifModel(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel, validate_by_name=True, validate_by_alias=True, extra="forbid"
    )


class Message(SarifModel):
    text: str


class MultiformatMessageString(SarifModel):
    text: str


class ReportingConfiguration(SarifModel):
    level: Level


class ToolComponentReference(SarifModel):
    name: str
    index: int


class ReportingDescriptorReference(SarifModel):
    id: str
    index: int
    tool_component: ToolComponentReference


class ReportingDescriptorRelationship(SarifModel):
    target: ReportingDescriptorReference
    kinds: list[str]


class RuleProperties(SarifModel):
    tags: list[str]
    impact: Impact
    wcag_level: str | None = None


class ReportingDescriptor(SarifModel):
    """A rule (a check) or a taxon (a WCAG success criterion)."""

    id: str
    name: str | None = None
    short_description: MultiformatMessageString | None = None
    full_description: MultiformatMessageString | None = None
    help_uri: str | None = None
    default_configuration: ReportingConfiguration | None = None
    relationships: list[ReportingDescriptorRelationship] | None = None
    properties: RuleProperties | None = None


class ToolComponent(SarifModel):
    name: str
    version: str | None = None
    semantic_version: str | None = None
    organization: str | None = None
    information_uri: str | None = None
    short_description: MultiformatMessageString | None = None
    rules: list[ReportingDescriptor] | None = None
    taxa: list[ReportingDescriptor] | None = None
    supported_taxonomies: list[ToolComponentReference] | None = None
    is_comprehensive: bool | None = None


class Tool(SarifModel):
    driver: ToolComponent


class ArtifactLocation(SarifModel):
    uri: str
    uri_base_id: str | None = None


class ArtifactContent(SarifModel):
    text: str


class Region(SarifModel):
    snippet: ArtifactContent


class PhysicalLocation(SarifModel):
    artifact_location: ArtifactLocation
    region: Region | None = None


class LogicalLocation(SarifModel):
    fully_qualified_name: str
    kind: str = "element"


class Location(SarifModel):
    physical_location: PhysicalLocation
    logical_locations: list[LogicalLocation] | None = None


class ResultProperties(SarifModel):
    page_url: str
    impact: Impact
    wcag: list[str]
    viewport: str


class Result(SarifModel):
    rule_id: str
    rule_index: int
    kind: Kind
    level: Level
    message: Message
    locations: list[Location]
    partial_fingerprints: dict[str, str]
    properties: ResultProperties


class Invocation(SarifModel):
    execution_successful: bool


class Ruleset(SarifModel):
    id: str
    sha256: str


class RunProperties(SarifModel):
    run_id: str
    site: str
    axe_version: str | None
    browser_version: str | None
    ruleset: Ruleset
    score_model_version: str
    score: float | None
    band: str | None


class SarifRun(SarifModel):
    tool: Tool
    invocations: list[Invocation]
    original_uri_base_ids: dict[str, ArtifactLocation] | None = Field(
        None, alias="originalUriBaseIds"
    )
    results: list[Result]
    taxonomies: list[ToolComponent]
    properties: RunProperties


class SarifLog(SarifModel):
    schema_uri: str = Field(SARIF_SCHEMA, alias="$schema")
    version: Literal["2.1.0"] = "2.1.0"
    runs: list[SarifRun]


def _criterion_key(criterion: str) -> tuple[tuple[int, ...], str]:
    """Numeric order for success criteria ("1.4.10" after "1.4.3"), odd ids last."""
    parts = criterion.split(".")
    if all(p.isdigit() for p in parts):
        return tuple(int(p) for p in parts), criterion
    return (10**6,), criterion


def _uri(text: str) -> str:
    return quote(_CONTROL.sub("", text), safe=_URI_SAFE)


class SarifReporter:
    name = "sarif"
    suffix = ".sarif"

    def __init__(
        self,
        source_map: dict[str, str] | None = None,
        source_root: str | None = None,
        information_uri: str | None = None,
    ) -> None:
        """`source_map` maps a URL path prefix ("/bins/") to the file that renders those pages
        ("templates/bins.html"); the longest prefix wins and unmapped results keep the page URL.
        Mapped paths are given relative to `source_root` (the repository checkout, say).
        `information_uri` is the tool's home page, shown by SARIF viewers."""
        self.source_map = dict(source_map or {})
        self.source_root = source_root
        self.information_uri = information_uri

    def render(self, run: Run) -> str:
        log = build_sarif(run, self.source_map, self.source_root, self.information_uri)
        document = log.model_dump(mode="json", by_alias=True, exclude_none=True)
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _source_file(url: str, source_map: dict[str, str]) -> str | None:
    path = urlsplit(url).path or "/"
    matches = [prefix for prefix in source_map if path.startswith(prefix)]
    if not matches:
        return None
    return source_map[max(matches, key=lambda p: (len(p), p))]


def _relative(path: str, source_root: str | None) -> str:
    clean = path.replace("\\", "/")
    if source_root is None:
        return clean
    root = source_root.replace("\\", "/")
    if posixpath.isabs(clean) and posixpath.isabs(root):
        return posixpath.relpath(clean, root)
    return clean.removeprefix("./")


def _root_uri(source_root: str) -> str:
    root = source_root.replace("\\", "/").rstrip("/")
    if posixpath.isabs(root):
        return PurePosixPath(root or "/").as_uri().rstrip("/") + "/"
    return _uri(root) + "/"


def _rule(check_id: str, info: CheckInfo | None, impact: Impact) -> ReportingDescriptor:
    if info is None:
        return ReportingDescriptor(
            id=check_id,
            name=check_id,
            short_description=MultiformatMessageString(text=check_id),
            default_configuration=ReportingConfiguration(level=LEVEL_BY_IMPACT[impact]),
            properties=RuleProperties(tags=["accessibility"], impact=impact),
        )
    criteria = sorted(set(info.wcag), key=_criterion_key)
    return ReportingDescriptor(
        id=info.id,
        name=info.title,
        short_description=MultiformatMessageString(text=info.title),
        full_description=(
            MultiformatMessageString(text=info.description) if info.description else None
        ),
        help_uri=info.help_url or None,
        default_configuration=ReportingConfiguration(level=LEVEL_BY_IMPACT[info.impact]),
        properties=RuleProperties(
            tags=["accessibility", category_of_info(info), *(f"WCAG {c}" for c in criteria)],
            impact=info.impact,
            wcag_level=info.level,
        ),
    )


def build_sarif(
    run: Run,
    source_map: dict[str, str] | None = None,
    source_root: str | None = None,
    information_uri: str | None = None,
) -> SarifLog:
    """The SARIF log of a run: fails and needs-review findings, one result per element."""
    source_map = source_map or {}
    infos = {c.id: c for c in run.checks}
    findings = sorted(
        (f for f in run.findings() if f.outcome in (Outcome.FAIL, Outcome.NEEDS_REVIEW)),
        key=lambda f: (f.page_url, f.check_id, f.node.selector, f.fingerprint, f.viewport),
    )
    impacts: dict[str, Impact] = {}
    for finding in findings:
        impacts.setdefault(finding.check_id, finding.impact)
    rule_ids = sorted(impacts)
    rule_index = {rule_id: i for i, rule_id in enumerate(rule_ids)}

    criteria = sorted(
        {c for rule_id in rule_ids for c in _criteria(rule_id, infos, findings)},
        key=_criterion_key,
    )
    taxon_index = {c: i for i, c in enumerate(criteria)}
    wcag_ref = ToolComponentReference(name=WCAG_TAXONOMY, index=0)

    rules = []
    for rule_id in rule_ids:
        rule = _rule(rule_id, infos.get(rule_id), impacts[rule_id])
        related = sorted(_criteria(rule_id, infos, findings), key=_criterion_key)
        if related:
            rule.relationships = [
                ReportingDescriptorRelationship(
                    target=ReportingDescriptorReference(
                        id=c, index=taxon_index[c], tool_component=wcag_ref
                    ),
                    kinds=["superset"],
                )
                for c in related
            ]
        rules.append(rule)

    mapped = any(_source_file(f.page_url, source_map) for f in findings)
    results = [_result(f, rule_index, source_map, source_root) for f in findings]
    return SarifLog(
        runs=[
            SarifRun(
                tool=Tool(
                    driver=ToolComponent(
                        name="auditor",
                        version=run.tool_version,
                        semantic_version=run.tool_version,
                        information_uri=information_uri,
                        short_description=MultiformatMessageString(
                            text="Accessibility auditor for UK council websites"
                        ),
                        rules=rules,
                        supported_taxonomies=[wcag_ref],
                    )
                ),
                invocations=[Invocation(execution_successful=True)],
                original_uri_base_ids=(
                    {SOURCE_ROOT_ID: ArtifactLocation(uri=_root_uri(source_root))}
                    if mapped and source_root
                    else None
                ),
                results=results,
                taxonomies=[
                    ToolComponent(
                        name=WCAG_TAXONOMY,
                        version=WCAG_VERSION,
                        organization="W3C",
                        information_uri="https://www.w3.org/TR/WCAG21/",
                        short_description=MultiformatMessageString(
                            text="Web Content Accessibility Guidelines (WCAG) 2.1"
                        ),
                        taxa=[ReportingDescriptor(id=c) for c in criteria],
                        is_comprehensive=False,
                    )
                ],
                properties=RunProperties(
                    run_id=run.id,
                    site=run.site,
                    axe_version=run.axe_version,
                    browser_version=run.browser_version,
                    ruleset=Ruleset(id=run.ruleset.id, sha256=run.ruleset.sha256),
                    score_model_version=run.score_model_version,
                    score=run.score.value if run.score else None,
                    band=run.score.band if run.score else None,
                ),
            )
        ]
    )


def _criteria(rule_id: str, infos: dict[str, CheckInfo], findings: list[Finding]) -> set[str]:
    info = infos.get(rule_id)
    if info is not None:
        return set(info.wcag)
    return {c for f in findings if f.check_id == rule_id for c in f.wcag}


def _result(
    finding: Finding,
    rule_index: dict[str, int],
    source_map: dict[str, str],
    source_root: str | None,
) -> Result:
    source = _source_file(finding.page_url, source_map)
    if source is None:
        artifact = ArtifactLocation(uri=_uri(finding.page_url))
    else:
        artifact = ArtifactLocation(
            uri=_uri(_relative(source, source_root)),
            uri_base_id=SOURCE_ROOT_ID if source_root else None,
        )
    review = finding.outcome is Outcome.NEEDS_REVIEW
    return Result(
        rule_id=finding.check_id,
        rule_index=rule_index[finding.check_id],
        kind="review" if review else "fail",
        level="none" if review else LEVEL_BY_IMPACT[finding.impact],
        message=Message(text=finding.message or finding.check_id),
        locations=[
            Location(
                physical_location=PhysicalLocation(
                    artifact_location=artifact,
                    region=(
                        Region(snippet=ArtifactContent(text=finding.node.snippet))
                        if finding.node.snippet
                        else None
                    ),
                ),
                logical_locations=(
                    [LogicalLocation(fully_qualified_name=finding.node.selector)]
                    if finding.node.selector
                    else None
                ),
            )
        ],
        partial_fingerprints={FINGERPRINT_KEY: finding.fingerprint},
        properties=ResultProperties(
            page_url=finding.page_url,
            impact=finding.impact,
            wcag=finding.wcag,
            viewport=finding.viewport,
        ),
    )
