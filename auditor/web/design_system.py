"""Which design systems a page uses: GOV.UK Frontend, LocalGov Drupal, NHS.UK Frontend.

Detection reads the rendered HTML, and, when the `design_system` probe ran, what the page's CSS
and JavaScript announce about themselves. From the HTML alone:

- class prefixes: `govuk-`, `nhsuk-`, LocalGov Drupal's theme prefix `lgd-` (its modules use
  `localgov-`), and the template classes (`govuk-template__body`, `govuk-frontend-supported`);
- `data-module="govuk-…"` / `"nhsuk-…"` attributes (components the library's JS initialises);
- asset URLs, which often carry the version (`govuk-frontend-5.4.0.min.css`,
  `/govuk-frontend@5.1.0/`, `nhsuk-9.1.0.min.css`), and LocalGov Drupal's module and theme paths
  (`/modules/contrib/localgov_…`, `/themes/contrib/localgov_base/`);
- `--govuk-frontend-version` / `--nhsuk-frontend-version` in inline `<style>` (the libraries set
  these custom properties on `:root` since GOV.UK Frontend 5 and NHS.UK Frontend 10);
- Drupal's settings JSON naming a `localgov_…` theme, and `<meta name="generator">`.

With the probe: the computed value of those custom properties (the stylesheet is usually a
file, not inline), `window.GOVUKFrontend.version` / `window.NHSUKFrontend.version`, and the URLs
of resources loaded by scripts or `@import`, which the HTML does not show.

`detect_design_systems` gives one `DesignSystem` per system and version found;
`mixing_problems` says why a page's systems do not belong together; `site_design_systems`
sums pages up for a report.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

from bs4 import BeautifulSoup, Tag
from pydantic import BaseModel, ConfigDict, JsonValue

from auditor.models import Snapshot

GOVUK: Final = "GOV.UK Frontend"
LOCALGOV: Final = "LocalGov Drupal"
NHSUK: Final = "NHS.UK Frontend"
SystemName = Literal["GOV.UK Frontend", "LocalGov Drupal", "NHS.UK Frontend"]
SYSTEMS: tuple[SystemName, ...] = (GOVUK, LOCALGOV, NHSUK)

PROBE = "design_system"
# Fewer elements than this with a system's class prefix, and nothing else, is a borrowed class
# (a lone `govuk-visually-hidden`), not the system.
MIN_ELEMENTS = 3
MAX_EVIDENCE = 8
_VERSION = r"(\d+\.\d+\.\d+(?:-(?:alpha|beta|rc|pre)(?:\.\d+)?)?)"
_VERSION_VALUE = re.compile(rf"^v?{_VERSION}$")
_GOVUK_ASSET = re.compile(r"govuk-frontend", re.I)
_GOVUK_ASSET_VERSION = re.compile(rf"govuk-frontend(?:-ie8)?[-@/]v?{_VERSION}", re.I)
_NHSUK_ASSET = re.compile(r"nhsuk-frontend|/nhsuk(?:-\d[\w.-]*)?(?:\.min)?\.(?:css|js)\b", re.I)
_NHSUK_ASSET_VERSION = re.compile(rf"nhsuk(?:-frontend)?[-@/]v?{_VERSION}", re.I)
_LOCALGOV_PATH = re.compile(r"/(?:modules|themes|profiles)/(?:contrib|custom)/(localgov\w*)", re.I)
_DRUPAL_CORE_VERSION = re.compile(rf"/core/[^?#]*\?v={_VERSION}")
_CSS_VERSION: dict[SystemName, re.Pattern[str]] = {
    GOVUK: re.compile(rf"--govuk-frontend-version\s*:\s*[\"']?{_VERSION}"),
    NHSUK: re.compile(rf"--nhsuk-frontend-version\s*:\s*[\"']?{_VERSION}"),
}
_SETTINGS_THEME = re.compile(r'"theme"\s*:\s*"(localgov\w*)"')
_TEMPLATE_CLASSES: dict[str, SystemName] = {
    "govuk-template": GOVUK,
    "govuk-template__body": GOVUK,
    "govuk-frontend-supported": GOVUK,
    "nhsuk-frontend-supported": NHSUK,
}


class DesignSystem(BaseModel):
    """One design system a page uses, at one version (None when the page does not say).

    `components` counts the elements carrying the system's component classes; 0 means it was
    seen only through its assets or, for LocalGov Drupal, the platform (a LocalGov Drupal site
    may well be themed with GOV.UK Frontend). `evidence` says what was seen, for people.
    """

    model_config = ConfigDict(frozen=True)

    name: SystemName
    version: str | None = None
    components: int = 0
    evidence: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}" if self.version else self.name


@dataclass
class _Signals:
    """What was seen of one system on one page."""

    elements: int = 0
    evidence: list[str] = field(default_factory=list)  # strong signals, any one is enough
    versions: dict[str, list[str]] = field(default_factory=dict)  # version → its evidence

    def add(self, text: str) -> None:
        if text not in self.evidence:
            self.evidence.append(text)

    def add_version(self, version: str, text: str) -> None:
        found = self.versions.setdefault(version, [])
        if text not in found:
            found.append(text)


def detect_design_systems(page: str | BeautifulSoup, probe: JsonValue = None) -> list[DesignSystem]:
    """The design systems a page uses, sorted by name then version.

    `page` is the rendered HTML (or its parsed soup); `probe` is what the `design_system` probe
    gathered for the page (`Snapshot.probes["design_system"]`), or None when it did not run.
    A system seen at two versions gives two entries, so a page mixing versions shows as such.
    """
    soup = page if isinstance(page, BeautifulSoup) else BeautifulSoup(page, "html.parser")
    signals: dict[SystemName, _Signals] = {name: _Signals() for name in SYSTEMS}
    drupal: list[str] = []
    _read_elements(soup, signals, drupal)
    _read_probe(probe, signals)
    found: list[DesignSystem] = []
    for name, seen in signals.items():
        general = (
            [f"{seen.elements} elements with {_PREFIX[name]}* classes"] if seen.elements else []
        )
        general += seen.evidence
        if not seen.versions and not seen.evidence and seen.elements < MIN_ELEMENTS:
            continue
        if name == LOCALGOV:
            general += drupal
        components = seen.elements
        if not seen.versions:
            found.append(DesignSystem(name=name, components=components, evidence=_cap(general)))
        for version, because in seen.versions.items():
            found.append(
                DesignSystem(
                    name=name,
                    version=version,
                    components=components,
                    evidence=_cap([*because, *general]),
                )
            )
    return sorted(found, key=lambda s: (s.name, _version_key(s.version)))


def page_design_systems(
    snapshot: Snapshot, soup: BeautifulSoup | None = None
) -> list[DesignSystem]:
    """`detect_design_systems` for a gathered page, with its probe facts when they are there."""
    probe = snapshot.probes.get(PROBE)
    if isinstance(probe, dict) and "error" in probe:
        probe = None
    return detect_design_systems(soup if soup is not None else snapshot.html, probe)


def mixing_problems(systems: Sequence[DesignSystem]) -> list[str]:
    """Why the design systems found on one page do not belong together; [] when they do.

    Two of GOV.UK Frontend, NHS.UK Frontend and LocalGov Drupal's own components (its `lgd-`
    theme) on one page mix; LocalGov Drupal seen only as the platform under another system's
    components does not. One system at two versions mixes too.
    """
    problems = []
    versions: dict[str, set[str]] = defaultdict(set)
    designs: list[str] = []
    for system in systems:
        if system.version:
            versions[system.name].add(system.version)
        uses_design = system.name != LOCALGOV or system.components > 0
        if uses_design and system.name not in designs:
            designs.append(system.name)
    if len(designs) > 1:
        problems.append(" with ".join(designs))
    for name, seen in sorted(versions.items()):
        if len(seen) > 1:
            ordered = sorted(seen, key=_version_key)
            problems.append(f"{name} at {len(seen)} versions ({', '.join(ordered)})")
    return problems


class SystemUsage(BaseModel):
    """How many pages use one design system at one version."""

    model_config = ConfigDict(frozen=True)

    name: SystemName
    version: str | None
    pages: int


class DesignSystemSummary(BaseModel):
    """What a site's pages use, for a report: counts per system and version, and pages mixing."""

    model_config = ConfigDict(frozen=True)

    pages: int
    pages_with_design_system: int
    by_system: dict[str, int]  # system name → pages using it at any version
    usage: list[SystemUsage]  # per system and version, sorted by name then version
    versions: dict[str, list[str]]  # system name → the versions seen across the site
    mixed_pages: dict[str, list[str]]  # page URL → why it mixes (see `mixing_problems`)


