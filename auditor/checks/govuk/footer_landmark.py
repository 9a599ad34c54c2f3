"""A design system's footer is the page's contentinfo landmark (LGDSS point 11).

The footer component (`govuk-footer`, `nhsuk-footer`, `nhsuk-footer-container`, LocalGov's
`lgd-footer`) must be a `<footer>`, or sit inside one, that is not inside `<main>`, `<nav>`,
`<article>`, `<aside>` or `<section>`, or carry `role="contentinfo"` at the top level. Pages
without such a footer are inapplicable. (A separate check from the header's, so that each
component is reported on its own.)

## Why it matters
The footer holds the links people look for on every council page: the accessibility
statement, privacy notice, cookies and contact details. As the contentinfo landmark, screen
reader users reach it in one keystroke; as a plain `<div>`, or a `<footer>` nested inside
`<main>` or a `<section>`, they have to read their way down to it.

## How to fix
Use the design system's footer markup, which is a top-level `<footer>`:

    <footer class="govuk-footer">…</footer>

## Example
    <div class="govuk-footer"> outside any <footer>         → fail
    <footer class="govuk-footer"> inside <main>              → fail
    <footer class="govuk-footer"> directly in <body>         → pass
"""

from __future__ import annotations

from auditor.checks.base import CheckMeta, register
from auditor.checks.govuk._landmark import ComponentLandmark
from auditor.models import Impact

FOOTER_CLASSES = ("govuk-footer", "nhsuk-footer", "nhsuk-footer-container", "lgd-footer")


@register
class FooterLandmark(ComponentLandmark):
    meta = CheckMeta(
        id="govuk/footer-landmark",
        title="The design system footer is the contentinfo landmark",
        failure_title="The design system footer is not the contentinfo landmark",
        help_url="https://design-system.service.gov.uk/components/footer/",
        tags=("cat.semantics", "best-practice", "lgdss11"),
        impact=Impact.MINOR,
        description="The footer component is a top-level <footer> (role contentinfo).",
    )
    component_classes = FOOTER_CLASSES
    element = "footer"
    landmark_role = "contentinfo"
