"""URL checking and normalisation: one page is audited once whatever form its links take."""

from __future__ import annotations

import pytest

from auditor.errors import ConfigError
from auditor.web.urls import check_seed, document_kind, is_asset, normalise, origin


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://example.gov.uk/bins#collections", "https://example.gov.uk/bins"),
        ("https://example.gov.uk:443/bins", "https://example.gov.uk/bins"),
        ("http://example.gov.uk:80/bins", "http://example.gov.uk/bins"),
        ("http://example.gov.uk:8080/bins", "http://example.gov.uk:8080/bins"),
        ("https://example.gov.uk:80/bins", "https://example.gov.uk:80/bins"),
        ("HTTPS://Example.GOV.uk/Bins", "https://example.gov.uk/Bins"),
        (
            "https://example.gov.uk/a?utm_source=x&utm_medium=y&id=3",
            "https://example.gov.uk/a?id=3",
        ),
        ("https://example.gov.uk/a?fbclid=abc&gclid=def", "https://example.gov.uk/a"),
        ("https://example.gov.uk/a?b=2&a=1", "https://example.gov.uk/a?a=1&b=2"),
        ("https://example.gov.uk/a?q=", "https://example.gov.uk/a?q="),
        ("https://example.gov.uk", "https://example.gov.uk/"),
        ("https://example.gov.uk?x=1", "https://example.gov.uk/?x=1"),
        ("  https://example.gov.uk/a  ", "https://example.gov.uk/a"),
        ("http://[::1]:8000/a", "http://[::1]:8000/a"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_normalise_is_idempotent() -> None:
    once = normalise("HTTPS://Example.gov.uk:443?utm_x=1&b=2&a=1#top")
    assert normalise(once) == once


def test_normalise_keeps_path_case_and_trailing_slash() -> None:
    assert normalise("https://a.gov.uk/Council-Tax/") != normalise("https://a.gov.uk/council-tax")


def test_origin_drops_path_and_default_port() -> None:
    assert origin("HTTPS://Example.gov.uk:443/a/b?c=1") == "https://example.gov.uk"


def test_check_seed_normalises() -> None:
    assert check_seed(" https://Example.gov.uk#x ") == "https://example.gov.uk/"


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("example.gov.uk", "not a web address"),
        ("ftp://example.gov.uk/", "not a web address"),
        ("https://", "no host"),
        ("https://example.gov.uk:99999/", "bad port"),
    ],
)
def test_check_seed_rejects(raw: str, words: str) -> None:
    with pytest.raises(ConfigError, match=words):
        check_seed(raw)


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://a.gov.uk/files/budget.pdf", "pdf"),
        ("https://a.gov.uk/files/BUDGET.PDF?v=2", "pdf"),
        ("https://a.gov.uk/form.docx", "word"),
        ("https://a.gov.uk/form.doc", "word"),
        ("https://a.gov.uk/rates.xlsx", "spreadsheet"),
        ("https://a.gov.uk/data.csv", "csv"),
        ("https://a.gov.uk/minutes.odt", "odf"),
        ("https://a.gov.uk/bins", None),
        ("https://a.gov.uk/pdf/", None),
        ("https://a.gov.uk/page?file=x.pdf", None),
    ],
)
def test_document_kind(url: str, kind: str | None) -> None:
    assert document_kind(url) == kind


@pytest.mark.parametrize(
    ("url", "asset"),
    [
        ("https://a.gov.uk/logo.PNG", True),
        ("https://a.gov.uk/site.css", True),
        ("https://a.gov.uk/bins", False),
        ("https://a.gov.uk/page.html", False),
    ],
)
def test_is_asset(url: str, asset: bool) -> None:
    assert is_asset(url) is asset