def site_design_systems(per_page: Mapping[str, Sequence[DesignSystem]]) -> DesignSystemSummary:
    """Sum up the design systems of every page (URL → `detect_design_systems` result)."""
    by_system: dict[str, set[str]] = defaultdict(set)
    by_version: dict[tuple[SystemName, str | None], set[str]] = defaultdict(set)
    mixed: dict[str, list[str]] = {}
    for url, systems in per_page.items():
        for system in systems:
            by_system[system.name].add(url)
            by_version[(system.name, system.version)].add(url)
        problems = mixing_problems(systems)
        if problems:
            mixed[url] = problems
    usage = [
        SystemUsage(name=name, version=version, pages=len(urls))
        for (name, version), urls in sorted(
            by_version.items(), key=lambda kv: (kv[0][0], _version_key(kv[0][1]))
        )
    ]
    versions = {
        name: sorted({u.version for u in usage if u.name == name and u.version}, key=_version_key)
        for name in sorted(by_system)
    }
    return DesignSystemSummary(
        pages=len(per_page),
        pages_with_design_system=sum(1 for systems in per_page.values() if systems),
        by_system={name: len(urls) for name, urls in sorted(by_system.items())},
        usage=usage,
        versions=versions,
        mixed_pages=dict(sorted(mixed.items())),
    )


