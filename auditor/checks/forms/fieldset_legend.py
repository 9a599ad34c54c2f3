"""Groups of radios and checkboxes sit in a `<fieldset>` with a `<legend>` that asks the question.

Radios or checkboxes sharing a `name` (two or more) are one question. They pass inside a
`<fieldset>` whose `<legend>` has text, or an element with `role="radiogroup"`/`role="group"`
named by `aria-label` or `aria-labelledby`. Otherwise the group fails, reported on its first
option.

## Why it matters
Without the group, a screen reader announces each option on its own ("Blue bin, radio button,
2 of 3") and never the question, so its user hears answers without knowing what they answer
(WCAG 1.3.1 Info and Relationships).

## How to fix
Wrap the options in a fieldset and put the question in its legend:

    <fieldset class="govuk-fieldset">
      <legend class="govuk-fieldset__legend">Which bin was not collected?</legend>
      …radios…
    </fieldset>

## Example
    <fieldset><legend>Which bin?</legend><input type=radio name=b>…</fieldset>  → pass
    <p>Which bin?</p><input type=radio name=b><input type=radio name=b>         → fail
"""

from __future__ import annotations

from collections.abc import Iterator

from bs4 import Tag

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.checks.forms._controls import (
    attr,
    by_id,
    controls,
    fieldset_of,
    groups,
    is_choice,
    text_of,
)
from auditor.models import Finding, Impact


@register
class FieldsetLegend(Check):
    meta = CheckMeta(
        id="forms/fieldset-legend",
        title="Radio and checkbox groups have a fieldset and legend",
        failure_title="A group of radios or checkboxes has no fieldset and legend",
        help_url="https://design-system.service.gov.uk/components/fieldset/",
        tags=("cat.forms", "wcag2a", "wcag131"),
        impact=Impact.SERIOUS,
        description="Radios and checkboxes answering one question need a fieldset and legend.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        choice_groups = [g for g in groups(controls(ctx.soup)) if len(g) > 1 and is_choice(g[0])]
        if not choice_groups:
            raise self.inapplicable()
        for group in choice_groups:
            container = fieldset_of(group[0])
            if container is not None and self._named(ctx, container):
                continue
            kind = "radios" if attr(group[0], "type").lower() == "radio" else "checkboxes"
            yield self.fail(
                ctx,
                group[0],
                f"These {len(group)} {kind} have no fieldset and legend: screen readers do "
                "not announce the question they answer",
            )

    def _named(self, ctx: CheckContext, container: Tag) -> bool:
        if container.name == "fieldset":
            legend = container.find("legend")
            if isinstance(legend, Tag) and text_of(legend):
                return True
        if attr(container, "aria-label"):
            return True
        return any(text_of(by_id(ctx.soup, i)) for i in attr(container, "aria-labelledby").split())
