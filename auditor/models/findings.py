"""What checks report: findings on nodes, one result per check, and their stable fingerprints."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field

from auditor.models.core import Impact, Outcome


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
    states: list[str] = Field(
        default_factory=list,
        description="the journey states where it was seen, e.g. 'step 2 submitted empty'",
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
