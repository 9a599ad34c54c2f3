"""The statement's enforcement section names the EHRC and links to the EASS, or links to the ECNI.

The model statement ends its contact section with the "Enforcement procedure": the Equality and
Human Rights Commission (EHRC) enforces the regulations in Great Britain, and users who are not
happy with the response to a complaint can contact the Equality Advisory and Support Service
(EASS); in Northern Ireland, the Equality Commission for Northern Ireland (ECNI). The model
names the EHRC and links the EASS, the body a user actually contacts, so the check passes when
the statement links to the ECNI (equalityni.org), or links to the EASS
(equalityadvisoryservice.com) and names or links the EHRC; otherwise it fails, saying which
are missing and which are named without a link.

## Why it matters
The enforcement procedure is the user's route to redress when the council does not fix a
problem. Without working links, a user who needs it has to find the right body alone.

## How to fix
Add the section with both links (Great Britain):

    <h2>Enforcement procedure</h2>
    <p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public
    Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the
    'accessibility regulations'). If you're not happy with how we respond to your complaint,
    <a href="https://www.equalityadvisoryservice.com/">contact the Equality Advisory and Support
    Service (EASS)</a>.</p>

and, if you like, a link to `https://www.equalityhumanrights.com/` on the EHRC's name.

## Example
    no enforcement section                                         → fail
    EHRC linked, EASS named without a link                         → fail
    EHRC named, EASS linked (the GOV.UK model's wording)           → pass
    links to equalityhumanrights.com and equalityadvisoryservice.com → pass
    a link to equalityni.org (Northern Ireland)                    → pass
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.checks.base import CheckContext, CheckMeta, register
from auditor.checks.statement._page import SAMPLE_URL, StatementCheck
from auditor.checks.statement._statement import ENFORCEMENT_NAMES, Statement
from auditor.models import Finding, Impact

_ENFORCEMENT = re.compile(r"enforc", re.IGNORECASE)
_FULL_NAMES = {
    "EHRC": "the Equality and Human Rights Commission (EHRC)",
    "EASS": "the Equality Advisory and Support Service (EASS)",
}


@register
class StatementEnforcement(StatementCheck):
    meta = CheckMeta(
        id="statement/enforcement",
        title="The statement links to the enforcement bodies",
        failure_title="The statement does not link to the enforcement bodies",
        help_url=SAMPLE_URL,
        tags=("cat.statement", "best-practice", "psbar", "lgdss12"),
        impact=Impact.MODERATE,
        description="The enforcement procedure must name the EHRC and link to the EASS (Great "
        "Britain) or link to the ECNI (Northern Ireland).",
    )

    def judge(self, ctx: CheckContext, statement: Statement) -> Iterator[Finding]:
        linked = statement.enforcement_links
        ehrc_named = "EHRC" in linked or bool(ENFORCEMENT_NAMES["EHRC"].search(statement.text))
        if "ECNI" in linked or ("EASS" in linked and ehrc_named):
            return
        missing = [b for b, ok in (("EHRC", ehrc_named), ("EASS", "EASS" in linked)) if not ok]
        named = [b for b in missing if ENFORCEMENT_NAMES[b].search(statement.text)]
        section = [
            b for b in statement.blocks if _ENFORCEMENT.search(b.text) or b.under(_ENFORCEMENT)
        ]
        parts = [
            f"{_FULL_NAMES[b]} is named but not linked"
            if b in named
            else f"{_FULL_NAMES[b]} is not mentioned"
            for b in missing
        ]
        where = "" if section else ' and has no "Enforcement procedure" section'
        yield self.fail(
            ctx,
            section[0].element if section else statement.root,
            f"The statement does not link to the enforcement bodies{where}: "
            + "; ".join(parts)
            + " (in Northern Ireland, link to the Equality Commission for Northern Ireland)",
        )
