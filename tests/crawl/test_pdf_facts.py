"""Facts read from documents (auditor/crawlers/pdf_facts.py) and the fetch that feeds them
(`read_documents`): tagged, untagged, scanned and fillable PDFs, encrypted, damaged and hostile
files, office files, and the size and time caps."""

from __future__ import annotations

import asyncio
import importlib.machinery
import importlib.util
import io
import sys
import time
import zipfile
import zlib
from collections.abc import Callable
from types import ModuleType

import httpx
import pytest
from pypdf import PdfWriter

from auditor.crawl import documents
from auditor.crawl.documents import read_documents
from auditor.crawl.pdf_facts import facts_of, format_of, office_facts, pdf_facts
from auditor.models import DocumentFacts, Resource
from tests.conftest import FIXTURES, ROOT

CHECKS = FIXTURES / "checks" / "documents"
BAD_LEAFLET = FIXTURES / "sites" / "council" / "documents" / "council-tax-leaflet.pdf"
GOOD_LEAFLET = FIXTURES / "sites" / "council-clean" / "documents" / "council-tax-leaflet.pdf"


def _load_script() -> ModuleType:
    loader = importlib.machinery.SourceFileLoader(
        "make_fixture_pdfs", str(ROOT / "scripts" / "make-fixture-pdfs")
    )
    spec = importlib.util.spec_from_loader(loader.name, loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[loader.name] = module  # dataclasses look their module up while the class is made
    loader.exec_module(module)
    return module


MAKE = _load_script()


def raw_pdf(catalog_entries: str = "", extra: Callable[[object], str] | None = None) -> bytes:
    """A PDF with no pages and `catalog_entries` in its catalog, written by the fixture script's
    own writer (so the xref is right and only what a test puts in is hostile)."""
    pdf = MAKE.Pdf()
    catalog = pdf.reserve()
    pages = pdf.add("<< /Type /Pages /Kids [] /Count 0 >>")
    more = extra(pdf) if extra else ""
    pdf.set(catalog, f"<< /Type /Catalog /Pages {pages} 0 R {catalog_entries} {more} >>")
    return bytes(pdf.serialise(catalog, None))


def encrypted(user_password: str) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    owner = "owner"  # a test file's password, not a secret
    writer.encrypt(user_password=user_password, owner_password=owner, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- the committed fixtures -------------------------------------------------------------------


def test_committed_fixture_documents_are_what_the_script_makes() -> None:
    made = MAKE.fixtures()
    assert len(made) > 30
    stale = [path for path, data in made.items() if (ROOT / path).read_bytes() != data]
    assert stale == [], "run scripts/make-fixture-pdfs"
    too_big = [path for path, data in made.items() if len(data) > 50_000]
    assert too_big == []


def test_script_output_is_deterministic() -> None:
    assert MAKE.fixtures() == MAKE.fixtures()


# --- PDFs -------------------------------------------------------------------------------------


def test_tagged_titled_pdf_in_british_english() -> None:
    facts = pdf_facts(GOOD_LEAFLET.read_bytes())
    assert facts.error is None
    assert (facts.format, facts.pages, facts.tagged, facts.marked, facts.struct_tree) == (
        "pdf",
        2,
        True,
        True,
        True,
    )
    assert (facts.title, facts.title_source) == ("Council tax leaflet 2025 to 2026", "xmp")
    assert facts.display_doc_title is True
    assert facts.language == "en-GB"
    assert facts.pages_examined == 2
    assert facts.text_chars is not None and facts.text_chars > 200
    assert facts.image_only_pages == []
    assert (facts.bookmarks, facts.form_fields, facts.encrypted) == (0, 0, False)


def test_untagged_scanned_form_with_no_title_or_language() -> None:
    facts = pdf_facts(BAD_LEAFLET.read_bytes())
    assert facts.error is None
    assert (facts.pages, facts.tagged, facts.marked, facts.struct_tree) == (22, False, False, False)
    assert (facts.title, facts.language, facts.display_doc_title) == (None, None, False)
    assert facts.text_chars == 0
    assert facts.image_only_pages == list(range(1, 23))
    assert (facts.bookmarks, facts.form_fields) == (0, 4)
    assert facts.size == len(BAD_LEAFLET.read_bytes())


def test_marked_without_a_structure_tree_is_not_tagged() -> None:
    facts = pdf_facts((CHECKS / "pdf-tagged" / "fail-marked-without-tags.pdf").read_bytes())
    assert (facts.marked, facts.struct_tree, facts.tagged) == (True, False, False)


def test_info_title_and_bookmarks() -> None:
    facts = pdf_facts((CHECKS / "pdf-title" / "review-title-not-shown.pdf").read_bytes())
    assert (facts.title, facts.title_source, facts.display_doc_title) == (
        "Council tax leaflet",
        "info",
        False,
    )
    long = pdf_facts((CHECKS / "pdf-bookmarks" / "pass-22-pages-bookmarks.pdf").read_bytes())
    assert (long.pages, long.bookmarks) == (22, 22)


def test_one_scanned_page_among_text_pages() -> None:
    facts = pdf_facts((CHECKS / "pdf-text-layer" / "review-one-scanned-page.pdf").read_bytes())
    assert facts.image_only_pages == [3]
    assert facts.text_chars is not None and facts.text_chars > 100


def test_text_is_sampled_on_long_documents() -> None:
    pages = tuple(MAKE.TextPage(f"Section {n}", ("Some text on the page.",)) for n in range(90))
    facts = pdf_facts(MAKE.build(MAKE.Spec(pages=pages)))
    assert facts.pages == 90
    assert facts.pages_examined == 40


def test_a_password_protected_pdf_is_an_error_fact() -> None:
    facts = pdf_facts(encrypted("secret"))
    assert facts.encrypted is True
    assert facts.error == "encrypted: a password is needed to open it"
    assert facts.pages is None


def test_a_pdf_encrypted_only_against_copying_is_read() -> None:
    facts = pdf_facts(encrypted(""))
    assert (facts.encrypted, facts.error, facts.pages) == (True, None, 1)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", "damaged PDF: ValueError: no %PDF- header"),
        (b"<!DOCTYPE html><title>Sign in</title>", "damaged PDF: ValueError: no %PDF- header"),
        (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "damaged PDF: "),
        (GOOD_LEAFLET.read_bytes()[:1500], "damaged PDF: "),
    ],
    ids=["empty", "html-login-page", "cut-short-object", "truncated-download"],
)
def test_damaged_bytes_are_an_error_fact(data: bytes, error: str) -> None:
    facts = pdf_facts(data)
    assert facts.error is not None
    assert facts.error.startswith(error)
    assert facts.size == len(data)


