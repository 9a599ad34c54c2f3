"""Every form field has a visible label, not only a placeholder or a hidden name.

A field (input, select, textarea; not buttons or hidden inputs) passes when a `<label>` names
it (by `for` or by wrapping it, even one styled as visually hidden, as GOV.UK's search does) or
`aria-labelledby` points at text. A field named only by its `placeholder` fails: the words vanish
as soon as someone types. A field named only by `aria-label` or `title` needs review: a screen
reader hears a name, but nobody else sees one. A field with no name at all is left to
`axe/label`, so the same fault is never reported twice.

## Why it matters
People need to see what a field is for before and while they fill it in (WCAG 3.3.2 Labels or
Instructions). Placeholder text disappears on typing, is usually too faint to read, and is often
mistaken for a value already filled in.

## How to fix
Give every field a `<label for="...">` above it, and keep placeholders for examples, if at all:

    <label class="govuk-label" for="postcode">Postcode</label>
    <input class="govuk-input" id="postcode" name="postcode" autocomplete="postal-code">

## Example
    <label for="pc">Postcode</label><input id="pc">   → pass
    <input id="pc" placeholder="Postcode">            → fail
    <input id="pc" aria-label="Postcode">             → needs review
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.checks.forms._controls import attr, controls, label_text
from auditor.models import Finding, Impact


@register
class VisibleLabel(Check):
    meta = CheckMeta(
        id="forms/visible-label",
        title="Form fields have visible labels",
        failure_title="A form field is labelled only by its placeholder",
        help_url="https://www.w3.org/WAI/WCAG21/Understanding/labels-or-instructions.html",
        tags=("cat.forms", "wcag2a", "wcag332"),
        impact=Impact.SERIOUS,
        description="Every field needs a visible label, not only a placeholder.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        fields = controls(ctx.soup)
        if not fields:
            raise self.inapplicable()
        for field in fields:
            if label_text(ctx.soup, field):
                continue
            if attr(field, "aria-label") or attr(field, "title"):
                yield self.review(
                    ctx,
                    field,
                    "This field is named only by aria-label or title: nobody can see what it is "
                    "for. Check it has visible words next to it, or give it a <label>",
                )
            elif attr(field, "placeholder"):
                yield self.fail(
                    ctx,
                    field,
                    "This field is labelled only by its placeholder, which disappears as soon "
                    "as someone types: give it a <label>",
                )
