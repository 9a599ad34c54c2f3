"""Each link of an error summary moves focus to the field with the problem.

The `error_state` probe follows every link of the summary found after a submission (at most 10)
and records where focus lands. A link fails when focus does not reach its field (or, for a
group of radios or checkboxes, one of its options). Inapplicable without a summary.

## Why it matters
The summary's links are how keyboard and screen reader users get to each mistake. A link that
only scrolls, or points at a label or a wrapper, leaves focus where it was, so the next Tab
goes somewhere unexpected and the field has to be hunted for.

## How to fix
Link to the field's `id` (the first option's for radios), and let GOV.UK Frontend's error
summary move focus to it; a plain `<a href="#postcode">` also works when `#postcode` is the
input itself.

## Example
    <a href="#postcode"> to <input id="postcode">   → pass
    <a href="#postcode-group"> to a <div>           → fail
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks._layout import flag, items
from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.checks.forms._submission import REQUIRES, node, submission, summary
from auditor.models import Finding, Impact


@register
class ErrorSummaryLinks(Check):
    meta = CheckMeta(
        id="forms/error-summary-links",
        title="Error summary links move focus to their fields",
        failure_title="An error summary link does not move focus to its field",
        help_url="https://design-system.service.gov.uk/components/error-summary/",
        tags=("cat.forms", "best-practice"),
        impact=Impact.MODERATE,
        requires=REQUIRES,
        description="Following a summary link puts focus in the field with the problem.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        box = summary(submission(ctx))
        links = items(box, "links") if box else []
        if not links:
            raise self.inapplicable()
        for link in links:
            if not flag(link, "moves_focus"):
                yield self.fail(
                    ctx,
                    node(link),
                    "Following this error summary link does not move focus to its field",
                )
