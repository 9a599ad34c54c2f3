"""The documents' own score (docs/scoring.md, "Documents"), recomputed from the fixture files."""

from __future__ import annotations

import pytest

from auditor.checks import all_checks
from auditor.checks.base import DocumentCheck
from auditor.crawl.pdf_facts import pdf_facts
from auditor.models import (
    CheckResult,
    DocumentResult,
    Impact,
    Outcome,
    Resource,
    ScoreWeights,
)
from auditor.pipeline.evaluate import check_documents
from auditor.scoring import document_score
from tests.conftest import SITES

DOCUMENT_CHECKS = [c for c in all_checks().values() if issubclass(c, DocumentCheck)]


def leaflet(site: str) -> Resource:
    path = SITES / site / "documents" / "council-tax-leaflet.pdf"
    return Resource(
        url=f"http://{site}.test/documents/council-tax-leaflet.pdf",
        found_on=f"http://{site}.test/council-tax/",
        kind="pdf",
        status=200,
        content_type="application/pdf",
        bytes=path.stat().st_size,
        document=pdf_facts(path.read_bytes()),
    )


def test_the_worked_example_of_docs_scoring() -> None:
    bad = check_documents([leaflet("council")], [], DOCUMENT_CHECKS)
    clean = check_documents([leaflet("council-clean")], [], DOCUMENT_CHECKS)
    assert document_score(bad) == 14.6
    assert document_score(clean) == 100
    assert document_score(bad + clean) == 52.3
    outcomes = {r.check_id: r.outcome for r in bad[0].results}
    assert outcomes["documents/office-format"] is Outcome.INAPPLICABLE
    assert outcomes["documents/unreachable"] is Outcome.PASS
    assert sum(o is Outcome.FAIL for o in outcomes.values()) == 6


def result(check_id: str, outcome: Outcome, impact: Impact = Impact.SERIOUS) -> CheckResult:
    return CheckResult(check_id=check_id, outcome=outcome, impact=impact)


def document(*results: CheckResult) -> DocumentResult:
    return DocumentResult(
        resource=Resource(url="https://c.gov.uk/a.pdf", found_on="https://c.gov.uk/", kind="pdf"),
        results=list(results),
    )


def test_nothing_judged_is_no_score() -> None:
    assert document_score([]) is None
    unjudged = document(
        result("documents/pdf-title", Outcome.NEEDS_REVIEW),
        result("documents/pdf-tagged", Outcome.ERROR),
        result("documents/pdf-bookmarks", Outcome.INAPPLICABLE),
    )
    assert document_score([unjudged]) is None


def test_review_and_error_neither_pass_nor_dilute() -> None:
    docs = [
        document(
            result("documents/pdf-tagged", Outcome.FAIL),
            result("documents/pdf-title", Outcome.NEEDS_REVIEW),
        ),
        document(result("documents/pdf-tagged", Outcome.PASS)),
    ]
    assert document_score(docs) == 50.0


@pytest.mark.parametrize(
    ("weights", "expected"),
    [
        (ScoreWeights(), 100 * 20 / (20 + 2)),
        (ScoreWeights(overrides={"documents/office-format": 20}), 50.0),
    ],
)
def test_weighted_by_impact_with_the_rulesets_overrides(
    weights: ScoreWeights, expected: float
) -> None:
    docs = [
        document(
            result("documents/pdf-text-layer", Outcome.PASS, Impact.CRITICAL),
            result("documents/office-format", Outcome.FAIL, Impact.MINOR),
        )
    ]
    assert document_score(docs, weights) == round(expected, 1)
