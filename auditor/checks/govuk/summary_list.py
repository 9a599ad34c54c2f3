"""Summary lists ("check your answers") are description lists whose "Change" links say what
they change (LGDSS point 11).

For each `.govuk-summary-list` (or `.nhsuk-summary-list`): it is a `<dl>`; each row
(`…__row`) has a `<dt>` key and a `<dd>` value, and its actions are in a `<dd>`; each action
link carries visually hidden text (or an `aria-label`) naming what it changes, so that no two
action links in a list have the same name. Pages without a summary list are inapplicable.

## Why it matters
On a check-your-answers page, screen reader users hear a list of links. Ten links all called
"Change" do not say which answer each one changes; "Change your postcode" does. The `<dl>`,
`<dt>` and `<dd>` structure is what tells them which answer belongs to which question.

## How to fix
Use the component's markup, with hidden text in each link:

    <dl class="govuk-summary-list">
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">Postcode</dt>
        <dd class="govuk-summary-list__value">AW1 1AA</dd>
        <dd class="govuk-summary-list__actions">
          <a class="govuk-link" href="/address">
            Change<span class="govuk-visually-hidden"> postcode</span>
          </a>
        </dd>
      </div>
    </dl>

## Example
    <a href="/address">Change</a>                                          → fail
    <a href="/address">Change<span class="govuk-visually-hidden"> postcode</span></a>  → pass
    a row whose value is a <div>, not a <dd>                                → fail
"""

from __future__ import annotations

from collections.abc import Iterator

from bs4 import Tag

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.checks.govuk._patterns import (
    VISUALLY_HIDDEN,
    attr,
    classes,
    outermost,
    text_of,
    visible_text,
)
from auditor.models import Finding, Impact

LIST_CLASSES = ("govuk-summary-list", "nhsuk-summary-list")


def hidden_text(link: Tag) -> str:
    """The text of a link that only screen readers get (its visually hidden spans)."""
    parts = [text_of(span) for span in link.find_all(class_=list(VISUALLY_HIDDEN))]
    return " ".join(p for p in parts if p)


def link_name(link: Tag) -> str:
    label = " ".join(attr(link, "aria-label").split())
    return (label or text_of(link)).lower()


@register
class SummaryList(Check):
    meta = CheckMeta(
        id="govuk/summary-list",
        title='Summary lists are structured and their "Change" links say what they change',
        failure_title='A summary list is badly structured or its "Change" links are ambiguous',
        help_url="https://design-system.service.gov.uk/components/summary-list/",
        tags=("cat.structure", "best-practice", "lgdss11"),
        impact=Impact.MODERATE,
        description="Summary lists use dl/dt/dd and name what each action link changes.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        lists = outermost(ctx.soup, LIST_CLASSES)
        if not lists:
            raise self.inapplicable()
        for summary in lists:
            prefix = next(c for c in classes(summary) if c in LIST_CLASSES)
            if summary.name != "dl":
                yield self.fail(ctx, summary, f"The summary list is a <{summary.name}>, not a <dl>")
            rows = summary.find_all(class_=f"{prefix}__row")
            if not rows:
                yield self.fail(ctx, summary, "The summary list has no rows")
            names: set[str] = set()
            for row in rows:
                problems = _row_problems(row, prefix)
                if problems:
                    yield self.fail(ctx, row, "The summary list row fails: " + "; ".join(problems))
                actions = row.find(class_=f"{prefix}__actions")
                for link in actions.find_all("a") if isinstance(actions, Tag) else []:
                    yield from self._check_action(ctx, link, names)

    def _check_action(self, ctx: CheckContext, link: Tag, names: set[str]) -> Iterator[Finding]:
        visible = visible_text(link)
        label = " ".join(attr(link, "aria-label").split())
        named = hidden_text(link) or (label and label.lower() != visible.lower())
        name = link_name(link)
        if not named:
            yield self.fail(
                ctx,
                link,
                f'The "{visible}" link does not say what it changes: add visually hidden text '
                'naming the answer, such as "Change<span class="govuk-visually-hidden"> '
                'postcode</span>"',
            )
        elif name in names:
            yield self.fail(
                ctx, link, f'Two links in this summary list are both called "{text_of(link)}"'
            )
        names.add(name)


def _row_problems(row: Tag, prefix: str) -> list[str]:
    problems = []
    for part, element, named in (
        ("key", "dt", "key is"),
        ("value", "dd", "value is"),
        ("actions", "dd", "actions are"),
    ):
        found = row.find(class_=f"{prefix}__{part}")
        if not isinstance(found, Tag):
            if part != "actions":
                problems.append(f"it has no {part}")
        elif found.name != element:
            problems.append(f"its {named} <{found.name}>, not <{element}>")
    return problems
