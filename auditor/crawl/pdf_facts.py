"""Facts read from a document's bytes, for the documents/ checks: PDFs with pypdf (tags, title,
language, text layer, bookmarks, form fields), office files from their zip metadata.

Pure and browser-free: `pdf_facts(data)` never raises. An encrypted, damaged or hostile file
(a broken xref, endless recursion, huge streams) ends as `DocumentFacts.error`, and reading stops
at a time budget checked between steps. pypdf itself caps what one stream may decompress to.
"""

from __future__ import annotations

import io
import logging
import re
import time
import zipfile
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree

import defusedxml.ElementTree as DefusedET
from defusedxml import DefusedXmlException
from pypdf import PasswordType, PdfReader
from pypdf.errors import LimitReachedError
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, PdfObject

from auditor.models import DocumentFacts

# Text layers are read on at most this many pages, spread over the document: enough to tell a
# scanned document from a typeset one without reading every page of a 600-page plan.
MAX_TEXT_PAGES = 40
# A page with an image and fewer non-space characters than this is taken for a scanned image
# (a running header or a page number on a scan stays under it).
SCANNED_MAX_CHARS = 20
DEFAULT_BUDGET_S = 20.0
MAX_TITLE = 300
# Outline entries counted at most: a number past it changes no check's verdict.
MAX_OUTLINE_COUNT = 10_000
_XMP_DC = "{http://purl.org/dc/elements/1.1/}"
_CORE_TITLE = f"{_XMP_DC}title"
OFFICE_FORMATS = frozenset({"docx", "xlsx", "pptx", "odt", "ods", "odp"})
# Zip members read for a title, at most this big (a zip bomb stays in its zip).
MAX_META_BYTES = 1_000_000


# pypdf logs every quirk it works around in a non-conforming file; those are the norm on council
# sites and would flood the terminal. Real failures still reach us as exceptions.
logging.getLogger("pypdf").setLevel(logging.ERROR)


class BudgetSpent(Exception):
    """Reading took longer than the time budget."""


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}"[:300] if text else type(exc).__name__


def _clean(text: object) -> str | None:
    value = " ".join(str(text).split()) if text is not None else ""
    return value[:MAX_TITLE] or None


def _resolved(value: Any) -> Any:
    return value.get_object() if isinstance(value, PdfObject) else value


def _get(dictionary: Any, key: str) -> Any:
    dictionary = _resolved(dictionary)
    if not isinstance(dictionary, DictionaryObject):
        return None
    return _resolved(dictionary.get(key))


def _bool(value: Any) -> bool:
    return value is True or (hasattr(value, "value") and value.value is True)


def pdf_facts(data: bytes, budget_s: float = DEFAULT_BUDGET_S) -> DocumentFacts:
    """Everything the documents/ checks need from a PDF's bytes. Never raises."""
    started = time.monotonic()
    deadline = started + budget_s

    def spend() -> None:
        if time.monotonic() > deadline:
            raise BudgetSpent(f"reading took longer than {budget_s:g}s")

    facts = DocumentFacts(format="pdf", size=len(data))
    try:
        _read_pdf(data, facts, spend)
    except RecursionError:
        facts.error = "damaged PDF: objects nested too deeply"
    except BudgetSpent as exc:
        facts.error = str(exc)
    except MemoryError:
        facts.error = "damaged PDF: too large to read"
    except Exception as exc:
        facts.error = f"damaged PDF: {_one_line(exc)}"
    facts.parse_ms = round((time.monotonic() - started) * 1000)
    return facts


