"""PDFs have a title that says what they are, and the viewer shows it instead of the file name.

## Why it matters
The title is the first thing a screen reader announces and what a reader sees in the window's
title bar and tab (WCAG 2.4.2 Page Titled, technique PDF18). Without one, or when the viewer
is not told to show it, people hear a file name such as "ct_leaflet_v3_FINAL.pdf". A title such
as "Microsoft Word - Document1" is left by the software, not written by a person.

The title is read from the XMP metadata (`dc:title`) or the document information dictionary
(`/Title`); the viewer shows it when `/ViewerPreferences /DisplayDocTitle` is true.

## How to fix
Set the title in the source document's properties before exporting (Word: File > Info >
Properties > Title), and tick "Show document title" (Acrobat: File > Properties > Initial View).

## Example
    /Title (Council tax leaflet 2025 to 2026), /DisplayDocTitle true   → pass
    no /Title and no dc:title                                         → fail
    a title, but /DisplayDocTitle missing                             → needs review
    /Title (Microsoft Word - leaflet.docx)                            → needs review
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.checks.base import CheckMeta, DocumentCheck, DocumentContext, register
from auditor.checks.documents._common import pdf_facts
from auditor.models import Finding, Impact

# Titles the authoring software leaves behind: file names and default document names.
SOFTWARE_TITLE = re.compile(
    r"^(microsoft (word|excel|powerpoint) - |untitled\b|document\d*$|doc\d+$)"
    r"|\.(docx?|xlsx?|pptx?|pdf|indd|odt|rtf|txt)$",
    re.IGNORECASE,
)


@register
class PdfTitle(DocumentCheck):
    meta = CheckMeta(
        id="documents/pdf-title",
        title="PDFs have a title the viewer shows",
        failure_title="PDFs have no title",
        help_url="https://www.w3.org/WAI/WCAG21/Techniques/pdf/PDF18",
        tags=("cat.text-alternatives", "wcag2a", "wcag242", "psbar", "documents"),
        impact=Impact.SERIOUS,
        requires=("documents",),
        description="Every PDF has a descriptive title, shown by the viewer (DisplayDocTitle).",
    )

    def evaluate_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        facts = pdf_facts(ctx)
        if facts is None:
            raise self.inapplicable()
        if not facts.title:
            yield self.fail(ctx, "The PDF has no title (no dc:title and no /Title)")
            return
        if SOFTWARE_TITLE.search(facts.title.strip()):
            yield self.review(
                ctx, f'The PDF\'s title "{facts.title}" looks like a file name, not a title'
            )
        if not facts.display_doc_title:
            yield self.review(
                ctx,
                f'The PDF has a title ("{facts.title}") but viewers show the file name: '
                "/DisplayDocTitle is not set",
            )
