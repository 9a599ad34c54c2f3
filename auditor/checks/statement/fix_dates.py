"""No date the statement promises a fix by has passed.

Every date the statement gives for future work ("We plan to fix this by March 2024", "we will
replace these PDFs by the end of 2025", "by 01/03/2024") must still be ahead on the day of the
audit. A date written to the month or year counts until that period ends. Dates of other things
(when the statement was prepared or reviewed, when the site was tested, the regulations' own
dates) are not fix dates. A statement that lists non-compliances but gives no date at all for
fixing them needs review.

"Today" is the day the page was captured, so stored snapshots give the same result later.

## Why it matters
A fix date that has passed tells users the problem should be gone when it is not, and shows the
statement has not been kept up to date. GDS monitoring reports passed fix dates to the council.

## How to fix
Fix the problem and take it off the list, or give a new date you will keep, and review the
statement when you do.

## Example
    audited 1 January 2026: "We plan to fix this by March 2024."  → fail
    audited 1 January 2026: "We plan to fix this by March 2026."  → pass
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks.base import CheckContext, CheckMeta, register
from auditor.checks.statement._page import (
    GUIDANCE_URL,
    StatementCheck,
    long_date,
    quote,
    today,
)
from auditor.checks.statement._statement import DatedClaim, Statement
from auditor.models import Finding, Impact


@register
class StatementFixDates(StatementCheck):
    meta = CheckMeta(
        id="statement/fix-dates",
        title="No fix date in the statement has passed",
        failure_title="The statement gives fix dates that have passed",
        help_url=GUIDANCE_URL,
        tags=("cat.statement", "best-practice", "psbar", "lgdss4"),
        impact=Impact.MODERATE,
        description="Every date the statement promises a fix by must be after the audit.",
    )

    def judge(self, ctx: CheckContext, statement: Statement) -> Iterator[Finding]:
        now = today(ctx)
        planned = [d for d in statement.dates if d.kind == "planned"]
        overdue: dict[int, list[DatedClaim]] = {}
        for claim in planned:
            if claim.date.last_day < now:
                overdue.setdefault(id(claim.block), []).append(claim)
        for claims in overdue.values():
            written = ", ".join(f'"{c.date.text}"' for c in claims)
            yield self.fail(
                ctx,
                claims[0].block.element,
                f"Fix date {written} has passed (audited {long_date(now)}): "
                f'"{quote(claims[0].sentence)}"',
            )
        statuses = {c.status for c in statement.statuses}
        if not planned and statuses & {"partially", "not"} and statement.criteria:
            yield self.review(
                ctx,
                statement.non_accessible_blocks[0].element,
                "The statement lists non-compliances but gives no date for fixing any of them; "
                "say when you plan to fix each",
            )
