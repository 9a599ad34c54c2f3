"""What the documents/ checks share: reading a document's facts and how pages link to it."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from auditor.checks.base import DocumentContext, PageFacts
from auditor.models import DocumentFacts, Link

# Inventory kinds (auditor/crawlers/urls.py) and facts formats of proprietary office files,
# and of the open formats the GOV.UK open standards prefer (LGDSS point 7).
PROPRIETARY_OFFICE = frozenset(
    {"word", "spreadsheet", "presentation", "doc", "docx", "xls", "xlsx", "ppt", "pptx"}
)
OPEN_OFFICE = frozenset({"odf", "csv", "odt", "ods", "odp"})
_DOCUMENT_SUFFIX = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|od[tsp]|rtf|csv|zip)$", re.IGNORECASE)
_PAGE_FURNITURE = frozenset({"nav", "header", "footer"})


def is_pdf(ctx: DocumentContext) -> bool:
    facts = ctx.doc.document
    return facts.format == "pdf" if facts is not None else ctx.doc.kind == "pdf"


def pdf_facts(ctx: DocumentContext) -> DocumentFacts | None:
    """The facts of a PDF that was read without error; None for anything else."""
    facts = ctx.doc.document
    if facts is None or facts.format != "pdf" or facts.error:
        return None
    return facts


def links_to(ctx: DocumentContext) -> list[tuple[PageFacts, Link]]:
    """Every link of the run's pages to this document (URLs are normalised on both sides)."""
    return [(page, link) for page in ctx.pages for link in page.links if link.url == ctx.doc.url]


def is_document_url(url: str) -> bool:
    return bool(_DOCUMENT_SUFFIX.search(urlsplit(url).path))


def in_page_furniture(link: Link) -> bool:
    """Whether a link sits in the header, navigation or footer (judging by its selector)."""
    return any(part.split(":", 1)[0] in _PAGE_FURNITURE for part in link.selector.split(" > "))


def stem(url: str) -> str:
    """The path without its suffix: /docs/agenda.docx → /docs/agenda."""
    path = urlsplit(url).path
    return path.rsplit(".", 1)[0] if "." in path.rsplit("/", 1)[-1] else path
