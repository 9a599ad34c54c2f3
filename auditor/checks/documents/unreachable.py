"""Documents linked from the site's pages can be downloaded: they do not answer with an error.

## Why it matters
A link to a leaflet, a form or a plan that answers 404 or 500 strands everyone who followed it,
and a missing form can stop someone applying at all. The Local Government Digital Service
Standard (point 8) asks for broken links to be found; documents are where they hide, because
they are replaced outside the content management system.

## How to fix
Point the link at the document's new address, or remove it. Redirect old addresses that others
link to.

## Example
    /documents/leaflet.pdf answers 200                  → pass
    /documents/old-form.pdf answers 404                 → fail
    the server could not be reached (a network error)   → needs review
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks.base import CheckMeta, DocumentCheck, DocumentContext, register
from auditor.models import Finding, Impact


@register
class Unreachable(DocumentCheck):
    meta = CheckMeta(
        id="documents/unreachable",
        title="Linked documents can be downloaded",
        failure_title="Linked documents answer with an error",
        help_url="https://www.w3.org/WAI/WCAG21/Understanding/multiple-ways.html",
        tags=("cat.links", "best-practice", "lgdss8", "documents"),
        impact=Impact.SERIOUS,
        requires=("documents",),
        description="Every linked document answers without an HTTP error.",
    )

    def evaluate_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        doc = ctx.doc
        if doc.status is not None and doc.status >= 400:
            yield self.fail(ctx, f"The document answers HTTP {doc.status}")
        elif doc.status is None and doc.error:
            yield self.review(ctx, f"The document could not be fetched ({doc.error})")
        elif doc.status is None:
            raise self.inapplicable()
