"""One thing per page: a form asking many questions on one page needs a person to look.

Questions are counted per form: a group of radios or checkboxes is one question, and a fieldset
with a legend holding only text fields (an address, a date) is one question. A form asking more
than 5 questions needs review. Search forms (one field) are never judged.

## Why it matters
Long pages of questions are where people make mistakes and give up (LGDSS point 10, users
succeed first time). GOV.UK services start with one thing per page: each page asks one question,
so it is simple to answer, to validate and to come back to.

## How to fix
Split the form into question pages, one question each, with a "check your answers" page at the
end.

## Example
    a form with 2 questions    → pass
    a form with 9 questions    → needs review
"""

from __future__ import annotations

from collections.abc import Iterator

from bs4 import Tag

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.checks.forms._controls import controls, groups, is_choice, text_of
from auditor.models import Finding, Impact

MOST_QUESTIONS = 5


def question_count(form: Tag) -> int:
    count = 0
    seen_fieldsets: set[int] = set()
    for group in groups(controls(form)):
        first = group[0]
        fieldset = first.find_parent("fieldset")
        legend = fieldset.find("legend") if fieldset is not None else None
        if (
            fieldset is not None
            and isinstance(legend, Tag)
            and text_of(legend)
            and not is_choice(first)
            and not any(is_choice(t) for t in controls(fieldset))
        ):
            if id(fieldset) in seen_fieldsets:
                continue
            seen_fieldsets.add(id(fieldset))
        count += 1
    return count


@register
class FieldsPerStep(Check):
    meta = CheckMeta(
        id="forms/fields-per-step",
        title="Forms ask one thing per page",
        failure_title="A form asks many questions on one page",
        help_url="https://www.gov.uk/service-manual/design/form-structure",
        tags=("cat.forms", "best-practice"),
        impact=Impact.MINOR,
        description=f"More than {MOST_QUESTIONS} questions on one page need review.",
        review_only=True,
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        forms = [f for f in ctx.soup.find_all("form") if len(controls(f)) > 1]
        if not forms:
            raise self.inapplicable()
        for form in forms:
            count = question_count(form)
            if count > MOST_QUESTIONS:
                yield self.review(
                    ctx,
                    form,
                    f"This form asks {count} questions on one page: consider one thing per "
                    "page (LGDSS point 10)",
                )
