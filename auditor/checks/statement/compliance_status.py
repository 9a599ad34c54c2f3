"""The statement gives one of the three permitted compliance statuses.

Under "Compliance status" the statement must say the website is **fully compliant**,
**partially compliant** or **not compliant** with WCAG 2.1 (or 2.2) AA, in the model
statement's words. The check fails when it gives none, when it gives two different ones, and
when it claims full compliance while listing non-accessible content that fails WCAG criteria.
Wording other than the three options ("not fully compliant") and a status that does not name
the standard need review.

A claim of full compliance is listed for review even when nothing contradicts it on the page:
only a full audit that found no failures supports it, and automated testing alone cannot. That
finding is what `statement/compliance-contradicted` weighs against the whole run.

## Why it matters
The status tells a disabled user, in one line, whether to expect problems. GDS monitoring finds
statements that claim full compliance on websites that fail WCAG, and statements whose status
contradicts the problems they list; both mislead the people the statement is for.

## How to fix
Use one of the model sentences, and keep it true to your last audit:

    This website is partially compliant with the Web Content Accessibility Guidelines
    version 2.2 AA standard, due to the non-compliances listed below.

## Example
    "We aim to meet WCAG 2.1."                                              → fail (no status)
    "This website is fully compliant…" and "This fails WCAG 2.1 SC 1.1.1"   → fail
    "This website is partially compliant with the Web Content Accessibility
     Guidelines version 2.1 AA standard, due to the non-compliances…"       → pass
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks.base import CheckContext, CheckMeta, register
from auditor.checks.statement._page import SAMPLE_URL, StatementCheck, quote
from auditor.checks.statement._statement import (
    FULLY_COMPLIANT,
    WCAG_STANDARD,
    Statement,
    StatusClaim,
)
from auditor.models import Finding, Impact, Node
from auditor.web.html import css_selector, snippet_of


@register
class StatementComplianceStatus(StatementCheck):
    meta = CheckMeta(
        id="statement/compliance-status",
        title="The statement gives one permitted compliance status",
        failure_title="The statement's compliance status is missing, mixed or contradicted",
        help_url=SAMPLE_URL,
        tags=("cat.statement", "best-practice", "psbar", "lgdss8"),
        impact=Impact.SERIOUS,
        description="The statement must say the website is fully, partially or not compliant, "
        "and only one of them.",
    )

    def judge(self, ctx: CheckContext, statement: Statement) -> Iterator[Finding]:
        claims = statement.statuses
        if not claims:
            yield self.fail(
                ctx,
                statement.root,
                "The statement gives no compliance status: it must say the website is fully, "
                "partially or not compliant with the WCAG 2.1 AA standard",
            )
            return
        distinct = {c.status for c in claims if c.status != "unclear"}
        first = claims[0]
        if len(distinct) > 1:
            phrases = ", ".join(sorted({f'"{c.phrase}"' for c in claims}))
            yield self.fail(
                ctx,
                first.block.element,
                f"The statement gives more than one compliance status ({phrases}); give one",
            )
            return
        if not distinct:
            yield self.review(
                ctx,
                first.block.element,
                f'"{quote(first.sentence)}" is not one of the three permitted statuses: say '
                "fully, partially or not compliant",
            )
            return
        claim = next(c for c in claims if c.status != "unclear")
        if claim.status == "fully":
            yield self._fully(ctx, statement, claim)
        elif not any(WCAG_STANDARD.search(c.sentence) for c in claims):
            yield self.review(
                ctx,
                claim.block.element,
                f'The status "{quote(claim.sentence)}" does not name the standard: say '
                '"the Web Content Accessibility Guidelines version 2.1 AA standard" (or 2.2)',
            )

    def _fully(self, ctx: CheckContext, statement: Statement, claim: StatusClaim) -> Finding:
        # The node carries FULLY_COMPLIANT: statement/compliance-contradicted looks for it.
        node = Node(
            selector=css_selector(claim.block.element),
            snippet=snippet_of(claim.block.element),
            label=FULLY_COMPLIANT,
        )
        failed = sorted({c.number for c in statement.criteria}, key=_order)
        if failed:
            return self.fail(
                ctx,
                node,
                "The statement says the website is fully compliant but lists non-accessible "
                f"content failing WCAG {', '.join(failed)}; say partially compliant",
            )
        return self.review(
            ctx,
            node,
            "The statement says the website is fully compliant: make sure a full audit found "
            "no WCAG failures (automated testing cannot show it alone)",
        )


def _order(number: str) -> tuple[int, ...]:
    return tuple(int(p) for p in number.split("."))
