"""URL lists: start URLs, links and sitemap entries (any text at all) are a ConfigError or a
valid normalised URL; the councils CSV of `auditor index` is councils or a ConfigError naming
its line."""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.crawl.links import extract_links
from auditor.errors import ConfigError
from auditor.league import read_sites
from auditor.web.urls import check_seed, normalise, safe_normalise

URLISH = st.builds(
    lambda scheme, host, port, path, query: f"{scheme}{host}{port}{path}{query}",
    st.sampled_from(
        ["http://", "https://", "HTTP://", "ftp://", "javascript:", "", "//", "http:/"]
    ),
    st.one_of(
        st.sampled_from(
            ["council.test", "127.0.0.1", "[::1]", "[::1", "[zz]", "a b", "", "é.test"]
        ),
        st.from_regex(r"[a-zA-Z0-9.\-\[\]:@%]{0,20}", fullmatch=True),
    ),
    st.sampled_from(["", ":80", ":443", ":0", ":65536", ":-1", ":x", ":"]),
    st.sampled_from(["", "/", "/a/../b", "/%zz", "/ü", "#frag", "/a#b"]),
    st.sampled_from(["", "?utm_source=x&b=2&a=1", "?a=%", "?&&", "?fbclid=1"]),
)
ANY_URL = st.one_of(URLISH, st.text(max_size=60))


@settings(max_examples=100, deadline=None)
@given(ANY_URL)
def test_a_start_url_is_a_config_error_or_a_valid_normalised_url(text: str) -> None:
    try:
        url = check_seed(text)
    except ConfigError as exc:
        message = str(exc)
        assert "\n" not in message
        return
    parts = urlsplit(url)
    assert parts.scheme in ("http", "https")
    assert parts.hostname
    assert not any(c.isspace() or c in '<>"{}|\\^`' for c in parts.hostname), url
    assert normalise(url) == url, "normalising twice changes nothing"


@settings(max_examples=100, deadline=None)
@given(ANY_URL)
def test_a_link_or_sitemap_entry_never_raises(text: str) -> None:
    url = safe_normalise(text)
    if url is not None:
        assert safe_normalise(url) == url
    html = f'<base href="{text}"><a href="{text}">x</a><a href="/ok">ok</a>'
    links = extract_links(html, "http://council.test/page")
    assert all(urlsplit(link.url).scheme in ("http", "https") for link in links)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.text(max_size=12), ANY_URL, st.text(max_size=10)),
        max_size=5,
    ),
    st.booleans(),
)
def test_a_councils_csv_is_councils_or_an_error_naming_its_line(
    rows: list[tuple[str, str, str]], with_header: bool
) -> None:
    lines = (["name,url,type"] if with_header else []) + [
        ",".join(f'"{cell.replace(chr(34), chr(34) * 2)}"' for cell in row) for row in rows
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "councils.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        try:
            councils = read_sites(path)
        except ConfigError as exc:
            message = str(exc)
            assert str(path) in message, message
            return
    for council in councils:
        assert urlsplit(council.url).scheme in ("http", "https")
