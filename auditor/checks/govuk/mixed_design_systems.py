"""A page uses one design system at one version (LGDSS point 11, consistent with GOV.UK).

The page's design systems are found from its HTML and from what its CSS and JavaScript announce
(the `design_system` probe): GOV.UK Frontend, NHS.UK Frontend and LocalGov Drupal's own `lgd-`
theme. Two of them on one page, or one at two versions (a stylesheet from one release and the
JavaScript from another, say), fail. A LocalGov Drupal site themed with GOV.UK Frontend is one
design system on one platform and passes. Pages using none are inapplicable.

The probe adds versions the HTML does not show (a stylesheet at `/assets/govuk-frontend.min.css`
says its version only in its `--govuk-frontend-version` property); when it did not run or failed,
the check judges from the HTML alone rather than giving an error.

## Why it matters
Each design system brings its own header, skip link, focus style, error summary and form
components, built to work with its own CSS and JavaScript. Mixed, two versions of the same
pattern look and behave differently from page to page, and components initialised by one
release's JavaScript may break with another release's markup or CSS (GOV.UK Frontend 5 changed
how components detect support, for instance). Users who learned one pattern meet another.

## How to fix
Pick one design system for the site and load one release of it: its CSS and JavaScript from the
same version, and markup from the same release's templates. If a LocalGov Drupal site uses
GOV.UK Frontend, theme every component with it rather than alongside `localgov_base`.

## Example
    govuk-frontend-5.4.0.min.css with nhsuk-9.1.0.min.css           → fail
    --govuk-frontend-version: "5.4.0" with govuk-frontend-4.7.0.min.js → fail
    GOV.UK Frontend 5.4.0 CSS and JavaScript                          → pass
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.models import Finding, Impact
from auditor.web.design_system import PROBE, mixing_problems, page_design_systems


@register
class MixedDesignSystems(Check):
    meta = CheckMeta(
        id="govuk/mixed-design-systems",
        title="The page uses one design system at one version",
        failure_title="The page mixes design systems or versions",
        help_url="https://frontend.design-system.service.gov.uk/staying-up-to-date/",
        tags=("cat.structure", "best-practice", "lgdss11"),
        impact=Impact.MODERATE,
        probes=(PROBE,),
        description="GOV.UK Frontend, NHS.UK Frontend and LocalGov Drupal are not mixed.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        systems = page_design_systems(ctx.snapshot, ctx.soup)
        if not systems:
            raise self.inapplicable()
        problems = mixing_problems(systems)
        if not problems:
            return
        element = ctx.soup.body or ctx.soup.html or ctx.soup
        found = "; ".join(f"{s.label} ({', '.join(s.evidence[:2])})" for s in systems)
        yield self.fail(
            ctx,
            element,
            f"The page mixes design systems: {'; '.join(problems)}. Found: {found}",
        )
