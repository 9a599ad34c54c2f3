"""The W3C's label-in-name algorithm, for axe-core's `label-content-name-mismatch`.

WCAG 2.5.3 asks that a control's visible label be part of its accessible name. ACT rule 2ee8b8
says how to compare the two: drop what is in round brackets, fold case, turn every character
that is not a letter or a digit into a space, split into words, and ask whether the label's
words are a contiguous run of the name's words. So `<button aria-label="Next">Next…</button>`
is contained ("next" in "next"), while axe-core's stricter comparison fails it. Where the
algorithm finds the label contained, axe's failure is not a sure one: the element needs review
(a person checks the visible text is what the snippet shows). Names that come from
`aria-labelledby`, and snippets axe cut short, are left to axe.
"""

from __future__ import annotations

import re
import unicodedata

from auditor.web.html import whole_element

_BRACKETED = re.compile(r"\([^()]*\)")


def tokens(text: str) -> list[str]:
    """The label-in-name tokens of `text` (combining marks are dropped rather than split on,
    so "résumé" stays one word in label and name alike)."""
    text = unicodedata.normalize("NFKD", _BRACKETED.sub(" ", text).casefold())
    kept = []
    for char in text:
        kind = unicodedata.category(char)
        if kind.startswith("M"):
            continue
        kept.append(char if kind[0] in "LN" else " ")
    return "".join(kept).split()


def contained(label: str, name: str) -> bool:
    """Whether the tokens of `label` are a contiguous run of the tokens of `name`."""
    wanted, within = tokens(label), tokens(name)
    if not wanted:
        return True
    span = len(wanted)
    return any(within[i : i + span] == wanted for i in range(len(within) - span + 1))


def label_in_name_note(rule_id: str, html: str) -> str | None:
    """Why a `label-content-name-mismatch` violation is not a sure failure: by the W3C's
    algorithm, the element's text is contained in its `aria-label`. None otherwise."""
    if rule_id != "label-content-name-mismatch":
        return None
    root = whole_element(html)
    if root is None or root.get("aria-labelledby") is not None:
        return None
    name = root.get("aria-label")
    if not isinstance(name, str):
        return None
    label = root.get_text(" ")
    if not tokens(label) or not contained(label, name):
        return None
    return (
        f'the visible text "{" ".join(label.split())[:80]}" is part of the name "{name[:80]}" '
        "once punctuation and case are set aside (the W3C's label-in-name algorithm, ACT "
        "2ee8b8): check that what the control shows is that text"
    )
