"""Hint text is tied to its field with `aria-describedby`.

A hint is an element with a class or id that says so (`govuk-hint`, `hint`, `help-text`,
`form-text`, `…-hint`), outside any label or legend, in the same group as exactly one question
(one field, or one group of radios or checkboxes). It must be referenced by the field's
`aria-describedby` (or its fieldset's, for a group of radios); otherwise it fails. A hint hidden
from assistive technology (`aria-hidden="true"`, a visual copy of a live region) is not judged.

## Why it matters
A screen reader announces a field's label and then its description. A hint that is not tied
to the field is read only if the user happens to move through the text around the field, so
instructions such as a format ("For example, 27 3 2025") are missed and the answer is rejected.

## How to fix
Give the hint an id and add it to the field's `aria-describedby`:

    <div id="email-hint" class="govuk-hint">We will only use this to contact you.</div>
    <input id="email" type="email" aria-describedby="email-hint">

## Example
    <p id="h" class="hint">…</p><input aria-describedby="h">   → pass
    <p id="h" class="hint">…</p><input>                       → fail
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import Tag

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.checks.forms._controls import attr, controls, fieldset_of, groups, ids, text_of
from auditor.models import Finding, Impact

_HINT_CLASS = re.compile(r"(^|[\s_-])(hint|help-?text|help-block|form-text)([\s_-]|$)", re.I)
_HINT_ID = re.compile(r"[-_](hint|help)$", re.I)


def is_hint(tag: Tag) -> bool:
    if not text_of(tag) or tag.find_parent(["label", "legend"]) or tag.name in ("label", "legend"):
        return False
    # Hidden from assistive technology on purpose: a visual copy of what a live region says
    # (GOV.UK's character count shows "You have 10 characters remaining" this way).
    if any(attr(t, "aria-hidden").lower() == "true" for t in [tag, *tag.parents]):
        return False
    return bool(_HINT_CLASS.search(attr(tag, "class")) or _HINT_ID.search(attr(tag, "id")))


@register
class HintDescribed(Check):
    meta = CheckMeta(
        id="forms/hint-described",
        title="Hints are tied to their fields",
        failure_title="A hint is not tied to its field with aria-describedby",
        help_url="https://design-system.service.gov.uk/components/text-input/",
        tags=("cat.forms", "wcag2a", "wcag131"),
        impact=Impact.MODERATE,
        description="Hint text must be referenced by its field's aria-describedby.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        hints = [t for t in ctx.soup.find_all(True) if is_hint(t)]
        hints = [h for h in hints if not any(p in hints for p in h.parents)]
        judged = False
        for hint in hints:
            group = self._question(hint)
            if group is None:
                continue
            judged = True
            ident = attr(hint, "id")
            holders = [*group, *[f for f in {fieldset_of(t) for t in group} if f is not None]]
            if ident and any(ident in ids(h, "aria-describedby") for h in holders):
                continue
            yield self.fail(
                ctx,
                hint,
                "This hint is not tied to its field: add its id to the field's "
                "aria-describedby so screen readers announce it",
            )
        if not judged:
            raise self.inapplicable()

    def _question(self, hint: Tag) -> list[Tag] | None:
        """The one question the hint sits with: the nearest container holding fields."""
        for node in hint.parents:
            if not isinstance(node, Tag) or node.name in ("body", "html"):
                return None
            found = groups(controls(node))
            if found:
                return found[0] if len(found) == 1 else None
        return None
