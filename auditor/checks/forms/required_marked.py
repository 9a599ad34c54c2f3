"""When a form mixes required and optional fields, people can tell which is which.

For each form whose fields say which are required (`required` or `aria-required="true"`) and
which are not: it passes when the optional questions say "optional" (the GOV.UK way) or every
required question is marked ("*" or "required" in its label or legend). Otherwise each unmarked
required question fails. A form whose questions are all required, or whose markup does not say,
is not judged.

## Why it matters
People should not have to submit a form to find out which questions they can skip (WCAG 3.3.2
Labels or Instructions). A required attribute alone is announced by some screen readers but
shown to nobody else.

## How to fix
Ask only what you need. Then mark the few optional questions, as GOV.UK services do:

    <label class="govuk-label" for="phone">Phone number (optional)</label>

## Example
    required name and email, "Phone (optional)"   → pass
    required name and email, "Phone" not marked   → fail on name and email
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import Tag

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.checks.forms._controls import attr, controls, groups, question_text
from auditor.models import Finding, Impact

_OPTIONAL = re.compile(r"\boptional\b", re.I)
_REQUIRED = re.compile(r"\*|\brequired\b|\bmandatory\b|\bmust\b", re.I)


def is_required(group: list[Tag]) -> bool:
    return any(t.has_attr("required") or attr(t, "aria-required") == "true" for t in group)


@register
class RequiredMarked(Check):
    meta = CheckMeta(
        id="forms/required-marked",
        title="Required and optional fields are marked",
        failure_title="Required fields are not marked and optional ones do not say so",
        help_url="https://design-system.service.gov.uk/patterns/question-pages/",
        tags=("cat.forms", "wcag2a", "wcag332"),
        impact=Impact.MODERATE,
        description="A form mixing required and optional fields must say which are which.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        judged = False
        for form in ctx.soup.find_all("form"):
            questions = groups(controls(form))
            required = [g for g in questions if is_required(g)]
            optional = [g for g in questions if not is_required(g)]
            if not required or not optional:
                continue
            judged = True
            if any(_OPTIONAL.search(question_text(ctx.soup, g)) for g in optional):
                continue
            for group in required:
                if _REQUIRED.search(question_text(ctx.soup, group)):
                    continue
                yield self.fail(
                    ctx,
                    group[0],
                    "This question is required but nothing on screen says so, and the optional "
                    "questions of the form are not marked (optional) either",
                )
        if not judged:
            raise self.inapplicable()
