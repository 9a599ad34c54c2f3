"""Score categories: which category each check scores in (score model 2.0, docs/scoring.md).

One table, in one place, so anyone recomputing a score can see where every check counts:

1. a check of a namespace listed in `BY_NAMESPACE` scores there (documents, forms, the statement
   and LGDSS checks);
2. a check listed in `MOBILE_KEYBOARD` scores in "mobile and keyboard": the checks a phone user or
   a keyboard user meets first (the keyboard walk, focus, reflow, zoom, target size…);
3. any other check scores by its WCAG level: A → `wcag-a`, AA → `wcag-aa`, else `best-practice`.
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

MOBILE_KEYBOARD: frozenset[str] = frozenset(
    {
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


def category_for(check_id: str, level: str | None) -> str:
    """The category a check scores in, from its id and WCAG level (`A`, `AA`, `AAA` or None)."""
    namespace = check_id.partition("/")[0]
    if namespace in BY_NAMESPACE:
        return BY_NAMESPACE[namespace]
    if check_id in MOBILE_KEYBOARD:
        return "mobile-keyboard"
    return {"A": "wcag-a", "AA": "wcag-aa"}.get(level or "", "best-practice")
