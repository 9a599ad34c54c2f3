"""Office documents are offered in an open format (ODT, ODS, CSV), not only Word or Excel.

## Why it matters
Word, Excel and PowerPoint files need particular software (or its latest version) to open
correctly. The GOV.UK open standards for documents, which the Local Government Digital Service
Standard (point 7: use open standards) points councils to, ask for the OpenDocument formats and
CSV, and for HTML first: an HTML page is the most accessible format of all.

Proprietary formats are not an accessibility failure in themselves, so the check only asks a
person to look, unless the same file is offered in an open format beside it (the same name with
.odt, .ods, .odp or .csv, linked from the same page).

## How to fix
Publish the content as an HTML page, or save it as OpenDocument (Word and Excel: Save as >
OpenDocument Text / Spreadsheet) or CSV, and link that.

## Example
    budget.xlsx alone                 → needs review
    agenda.docx beside agenda.odt     → pass
    minutes.odt, spending.csv         → pass
    a PDF                             → inapplicable
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from auditor.checks.base import CheckMeta, DocumentCheck, DocumentContext, register
from auditor.checks.documents._common import OPEN_OFFICE, PROPRIETARY_OFFICE, links_to, stem
from auditor.models import Finding, Impact

OPEN_SUFFIXES = (".odt", ".ods", ".odp", ".csv")


@register
class OfficeFormat(DocumentCheck):
    meta = CheckMeta(
        id="documents/office-format",
        title="Office documents are offered in an open format",
        failure_title="Office documents are offered only in a proprietary format",
        help_url="https://www.gov.uk/government/publications/open-standards-for-government/sharing-or-collaborating-with-government-documents",
        tags=("cat.parsing", "best-practice", "lgdss7", "documents"),
        impact=Impact.MINOR,
        requires=("documents", "links"),
        review_only=True,
        description="Word, Excel and PowerPoint files come with an OpenDocument or CSV version.",
    )

    def evaluate_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        doc = ctx.doc
        fmt = doc.document.format if doc.document is not None else None
        if doc.kind in OPEN_OFFICE or fmt in OPEN_OFFICE:
            return
        if doc.kind not in PROPRIETARY_OFFICE and fmt not in PROPRIETARY_OFFICE:
            raise self.inapplicable()
        name = stem(doc.url)
        for page, _ in links_to(ctx):
            for link in page.links:
                path = urlsplit(link.url).path.lower()
                if path.endswith(OPEN_SUFFIXES) and stem(link.url) == name:
                    return
        suffix = urlsplit(doc.url).path.rsplit(".", 1)[-1].lower()
        yield self.review(
            ctx,
            f"Offered only as .{suffix}: also offer an open format (OpenDocument or CSV) or, "
            "better, an HTML page",
        )
