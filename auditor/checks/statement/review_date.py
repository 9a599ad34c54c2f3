"""The statement was prepared or last reviewed within the 12 months before the audit.

The statement's "Preparation of this accessibility statement" section must say when it was
prepared and when it was last reviewed ("This statement was prepared on 1 March 2024. It was
last reviewed on 2 February 2026."). The latest of those dates must be no more than 12 months
before the day of the audit. Dates are read in the forms councils write them ("1 March 2024",
"1st March 2024", "01/03/2024", "2024-03-01", "March 2024"); a month counts until its end.
The date the website was tested is not a review date. A review date after the audit needs
review (it is probably a typing error).

"Today" is the day the page was captured, so stored snapshots give the same result later.

## Why it matters
PSBAR 2018 require the statement to be kept under review, and GDS expects a review at least
once a year. An old statement describes a website that no longer exists, and its list of
problems and fix dates cannot be trusted.

## How to fix
Review the statement against a recent audit at least every 12 months, and say so:

    This statement was prepared on 23 September 2020. It was last reviewed on 2 February 2026.

## Example
    audited 1 January 2026: "It was last reviewed on 12 September 2023."  → fail
    audited 1 January 2026: "It was last reviewed on 3 December 2025."    → pass
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks.base import CheckContext, CheckMeta, register
from auditor.checks.statement._dates import months_before
from auditor.checks.statement._page import (
    GUIDANCE_URL,
    StatementCheck,
    long_date,
    quote,
    today,
)
from auditor.checks.statement._statement import Statement
from auditor.models import Finding, Impact


@register
class StatementReviewDate(StatementCheck):
    meta = CheckMeta(
        id="statement/review-date",
        title="The statement was reviewed within the last 12 months",
        failure_title="The statement has no review within the last 12 months",
        help_url=GUIDANCE_URL,
        tags=("cat.statement", "best-practice", "psbar", "lgdss4"),
        impact=Impact.MODERATE,
        description="The statement must give a preparation or last-review date no more than "
        "12 months before the audit.",
    )

    def judge(self, ctx: CheckContext, statement: Statement) -> Iterator[Finding]:
        now = today(ctx)
        dated = [d for d in statement.dates if d.kind in ("prepared", "reviewed")]
        if not dated:
            yield self.fail(
                ctx,
                statement.root,
                "The statement does not say when it was prepared or last reviewed; say "
                '"This statement was prepared on [date]. It was last reviewed on [date]."',
            )
            return
        past = [d for d in dated if d.date.value <= now]
        if not past:
            first = dated[0]
            yield self.review(
                ctx,
                first.block.element,
                f'The statement says it was prepared or reviewed on "{first.date.text}", after '
                f"the audit ({long_date(now)}); check the date",
            )
            return
        # On a tie, the review date speaks for the statement.
        latest = max(past, key=lambda d: (d.date.last_day, d.kind == "reviewed"))
        if latest.date.last_day < months_before(now, 12):
            done = "last reviewed" if latest.kind == "reviewed" else "prepared (and not reviewed)"
            yield self.fail(
                ctx,
                latest.block.element,
                f'The statement was {done} on "{latest.date.text}", more than 12 months before '
                f'the audit ({long_date(now)}): "{quote(latest.sentence)}"',
            )
