"""A design system's header is the page's banner landmark (LGDSS point 11).

The header component (`govuk-header`, `govuk-generic-header`, `nhsuk-header`, LocalGov's
`lgd-header`) must be a `<header>`, or sit inside one, that is not inside `<main>`, `<nav>`,
`<article>`, `<aside>` or `<section>`, or carry `role="banner"` at the top level. Pages without
such a header are inapplicable. (Header and footer are two checks, not one: each is a separate
component a site may or may not use, and each is reported and fixed on its own.)

## Why it matters
Screen reader users jump between landmarks to find their way around a page. The GOV.UK and
NHS.UK templates give the header the banner landmark; rebuilt in a `<div>`, or nested inside
`<main>` or a `<section>`, it is no longer announced as the site header and the shortcut to it
is lost.

## How to fix
Use the design system's page template, or wrap the header component in a top-level `<header>`:

    <header class="govuk-template__header">
      <div class="govuk-header" data-module="govuk-header">…</div>
    </header>

## Example
    <div class="govuk-header"> outside any <header>          → fail
    <header class="govuk-header"> inside <main>               → fail
    <header class="govuk-header"> directly in <body>          → pass
"""

from __future__ import annotations

from auditor.checks.base import CheckMeta, register
from auditor.checks.govuk._landmark import ComponentLandmark
from auditor.models import Impact

HEADER_CLASSES = ("govuk-header", "govuk-generic-header", "nhsuk-header", "lgd-header")


@register
class HeaderLandmark(ComponentLandmark):
    meta = CheckMeta(
        id="govuk/header-landmark",
        title="The design system header is the banner landmark",
        failure_title="The design system header is not the banner landmark",
        help_url="https://design-system.service.gov.uk/components/header/",
        tags=("cat.semantics", "best-practice", "lgdss11"),
        impact=Impact.MODERATE,
        description="The header component is a top-level <header> (role banner).",
    )
    component_classes = HEADER_CLASSES
    element = "header"
    landmark_role = "banner"
