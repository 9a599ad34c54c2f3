"""The statement uses the regulation's commitment wording.

The model statement's wording is legally required: "[Organisation] is committed to making its
website accessible, in accordance with the Public Sector Bodies (Websites and Mobile
Applications) (No. 2) Accessibility Regulations 2018." The check fails when the statement does
not name those regulations, or names them without the commitment ("is committed to making its
website accessible"). Wording is compared after tidying quotes, spaces and case; "(No. 2)" may
be left out.

## Why it matters
The commitment says which law the statement answers to, and so which rights a user has when the
website fails them. GDS monitoring checks the wording against the model statement and asks the
council to correct it.

## How to fix
Under "Technical information about this website's accessibility", write:

    Ashworth Borough Council is committed to making its website accessible, in accordance
    with the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility
    Regulations 2018.

## Example
    "We are committed to accessibility."                                    → fail
    "…is committed to making its website accessible, in accordance with the
     Public Sector Bodies (…) (No. 2) Accessibility Regulations 2018."      → pass
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.checks.base import CheckContext, CheckMeta, register
from auditor.checks.statement._page import SAMPLE_URL, StatementCheck
from auditor.checks.statement._statement import COMMITMENT, REGULATIONS, Statement
from auditor.models import Finding, Impact

_ENFORCEMENT = re.compile(r"enforc", re.IGNORECASE)
_MODEL = (
    '"[Organisation] is committed to making its website accessible, in accordance with the '
    "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations "
    '2018"'
)


@register
class StatementCommitment(StatementCheck):
    meta = CheckMeta(
        id="statement/commitment",
        title="The statement uses the regulation's commitment wording",
        failure_title="The statement does not use the regulation's commitment wording",
        help_url=SAMPLE_URL,
        tags=("cat.statement", "best-practice", "psbar", "lgdss12"),
        impact=Impact.MINOR,
        description="The statement must commit to the 2018 accessibility regulations in the "
        "model statement's words.",
    )

    def judge(self, ctx: CheckContext, statement: Statement) -> Iterator[Finding]:
        naming = statement.blocks_matching(REGULATIONS)
        committing = statement.blocks_matching(COMMITMENT)
        if naming and committing:
            return
        if not naming:
            yield self.fail(
                ctx,
                committing[0].element if committing else statement.root,
                "The statement does not name the Public Sector Bodies (Websites and Mobile "
                f"Applications) (No. 2) Accessibility Regulations 2018; the model says {_MODEL}",
            )
        else:
            # The enforcement section names the regulations too; point at any other mention.
            own = [b for b in naming if not _ENFORCEMENT.search(b.text)] or naming
            yield self.fail(
                ctx,
                own[0].element,
                "The statement names the accessibility regulations but not the commitment to "
                f"them; the model says {_MODEL}",
            )
