"""Error messages are shown next to their fields and tied to them with `aria-describedby`.

After a submission, every new visible message on the page (text that was not there before
submitting, outside the error summary) is matched to its field: the one field (or group of
radios or checkboxes) in the nearest container around it. A message its field's
`aria-describedby` (or `aria-errormessage`, or its fieldset's `aria-describedby`) does not
reference fails; one that belongs to no single field needs review. A rejected submission that
shows no message and no summary at all fails: the problem was shown by colour alone, or not at
all. Inapplicable where nothing was submitted.

## Why it matters
A screen reader reads a field's label and description when the field takes focus. A message
that is only placed near the field, or shown only as a red border, is not heard when it
matters (WCAG 1.3.1 Info and Relationships, 3.3.1 Error Identification).

## How to fix
Put the message above the field with an id, and add that id to the field's `aria-describedby`:

    <p id="postcode-error" class="govuk-error-message">
      <span class="govuk-visually-hidden">Error:</span> Enter a postcode</p>
    <input id="postcode" aria-describedby="postcode-error" aria-invalid="true">

## Example
    message referenced by aria-describedby     → pass
    red <span> after the field, not referenced → fail
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks._layout import flag, items, text
from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.checks.forms._submission import (
    PROBES,
    errors_shown,
    form_node,
    node,
    submission,
    what,
)
from auditor.models import Finding, Impact


@register
class ErrorMessageTied(Check):
    meta = CheckMeta(
        id="forms/error-message-tied",
        title="Error messages are tied to their fields",
        failure_title="An error message is not tied to its field",
        help_url="https://design-system.service.gov.uk/components/error-message/",
        tags=("cat.forms", "wcag2a", "wcag131", "wcag331"),
        impact=Impact.SERIOUS,
        probes=PROBES,
        description="Each error message is referenced by its field's aria-describedby.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        facts = submission(ctx)
        messages = items(facts, "messages")
        if not errors_shown(facts):
            if not items(facts, "fields"):
                raise self.inapplicable()  # the form was accepted and left behind
            yield self.fail(
                ctx,
                form_node(facts),
                f"After submitting the form {what(facts)} it was not accepted, yet no message "
                "says what is wrong",
            )
            return
        if not messages:
            raise self.inapplicable()
        for message in messages:
            if flag(message, "tied"):
                continue
            words = text(message, "text")[:80]
            if text(message, "field"):
                yield self.fail(
                    ctx,
                    node(message),
                    f"The message {words!r} is not tied to its field "
                    f"({text(message, 'field')}): add its id to the field's aria-describedby",
                )
            else:
                yield self.review(
                    ctx,
                    node(message),
                    f"The message {words!r} appeared after submitting but belongs to no single "
                    "field: check it is tied to the field it is about",
                )
