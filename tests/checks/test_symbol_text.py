"""axe-core's colour contrast: text with no letter or digit is a review item (decoration or
meaning is a person's call); any letter or digit keeps the failure."""

from __future__ import annotations

import pytest

from auditor.checks.axe import build_axe_checks
from auditor.checks.symbol_text import symbol_text_note
from auditor.models import Outcome
from auditor.pipeline.evaluate import check_page
from tests.checks.test_axe import _page_with


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<p style="color:#000;background:#666">----=====+++***%%%±±@@</p>', Outcome.NEEDS_REVIEW),
        ('<p style="color:#000;background:#666">Bins -- collected weekly</p>', Outcome.FAIL),
        ('<p style="color:#000;background:#666">£5 ***</p>', Outcome.FAIL),  # a digit
        ('<p style="color:#000;background:#666">-----', Outcome.FAIL),  # cut short
    ],
    ids=["symbols", "words", "digit", "truncated"],
)
def test_contrast_of_symbol_text(html: str, expected: Outcome) -> None:
    checks = build_axe_checks()
    page = _page_with("color-contrast", html)
    (finding,) = check_page([page], [checks["axe/color-contrast"]]).findings()
    assert finding.outcome is expected


def test_other_rules_are_not_touched() -> None:
    assert symbol_text_note("image-alt", "<p>----</p>") is None
