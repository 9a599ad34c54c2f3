"""Error summaries follow the Design System: titled, at the top, focused, linked to the fields
(LGDSS points 10 and 11).

For each shown `.govuk-error-summary` (or `.nhsuk-error-summary`):
- its title (`…__title`) is a heading;
- it is inside `<main>`, before the `h1` and every form field;
- it takes focus when the page loads: `data-module="govuk-error-summary"` (without
  `data-disable-auto-focus="true"`), `role="alert"` or `autofocus`;
- the page `<title>` starts with "Error:" (Welsh "Gwall:");
- it has links, and every link points at an `id` on the page (a link to something that is not
  a form field needs a person to look).

A page that shows inline error messages (`.govuk-error-message`) without an error summary
fails. Pages with neither are inapplicable.

## Why it matters
After a failed submit, the error summary is how people find out what went wrong: it is
announced and focused when the page loads, the "Error:" title tells screen reader users at once,
and each link takes them to the field to fix. A summary further down the page, one that does
not take focus, or links that go nowhere leave people hunting for the problem, and many give up.

## How to fix
Use the component as designed, first in `<main>`:

    <title>Error: Report a missed bin – Ashworth Borough Council</title>
    …
    <main class="govuk-main-wrapper" id="main-content">
      <div class="govuk-error-summary" data-module="govuk-error-summary">
        <div role="alert">
          <h2 class="govuk-error-summary__title">There is a problem</h2>
          <div class="govuk-error-summary__body">
            <ul class="govuk-list govuk-error-summary__list">
              <li><a href="#postcode">Enter your postcode</a></li>
            </ul>
          </div>
        </div>
      </div>
      <h1 class="govuk-heading-l">What is your address?</h1>

## Example
    summary first in <main>, linking to #postcode, title "Error: …"   → pass
    summary link to #post-code when the field's id is "postcode"      → fail
    inline .govuk-error-message with no error summary                 → fail
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import BeautifulSoup, Tag

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.checks.govuk._patterns import (
    attr,
    describe,
    find_by_id,
    inside,
    is_hidden,
    main_element,
    outermost,
    role,
    target_id,
    text_of,
    visible_text,
)
from auditor.models import Finding, Impact

SUMMARY_CLASSES = ("govuk-error-summary", "nhsuk-error-summary")
MESSAGE_CLASSES = ("govuk-error-message", "nhsuk-error-message")
_TITLE = ".govuk-error-summary__title, .nhsuk-error-summary__title"
_ERROR_TITLE = re.compile(r"^\s*(error|gwall)\s*:", re.I)
_FIELDS = ("input", "select", "textarea", "fieldset", "button")
_FIELD_ROLES = frozenset({"group", "radiogroup", "textbox", "combobox", "listbox", "spinbutton"})
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def takes_focus(summary: Tag) -> bool:
    """Whether the summary is focused or announced when the page loads."""
    if summary.has_attr("autofocus"):
        return True
    if role(summary) == "alert" or summary.find(attrs={"role": "alert"}):
        return True
    module = attr(summary, "data-module")
    disabled = attr(summary, "data-disable-auto-focus").lower() == "true"
    return module in SUMMARY_CLASSES and not disabled


def is_field(target: Tag) -> bool:
    if target.name in _FIELDS or role(target) in _FIELD_ROLES:
        return True
    return target.find(_FIELDS) is not None


def page_title(soup: BeautifulSoup, fallback: str) -> str:
    title = soup.find("title")
    return text_of(title) if isinstance(title, Tag) else fallback


@register
class ErrorSummary(Check):
    meta = CheckMeta(
        id="govuk/error-summary",
        title="Error summaries follow the Design System",
        failure_title="An error summary is missing, misplaced, unfocused or badly linked",
        help_url="https://design-system.service.gov.uk/components/error-summary/",
        tags=("cat.forms", "best-practice", "lgdss10", "lgdss11"),
        impact=Impact.MODERATE,
        description="Errors are summarised at the top of <main>, focused and linked to fields.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        soup = ctx.soup
        summaries = [s for s in outermost(soup, SUMMARY_CLASSES) if not is_hidden(s)]
        messages = [
            m
            for m in outermost(soup, MESSAGE_CLASSES)
            if not is_hidden(m) and visible_text(m) and not any(inside(m, s) for s in summaries)
        ]
        if not summaries and not messages:
            raise self.inapplicable()
        if not summaries:
            yield self.fail(
                ctx,
                messages[0],
                f"The page shows {len(messages)} inline error message(s) but no error summary "
                "at the top of the page",
            )
            return
        title = page_title(soup, ctx.snapshot.title)
        main = main_element(soup)
        for summary in summaries:
            problems = self._problems(summary, main, title)
            links = summary.find_all("a")
            if not links:
                problems.append("it has no links to the fields with errors")
            if problems:
                yield self.fail(ctx, summary, "The error summary fails: " + "; ".join(problems))
            for link in links:
                yield from self._check_link(ctx, link)

    def _problems(self, summary: Tag, main: Tag | None, title: str) -> list[str]:
        problems = []
        heading = summary.select_one(_TITLE)
        if heading is None:
            problems.append("it has no title")
        elif heading.name not in _HEADINGS and role(heading) != "heading":
            problems.append(f"its title is a <{heading.name}>, not a heading")
        if main is None or not inside(summary, main):
            problems.append("it is not inside <main>")
        else:
            before = next(
                (
                    tag
                    for tag in summary.find_all_previous(["h1", *_FIELDS])
                    if isinstance(tag, Tag)
                    and inside(tag, main)
                    and not inside(summary, tag)
                    and not is_hidden(tag)
                    and attr(tag, "type").lower() != "hidden"
                ),
                None,
            )
            if before is not None:
                problems.append(f"it comes after {describe(before)}; put it first in <main>")
        if not takes_focus(summary):
            problems.append(
                'it does not take focus: add data-module="govuk-error-summary" (or role="alert")'
            )
        if not _ERROR_TITLE.match(title):
            problems.append(f'the page title "{title}" does not start with "Error:"')
        return problems

    def _check_link(self, ctx: CheckContext, link: Tag) -> Iterator[Finding]:
        href = attr(link, "href").strip()
        ident = target_id(href)
        name = text_of(link)
        if ident is None:
            yield self.fail(
                ctx, link, f'The error link "{name}" goes to "{href}", not to a field on the page'
            )
            return
        target = find_by_id(ctx.soup, ident)
        if target is None:
            yield self.fail(
                ctx, link, f'The error link "{name}" points at {href}, which is not on the page'
            )
        elif not is_field(target):
            yield self.review(
                ctx,
                link,
                f'The error link "{name}" points at {href} (<{target.name}>), which is not a '
                "form field",
            )