_PREFIX: dict[SystemName, str] = {GOVUK: "govuk-", LOCALGOV: "lgd-", NHSUK: "nhsuk-"}


def _read_elements(
    soup: BeautifulSoup, signals: dict[SystemName, _Signals], drupal: list[str]
) -> None:
    localgov_module_classes = 0
    for tag in soup.find_all(True):
        classes = _classes(tag)
        for name, prefix in _PREFIX.items():
            if any(c.startswith(prefix) for c in classes):
                signals[name].elements += 1
        if any(c.startswith("localgov-") for c in classes):
            localgov_module_classes += 1
        for cls in classes:
            if cls in _TEMPLATE_CLASSES and tag.name in ("html", "body"):
                signals[_TEMPLATE_CLASSES[cls]].add(f"{tag.name} class {cls}")
        module = tag.get("data-module")
        if isinstance(module, str):
            for name, prefix in ((GOVUK, "govuk-"), (NHSUK, "nhsuk-")):
                if module.startswith(prefix):
                    signals[name].add(f'data-module="{_short(module, 40)}"')
        if not drupal and any(attr.startswith("data-drupal-") for attr in tag.attrs):
            drupal.append("Drupal markup (data-drupal-* attributes)")
        if tag.name in ("link", "script"):
            url = tag.get("href") if tag.name == "link" else tag.get("src")
            if isinstance(url, str) and url:
                _read_url(url, "stylesheet" if tag.name == "link" else "script", signals, drupal)
            if tag.name == "script":
                _read_script(tag, signals)
        elif tag.name == "style":
            _read_css(tag.get_text(), "inline <style>", signals)
        elif tag.name == "meta" and str(tag.get("name", "")).lower() == "generator":
            _read_generator(str(tag.get("content", "")), signals, drupal)
    if localgov_module_classes:
        signals[LOCALGOV].add(f"{localgov_module_classes} elements with localgov-* classes")


