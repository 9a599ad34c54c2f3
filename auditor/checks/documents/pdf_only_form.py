"""Forms offered only as a PDF: a fillable PDF, or a PDF linked as a form, with no online form
linked beside it.

## Why it matters
A PDF form has to be downloaded, filled in (often printed, signed and scanned) and sent back.
Many PDF forms cannot be completed with a screen reader or a keyboard at all, and none of them
checks answers as it goes. Socitm's Better Connected survey fails a council's form task when
the form is offered only as a PDF, and the Local Government Digital Service Standard (point 10:
users succeed first time, unaided) asks for services online.

The check looks at the pages that link to the PDF: if one of them also links (outside its header,
navigation and footer) to something that reads like an online route ("Apply online", "Report a
missed bin", "… form" that is not a document), the PDF passes as an extra option.

## How to fix
Build the form as an online service, following the GOV.UK Design System's form patterns, and
link it where the PDF is linked. Keep the PDF, if at all, as a second option for people who
want to print it.

## Example
    a fillable PDF, the page links "Apply online for a parking permit"   → pass
    a fillable PDF, the page links nothing like an online form           → fail
    <a href="garden-waste.pdf">Garden waste application form</a> alone   → fail
    a leaflet with no form fields, not linked as a form                  → inapplicable
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.checks.base import CheckMeta, DocumentCheck, DocumentContext, register
from auditor.checks.documents._common import (
    in_page_furniture,
    is_document_url,
    is_pdf,
    links_to,
    pdf_facts,
)
from auditor.models import Finding, Impact, Link

FORM_WORDS = re.compile(r"\bforms?\b", re.IGNORECASE)
ONLINE_ROUTE = re.compile(
    r"\b(apply|register|report|request|claim|book|sign up|forms?|e-?forms?)\b", re.IGNORECASE
)


@register
class PdfOnlyForm(DocumentCheck):
    meta = CheckMeta(
        id="documents/pdf-only-form",
        title="Forms are offered online, not only as a PDF",
        failure_title="Forms are offered only as a PDF",
        help_url="https://design-system.service.gov.uk/patterns/",
        tags=("cat.forms", "best-practice", "lgdss10", "documents"),
        impact=Impact.SERIOUS,
        requires=("documents", "links"),
        description="A PDF form is linked beside an online way to do the same thing.",
    )

    def evaluate_document(self, ctx: DocumentContext) -> Iterator[Finding]:
        if not is_pdf(ctx):
            raise self.inapplicable()
        facts = pdf_facts(ctx)
        linked = links_to(ctx)
        form_text = next((link.text for _, link in linked if FORM_WORDS.search(link.text)), None)
        title = facts.title if facts is not None else None
        if title and not form_text and FORM_WORDS.search(title):
            form_text = title
        fields = facts.form_fields if facts is not None else 0
        if not fields and not form_text:
            raise self.inapplicable()
        routes = [
            link for page, _ in linked for link in page.links if _online_route(link, ctx.doc.url)
        ]
        if routes:
            return
        what = (
            f"A fillable PDF form ({fields} fields)"
            if fields
            else f'A PDF offered as a form ("{form_text}")'
        )
        yield self.fail(ctx, f"{what} is the only way offered: no online form is linked beside it")


def _online_route(link: Link, document_url: str) -> bool:
    return (
        link.url != document_url
        and not is_document_url(link.url)
        and not in_page_furniture(link)
        and bool(ONLINE_ROUTE.search(link.text))
    )
