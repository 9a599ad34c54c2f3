"""PDFs have real text, not pictures of text: a scanned document has nothing to read aloud.

## Why it matters
A scanned PDF is a set of photographs of paper. Screen readers find no text at all, people
cannot enlarge or reflow it, search finds nothing and text cannot be copied: it fails WCAG 1.1.1
Non-text Content for everyone who cannot see the image. Councils often scan signed letters,
old plans and paper forms.

A page counts as scanned when it holds an image and fewer than 20 characters of text. Up to 40
pages, spread over the document, are examined.

## How to fix
Publish the text itself, as an HTML page or a PDF exported from the source document. If only a
scan exists, run OCR (Acrobat: Scan & OCR > Recognize Text) and check the result, then tag it.

## Example
    every page an image with no text          → fail
    text on every page                        → pass
    text pages and one scanned page           → needs review (which pages are named)
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks.base import CheckMeta, DocumentCheck, DocumentContext, register
from auditor.checks.documents._common import pdf_facts
from auditor.models import Finding, Impact


def _pages(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    return shown + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")


@register
class PdfTextLayer(DocumentCheck):
    meta = CheckMeta(
        id="documents/pdf-text-layer",
        title="PDFs have a text layer",
        failure_title="PDFs are scanned images with no text",
        help_url="https://www.w3.org/WAI/WCAG21/Understanding/non-text-content.html",
        tags=("cat.text-alternatives", "wcag2a", "wcag111", "psbar", "documents"),
        impact=Impact.CRITICAL,
        requires=("documents",),
        description="PDFs hold text that can be read aloud, not only images of pages.",
    )

    def evaluate_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        facts = pdf_facts(ctx)
        if facts is None or not facts.pages_examined:
            raise self.inapplicable()
        scanned = facts.image_only_pages
        if scanned and len(scanned) == facts.pages_examined:
            yield self.fail(
                ctx,
                f"The PDF is scanned: its {facts.pages_examined} examined pages are images "
                "with no text to read",
            )
        elif scanned:
            which = (
                f"Pages {_pages(scanned)} are images with no text: check whether they carry"
                if len(scanned) > 1
                else f"Page {scanned[0]} is an image with no text: check whether it carries"
            )
            yield self.review(
                ctx, f"{which} content (a scanned letter, a table) that needs a text version"
            )
        elif not facts.text_chars:
            yield self.review(
                ctx, "The PDF has no readable text (text drawn as outlines?): check it by hand"
            )