def _read_pdf(data: bytes, facts: DocumentFacts, spend: Callable[[], None]) -> None:
    if b"%PDF-" not in data[:1024]:
        raise ValueError("no %PDF- header")
    reader = PdfReader(io.BytesIO(data), strict=False)
    spend()
    if reader.is_encrypted:
        facts.encrypted = True
        # Most "encrypted" PDFs only restrict printing or copying and open with no password.
        if reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            facts.error = "encrypted: a password is needed to open it"
            return
    catalog = _resolved(reader.trailer.get("/Root"))
    if not isinstance(catalog, DictionaryObject):
        raise ValueError("no document catalog")
    facts.pages = len(reader.pages)
    spend()
    facts.marked = _bool(_get(_get(catalog, "/MarkInfo"), "/Marked"))
    tree = _get(catalog, "/StructTreeRoot")
    facts.struct_tree = isinstance(tree, DictionaryObject) and _has_kids(tree)
    facts.tagged = facts.marked and facts.struct_tree
    language = _get(catalog, "/Lang")
    facts.language = _clean(language) if language is not None else None
    facts.display_doc_title = _bool(_get(_get(catalog, "/ViewerPreferences"), "/DisplayDocTitle"))
    facts.title, facts.title_source = _title(reader)
    spend()
    facts.bookmarks = _count_outline(_get(_get(catalog, "/Outlines"), "/First"), spend)
    fields = _get(_get(catalog, "/AcroForm"), "/Fields")
    facts.form_fields = _count_fields(fields, spend) if isinstance(fields, ArrayObject) else 0
    _read_text_layer(reader, facts, spend)


def _has_kids(tree: DictionaryObject) -> bool:
    kids = _resolved(tree.get("/K"))
    if isinstance(kids, ArrayObject):
        return len(kids) > 0
    return kids is not None


def _title(reader: PdfReader) -> tuple[str | None, str | None]:
    try:
        xmp = reader.xmp_metadata
        titles = xmp.dc_title if xmp is not None else None
    except Exception:  # a malformed XMP packet is no title, not a damaged PDF
        titles = None
    if titles:
        for value in titles.values():
            if title := _clean(value):
                return title, "xmp"
    info = reader.metadata
    if info is not None and (title := _clean(info.title)):
        return title, "info"
    return None, None


def _count_outline(first: Any, spend: Callable[[], None]) -> int:
    """Entries of the outline tree, each visited once (a looping /Next counts as one)."""
    seen: set[int] = set()
    stack = [first]
    while stack and len(seen) < MAX_OUTLINE_COUNT:
        item = stack.pop()
        item_id = id(item)
        if not isinstance(item, DictionaryObject) or item_id in seen:
            continue
        seen.add(item_id)
        if len(seen) % 500 == 0:
            spend()
        stack.append(_get(item, "/Next"))
        stack.append(_get(item, "/First"))
    return len(seen)


def _count_fields(fields: ArrayObject, spend: Callable[[], None]) -> int:
    """Terminal form fields (those without /Kids, or with widget kids only)."""
    count = 0
    seen: set[int] = set()
    stack: list[Any] = [_resolved(f) for f in fields]
    while stack and count < MAX_OUTLINE_COUNT:
        field = stack.pop()
        if not isinstance(field, DictionaryObject) or id(field) in seen:
            continue
        seen.add(id(field))
        if len(seen) % 500 == 0:
            spend()
        kids = _get(field, "/Kids")
        named_kids = (
            [_resolved(k) for k in kids if "/T" in _resolved(k)]
            if isinstance(kids, ArrayObject)
            else []
        )
        if named_kids:
            stack.extend(named_kids)
        else:
            count += 1
    return count


def _sample(total: int) -> list[int]:
    if total <= MAX_TEXT_PAGES:
        return list(range(total))
    step = total / MAX_TEXT_PAGES
    return sorted({int(i * step) for i in range(MAX_TEXT_PAGES)})


def _read_text_layer(reader: PdfReader, facts: DocumentFacts, spend: Callable[[], None]) -> None:
    chars = 0
    examined = 0
    for index in _sample(facts.pages or 0):
        spend()
        page = reader.pages[index]
        try:
            # Decoding the content first lets a decompression bomb surface as an error
            # (text extraction would swallow it); pypdf caches the decoded stream.
            contents = page.get_contents()
            if contents is not None:
                contents.get_data()
            text = page.extract_text() or ""
        except (RecursionError, MemoryError, LimitReachedError):
            raise
        except Exception:  # one unreadable page is no text there, not a damaged document
            text = ""
        examined += 1
        count = len("".join(text.split()))
        chars += count
        if count < SCANNED_MAX_CHARS and _has_image(_get(page, "/Resources"), depth=0):
            facts.image_only_pages.append(index + 1)
    facts.pages_examined = examined
    facts.text_chars = chars


