"""Text made only of symbols, for axe-core's colour-contrast rules.

WCAG 1.4.3 and 1.4.6 apply to text that says something in a human language. ACT rule afw4f7
leaves out text that does not: a row of dashes and asterisks drawn as a divider, ASCII art.
axe-core measures every text node. Where the element holds no letter and no digit at all,
its contrast failure is not a sure one: a person judges whether the characters carry meaning
(then contrast applies) or are decoration. Snippets axe cut short are left to axe.
"""

from __future__ import annotations

import unicodedata

from auditor.web.html import whole_element

CONTRAST_RULES = ("color-contrast", "color-contrast-enhanced")


def has_letter_or_digit(text: str) -> bool:
    return any(unicodedata.category(char)[0] in "LN" for char in text)


def symbol_text_note(rule_id: str, html: str) -> str | None:
    """Why a contrast violation is not a sure failure: the element's text has no letter or
    digit. None otherwise."""
    if rule_id not in CONTRAST_RULES:
        return None
    root = whole_element(html)
    if root is None:
        return None
    text = root.get_text("")
    if not text.strip() or has_letter_or_digit(text):
        return None
    return (
        "this text has no letter or digit, only symbols: if it is decoration (a divider, "
        "ASCII art), contrast does not apply; if the symbols carry meaning, it must meet it"
    )
