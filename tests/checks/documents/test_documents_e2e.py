"""The fixture council sites audited in Chromium with the council ruleset: every seeded document
fault (fixtures/sites/council/defects-documents.toml) is found, and none on the clean site."""

from __future__ import annotations

import tomllib
from urllib.parse import urlsplit

import pytest

from auditor.models import DESKTOP, Outcome, Run
from auditor.web.static_site import StaticSite
from tests.conftest import SITES, run_audit

pytestmark = pytest.mark.browser

DEFECTS = tomllib.loads((SITES / "council" / "defects-documents.toml").read_text("utf-8"))[
    "document_defect"
]


def _audit(site: str) -> Run:
    with StaticSite(SITES / site) as served:
        # Documents are judged once, whatever the viewport: one viewport keeps this quick.
        return run_audit([served.url], ruleset="council", viewports=[DESKTOP])


@pytest.fixture(scope="module")
def council() -> Run:
    return _audit("council")


@pytest.fixture(scope="module")
def clean() -> Run:
    return _audit("council-clean")


def _failures(run: Run) -> set[tuple[str, str]]:
    return {
        (f.check_id, urlsplit(f.page_url).path)
        for document in run.documents
        for f in document.findings()
        if f.outcome is Outcome.FAIL
    }


@pytest.mark.parametrize("defect", DEFECTS, ids=[d["id"] for d in DEFECTS])
def test_every_seeded_document_fault_is_found(council: Run, defect: dict[str, str]) -> None:
    assert (defect["check"], defect["path"]) in _failures(council), defect["id"]


def test_no_document_failure_beyond_the_seeded_ones(council: Run) -> None:
    assert _failures(council) == {(d["check"], d["path"]) for d in DEFECTS}


def test_documents_are_read_and_scored_on_their_own(council: Run) -> None:
    (document,) = council.documents
    facts = document.resource.document
    assert facts is not None and facts.error is None
    assert (facts.pages, facts.form_fields) == (22, 4)
    assert {r.check_id for r in document.results} >= {
        "documents/pdf-tagged",
        "documents/unreachable",
    }
    assert council.documents_score is not None and council.documents_score < 30
    # Documents are not pages: no page holds their results, so the page score ignores them.
    assert not any(r.check_id.startswith("documents/") for p in council.pages for r in p.results)


def test_the_clean_site_documents_pass(clean: Run) -> None:
    (document,) = clean.documents
    outcomes = {r.check_id: r.outcome for r in document.results}
    assert Outcome.FAIL not in outcomes.values()
    assert Outcome.NEEDS_REVIEW not in outcomes.values()
    assert outcomes["documents/pdf-tagged"] is Outcome.PASS
    assert outcomes["documents/pdf-title"] is Outcome.PASS
    assert outcomes["documents/pdf-language"] is Outcome.PASS
    assert outcomes["documents/pdf-text-layer"] is Outcome.PASS
    assert clean.documents_score == 100
