"""Which category each check scores in (score model 2.0)."""

from __future__ import annotations

import pytest

from auditor.categories import DEFAULT_WEIGHTS, MOBILE_KEYBOARD, NAMES, category_for
from auditor.checks import all_checks


@pytest.mark.parametrize(
    ("check_id", "level", "category"),
    [
        ("axe/image-alt", "A", "wcag-a"),
        ("axe/color-contrast", "AA", "wcag-aa"),
        ("axe/region", None, "best-practice"),
        ("custom/keyboard-trap", "A", "mobile-keyboard"),
        ("custom/reflow", "AA", "mobile-keyboard"),
        ("axe/meta-viewport", "AA", "mobile-keyboard"),
        ("custom/generic-link-text", "A", "wcag-a"),
        ("documents/pdf-tagged", "A", "documents"),
        ("forms/label", "A", "forms-journeys"),
        ("statement/exists", None, "statement-lgdss"),
        ("govuk/back-link", None, "statement-lgdss"),
        ("privacy/hsts", None, "statement-lgdss"),
    ],
)
def test_category_for(check_id: str, level: str | None, category: str) -> None:
    assert category_for(check_id, level) == category


def test_every_category_has_a_name_and_a_default_weight() -> None:
    assert set(NAMES) == set(DEFAULT_WEIGHTS)


def test_every_check_scores_in_a_known_category() -> None:
    for check_id, cls in all_checks().items():
        assert cls.meta.category in NAMES, check_id


def test_mobile_keyboard_names_only_real_checks() -> None:
    assert set(all_checks()) >= MOBILE_KEYBOARD


def test_checks_name_their_own_category_as_the_stored_runs_table_places_them() -> None:
    declared = {cid for cid, cls in all_checks().items() if cls.meta.category == "mobile-keyboard"}
    assert declared == MOBILE_KEYBOARD
