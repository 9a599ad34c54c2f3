"""Design system detection: GOV.UK Frontend, LocalGov Drupal and NHS.UK Frontend, and versions."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import JsonValue

from auditor.checks.base import CheckContext
from auditor.checks.govuk.mixed_design_systems import MixedDesignSystems
from auditor.gather.session import ChromiumSession, GatherOptions, find_chromium
from auditor.models import DESKTOP, Outcome, Target
from auditor.probes.axe import axe_options, axe_source
from auditor.web.design_system import (
    GOVUK,
    LOCALGOV,
    NHSUK,
    DesignSystem,
    SystemUsage,
    detect_design_systems,
    mixing_problems,
    page_design_systems,
    site_design_systems,
)
from tests.conftest import SITES, snapshot_from_html

CLEAN = SITES / "council-clean"
CLEAN_PAGES = sorted(CLEAN.rglob("*.html"))
SAMPLES = Path(__file__).parent / "samples"  # hand-written from each system's templates


def probe_facts(
    govuk_css: str = "", govuk_js: object = None, nhsuk_css: str = "", resources: object = ()
) -> JsonValue:
    """What the design_system probe returns (getPropertyValue keeps the quotes)."""
    return {
        "govuk_frontend": {"css": govuk_css or None, "js": govuk_js},  # type: ignore[dict-item]
        "nhsuk_frontend": {"css": nhsuk_css or None, "js": None, "global": False},
        "resources": list(resources),  # type: ignore[call-overload]
    }


def names(systems: list[DesignSystem]) -> list[tuple[str, str | None]]:
    return [(s.name, s.version) for s in systems]


# --- the council-clean fixture site (GOV.UK Frontend 6.6.0) -----------------------------------


@pytest.mark.parametrize("page", CLEAN_PAGES, ids=[str(p.relative_to(CLEAN)) for p in CLEAN_PAGES])
def test_council_clean_pages_use_govuk_frontend(page: Path) -> None:
    systems = detect_design_systems(page.read_text(encoding="utf-8"))
    assert names(systems) == [
        (GOVUK, None)
    ]  # the HTML names no version: /assets/govuk-frontend.min.css
    assert systems[0].components >= 10
    assert "body class govuk-template__body" in systems[0].evidence


def test_council_clean_version_comes_from_the_probe() -> None:
    html = (CLEAN / "index.html").read_text(encoding="utf-8")
    systems = detect_design_systems(html, probe_facts(govuk_css='"6.6.0"'))
    assert names(systems) == [(GOVUK, "6.6.0")]
    assert systems[0].evidence[0] == "--govuk-frontend-version: 6.6.0 (computed style)"


def test_the_shipped_stylesheet_declares_its_version() -> None:
    """The real minified 6.6.0 CSS, inlined, is read without a browser."""
    css = (CLEAN / "assets" / "govuk-frontend.min.css").read_text(encoding="utf-8")
    html = (CLEAN / "index.html").read_text(encoding="utf-8")
    inlined = html.replace("</head>", f"<style>{css}</style></head>")
    assert names(detect_design_systems(inlined)) == [(GOVUK, "6.6.0")]


@pytest.mark.browser
def test_probe_reads_the_version_of_council_clean(serve_site: Callable[[str], str]) -> None:
    """End to end: Chromium renders the page, the probe reads the computed custom property."""
    root = serve_site("council-clean")
    options = GatherOptions(
        viewports=(DESKTOP,),
        axe_source=axe_source(),
        axe_options=axe_options(["wcag2a"], []),
        probes={DESKTOP.name: ("design_system",)},
        settle_ms=100,
    )

    async def capture() -> object:
        async with ChromiumSession(find_chromium(None), options) as session:
            worker = session.worker()
            try:
                return await worker.capture(Target(url=root), DESKTOP)
            finally:
                await worker.close()

    snapshot = asyncio.run(capture())
    facts = snapshot.probes["design_system"]  # type: ignore[attr-defined]
    assert facts["govuk_frontend"]["css"] == "6.6.0", facts
    assert facts["nhsuk_frontend"] == {"css": None, "js": None, "global": False}
    systems = page_design_systems(snapshot)  # type: ignore[arg-type]
    assert names(systems) == [(GOVUK, "6.6.0")]
    assert any(r.endswith("/assets/govuk-frontend.min.css") for r in facts["resources"])


# --- versions from asset URLs ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/assets/govuk-frontend-5.4.0.min.css", [(GOVUK, "5.4.0")]),
        ("/javascripts/govuk-frontend-5.4.0.min.js", [(GOVUK, "5.4.0")]),
        (
            "https://cdn.jsdelivr.net/npm/govuk-frontend@5.1.0/dist/govuk/govuk-frontend.min.css",
            [(GOVUK, "5.1.0")],
        ),
        (
            "https://cdnjs.cloudflare.com/ajax/libs/govuk-frontend/4.7.0/all.min.css",
            [(GOVUK, "4.7.0")],
        ),
        ("/stylesheets/govuk-frontend-ie8-3.14.0.min.css", [(GOVUK, "3.14.0")]),
        ("/assets/govuk-frontend-5.0.0-beta.1.min.js", [(GOVUK, "5.0.0-beta.1")]),
        ("/node_modules/govuk-frontend/dist/govuk/all.bundle.js", [(GOVUK, None)]),
        ("/css/nhsuk-9.1.0.min.css", [(NHSUK, "9.1.0")]),
        ("https://unpkg.com/nhsuk-frontend@9.1.0/dist/nhsuk.min.js", [(NHSUK, "9.1.0")]),
        ("/assets/nhsuk-frontend-10.0.0.min.css", [(NHSUK, "10.0.0")]),
        ("/js/nhsuk.min.js", [(NHSUK, None)]),
        ("/themes/contrib/localgov_base/css/base.css?t1x2", [(LOCALGOV, None)]),
        ("/modules/contrib/localgov_alert_banner/js/alert.js?v=1", [(LOCALGOV, None)]),
        ("/assets/govuk-logo.svg", []),
        ("/static/main-5.4.0.css", []),
    ],
)
def test_asset_urls(url: str, expected: list[tuple[str, str | None]]) -> None:
    tag = f'<script src="{url}"></script>' if url.endswith(".js") else f'<link href="{url}">'
    html = f"<html><head>{tag}</head><body><p>Hello</p></body></html>"
    assert names(detect_design_systems(html)) == expected


# --- hand-written LocalGov Drupal and NHS.UK samples -------------------------------------------

LOCALGOV_PAGE = (SAMPLES / "localgov-drupal.html").read_text(encoding="utf-8")

NHSUK_9_PAGE = (SAMPLES / "nhsuk-frontend-9.html").read_text(encoding="utf-8")

NHSUK_10_PAGE = (SAMPLES / "nhsuk-frontend-10.html").read_text(encoding="utf-8")


def test_localgov_drupal() -> None:
    [system] = detect_design_systems(LOCALGOV_PAGE)
    assert (system.name, system.version) == (LOCALGOV, None)
    assert system.components >= 5
    assert "LocalGov Drupal localgov_base (stylesheet)" in system.evidence
    assert "Drupal theme localgov_scarfolk (drupalSettings)" in system.evidence
    assert "Drupal core 10.2.4" in system.evidence
    assert mixing_problems([system]) == []


def test_drupal_alone_is_not_localgov() -> None:
    html = LOCALGOV_PAGE.replace("localgov", "olivero").replace("lgd-", "site-")
    assert detect_design_systems(html) == []


def test_localgov_platform_themed_with_govuk_frontend_is_not_mixing() -> None:
    html = (CLEAN / "index.html").read_text(encoding="utf-8")
    html = html.replace(
        "</head>",
        '<link rel="stylesheet" href="/modules/contrib/localgov_alert_banner/css/banner.css">'
        "</head>",
    )
    systems = detect_design_systems(html)
    assert [s.name for s in systems] == [GOVUK, LOCALGOV]
    assert systems[1].components == 0
    assert mixing_problems(systems) == []


def test_nhsuk_frontend_9() -> None:
    [system] = detect_design_systems(NHSUK_9_PAGE)
    assert (system.name, system.version) == (NHSUK, "9.1.0")
    assert "stylesheet /css/nhsuk-9.1.0.min.css" in system.evidence


def test_nhsuk_frontend_10_from_inline_custom_property() -> None:
    [system] = detect_design_systems(NHSUK_10_PAGE)
    assert (system.name, system.version) == (NHSUK, "10.1.0")
    assert 'data-module="nhsuk-skip-link"' in system.evidence
    assert "script initialises NHS.UK Frontend" in system.evidence


def test_a_borrowed_class_is_not_a_design_system() -> None:
    html = (
        '<body><main><span class="govuk-visually-hidden">Error:</span>'
        '<p class="nhsuk-body">x</p></main></body>'
    )
    assert detect_design_systems(html) == []
    assert detect_design_systems("<html><body><p>Plain page</p></body></html>") == []


def test_accepts_a_parsed_soup() -> None:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(NHSUK_9_PAGE, "html.parser")
    assert names(detect_design_systems(soup)) == [(NHSUK, "9.1.0")]


# --- the probe's facts ---------------------------------------------------------------------------


def test_probe_js_global_and_loaded_resources() -> None:
    facts = probe_facts(
        govuk_js="5.1.0", resources=["https://cdn.example/npm/govuk-frontend@5.1.0/x.js"]
    )
    [system] = detect_design_systems("<html><body></body></html>", facts)
    assert (system.name, system.version) == (GOVUK, "5.1.0")
    assert "window.GOVUKFrontend.version 5.1.0" in system.evidence


@pytest.mark.parametrize(
    "facts",
    [
        {"error": "timed out after 20s"},
        probe_facts(govuk_css='"development"'),
        probe_facts(govuk_js=5),
        probe_facts(govuk_js="<script>alert(1)</script>"),
        {"govuk_frontend": "6.6.0", "resources": "nope"},
        [1, 2],
        None,
    ],
)
def test_malformed_or_failed_probe_facts_are_ignored(facts: JsonValue) -> None:
    html = (CLEAN / "index.html").read_text(encoding="utf-8")
    snapshot = snapshot_from_html(html)
    snapshot.probes["design_system"] = facts
    assert names(page_design_systems(snapshot)) == [(GOVUK, None)]


def test_probe_and_html_disagreeing_show_two_versions() -> None:
    html = '<html><head><link rel="stylesheet" href="/govuk-frontend-4.7.0.min.css"></head></html>'
    systems = detect_design_systems(html, probe_facts(govuk_css='"5.4.0"'))
    assert names(systems) == [(GOVUK, "4.7.0"), (GOVUK, "5.4.0")]
    assert mixing_problems(systems) == ["GOV.UK Frontend at 2 versions (4.7.0, 5.4.0)"]


def test_mixed_check_uses_the_probe_version() -> None:
    html = (
        (CLEAN / "index.html")
        .read_text(encoding="utf-8")
        .replace("</head>", '<script src="/js/govuk-frontend-5.9.0.min.js"></script></head>')
    )
    snapshot = snapshot_from_html(html)
    assert MixedDesignSystems().run(CheckContext(snapshot)).outcome is Outcome.PASS
    snapshot.probes["design_system"] = probe_facts(govuk_css='"6.6.0"')
    result = MixedDesignSystems().run(CheckContext(snapshot))
    assert result.outcome is Outcome.FAIL
    assert "GOV.UK Frontend at 2 versions (5.9.0, 6.6.0)" in result.findings[0].message


# --- mixing and the site summary -----------------------------------------------------------------

G5 = DesignSystem(name=GOVUK, version="5.4.0", components=40)
G4 = DesignSystem(name=GOVUK, version="4.7.0", components=40)
G = DesignSystem(name=GOVUK, components=40)
N9 = DesignSystem(name=NHSUK, version="9.1.0", components=12)
LGD_THEME = DesignSystem(name=LOCALGOV, components=20)
LGD_PLATFORM = DesignSystem(name=LOCALGOV, components=0)


@pytest.mark.parametrize(
    ("systems", "problems"),
    [
        ([], []),
        ([G5], []),
        ([G, G5], []),  # a version-less entry never conflicts with a versioned one
        ([G5, LGD_PLATFORM], []),
        ([LGD_THEME], []),
        ([G5, N9], ["GOV.UK Frontend with NHS.UK Frontend"]),
        ([G5, LGD_THEME], ["GOV.UK Frontend with LocalGov Drupal"]),
        ([G4, G5], ["GOV.UK Frontend at 2 versions (4.7.0, 5.4.0)"]),
        (
            [G4, G5, N9],
            [
                "GOV.UK Frontend with NHS.UK Frontend",
                "GOV.UK Frontend at 2 versions (4.7.0, 5.4.0)",
            ],
        ),
    ],
)
def test_mixing_problems(systems: list[DesignSystem], problems: list[str]) -> None:
    assert mixing_problems(systems) == problems


def test_site_design_systems() -> None:
    summary = site_design_systems(
        {
            "https://council.example/": [G5],
            "https://council.example/bins": [G5],
            "https://council.example/old-form": [G4],
            "https://council.example/health": [G5, N9],
            "https://council.example/news": [G, LGD_PLATFORM],
            "https://council.example/plain": [],
        }
    )
    assert summary.pages == 6
    assert summary.pages_with_design_system == 5
    assert summary.by_system == {GOVUK: 5, LOCALGOV: 1, NHSUK: 1}
    assert summary.usage == [
        SystemUsage(name=GOVUK, version=None, pages=1),
        SystemUsage(name=GOVUK, version="4.7.0", pages=1),
        SystemUsage(name=GOVUK, version="5.4.0", pages=3),
        SystemUsage(name=LOCALGOV, version=None, pages=1),
        SystemUsage(name=NHSUK, version="9.1.0", pages=1),
    ]
    assert summary.versions == {GOVUK: ["4.7.0", "5.4.0"], LOCALGOV: [], NHSUK: ["9.1.0"]}
    assert summary.mixed_pages == {
        "https://council.example/health": ["GOV.UK Frontend with NHS.UK Frontend"]
    }


def test_site_design_systems_of_nothing() -> None:
    summary = site_design_systems({})
    assert (summary.pages, summary.pages_with_design_system, summary.usage) == (0, 0, [])
    assert summary.mixed_pages == {}


def test_versions_sort_as_numbers() -> None:
    summary = site_design_systems(
        {
            "a": [DesignSystem(name=GOVUK, version="10.0.0")],
            "b": [DesignSystem(name=GOVUK, version="9.2.1")],
        }
    )
    assert summary.versions[GOVUK] == ["9.2.1", "10.0.0"]
