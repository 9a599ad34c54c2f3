"""PDFs declare their language (`/Lang` in the catalog) as a valid language tag.

## Why it matters
Screen readers choose their voice and pronunciation from the document's language: without it
an English leaflet may be read with the rules of the reader's default language, and a Welsh one
with English rules (WCAG 3.1.1 Language of Page, technique PDF16). Welsh councils publish in two
languages, so the declared language matters more there.

## How to fix
Set the language before exporting (Word: Review > Language), or in Acrobat: File > Properties >
Advanced > Reading Options > Language. Use a tag such as `en-GB` or `cy`.

## Example
    /Lang (en-GB)          → pass
    no /Lang               → fail
    /Lang (English (UK))   → fail (not a language tag)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.checks.base import CheckMeta, DocumentCheck, DocumentContext, register
from auditor.checks.documents._common import pdf_facts
from auditor.models import Finding, Impact

# BCP 47 in the shape documents use: a 2-3 letter language, then optional script, region or
# variant subtags (en-GB, cy, zh-Hant-TW). Underscores (en_GB) are a common mistake.
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@register
class PdfLanguage(DocumentCheck):
    meta = CheckMeta(
        id="documents/pdf-language",
        title="PDFs declare their language",
        failure_title="PDFs do not declare their language",
        help_url="https://www.w3.org/WAI/WCAG21/Techniques/pdf/PDF16",
        tags=("cat.language", "wcag2a", "wcag311", "psbar", "documents"),
        impact=Impact.SERIOUS,
        requires=("documents",),
        description="Every PDF names its language in the catalog's /Lang, as a language tag.",
    )

    def evaluate_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        facts = pdf_facts(ctx)
        if facts is None:
            raise self.inapplicable()
        if not facts.language:
            yield self.fail(ctx, "The PDF does not declare its language (no /Lang)")
        elif not LANGUAGE_TAG.match(facts.language):
            yield self.fail(
                ctx, f'The PDF\'s language "{facts.language}" is not a language tag such as en-GB'
            )
