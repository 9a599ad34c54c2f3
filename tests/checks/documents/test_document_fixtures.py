"""Every documents/ check against its fixture folder: documents whose file names state the
outcome (`fail-…`, `pass-…`, `review-…`, `inapplicable-…`), fetched and read as a crawl reads
them (HEAD inventory, then `read_documents`) from a mock server, then checked (pure)."""

from __future__ import annotations

import asyncio
import tomllib
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
import pytest

from auditor.checks import all_checks, fixture_path
from auditor.checks.base import DocumentCheck
from auditor.crawl.documents import inventory, read_documents
from auditor.models import Link, Outcome, PageResult, Resource, Target
from auditor.pipeline.evaluate import check_documents
from auditor.web.urls import document_kind
from tests.conftest import FIXTURES

ORIGIN = "http://127.0.0.1"
OUTCOMES = {
    "fail": Outcome.FAIL,
    "pass": Outcome.PASS,
    "review": Outcome.NEEDS_REVIEW,
    "inapplicable": Outcome.INAPPLICABLE,
}
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
}
DOCUMENT_CHECKS = {cid: cls for cid, cls in all_checks().items() if issubclass(cls, DocumentCheck)}


def folder_of(check_id: str) -> Path:
    return FIXTURES / "checks" / fixture_path(check_id)


def expected_outcome(url: str) -> Outcome | None:
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    return OUTCOMES.get(name.split("-", 1)[0])


def pages_of(folder: Path) -> list[PageResult]:
    """The pages linking the folder's documents, as links.toml (or the default) describes."""
    declared = (
        tomllib.loads((folder / "links.toml").read_text(encoding="utf-8"))["link"]
        if (folder / "links.toml").exists()
        else []
    )
    named = {entry["href"] for entry in declared}
    declared += [
        {"href": f.name, "text": f.stem}
        for f in sorted(folder.iterdir())
        if f.name not in named and document_kind(f.name) is not None
    ]
    links: dict[str, list[Link]] = {}
    for number, entry in enumerate(declared, start=1):
        page = urljoin(ORIGIN, entry.get("page", "/index.html"))
        links.setdefault(page, []).append(
            Link(
                url=urljoin(f"{ORIGIN}/", entry["href"]),
                selector=entry.get("selector", f"main > p:nth-of-type({number}) > a"),
                text=entry["text"],
            )
        )
    return [
        PageResult(target=Target(url=url), final_url=url, status=200, links=found)
        for url, found in links.items()
    ]


def serve(folder: Path) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        path = folder / request.url.path.lstrip("/")
        if not path.is_file() or path.parent != folder:
            return httpx.Response(404, headers={"Content-Type": "text/html"})
        data = path.read_bytes()
        headers = {
            "Content-Type": CONTENT_TYPES.get(path.suffix, "application/octet-stream"),
            "Content-Length": str(len(data)),
        }
        return httpx.Response(
            200, headers=headers, content=b"" if request.method == "HEAD" else data
        )

    return httpx.MockTransport(handler)


def crawl(folder: Path, pages: list[PageResult]) -> list[Resource]:
    found = {
        link.url: page.target.url
        for page in reversed(pages)
        for link in page.links
        if document_kind(link.url)
    }
    resources = [
        Resource(url=url, found_on=on, kind=document_kind(url) or "")
        for url, on in sorted(found.items())
    ]

    async def go() -> list[Resource]:
        async with httpx.AsyncClient(transport=serve(folder)) as client:
            return await read_documents(client, await inventory(client, resources))

    return asyncio.run(go())


def _cases() -> list[tuple[str, str]]:
    cases = []
    for check_id in DOCUMENT_CHECKS:
        folder = folder_of(check_id)
        for page in pages_of(folder):
            cases += [
                (check_id, urlsplit(link.url).path.lstrip("/"))
                for link in page.links
                if document_kind(link.url) and expected_outcome(link.url)
            ]
    return sorted(set(cases))


CASES = _cases()


def test_every_document_check_has_fixtures_of_each_verdict_it_can_give() -> None:
    assert set(DOCUMENT_CHECKS) >= {
        "documents/pdf-tagged",
        "documents/pdf-title",
        "documents/pdf-language",
        "documents/pdf-text-layer",
        "documents/pdf-bookmarks",
        "documents/pdf-only-form",
        "documents/office-format",
        "documents/unreachable",
    }
    for check_id in DOCUMENT_CHECKS:
        kinds = {name.split("-", 1)[0] for cid, name in CASES if cid == check_id}
        assert "pass" in kinds, check_id
        wanted = "review" if DOCUMENT_CHECKS[check_id].meta.review_only else "fail"
        assert wanted in kinds, check_id


@pytest.mark.parametrize(("check_id", "name"), CASES, ids=[f"{c}:{n}" for c, n in CASES])
def test_document_check_fixture(check_id: str, name: str) -> None:
    folder = folder_of(check_id)
    pages = pages_of(folder)
    documents = check_documents(crawl(folder, pages), pages, [DOCUMENT_CHECKS[check_id]])
    (document,) = [d for d in documents if d.resource.url == f"{ORIGIN}/{name}"]
    (result,) = document.results
    assert result.error is None, result.error
    assert result.outcome is expected_outcome(name), [f.message for f in result.findings]
    for finding in result.findings:
        assert finding.page_url == document.resource.url
        assert finding.node.selector == ""
        assert f"linked from {document.resource.found_on}" in finding.message
        assert finding.check_id == check_id
