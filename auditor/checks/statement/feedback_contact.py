"""The statement gives a way to send feedback: an email address or a contact form.

Under "Feedback and contact information" (or anywhere in the statement) there must be an email
address (a `mailto:` link or an address in the text), a link to a contact, feedback or report
form, or a form on the page itself. A phone number or a postal address alone is not enough: the
check fails, naming what it found.

## Why it matters
PSBAR 2018 require a way for users to report accessibility problems and ask for content in
another format. People who cannot use the phone (many deaf users) need a written route, and a
route they can use without help.

## How to fix
Give an email address and, if you have one, a form:

    <p>If you find a problem, email <a href="mailto:web@ashworth.gov.uk">web@ashworth.gov.uk</a>
    or <a href="/contact/">use our contact form</a>.</p>

## Example
    "Phone 01632 960 000."                                      → fail
    <a href="mailto:web@ashworth.gov.uk">web@ashworth.gov.uk</a>  → pass
    <a href="/contact/report-a-problem">Report a problem</a>     → pass
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.checks.base import CheckContext, CheckMeta, register
from auditor.checks.statement._page import SAMPLE_URL, StatementCheck
from auditor.checks.statement._statement import Statement
from auditor.models import Finding, Impact

_FEEDBACK_HEADING = re.compile(r"feedback|contact|report", re.IGNORECASE)


@register
class StatementFeedbackContact(StatementCheck):
    meta = CheckMeta(
        id="statement/feedback-contact",
        title="The statement gives an email address or a contact form",
        failure_title="The statement gives no email address or contact form",
        help_url=SAMPLE_URL,
        tags=("cat.statement", "best-practice", "psbar", "lgdss12", "lgdss14"),
        impact=Impact.SERIOUS,
        description="The statement must give an email address or a form for feedback and "
        "requests for accessible formats.",
    )

    def judge(self, ctx: CheckContext, statement: Statement) -> Iterator[Finding]:
        if statement.emails or statement.contact_links or statement.forms:
            return
        found = "a phone number" if statement.phones else "no contact details"
        section = [b for b in statement.blocks if b.under(_FEEDBACK_HEADING)]
        yield self.fail(
            ctx,
            statement.root,
            f"The statement gives {found} but no email address or contact form for feedback "
            "and requests for accessible formats"
            + ("" if section else ' (and has no "Feedback and contact information" section)'),
        )
