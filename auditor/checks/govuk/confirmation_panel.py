"""A confirmation panel has a heading for its title, normally the page's `h1` (LGDSS point 11).

For each `.govuk-panel--confirmation`: its title (`.govuk-panel__title`) must be a heading; a
heading other than `h1` needs a person to look, since the panel normally carries the page's
main heading ("Application complete"). Pages without a confirmation panel are inapplicable.

## Why it matters
The confirmation panel tells people their transaction is done. Screen reader users often jump
straight to the first heading of a page to learn where they are: with the panel title as the
`h1`, they hear "Application complete" at once; as a bold `<div>` or a lesser heading, they may
not find out whether it worked.

## How to fix
Use the component's markup, with the title as the page's `h1`:

    <div class="govuk-panel govuk-panel--confirmation">
      <h1 class="govuk-panel__title">Report sent</h1>
      <div class="govuk-panel__body">Your reference number<br><strong>HDJ2123F</strong></div>
    </div>

## Example
    <h1 class="govuk-panel__title">Report sent</h1>        → pass
    <div class="govuk-panel__title">Report sent</div>      → fail
    <h2 class="govuk-panel__title">Report sent</h2>        → needs review
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.checks.govuk._patterns import attr, outermost, role, text_of
from auditor.models import Finding, Impact

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@register
class ConfirmationPanel(Check):
    meta = CheckMeta(
        id="govuk/confirmation-panel",
        title="Confirmation panels have a heading title",
        failure_title="A confirmation panel's title is not a heading",
        help_url="https://design-system.service.gov.uk/components/panel/",
        tags=("cat.semantics", "best-practice", "lgdss11"),
        impact=Impact.MODERATE,
        description="The confirmation panel's title is a heading, normally the h1.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        panels = outermost(ctx.soup, ("govuk-panel--confirmation",))
        if not panels:
            raise self.inapplicable()
        for panel in panels:
            title = panel.select_one(".govuk-panel__title")
            if title is None or not text_of(title):
                yield self.fail(ctx, panel, "The confirmation panel has no title")
                continue
            aria_heading = role(title) == "heading"
            level = attr(title, "aria-level").strip() if aria_heading else title.name[1:]
            if title.name not in _HEADINGS and not aria_heading:
                yield self.fail(
                    ctx,
                    panel,
                    f'The confirmation panel title "{text_of(title)}" is a <{title.name}>, '
                    "not a heading",
                )
            elif level != "1":
                yield self.review(
                    ctx,
                    panel,
                    f'The confirmation panel title "{text_of(title)}" is not the page\'s h1: '
                    "check it is the main heading users reach first",
                )
