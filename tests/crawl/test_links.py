"""Links from a rendered page's DOM, resolved against the page URL and any <base href>."""

from __future__ import annotations

from auditor.crawl.links import extract_links

PAGE = "https://council.gov.uk/services/bins"


def link_urls(html: str, page_url: str = PAGE) -> list[str]:
    return [link.url for link in extract_links(html, page_url)]


def test_relative_and_absolute_links_are_resolved_and_normalised() -> None:
    html = """
    <a href="dates">Dates</a>
    <a href="/council-tax#pay">Pay</a>
    <a href="HTTPS://Council.gov.uk:443/news?utm_source=x">News</a>
    <a href="//www.gov.uk/">GOV.UK</a>
    <a href="../contact">Contact</a>
    """
    assert link_urls(html) == [
        "https://council.gov.uk/services/dates",
        "https://council.gov.uk/council-tax",
        "https://council.gov.uk/news",
        "https://www.gov.uk/",
        "https://council.gov.uk/contact",
    ]


def test_base_href_changes_resolution() -> None:
    html = '<head><base href="/en/"></head><body><a href="bins">Bins</a></body>'
    assert link_urls(html) == ["https://council.gov.uk/en/bins"]


def test_absolute_base_href() -> None:
    html = '<base href="https://cdn.council.gov.uk/docs/"><a href="a.pdf">A</a>'
    assert link_urls(html) == ["https://cdn.council.gov.uk/docs/a.pdf"]


def test_non_http_and_fragment_only_links_are_ignored() -> None:
    html = """
    <a href="#main">Skip</a>
    <a href="mailto:bins@council.gov.uk">Email</a>
    <a href="tel:01234">Call</a>
    <a href="javascript:void(0)">JS</a>
    <a href="">Empty</a>
    <a>No href</a>
    <a href="/ok">OK</a>
    """
    assert link_urls(html) == ["https://council.gov.uk/ok"]


def test_duplicates_keep_first_occurrence() -> None:
    html = '<a href="/a" id="first">First</a><a href="/a#again">Second</a><a href="/b">B</a>'
    links = extract_links(html, PAGE)
    assert [link.url for link in links] == [
        "https://council.gov.uk/a",
        "https://council.gov.uk/b",
    ]
    assert links[0].text == "First"
    assert links[0].selector == "#first"


def test_area_elements_are_links() -> None:
    html = '<map name="m"><area href="/ward/1" alt="Ward 1"></map>'
    assert link_urls(html) == ["https://council.gov.uk/ward/1"]


def test_text_is_whitespace_collapsed_and_capped() -> None:
    html = f'<a href="/a">  Bin\n   collection <span>days</span> {"x" * 300}</a>'
    (link,) = extract_links(html, PAGE)
    assert link.text.startswith("Bin collection days x")
    assert len(link.text) == 200


def test_selector_locates_the_anchor() -> None:
    html = '<nav id="menu"><a href="/a">A</a><a href="/b">B</a></nav>'
    links = extract_links(html, PAGE)
    assert [link.selector for link in links] == [
        "#menu > a:nth-of-type(1)",
        "#menu > a:nth-of-type(2)",
    ]


def test_links_in_navigation_regions_are_marked() -> None:
    html = (
        '<header><a href="/a">A</a></header><div role="navigation"><a href="/b">B</a></div>'
        '<main><a href="/c">C</a></main><footer><p><a href="/d">D</a></p></footer>'
    )
    links = extract_links(html, "http://x.test/")
    assert [(link.url.rsplit("/", 1)[1], link.in_navigation) for link in links] == [
        ("a", True),
        ("b", True),
        ("c", False),
        ("d", True),
    ]
