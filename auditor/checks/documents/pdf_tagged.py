"""PDFs are tagged: a structure tree says what is a heading, a list, a table, and in what order
to read them.

## Why it matters
Screen readers read an untagged PDF as one run of text, in whatever order the file happens to
draw it: no headings to move between, tables flattened, form fields unnamed. Tags carry the
information and relationships WCAG 1.3.1 asks for (technique PDF9 and others rely on them). GDS
monitors councils' PDFs under the accessibility regulations (PSBAR 2018), and untagged PDFs are
the commonest fault it reports.

A PDF is taken as tagged when its catalog has `/MarkInfo << /Marked true >>` and a
`/StructTreeRoot` with content. A PDF that could not be read (a password, a damaged file, too
large) needs a person to look.

## How to fix
Publish the content as an HTML page where you can (GOV.UK's advice). Otherwise export with tags
on: in Word, "Document structure tags for accessibility" under Save as PDF > Options; in
InDesign, "Create Tagged PDF". Then check the tags and reading order in Acrobat or PAC.

## Example
    /MarkInfo << /Marked true >> /StructTreeRoot << /K [...] >>   → pass
    no /MarkInfo, no /StructTreeRoot (a "print to PDF")          → fail
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks.base import CheckMeta, DocumentCheck, DocumentContext, register
from auditor.checks.documents._common import is_pdf
from auditor.models import Finding, Impact


@register
class PdfTagged(DocumentCheck):
    meta = CheckMeta(
        id="documents/pdf-tagged",
        title="PDFs are tagged",
        failure_title="PDFs are not tagged",
        help_url="https://www.w3.org/WAI/WCAG21/Understanding/info-and-relationships.html",
        tags=("cat.structure", "wcag2a", "wcag131", "psbar", "documents"),
        impact=Impact.SERIOUS,
        requires=("documents",),
        description="Every PDF has a structure tree (tags) that assistive technology can read.",
    )

    def evaluate_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        facts = ctx.doc.document
        if facts is None or not is_pdf(ctx):
            raise self.inapplicable()
        if facts.error:
            yield self.review(ctx, f"The PDF could not be read ({facts.error}): check it by hand")
        elif not facts.tagged:
            missing = []
            if not facts.marked:
                missing.append("/MarkInfo /Marked true")
            if not facts.struct_tree:
                missing.append("structure tree (/StructTreeRoot)")
            yield self.fail(ctx, f"The PDF is not tagged: it has no {' and no '.join(missing)}")
