"""The control a journey uses to go on works from the keyboard (WCAG 2.1.1 Keyboard).

Judged only on a journey step whose control does not submit its form: a `div` or link with a
click handler where a submit button belongs. The journey runner marks that control and the
`journey_control` probe reads it before it is clicked. The step fails when Tab cannot reach the
control: a keyboard user cannot go on at all. It needs review when Tab cannot reach it but Enter
in the form's only text field could submit the form instead (the service may handle that), and
when Tab reaches it but it is not a button (Enter and Space may do nothing, and screen readers
do not announce a button: 4.1.2). A real button or link passes. Pages no journey marked are
inapplicable.

## Why it matters
A "Continue" drawn as a `div` is invisible to the keyboard: people who use a keyboard, switch
device or voice control reach the question and cannot leave it. Its error states cannot be
tested either, since the form cannot be submitted empty.

## How to fix
Use a submit button in the form:

    <button type="submit" class="govuk-button">Continue</button>

## Example
    <div onclick="next()">Continue</div>                → fail
    <div tabindex="0" onclick="next()">Continue</div>   → needs review
    <a href="/next">Continue</a>                        → pass
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks._layout import flag, text
from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.checks.forms._submission import node
from auditor.models import Finding, Impact

PROBE = "journey_control"


@register
class ContinueKeyboard(Check):
    meta = CheckMeta(
        id="forms/continue-keyboard",
        title="The control that continues a journey works from the keyboard",
        failure_title="The control that continues a journey cannot be reached with the keyboard",
        help_url="https://design-system.service.gov.uk/components/button/",
        tags=("cat.forms", "cat.keyboard", "wcag2a", "wcag211"),
        impact=Impact.CRITICAL,
        probes=(PROBE,),
        description="A journey's Continue control is a button Tab can reach.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        facts = ctx.probe(PROBE)
        if not isinstance(facts, dict) or facts.get("marked") is not True:
            raise self.inapplicable()
        control = facts.get("control")
        if not isinstance(control, dict):
            raise self.inapplicable()  # the marked control is gone: the step reports it
        what = f'"{text(control, "text")[:60]}" (a <{text(control, "tag")}>)'
        if flag(control, "button") or flag(control, "link"):
            return
        if not flag(control, "focusable"):
            if flag(facts, "enter_submits"):
                yield self.review(
                    ctx,
                    node(control),
                    f"The journey goes on with {what}, which Tab cannot reach; Enter in the "
                    "form's only field may submit the form instead: check a keyboard user can "
                    "go on",
                )
                return
            yield self.fail(
                ctx,
                node(control),
                f"The journey goes on with {what}, which Tab cannot reach: keyboard users "
                "cannot go on",
            )
            return
        yield self.review(
            ctx,
            node(control),
            f"The journey goes on with {what}, which Tab reaches but is not a button: check "
            "Enter and Space activate it, and that screen readers announce it as a button "
            "(4.1.2)",
        )
