"""SARIF 2.1.0 from the recorded council snapshots: valid against the official schema (also for
hostile page content), rules, results, fingerprints, the WCAG taxonomy, the URL→file map, and the
golden file."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from jsonschema import Draft4Validator

from auditor.models import CheckResult, Impact, Node, Outcome, Run
from auditor.reporting import REPORTERS
from auditor.reporting.sarif import FINGERPRINT_KEY, SarifReporter
from tests.conftest import ROOT, SNAPSHOTS, run_from_snapshots
from tests.reporting.test_reports import HOSTILE, _hostile_run

SCHEMA = json.loads((ROOT / "tests" / "schemas" / "sarif-2.1.0-rtm.5.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def council() -> Run:
    return run_from_snapshots(SNAPSHOTS / "council")


def _numeric(criterion: str) -> tuple[int, ...]:
    return tuple(int(p) for p in criterion.split("."))


def _sarif(run: Run, reporter: SarifReporter | None = None) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((reporter or SarifReporter()).render(run))
    return document


def _validate(document: dict[str, Any]) -> None:
    validator = Draft4Validator(SCHEMA, format_checker=Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def _with_review(council: Run) -> Run:
    """The council run with one failing element turned into a needs-review one."""
    run = council.model_copy(deep=True)
    page = next(p for p in run.pages if p.findings())
    result = next(r for r in page.results if r.findings)
    result.findings[0] = result.findings[0].model_copy(update={"outcome": Outcome.NEEDS_REVIEW})
    return run


def test_registered() -> None:
    assert isinstance(REPORTERS["sarif"], SarifReporter)
    assert REPORTERS["sarif"].suffix == ".sarif"


def test_council_validates_against_schema(council: Run) -> None:
    document = _sarif(council)
    _validate(document)
    assert document["version"] == "2.1.0"
    assert len(document["runs"]) == 1


def test_hostile_run_validates_against_schema(council: Run) -> None:
    text = SarifReporter().render(_hostile_run(council))
    assert "\x1b" not in text
    document = json.loads(text)
    _validate(document)
    (result,) = document["runs"][0]["results"]
    location = result["locations"][0]
    uri = location["physicalLocation"]["artifactLocation"]["uri"]
    assert not set(uri) & set('"<> \x1b')
    assert uri == "http://council.test/%22%3E%3Cscript%3Ealert(1)%3C/script%3E"
    assert location["physicalLocation"]["region"]["snippet"]["text"].endswith(f"{HOSTILE}</a>")
    assert location["logicalLocations"][0]["fullyQualifiedName"] == f'a[title="{HOSTILE}"]'
    assert result["message"]["text"] == f"Link text {HOSTILE}"


def test_driver_run_properties_and_invocations(council: Run) -> None:
    run = _sarif(council)["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "auditor"
    assert driver["version"] == council.tool_version
    assert run["invocations"] == [{"executionSuccessful": True}]
    properties = run["properties"]
    assert properties["axeVersion"] == council.axe_version
    assert properties["browserVersion"] == council.browser_version
    assert properties["ruleset"] == {"id": council.ruleset.id, "sha256": council.ruleset.sha256}
    with_uri = _sarif(council, SarifReporter(information_uri="https://example.org/auditor"))
    assert with_uri["runs"][0]["tool"]["driver"]["informationUri"] == "https://example.org/auditor"


def test_rules_are_unique_sorted_and_indexed(council: Run) -> None:
    run = _sarif(council)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert ids == sorted(set(ids))
    assert set(ids) == {f.check_id for f in council.findings()}
    infos = {c.id: c for c in council.checks}
    expected_level = {"critical": "error", "serious": "error", "moderate": "warning"}
    for rule in rules:
        info = infos[rule["id"]]
        assert rule["name"] == info.title
        assert rule["shortDescription"]["text"] == info.title
        assert rule["helpUri"] == info.help_url
        assert rule["defaultConfiguration"]["level"] == expected_level[info.impact.value]
        assert "accessibility" in rule["properties"]["tags"]
        for criterion in info.wcag:
            assert f"WCAG {criterion}" in rule["properties"]["tags"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_results_one_per_failing_element(council: Run) -> None:
    run = _sarif(council)["runs"][0]
    results = [r for r in run["results"] if r["kind"] == "fail"]
    fails = [f for f in council.findings() if f.outcome is Outcome.FAIL]
    assert len(results) == len(fails)
    by_print = {f.fingerprint: f for f in fails}
    assert {r["partialFingerprints"][FINGERPRINT_KEY] for r in results} == set(by_print)
    for result in results:
        finding = by_print[result["partialFingerprints"][FINGERPRINT_KEY]]
        assert result["kind"] == "fail"
        assert result["level"] == {"critical": "error", "serious": "error"}.get(
            finding.impact.value, "warning"
        )
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == finding.page_url
        assert physical["region"]["snippet"]["text"] == finding.node.snippet
        assert location["logicalLocations"] == [
            {"fullyQualifiedName": finding.node.selector, "kind": "element"}
        ]
        assert result["message"]["text"] == finding.message
    keys = [
        (r["properties"]["pageUrl"], r["ruleId"], r["locations"][0]["logicalLocations"][0])
        for r in results
    ]
    assert keys == sorted(keys, key=lambda k: (k[0], k[1], k[2]["fullyQualifiedName"]))


def test_needs_review_is_a_review_result(council: Run) -> None:
    document = _sarif(_with_review(council))
    _validate(document)
    reviews = [r for r in document["runs"][0]["results"] if r["kind"] == "review"]
    before = sum(1 for f in council.findings() if f.outcome is Outcome.NEEDS_REVIEW)
    assert len(reviews) == before + 1
    assert {r["level"] for r in reviews} == {
        "none"
    }  # SARIF §3.27.10: level is "none" unless kind is "fail"


def test_wcag_taxonomy_and_relationships(council: Run) -> None:
    run = _sarif(council)["runs"][0]
    (taxonomy,) = run["taxonomies"]
    assert (taxonomy["name"], taxonomy["version"]) == ("WCAG", "2.1")
    taxa = [t["id"] for t in taxonomy["taxa"]]
    used = {c for f in council.findings() for c in f.wcag}
    assert set(taxa) == used
    assert len(taxa) == len(set(taxa))
    assert taxa == sorted(taxa, key=_numeric)
    assert run["tool"]["driver"]["supportedTaxonomies"] == [{"name": "WCAG", "index": 0}]
    infos = {c.id: c for c in council.checks}
    for rule in run["tool"]["driver"]["rules"]:
        targets = [r["target"] for r in rule.get("relationships", [])]
        assert [t["id"] for t in targets] == sorted(set(infos[rule["id"]].wcag), key=_numeric)
        for relationship in rule.get("relationships", []):
            target = relationship["target"]
            assert relationship["kinds"] == ["superset"]
            assert target["toolComponent"] == {"name": "WCAG", "index": 0}
            assert taxa[target["index"]] == target["id"]


def test_source_map_points_results_at_files(council: Run) -> None:
    reporter = SarifReporter(
        source_map={
            "/": "templates/base.html",
            "/news/": "/repo/site/templates/news.html",
            "/news/archive": "templates/archive.html",
        },
        source_root="/repo/site",
    )
    document = _sarif(council, reporter)
    _validate(document)
    run = document["runs"][0]
    assert run["originalUriBaseIds"] == {"SRCROOT": {"uri": "file:///repo/site/"}}
    for result in run["results"]:
        artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
        page = result["properties"]["pageUrl"].removeprefix("http://council.test")
        expected = (
            "templates/archive.html"
            if page.startswith("/news/archive")
            else "templates/news.html"
            if page.startswith("/news/")
            else "templates/base.html"
        )
        assert artifact == {"uri": expected, "uriBaseId": "SRCROOT"}, page


def test_unmapped_results_keep_the_url(council: Run) -> None:
    run = _sarif(council, SarifReporter(source_map={"/bins/": "templates/bins.html"}))["runs"][0]
    assert "originalUriBaseIds" not in run
    uris = {
        r["properties"]["pageUrl"]: r["locations"][0]["physicalLocation"]["artifactLocation"]
        for r in run["results"]
    }
    assert uris.pop("http://council.test/bins/") == {"uri": "templates/bins.html"}
    assert uris
    assert all(artifact == {"uri": url} for url, artifact in uris.items())


def test_site_level_and_unknown_checks_still_validate(council: Run) -> None:
    finding = council.findings()[0].model_copy(
        update={"check_id": "custom/not-in-ruleset", "impact": Impact.MINOR, "node": Node()}
    )
    run = council.model_copy(
        update={
            "site_results": [
                CheckResult(
                    check_id=finding.check_id,
                    outcome=Outcome.FAIL,
                    impact=Impact.MINOR,
                    findings=[finding],
                )
            ]
        }
    )
    document = _sarif(run)
    _validate(document)
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    rule = next(r for r in rules if r["id"] == "custom/not-in-ruleset")
    assert rule["defaultConfiguration"]["level"] == "note"
    result = next(
        r for r in document["runs"][0]["results"] if r["ruleId"] == "custom/not-in-ruleset"
    )
    assert result["level"] == "note"
    assert "logicalLocations" not in result["locations"][0]


def _redact(text: str) -> str:
    """Tool and browser versions vary between machines and releases; the golden file must not."""
    text = re.sub(r'"(version|semanticVersion)": "\d+\.\d+\.\d+[^"]*"', r'"\1": "<redacted>"', text)
    return re.sub(r'"browserVersion": "[^"]*"', '"browserVersion": "<redacted>"', text)


def test_matches_golden(council: Run, golden) -> None:  # type: ignore[no-untyped-def]
    golden("council-report.sarif", _redact(REPORTERS["sarif"].render(council)))
