"""After a form is submitted with mistakes, an error summary at the top takes focus.

Judged only on error states the auditor produced: a journey's form step submitted empty (and with
the journey's wrong values), or a discovered form when probing is allowed. The `error_state`
probe finds the summary by what it does, not by its classes: the container of links to the
form's fields, marked as an alert or an error box. The state fails when the page shows mistakes
but has no summary, or when focus is not on the summary; a summary below the first field needs
review. Pages where nothing was submitted are inapplicable.

## Why it matters
After submitting, a screen reader user hears nothing unless focus moves: they do not know the
form was rejected, let alone why. The GOV.UK pattern puts a summary of every problem at the top
and moves focus to it, so everyone learns at once what to fix (LGDSS point 10).

## How to fix
Show an error summary above the form, listing each problem as a link to its field, and move
focus to it when the page loads (GOV.UK Frontend's `govuk-error-summary` does this):

    <div class="govuk-error-summary" data-module="govuk-error-summary">
      <div role="alert"><h2 class="govuk-error-summary__title">There is a problem</h2>
      <ul class="govuk-error-summary__list"><li><a href="#postcode">Enter a postcode</a></li></ul>
      </div></div>

## Example
    summary at the top, focused after submit      → pass
    red text next to the fields only              → fail
    summary shown, focus left on the button       → fail
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks._layout import flag, items
from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.checks.forms._submission import PROBES, form_node, node, submission, summary, what
from auditor.models import Finding, Impact


@register
class ErrorSummaryFocus(Check):
    meta = CheckMeta(
        id="forms/error-summary-focus",
        title="An error summary takes focus after a rejected submission",
        failure_title="No error summary takes focus after a rejected submission",
        help_url="https://design-system.service.gov.uk/components/error-summary/",
        tags=("cat.forms", "best-practice"),
        impact=Impact.SERIOUS,
        probes=PROBES,
        description="A rejected form shows an error summary at the top and moves focus to it.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        facts = submission(ctx)
        box = summary(facts)
        if box is None:
            if not items(facts, "messages") and not items(facts, "fields"):
                raise self.inapplicable()  # the submission was accepted: no error state
            yield self.fail(
                ctx,
                form_node(facts),
                f"After submitting the form {what(facts)} there is no error summary: nothing "
                "tells a screen reader user that the form was rejected, or why",
            )
            return
        if not flag(box, "focused"):
            yield self.fail(
                ctx,
                node(box),
                f"After submitting the form {what(facts)}, focus is not on the error summary: "
                "move focus to it so the problems are announced",
            )
        if not flag(box, "at_top"):
            yield self.review(
                ctx,
                node(box),
                "The error summary comes after the form's first field: put it "
                "at the top of the main content",
            )