def test_deeply_nested_objects_end_as_an_error_quickly() -> None:
    depth = 100_000
    data = raw_pdf(f"/Lang {'[' * depth}{']' * depth}")
    started = time.monotonic()
    facts = pdf_facts(data)
    assert facts.error is not None and facts.error.startswith("damaged PDF")
    assert time.monotonic() - started < 5


def test_a_page_tree_that_loops_is_an_error_fact() -> None:
    pdf = MAKE.Pdf()
    catalog, pages = pdf.reserve(), pdf.reserve()
    pdf.set(pages, f"<< /Type /Pages /Kids [{pages} 0 R] /Count 1 >>")
    pdf.set(catalog, f"<< /Type /Catalog /Pages {pages} 0 R >>")
    facts = pdf_facts(pdf.serialise(catalog, None))
    assert facts.error is not None and "cyclic" in facts.error


def test_an_outline_that_loops_is_counted_once_per_entry() -> None:
    def outline(pdf: object) -> str:
        root, first, second = pdf.reserve(), pdf.reserve(), pdf.reserve()  # type: ignore[attr-defined]
        pdf.set(root, f"<< /First {first} 0 R /Count 2 >>")  # type: ignore[attr-defined]
        pdf.set(first, f"<< /Title (One) /Next {second} 0 R >>")  # type: ignore[attr-defined]
        pdf.set(second, f"<< /Title (Two) /Next {first} 0 R /First {first} 0 R >>")  # type: ignore[attr-defined]
        return f"/Outlines {root} 0 R"

    facts = pdf_facts(raw_pdf(extra=outline))
    assert (facts.error, facts.bookmarks) == (None, 2)


