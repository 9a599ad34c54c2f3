"""Score categories: which category each check scores in (score model 2.0, docs/scoring.md).

A check scores in the category its metadata names (`CheckMeta.category`: the checks a phone user
or a keyboard user meets first name "mobile and keyboard"); left out, by rule:

1. a check of a namespace listed in `BY_NAMESPACE` scores there (documents, forms, the statement
   and LGDSS checks);
2. any other check scores by its WCAG level: A → `wcag-a`, AA → `wcag-aa`, else `best-practice`.

Runs stored before score model 2.0 record no category; `category_for` places their checks as the
model placed them then (`MOBILE_KEYBOARD`, which a test keeps in agreement with the metadata).
"""

from __future__ import annotations

# id → the name reports show, in the order reports list them.
NAMES: dict[str, str] = {
    "wcag-a": "WCAG A",
    "wcag-aa": "WCAG AA",
    "mobile-keyboard": "Mobile and keyboard",
    "forms-journeys": "Forms and journeys",
    "documents": "Documents",
    "statement-lgdss": "Statement and LGDSS",
    "lgdss": "LGDSS scorecard",
    "best-practice": "Best practice",
}

# Each category's weight in the overall score unless a ruleset says otherwise.
DEFAULT_WEIGHTS: dict[str, float] = {
    "wcag-a": 3,
    "wcag-aa": 2,
    "mobile-keyboard": 2,
    "forms-journeys": 2,
    "documents": 1,
    "statement-lgdss": 2,
    "lgdss": 1,
    "best-practice": 1,
}

BY_NAMESPACE: dict[str, str] = {
    "documents": "documents",
    "forms": "forms-journeys",
    "statement": "statement-lgdss",
    "govuk": "statement-lgdss",
    "privacy": "statement-lgdss",
}

# The "mobile and keyboard" checks: runs stored before categories were (model 2.0) are placed
# by this list, and a test keeps it equal to the checks whose metadata names the category.
MOBILE_KEYBOARD: frozenset[str] = frozenset(
    {
        "custom/click-only-control",
        "custom/keyboard-reachable",
        "custom/keyboard-trap",
        "custom/focus-visible",
        "custom/focus-order",
        "custom/skip-link",
        "custom/content-on-hover",
        "custom/reflow",
        "custom/zoom-blocked",
        "custom/text-resize",
        "custom/text-spacing",
        "custom/target-size",
        "custom/orientation-lock",
        "axe/meta-viewport",
        "axe/meta-viewport-large",
        "axe/css-orientation-lock",
        "axe/scrollable-region-focusable",
        "axe/target-size",
    }
)


def category_by_rule(check_id: str, level: str | None) -> str:
    """The category of a check whose metadata names none: by namespace, else by WCAG level."""
    namespace = check_id.partition("/")[0]
    if namespace in BY_NAMESPACE:
        return BY_NAMESPACE[namespace]
    return {"A": "wcag-a", "AA": "wcag-aa"}.get(level or "", "best-practice")


def category_for(check_id: str, level: str | None) -> str:
    """The category of a check in a run stored without categories (before score model 2.0)."""
    if check_id in MOBILE_KEYBOARD:
        return "mobile-keyboard"
    return category_by_rule(check_id, level)