def _has_image(resources: Any, depth: int) -> bool:
    """An image XObject in the resources, or in a form XObject they use (two levels deep)."""
    xobjects = _get(resources, "/XObject")
    if not isinstance(xobjects, DictionaryObject) or depth > 2:
        return False
    for value in xobjects.values():
        xobject = _resolved(value)
        subtype = _get(xobject, "/Subtype")
        if subtype == NameObject("/Image"):
            return True
        if subtype == NameObject("/Form") and _has_image(_get(xobject, "/Resources"), depth + 1):
            return True
    return False


def office_facts(data: bytes, fmt: str) -> DocumentFacts:
    """Type, size and (for zip-based formats) the title from the file's own metadata."""
    facts = DocumentFacts(format=fmt, size=len(data))
    started = time.monotonic()
    try:
        facts.title = _office_title(data, fmt)
        if facts.title:
            facts.title_source = "meta.xml" if fmt.startswith("od") else "core.xml"
    except (
        zipfile.BadZipFile,
        ElementTree.ParseError,
        DefusedXmlException,
        KeyError,
        ValueError,
        OSError,
    ) as exc:
        facts.error = f"damaged {fmt}: {_one_line(exc)}"
    facts.parse_ms = round((time.monotonic() - started) * 1000)
    return facts


def _office_title(data: bytes, fmt: str) -> str | None:
    member = "meta.xml" if fmt.startswith("od") else "docProps/core.xml"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            info = archive.getinfo(member)
        except KeyError:
            return None
        if info.file_size > MAX_META_BYTES:
            return None
        # defusedxml refuses DTDs and entities outright (office metadata never needs them).
        root = DefusedET.fromstring(archive.read(info), forbid_dtd=True)
    for element in root.iter(_CORE_TITLE):
        return _clean(element.text)
    return None


_SUFFIX = re.compile(r"\.(pdf|docx|xlsx|pptx|odt|ods|odp|doc|xls|ppt|rtf|csv)$", re.IGNORECASE)
_OPENXML = "application/vnd.openxmlformats-officedocument."
_OPENDOCUMENT = "application/vnd.oasis.opendocument."
CONTENT_TYPES = {
    "application/pdf": "pdf",
    f"{_OPENXML}wordprocessingml.document": "docx",
    f"{_OPENXML}spreadsheetml.sheet": "xlsx",
    f"{_OPENXML}presentationml.presentation": "pptx",
    f"{_OPENDOCUMENT}text": "odt",
    f"{_OPENDOCUMENT}spreadsheet": "ods",
    f"{_OPENDOCUMENT}presentation": "odp",
    "application/msword": "doc",
    "application/vnd.ms-excel": "xls",
    "application/vnd.ms-powerpoint": "ppt",
}


def format_of(url: str, content_type: str | None) -> str | None:
    """The document format its content type (or else its URL's suffix) names: `pdf`, `docx`…;
    None if neither names one."""
    if content_type in CONTENT_TYPES:
        return CONTENT_TYPES[content_type]
    match = _SUFFIX.search(urlsplit(url).path)
    return match.group(1).lower() if match else None


def facts_of(data: bytes, fmt: str, budget_s: float = DEFAULT_BUDGET_S) -> DocumentFacts:
    """Facts of a fetched document of a known format (PDFs in full, office files lightly)."""
    if fmt == "pdf":
        return pdf_facts(data, budget_s)
    if fmt in OFFICE_FORMATS:
        return office_facts(data, fmt)
    return DocumentFacts(format=fmt, size=len(data))