def test_a_decompression_bomb_is_an_error_fact_within_the_budget() -> None:
    packer = zlib.compressobj(9)
    bomb = b"".join(packer.compress(b"0 0 m " * 200_000) for _ in range(100)) + packer.flush()
    pdf = MAKE.Pdf()
    catalog, pages = pdf.reserve(), pdf.reserve()
    content = pdf.add(
        f"<< /Length {len(bomb)} /Filter /FlateDecode >>\nstream\n".encode() + bomb + b"\nendstream"
    )
    page = pdf.add(
        f"<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 595 842] /Contents {content} 0 R >>"
    )
    pdf.set(pages, f"<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>")
    pdf.set(catalog, f"<< /Type /Catalog /Pages {pages} 0 R >>")
    started = time.monotonic()
    facts = pdf_facts(pdf.serialise(catalog, None))
    assert facts.error is not None and "LimitReachedError" in facts.error
    assert time.monotonic() - started < 10


def test_the_time_budget_ends_reading_with_an_error_fact() -> None:
    facts = pdf_facts(BAD_LEAFLET.read_bytes(), budget_s=0)
    assert facts.error == "reading took longer than 0s"


# --- office files and formats -----------------------------------------------------------------


def test_office_files_give_type_size_and_title() -> None:
    docx = (CHECKS / "office-format" / "review-consultation.docx").read_bytes()
    facts = office_facts(docx, "docx")
    assert (facts.format, facts.size, facts.title, facts.title_source) == (
        "docx",
        len(docx),
        "Consultation",
        "core.xml",
    )
    odt = facts_of((CHECKS / "office-format" / "pass-minutes.odt").read_bytes(), "odt")
    assert (odt.title, odt.title_source, odt.pages) == ("Cabinet minutes", "meta.xml", None)


def test_a_damaged_office_file_is_an_error_fact() -> None:
    assert (office_facts(b"PK\x03\x04 not really", "xlsx").error or "").startswith(
        "damaged xlsx: BadZipFile"
    )


def test_an_office_file_with_huge_metadata_is_not_inflated() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("docProps/core.xml", b" " * 5_000_000)
    facts = office_facts(out.getvalue(), "docx")
    assert (facts.error, facts.title) == (None, None)


@pytest.mark.parametrize(
    ("url", "content_type", "fmt"),
    [
        ("https://c.gov.uk/a.pdf", None, "pdf"),
        ("https://c.gov.uk/download?id=7", "application/pdf", "pdf"),
        ("https://c.gov.uk/Budget.XLSX", None, "xlsx"),
        ("https://c.gov.uk/a.docx?v=2", "application/octet-stream", "docx"),
        ("https://c.gov.uk/file", "application/vnd.oasis.opendocument.text", "odt"),
        ("https://c.gov.uk/page", "text/html", None),
    ],
)
def test_format_of(url: str, content_type: str | None, fmt: str | None) -> None:
    assert format_of(url, content_type) == fmt


# --- read_documents: the fetch ----------------------------------------------------------------


def resource(url: str, **fields: object) -> Resource:
    values: dict[str, object] = {
        "found_on": "https://c.gov.uk/",
        "kind": "pdf",
        "status": 200,
        "content_type": "application/pdf",
        **fields,
    }
    return Resource.model_validate({"url": url, **values})


def read(
    resources: list[Resource], handler: Callable[..., object], **options: object
) -> list[Resource]:
    async def go() -> list[Resource]:
        transport = httpx.MockTransport(handler)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport) as client:
            return await read_documents(client, resources, **options)  # type: ignore[arg-type]

    return asyncio.run(go())


