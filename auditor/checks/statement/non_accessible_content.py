"""The statement lists its non-accessible content with the WCAG criteria it fails.

A statement that says the website is partially or not compliant must have a "Non-accessible
content" section that names, for each problem, the WCAG success criterion it fails ("This fails
WCAG 2.1 success criterion 1.1.1 (non-text content)"). The check fails when that section is
missing or names no criterion; a number that is no WCAG 2.x success criterion ("1.4.33") needs
review. It is inapplicable when the statement claims full compliance (see
`statement/compliance-status`) or gives no status and no such section.

## Why it matters
The list tells users which barriers to expect before they meet them, and the criteria make each
problem precise enough to check and fix. GDS monitoring asks councils whose statements describe
problems only in general terms to name the criteria.

## How to fix
Under "Non-accessible content" and "Non-compliance with the accessibility regulations", describe
each problem, who it affects and the criterion it fails:

    Some images do not have a text alternative, so people using a screen reader cannot
    access the information. This fails WCAG 2.1 success criterion 1.1.1 (non-text content).

## Example
    partially compliant, no "Non-accessible content" section         → fail
    "Some images have no alt text." with no criterion named           → fail
    "…This fails WCAG 2.1 success criterion 1.1.1 (non-text content)." → pass
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks.base import CheckContext, CheckMeta, register
from auditor.checks.statement._page import SAMPLE_URL, StatementCheck
from auditor.checks.statement._statement import Criterion, Statement
from auditor.models import Finding, Impact


@register
class StatementNonAccessibleContent(StatementCheck):
    meta = CheckMeta(
        id="statement/non-accessible-content",
        title="The statement lists non-accessible content with WCAG criteria",
        failure_title="The statement does not list non-accessible content with WCAG criteria",
        help_url=SAMPLE_URL,
        tags=("cat.statement", "best-practice", "psbar", "lgdss12"),
        impact=Impact.MODERATE,
        description="A partially or not compliant statement must list what is not accessible "
        "and the WCAG criteria it fails.",
    )

    def judge(self, ctx: CheckContext, statement: Statement) -> Iterator[Finding]:
        statuses = {c.status for c in statement.statuses}
        section = statement.non_accessible_blocks
        if "fully" in statuses or not (statuses or section):
            raise self.inapplicable()
        if not section:
            yield self.fail(
                ctx,
                statement.root,
                'The statement says the website is not fully compliant but has no "Non-'
                'accessible content" section listing the problems and the WCAG criteria they fail',
            )
            return
        if not statement.criteria:
            yield self.fail(
                ctx,
                section[0].element,
                'The "Non-accessible content" section names no WCAG success criterion; say '
                'which one each problem fails ("This fails WCAG 2.1 success criterion 1.1.1")',
            )
            return
        unknown: dict[int, list[Criterion]] = {}
        for criterion in statement.criteria:
            if not criterion.exists:
                unknown.setdefault(id(criterion.block), []).append(criterion)
        for found in unknown.values():
            numbers = ", ".join(dict.fromkeys(c.number for c in found))
            yield self.review(
                ctx,
                found[0].block.element,
                f"{numbers}: not a WCAG 2.x success criterion; check the number",
            )