def _read_url(url: str, kind: str, signals: dict[SystemName, _Signals], drupal: list[str]) -> None:
    shown = f"{kind} {_short(url, 120)}"
    if _GOVUK_ASSET.search(url):
        signals[GOVUK].add(shown)
        if match := _GOVUK_ASSET_VERSION.search(url):
            signals[GOVUK].add_version(match.group(1), shown)
    if _NHSUK_ASSET.search(url):
        signals[NHSUK].add(shown)
        if match := _NHSUK_ASSET_VERSION.search(url):
            signals[NHSUK].add_version(match.group(1), shown)
    if match := _LOCALGOV_PATH.search(url):
        signals[LOCALGOV].add(f"LocalGov Drupal {match.group(1)} ({kind})")
    if (match := _DRUPAL_CORE_VERSION.search(url)) and not any("core" in d for d in drupal):
        drupal.append(f"Drupal core {match.group(1)}")


def _read_script(tag: Tag, signals: dict[SystemName, _Signals]) -> None:
    text = tag.get_text()
    if not text:
        return
    if tag.get("data-drupal-selector") == "drupal-settings-json":
        if match := _SETTINGS_THEME.search(text):
            signals[LOCALGOV].add(f"Drupal theme {match.group(1)} (drupalSettings)")
        return
    if "GOVUKFrontend" in text or re.search(r"from\s+['\"][^'\"]*govuk-frontend", text):
        signals[GOVUK].add("script initialises GOV.UK Frontend")
    if "NHSUKFrontend" in text or re.search(r"from\s+['\"][^'\"]*nhsuk-frontend", text):
        signals[NHSUK].add("script initialises NHS.UK Frontend")


def _read_css(css: str, where: str, signals: dict[SystemName, _Signals]) -> None:
    for name, pattern in _CSS_VERSION.items():
        for match in pattern.finditer(css):
            signals[name].add_version(
                match.group(1), f"{_CSS_PROPERTY[name]}: {match.group(1)} ({where})"
            )


_CSS_PROPERTY = {GOVUK: "--govuk-frontend-version", NHSUK: "--nhsuk-frontend-version"}
_PROBE_KEYS: tuple[tuple[str, SystemName], ...] = (
    ("govuk_frontend", GOVUK),
    ("nhsuk_frontend", NHSUK),
)
_JS_GLOBAL = {GOVUK: "window.GOVUKFrontend.version", NHSUK: "window.NHSUKFrontend.version"}


def _read_generator(content: str, signals: dict[SystemName, _Signals], drupal: list[str]) -> None:
    shown = f'meta generator "{_short(content, 60)}"'
    if "localgov" in content.lower():
        signals[LOCALGOV].add(shown)
        if match := re.search(rf"localgov[\w ]*?\s{_VERSION}", content, re.I):
            signals[LOCALGOV].add_version(match.group(1), shown)
    elif "drupal" in content.lower() and shown not in drupal:
        drupal.append(shown)


def _read_probe(probe: JsonValue, signals: dict[SystemName, _Signals]) -> None:
    """Facts from the `design_system` probe; anything malformed is ignored, never trusted."""
    if not isinstance(probe, dict):
        return
    for key, name in _PROBE_KEYS:
        facts = probe.get(key)
        if not isinstance(facts, dict):
            continue
        if version := _version(facts.get("css")):
            signals[name].add_version(version, f"{_CSS_PROPERTY[name]}: {version} (computed style)")
        if version := _version(facts.get("js")):
            signals[name].add_version(version, f"{_JS_GLOBAL[name]} {version}")
        if facts.get("global") is True:
            signals[name].add("window.nhsuk is defined")
    resources = probe.get("resources")
    if isinstance(resources, list):
        for url in resources:
            if isinstance(url, str):
                _read_url(url, "loaded", signals, [])


def _version(value: JsonValue) -> str | None:
    if not isinstance(value, str):
        return None
    match = _VERSION_VALUE.match(value.strip().strip("\"'").strip())
    return match.group(1) if match else None


def _version_key(version: str | None) -> tuple[int, ...]:
    if version is None:
        return (-1,)
    return tuple(int(part) for part in re.findall(r"\d+", version))


def _classes(tag: Tag) -> list[str]:
    value = tag.get("class")
    if isinstance(value, str):
        return value.split()
    return list(value) if value else []


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _cap(evidence: Iterable[str]) -> tuple[str, ...]:
    unique = list(dict.fromkeys(evidence))
    return tuple(unique[:MAX_EVIDENCE])
