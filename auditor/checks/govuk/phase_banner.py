"""A phase banner shows its phase tag and a feedback link (LGDSS points 11 and 14).

For each `.govuk-phase-banner`: it must hold a tag (`.govuk-tag`) naming the phase and a link,
with a real `href`, for feedback. A tag other than "Alpha" or "Beta" needs a person to look:
the GOV.UK Service Manual has phase banners for alpha and beta only. Pages without a phase
banner are inapplicable.

## Why it matters
A phase banner tells people the service is new and still changing, and asks them what they
think of it: LGDSS point 14 asks councils to collect that feedback. A banner without its link
asks for feedback and gives no way to send it; one without its tag does not say what it is for.

## How to fix
Use the component's markup with both parts:

    <div class="govuk-phase-banner">
      <p class="govuk-phase-banner__content">
        <strong class="govuk-tag govuk-phase-banner__content__tag">Beta</strong>
        <span class="govuk-phase-banner__text">
          This is a new service. Help us improve it and
          <a class="govuk-link" href="/feedback">give your feedback</a>.
        </span>
      </p>
    </div>

## Example
    tag "Beta" and a link to /feedback     → pass
    tag "Beta", no link                    → fail
    tag "Live"                             → needs review
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.checks.govuk._patterns import attr, outermost, text_of
from auditor.models import Finding, Impact

_PHASES = re.compile(r"^(alpha|alffa|beta)$", re.I)  # alffa: Welsh for alpha


@register
class PhaseBanner(Check):
    meta = CheckMeta(
        id="govuk/phase-banner",
        title="Phase banners show the phase and a feedback link",
        failure_title="A phase banner lacks its phase tag or feedback link",
        help_url="https://design-system.service.gov.uk/components/phase-banner/",
        tags=("cat.structure", "best-practice", "lgdss11", "lgdss14"),
        impact=Impact.MINOR,
        description="A phase banner has an Alpha or Beta tag and a feedback link.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        banners = outermost(ctx.soup, ("govuk-phase-banner",))
        if not banners:
            raise self.inapplicable()
        for banner in banners:
            problems = []
            tag = banner.select_one(".govuk-tag, .govuk-phase-banner__content__tag")
            phase = text_of(tag) if tag else ""
            if not phase:
                problems.append("it has no phase tag (Alpha or Beta)")
            links = [a for a in banner.find_all("a") if attr(a, "href").strip() not in ("", "#")]
            if not links:
                problems.append("it has no feedback link")
            if problems:
                yield self.fail(ctx, banner, "The phase banner fails: " + "; ".join(problems))
            elif not _PHASES.match(phase):
                yield self.review(
                    ctx,
                    banner,
                    f'The phase banner\'s tag says "{phase}": phase banners are for services '
                    "in alpha or beta",
                )
