"""Each link of an error summary moves focus to the field with the problem.

The `error_state` probe follows every link of the summary found after a submission (at most 10)
and records where focus lands. A link fails when focus does not reach its field (or, for a
group of radios or checkboxes, one of its options): a link that points at the field's hint or
message, at its wrapper, or at nothing at all. Every in-page link of the summary is followed,
and a box of such links that appeared with the errors is a summary even when none of its links
reaches a field. Inapplicable without a summary.

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

from auditor.checks._layout import Item, flag, items, text
from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.checks.forms._submission import PROBES, node, submission, summary
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
        probes=PROBES,
        description="Following a summary link puts focus in the field with the problem.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        box = summary(submission(ctx))
        links = items(box, "links") if box else []
        if not links:
            raise self.inapplicable()
        for link in links:
            if not flag(link, "moves_focus"):
                yield self.fail(ctx, node(link), _what_went_wrong(link))


def _what_went_wrong(link: Item) -> str:
    points_at = text(link, "points_at")
    if points_at == "nothing":
        return "This error summary link points at nothing on the page, so focus goes nowhere"
    if points_at:
        return (
            f"This error summary link points at {points_at}, not at its field, so focus does "
            "not reach the field"
        )
    return "Following this error summary link does not move focus to its field"
