"""Long PDFs (over 20 pages) have bookmarks, so people can move through them by section.

## Why it matters
Bookmarks are a PDF's table of contents in the viewer's side panel. Without them, a keyboard or
screen-reader user has to page through a long report to find a section; with them, anyone can
jump there. WCAG 2.4.5 Multiple Ways names bookmarks as a way to find content in a long PDF
(technique PDF2); we report it as best practice.

## How to fix
Use real headings in the source document and export with "Create bookmarks using headings"
(Word: Save as PDF > Options).

## Example
    22 pages, an outline with entries      → pass
    22 pages, no outline                   → fail
    20 pages or fewer                      → inapplicable
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks.base import CheckMeta, DocumentCheck, DocumentContext, register
from auditor.checks.documents._common import pdf_facts
from auditor.models import Finding, Impact

LONG_PDF_PAGES = 20


@register
class PdfBookmarks(DocumentCheck):
    meta = CheckMeta(
        id="documents/pdf-bookmarks",
        title="Long PDFs have bookmarks",
        failure_title="Long PDFs have no bookmarks",
        help_url="https://www.w3.org/WAI/WCAG21/Techniques/pdf/PDF2",
        tags=("cat.structure", "best-practice", "documents"),
        impact=Impact.MODERATE,
        requires=("documents",),
        description=f"PDFs of more than {LONG_PDF_PAGES} pages have an outline (bookmarks).",
    )

    def evaluate_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        facts = pdf_facts(ctx)
        if facts is None or facts.pages is None or facts.pages <= LONG_PDF_PAGES:
            raise self.inapplicable()
        if not facts.bookmarks:
            yield self.fail(ctx, f"The PDF has {facts.pages} pages and no bookmarks")
