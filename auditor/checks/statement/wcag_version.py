"""The WCAG version the statement was tested against is the one the audit used.

An accessibility statement says which version of WCAG the website meets or was tested against
("partially compliant with the Web Content Accessibility Guidelines version 2.1 AA standard").
When this audit ran against a later version than the statement names (a `council-2.2` or
`wcag22aa` run, and a statement of WCAG 2.1), the statement needs a person to look: GDS
monitoring has tested against WCAG 2.2 AA since October 2024, and a statement of 2.1 may be out
of date, or the site may simply not have been re-tested yet. The version of the compliance
status speaks for the statement; without one, the latest version the statement names anywhere.
A statement that names no version is left to `statement/compliance-status`.

This check never fails: only the council can say which version it tested against.

## Why it matters
People read the statement to learn what to expect. A statement of WCAG 2.1 on a site audited
against 2.2 says nothing of the criteria 2.2 added (target size, redundant entry, accessible
authentication), which are the ones a user with a tremor or a memory impairment meets.

## How to fix
Test against WCAG 2.2 AA and say so in the compliance status:

    This website is partially compliant with the Web Content Accessibility Guidelines
    version 2.2 AA standard, due to the non-compliances listed below.

## Example
    audit against 2.2: "…compliant with the WCAG 2.1 AA standard" → needs review
    audit against 2.2: "…compliant with the WCAG 2.2 AA standard" → pass
    audit against 2.1: "…compliant with the WCAG 2.1 AA standard" → pass
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks.base import CheckContext, CheckMeta, register
from auditor.checks.statement._page import SAMPLE_URL, StatementCheck, quote
from auditor.checks.statement._statement import WCAG_VERSION, Block, Statement, sentences
from auditor.models import Finding, Impact

_WHY = {
    "2.1": ", the version the accessibility regulations require",
    "2.2": ", as GDS monitoring has since October 2024",
}


@register
class StatementWcagVersion(StatementCheck):
    meta = CheckMeta(
        id="statement/wcag-version",
        title="The statement names the WCAG version the audit used",
        failure_title="The statement names an older WCAG version than the audit used",
        help_url=SAMPLE_URL,
        tags=("cat.statement", "best-practice", "psbar"),
        impact=Impact.MODERATE,
        review_only=True,
        description="A statement of WCAG 2.1 on a site audited against WCAG 2.2 is asked about.",
    )

    def judge(self, ctx: CheckContext, statement: Statement) -> Iterator[Finding]:
        named = _status_versions(statement) or _versions(statement.blocks)
        if not named:
            raise self.inapplicable()
        version, block, sentence = max(named, key=lambda n: n[0])
        if version >= ctx.wcag_version:  # 2.0 < 2.1 < 2.2, as strings too
            return
        yield self.review(
            ctx,
            block.element,
            f'The statement says "{quote(sentence)}" (WCAG {version}); this audit used WCAG '
            f"{ctx.wcag_version}{_WHY.get(ctx.wcag_version, '')}. Was the site tested against "
            f"WCAG {ctx.wcag_version}? If so, say so in the statement",
        )


def _status_versions(statement: Statement) -> list[tuple[str, Block, str]]:
    return [
        (m.group(1), claim.block, claim.sentence)
        for claim in statement.statuses
        for m in WCAG_VERSION.finditer(claim.sentence)
    ]


def _versions(blocks: list[Block]) -> list[tuple[str, Block, str]]:
    return [
        (m.group(1), block, sentence)
        for block in blocks
        for sentence in sentences(block.text)
        for m in WCAG_VERSION.finditer(sentence)
    ]
