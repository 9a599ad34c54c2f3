"""A form rejected for a mistake keeps what the user typed (WCAG 2.2, 3.3.7 Redundant Entry).

The journey runner types its values (with the journey's wrong ones where it gives them),
submits, and reads each field back: a field whose value (or choice) was cleared fails.
Inapplicable when nothing was typed before the submission (an empty submission). Password
fields are not judged: 3.3.7 exempts re-entry needed for security, and the GOV.UK pattern
clears them on purpose.

3.3.7 is a WCAG 2.2 level-A criterion (tagged `wcag22a`): in a WCAG 2.1 ruleset the check still
runs and scores in forms and journeys, but does not count as a WCAG A failure (see
docs/scoring.md).

## Why it matters
Typing everything again is slow and error-prone for everyone, and much harder for people using
switch access, speech input or a screen reader; many give up. The wrong value should be kept
too, so it can be corrected rather than retyped (GOV.UK validation pattern).

## How to fix
Render the error state with the submitted values filled back in (server side), or do not clear
the form (client side).

## Example
    values still in the fields after the error   → pass
    form.reset() before showing the errors       → fail
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks._layout import items
from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.checks.forms._submission import PROBES, node, submission
from auditor.models import Finding, Impact


@register
class ErrorValuesKept(Check):
    meta = CheckMeta(
        id="forms/error-values-kept",
        title="Values typed are kept when a form is rejected",
        failure_title="Values typed are lost when a form is rejected",
        help_url="https://design-system.service.gov.uk/patterns/validation/",
        tags=("cat.forms", "wcag22a", "wcag337"),
        impact=Impact.SERIOUS,
        probes=PROBES,
        description="After a rejected submission every field keeps what was typed in it.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        judged = [
            f
            for f in items(submission(ctx), "fields")
            if f.get("kept") is not None and f.get("type") != "password"
        ]
        if not judged:
            raise self.inapplicable()
        for field in judged:
            if field.get("kept") is False:
                yield self.fail(
                    ctx,
                    node(field),
                    "What was typed in this field was lost when the form was rejected",
                )
