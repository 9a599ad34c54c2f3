"""A page showing errors says so in its title: "Error: " first (the GOV.UK pattern).

After a submission that shows errors (a summary or new messages), the document title must start
with "Error:" (any case). Inapplicable where nothing was submitted or no error was shown.

## Why it matters
The title is the first thing a screen reader announces when a page loads, and it names the tab.
When a form comes back with errors but the same title, screen reader users may think they moved
on to the next question (GOV.UK validation pattern).

## How to fix
Prefix the title while errors are shown:

    <title>Error: What is your postcode? - Report a missed bin - Ashworth Borough Council</title>

## Example
    "Error: What is your address? - …"   → pass
    "What is your address? - …"          → fail
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.checks._layout import text
from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.checks.forms._submission import PROBES, errors_shown, node, submission
from auditor.models import Finding, Impact, Node

_PREFIX = re.compile(r"^\s*error\s*:", re.I)


@register
class ErrorTitle(Check):
    meta = CheckMeta(
        id="forms/error-title",
        title='Error pages start their title with "Error:"',
        failure_title='The title does not start with "Error:" while errors are shown',
        help_url="https://design-system.service.gov.uk/patterns/validation/",
        tags=("cat.forms", "best-practice"),
        impact=Impact.MODERATE,
        probes=PROBES,
        description='While errors are shown the page title starts with "Error:".',
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        facts = submission(ctx)
        if not errors_shown(facts):
            raise self.inapplicable()
        title = text(facts, "title")
        if not _PREFIX.match(title):
            element = facts.get("title_element")
            yield self.fail(
                ctx,
                node(element)
                if isinstance(element, dict)
                else Node(selector="title", snippet=f"<title>{title[:200]}</title>"),
                f'The page shows errors but its title {title[:80]!r} does not start with "Error:"',
            )