def test_reads_pdfs_and_office_files_and_keeps_no_bytes() -> None:
    files = {
        "/leaflet.pdf": GOOD_LEAFLET.read_bytes(),
        "/budget.xlsx": (CHECKS / "office-format" / "review-budget.xlsx").read_bytes(),
    }
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.path)
        return httpx.Response(200, content=files[request.url.path])

    pdf, xlsx, missing, csv = read(
        [
            resource("https://c.gov.uk/leaflet.pdf"),
            resource("https://c.gov.uk/budget.xlsx", content_type=None, kind="spreadsheet"),
            resource("https://c.gov.uk/gone.pdf", status=404),
            resource("https://c.gov.uk/spend.csv", content_type="text/csv", bytes=99),
        ],
        handler,
    )
    assert pdf.document is not None and pdf.document.tagged is True
    assert xlsx.document is not None and xlsx.document.title == "Budget 2025 to 2026"
    assert missing.document is None
    assert csv.document == DocumentFacts(format="csv", size=99)
    assert sorted(asked) == ["/budget.xlsx", "/leaflet.pdf"]  # no GET for a 404 or a CSV
    assert "JVBER" not in pdf.model_dump_json()  # the file's bytes (base64) are not stored
    assert len(pdf.model_dump_json()) < 2000


def test_a_document_over_the_size_cap_is_not_downloaded() -> None:
    streamed: list[int] = []

    async def body() -> object:
        for _ in range(100):
            streamed.append(1)
            yield b"%PDF-1.7" + b" " * 1000

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/declared.pdf":
            return httpx.Response(200, headers={"Content-Length": "5000000"}, content=b"%PDF")
        return httpx.Response(200, content=body())  # type: ignore[arg-type]

    by_header, by_head, streamed_over = read(
        [
            resource("https://c.gov.uk/declared.pdf"),
            resource("https://c.gov.uk/big.pdf", bytes=30 * 2**20),
            resource("https://c.gov.uk/stream.pdf"),
        ],
        handler,
        max_bytes=10_000,
    )
    for found in (by_header, by_head, streamed_over):
        assert found.document is not None
        assert (found.document.error or "").startswith("larger than the 10000 byte cap")
    assert len(streamed) < 15  # the stream was dropped soon after the cap


def test_a_slow_download_is_an_error_fact() -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(5)
        return httpx.Response(200, content=b"%PDF")

    started = time.monotonic()
    (found,) = read([resource("https://c.gov.uk/slow.pdf")], handler, download_timeout_s=0.2)
    assert found.document is not None
    assert found.document.error == "download took longer than 0.2s"
    assert time.monotonic() - started < 3


def test_a_reader_stuck_in_one_step_is_abandoned(monkeypatch: pytest.MonkeyPatch) -> None:
    def stuck(data: bytes, fmt: str, budget_s: float) -> DocumentFacts:
        time.sleep(3)
        return DocumentFacts(format=fmt)

    monkeypatch.setattr(documents, "facts_of", stuck)

    async def go() -> tuple[list[Resource], float]:
        transport = httpx.MockTransport(lambda request: httpx.Response(200, content=b"%PDF-1.7"))
        async with httpx.AsyncClient(transport=transport) as client:
            started = time.monotonic()
            found = await read_documents(
                client, [resource("https://c.gov.uk/a.pdf")], parse_budget_s=0.2
            )
            return found, time.monotonic() - started

    # asyncio.run waits for the abandoned thread as it closes, so the time is taken inside.
    (found,), elapsed = asyncio.run(go())
    assert found.document is not None
    assert found.document.error == "reading took longer than 0.2s"
    assert elapsed < 2.5


def test_a_failed_download_is_an_error_fact() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    (found,) = read([resource("https://c.gov.uk/a.pdf")], handler)
    assert found.document is not None
    assert (found.document.error or "").startswith("download failed: ConnectError")


def test_the_fixture_script_runs_in_check_mode() -> None:
    assert MAKE.main(["--check"]) == 0
