"""axe-core's label-content-name-mismatch: where the W3C's label-in-name algorithm finds the
visible text in the name, the violation is a review item; where it does not, a failure."""

from __future__ import annotations

import pytest

from auditor.checks.axe import build_axe_checks
from auditor.checks.label_in_name import contained, label_in_name_note, tokens
from auditor.models import Outcome
from auditor.pipeline.evaluate import check_page
from tests.checks.test_axe import _page_with


def test_tokens_drop_brackets_punctuation_and_case() -> None:
    assert tokens("Next…") == ["next"]
    assert tokens("Download (PDF, 2 MB) report!") == ["download", "report"]
    assert tokens("Résumé") == ["resume"]
    assert tokens("☰ ✕") == []


@pytest.mark.parametrize(
    ("label", "name", "expected"),
    [
        ("Next…", "Next", True),
        ("Download specification", "Download the specification", False),  # not contiguous
        ("specification download", "download specification", False),  # order
        ("Next", "Nextpage", False),  # whole words only
        ("non-standard", "nonstandard", False),  # hyphenation splits words
        ("Search", "Search the council website", True),
    ],
)
def test_contiguous_run_of_whole_words(label: str, name: str, expected: bool) -> None:
    assert contained(label, name) is expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<button aria-label="Next">Next…</button>', Outcome.NEEDS_REVIEW),
        ('<a href="#" aria-label="Go to page 2">Next</a>', Outcome.FAIL),
        # the name comes from elsewhere: left to axe
        ('<button aria-labelledby="x" aria-label="Next">Next…</button>', Outcome.FAIL),
        # a snippet axe cut short proves nothing
        ('<button aria-label="Next">Next… and a great deal more', Outcome.FAIL),
    ],
    ids=["ellipsis", "different-words", "labelledby", "truncated"],
)
def test_violation_outcome(html: str, expected: Outcome) -> None:
    checks = build_axe_checks()
    page = _page_with("label-content-name-mismatch", html)
    (finding,) = check_page([page], [checks["axe/label-content-name-mismatch"]]).findings()
    assert finding.outcome is expected
    if expected is Outcome.NEEDS_REVIEW:
        assert "label-in-name algorithm" in finding.message


def test_other_rules_are_not_touched() -> None:
    assert label_in_name_note("link-name", '<a aria-label="Next">Next…</a>') is None
