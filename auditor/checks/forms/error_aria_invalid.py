"""Fields with an error are marked `aria-invalid="true"`.

After a submission, each field that has a new error message next to it (as the `error_state`
probe matches them) must carry `aria-invalid="true"` (on the field, on one of a group's options,
or on its fieldset). Inapplicable when no field has a message.

## Why it matters
`aria-invalid` makes screen readers say "invalid entry" as the field takes focus, so a user
moving through the form finds each field still to fix without reading every message first
(WCAG technique ARIA21).

## How to fix
Set `aria-invalid="true"` on each field with an error when showing the error state, and remove
it when the value is fixed.

## Example
    <input id="postcode" aria-invalid="true" aria-describedby="postcode-error">  → pass
    <input id="postcode"> with a message next to it                            → fail
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks._layout import flag, items
from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.checks.forms._submission import PROBES, node, submission
from auditor.models import Finding, Impact


@register
class ErrorAriaInvalid(Check):
    meta = CheckMeta(
        id="forms/error-aria-invalid",
        title="Fields with errors are marked aria-invalid",
        failure_title="A field with an error is not marked aria-invalid",
        help_url="https://www.w3.org/WAI/WCAG21/Techniques/aria/ARIA21",
        tags=("cat.forms", "best-practice"),
        impact=Impact.MINOR,
        probes=PROBES,
        description='A field with an error message carries aria-invalid="true".',
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        fields = [f for f in items(submission(ctx), "fields") if flag(f, "message")]
        if not fields:
            raise self.inapplicable()
        for field in fields:
            if not flag(field, "invalid"):
                yield self.fail(
                    ctx, node(field), 'This field has an error but no aria-invalid="true"'
                )
