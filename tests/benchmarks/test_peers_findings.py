"""The pure part of benchmarks/peers: each peer's real output read into findings and matched to
the fixture council site's seeded defects. No npm, no browser: the samples under fixtures/ were
recorded from the tools' runs on fixtures/sites/council (see fixtures/README.md)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLES = Path(__file__).parent / "fixtures"


def _load_findings() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "peers_findings", REPO / "benchmarks" / "peers" / "findings.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being created
    spec.loader.exec_module(module)
    return module


findings = _load_findings()
DEFECTS = findings.load_defects(REPO / "fixtures" / "sites" / "council")
PAGES_SAMPLED = {"/", "/council-tax/", "/news/library-hours.html", "/pay/", "/planning/"}
AXE_DEFECTS_ON_SAMPLED_PAGES = {
    "home-logo-missing-alt",
    "home-search-button-no-name",
    "home-icon-link-no-name",
    "council-tax-viewport-zoom-disabled",
    "council-tax-viewport-zoom-disabled-custom",  # the same meta tag: axe/meta-viewport counts
    "library-hours-no-lang",
    "pay-iframe-no-title",
    "pay-embed-card-number-no-label",
}


def sample(name: str) -> Any:
    return json.loads((SAMPLES / name).read_text("utf-8"))


def rules_by_path(found: list[Any]) -> set[tuple[str, str, tuple[str, ...]]]:
    return {(f.path, f.rule, f.selectors) for f in found}


def test_defects_are_read_from_every_defects_file() -> None:
    ids = [d.id for d in DEFECTS]
    assert len(ids) == len(set(ids)) >= 23
    card = next(d for d in DEFECTS if d.id == "pay-embed-card-number-no-label")
    assert (card.path, card.check, card.selector, card.frame) == (
        "/pay/",
        "axe/label",
        "#card-number",
        "/pay/embed.html",
    )


def test_pa11y_ci_keeps_every_level_and_drops_review_items() -> None:
    found = findings.from_pa11y_ci(sample("pa11y-ci.json"))
    assert rules_by_path(found) == {
        ("/", "axe/button-name", ("#search-submit",)),
        ("/", "axe/image-alt", ("#council-logo",)),
        ("/", "axe/link-name", ("#news-icon-link",)),
        # moderate impact: pa11y files it as a warning, still a failure
        ("/council-tax/", "axe/meta-viewport", ("#viewport-meta",)),
        ("/news/library-hours.html", "axe/html-has-lang", ("html",)),
        ("/pay/", "axe/frame-title", ("#payment-frame",)),
    }


def test_pa11y_ci_page_that_did_not_load_is_an_error_not_a_finding() -> None:
    output = sample("pa11y-ci-error.json")
    assert findings.from_pa11y_ci(output) == []
    assert list(findings.pa11y_ci_errors(output)) == ["http://127.0.0.1:9/missing/"]


def test_axe_cli_keeps_the_selector_chain_through_frames() -> None:
    found = findings.from_axe_cli(sample("axe-cli.json"))
    assert ("/pay/", "axe/label", ("#payment-frame", "#card-number")) in rules_by_path(found)
    assert len(found) == 7
    assert all(f.rule.startswith("axe/") for f in found)


def test_lighthouse_reads_failed_binary_audits_only() -> None:
    found: list[Any] = []
    for lhr in sample("lighthouse-lhrs.json"):
        assert findings.lighthouse_failed_to_load(lhr) is None
        found += findings.from_lighthouse(lhr, findings.lighthouse_accessibility_audits(lhr))
    rules = {(f.path, f.rule) for f in found}
    assert rules == {
        ("/", "axe/button-name"),
        ("/", "axe/image-alt"),
        ("/", "axe/link-name"),
        ("/pay/", "axe/frame-title"),
        ("/planning/", "axe/target-size"),
    }
    logo = next(f for f in found if f.rule == "axe/image-alt")
    assert logo.selectors[0].endswith("img#council-logo")


def test_lighthouse_runtime_error_is_reported() -> None:
    lhr = {"requestedUrl": "http://127.0.0.1:1/x", "runtimeError": {"code": "ERRORED_DOCUMENT"}}
    assert findings.lighthouse_failed_to_load(lhr) == "ERRORED_DOCUMENT"


def test_auditor_report_findings_are_failures_with_frame_chains() -> None:
    report = sample("auditor-report.json")
    every = findings.from_auditor(report)
    found = findings.distinct(every)
    assert ("/pay/", "axe/label", ("#payment-frame", "#card-number")) in rules_by_path(found)
    assert len(every) == sum(1 for f in report["findings"] if f["outcome"] == "fail")
    assert len(found) == len(rules_by_path(every))  # one per page, rule and element
    assert all(f.rule != "custom/keyboard-reachable" for f in found), (
        "needs_review items are not failures"
    )


@pytest.mark.parametrize(
    ("found", "seeded", "same"),
    [
        ("#council-logo", "#council-logo", True),
        ("body > main#main-content > div.welcome > img#council-logo", "#council-logo", True),
        ("img#council-logo-link", "#council-logo", False),
        ("#council-logo > img", "#council-logo", False),
        ("html", "html", True),
        ('input[name="card"]', '[name="card"]', True),
    ],
)
def test_selector_matching(found: str, seeded: str, same: bool) -> None:
    assert findings.selector_matches(found, seeded) is same


def found_ids(found: list[Any]) -> set[str]:
    return set(findings.defects_found(found, DEFECTS))


def test_matching_each_tool_to_the_seeded_defects() -> None:
    pa11y = found_ids(findings.from_pa11y_ci(sample("pa11y-ci.json")))
    axe_cli = found_ids(findings.from_axe_cli(sample("axe-cli.json")))
    ours = found_ids(findings.from_auditor(sample("auditor-report.json")))
    # pa11y runs axe in the top document only: the label inside the payment iframe is missed.
    assert pa11y == AXE_DEFECTS_ON_SAMPLED_PAGES - {"pay-embed-card-number-no-label"}
    assert axe_cli == AXE_DEFECTS_ON_SAMPLED_PAGES
    assert ours >= AXE_DEFECTS_ON_SAMPLED_PAGES | {"council-tax-click-here"}
    recorded = ("defects.toml", "defects-keyboard.toml", "defects-layout.toml")  # when recorded
    seeded = findings.load_defects(REPO / "fixtures" / "sites" / "council")
    on_pages = {d.id for d in seeded if d.path in PAGES_SAMPLED}
    by_file = {
        d.id
        for name in recorded
        for d in findings.load_defects_file(REPO / "fixtures" / "sites" / "council" / name)
    }
    assert (on_pages & by_file) - ours == set()


def test_lighthouse_target_size_counts_for_the_custom_check_defects() -> None:
    found: list[Any] = []
    for lhr in sample("lighthouse-lhrs.json"):
        found += findings.from_lighthouse(lhr, findings.lighthouse_accessibility_audits(lhr))
    target_size = {d.id for d in DEFECTS if d.check == "custom/target-size"}
    assert len(target_size) == 3
    assert target_size <= found_ids(found)
    assert findings.unmatched(found, DEFECTS) == []


def test_a_finding_on_another_page_or_rule_or_outside_the_frame_does_not_match() -> None:
    card = next(d for d in DEFECTS if d.id == "pay-embed-card-number-no-label")
    finding = findings.Finding
    assert findings.matches(finding("/pay/", "axe/label", ("#payment-frame", "#card-number")), card)
    assert not findings.matches(finding("/pay/", "axe/label", ("#card-number",)), card)
    assert not findings.matches(finding("/", "axe/label", ("#x", "#card-number")), card)
    assert not findings.matches(finding("/pay/", "axe/image-alt", ("#x", "#card-number")), card)
    title = next(d for d in DEFECTS if d.id == "recycling-centre-no-title")
    assert findings.matches(finding(title.path, "axe/document-title", ("html",)), title)
