"""Crawler traps: caps per path pattern and per query-parameter family, and a URL length limit."""

from __future__ import annotations

from collections import deque

import httpx
import pytest

from auditor.crawl.links import extract_links
from auditor.crawl.traps import TrapGuard, param_names, path_pattern
from tests.servers import CrawlSite


@pytest.mark.parametrize(
    ("path", "pattern"),
    [
        ("/", "/"),
        ("", "/"),
        ("/bins/", "/bins/"),
        ("/calendar/2026/11", "/calendar/{n}/{n}"),
        ("/events/2026-11-21", "/events/{n}"),
        ("/events/21.11.2026", "/events/{n}"),
        ("/events/2026-11-21T10:00", "/events/{n}"),
        ("/news/123", "/news/{n}"),
        ("/news/bin-day-changes", "/news/bin-day-changes"),
        ("/news/covid-19-update", "/news/covid-{n}-update"),
        ("/page2", "/page{n}"),
        ("/docs/report-2024.pdf", "/docs/report-{n}.pdf"),
        ("/forms/123e4567-e89b-12d3-a456-426614174000/step", "/forms/{n}/step"),
        ("/files/9f86d081884c7d65", "/files/{n}"),
        ("/services/facade", "/services/facade"),
        ("/services/accessibility", "/services/accessibility"),
    ],
)
def test_path_pattern(path: str, pattern: str) -> None:
    assert path_pattern(path) == pattern


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("", ()),
        ("q=bins&page=2", ("page", "q")),
        ("page=2&q=bins&q=tip", ("page", "q")),
        ("f%5B0%5D=type%3Anews&f%5B1%5D=area%3Anorth", ("f[{n}]",)),
    ],
)
def test_param_names(query: str, names: tuple[str, ...]) -> None:
    assert param_names(query) == names


def test_path_pattern_cap() -> None:
    guard = TrapGuard(max_per_path_pattern=3)
    urls = [f"https://a.gov.uk/calendar/2026/{m}" for m in range(1, 6)]
    assert [guard.refusal(u) for u in urls] == [None, None, None] + ["trap: path pattern"] * 2
    assert guard.capped == {"a.gov.uk/calendar/{n}/{n}": 2}
    # Asking again about an admitted URL neither refuses it nor counts it twice.
    assert guard.refusal(urls[0]) is None
    # Other patterns and other hosts have their own quota.
    assert guard.refusal("https://a.gov.uk/calendar/2026") is None
    assert guard.refusal("https://www.a.gov.uk/calendar/2026/9") is None


def test_query_family_cap() -> None:
    guard = TrapGuard(max_per_param_family=2)
    base = "https://a.gov.uk/search"
    assert guard.refusal(f"{base}?page=1&q=bins") is None
    assert guard.refusal(f"{base}?page=2&q=bins") is None
    assert guard.refusal(f"{base}?page=3&q=bins") == "trap: query parameters"
    assert guard.refusal(f"{base}?page=3&q=bins&sort=date") is None  # another family
    assert guard.refusal(f"{base}?page=1&q=bins") is None
    assert guard.refusal(base) is None
    assert guard.capped == {"a.gov.uk/search?page&q": 1}


def test_refused_query_does_not_use_up_the_path_quota() -> None:
    guard = TrapGuard(max_per_path_pattern=2, max_per_param_family=1)
    assert guard.refusal("https://a.gov.uk/list/1?page=1") is None
    assert guard.refusal("https://a.gov.uk/list/2?page=1") is None
    for page in range(2, 10):
        assert guard.refusal(f"https://a.gov.uk/list/1?page={page}") == "trap: query parameters"
    assert guard.refusal("https://a.gov.uk/list/3") == "trap: path pattern"


def test_long_urls_are_refused() -> None:
    guard = TrapGuard(max_url_length=40)
    assert guard.refusal("https://a.gov.uk/" + "x" * 23) is None
    assert guard.refusal("https://a.gov.uk/" + "x" * 24) == "URL too long"
    assert not guard.capped


def test_ordinary_sites_pass_the_default_caps() -> None:
    guard = TrapGuard()
    news = [f"https://a.gov.uk/news/{n}" for n in range(1000, 1045)]
    slugs = [f"https://a.gov.uk/news/story-about-{word}" for word in ("bins", "tax", "parks") * 20]
    pages = [f"https://a.gov.uk/news?page={n}" for n in range(1, 46)]
    assert all(guard.refusal(u) is None for u in [*news, *slugs, *pages])
    assert not guard.capped


def crawl(site: CrawlSite, start: str, guard: TrapGuard, budget: int = 400) -> list[str]:
    """A breadth-first crawl of the fixture site's static HTML, keeping what the guard admits."""
    admitted: list[str] = []
    queue = deque([site.url.rstrip("/") + start])
    seen = set(queue)
    with httpx.Client() as client:
        while queue and len(admitted) < budget:
            url = queue.popleft()
            if guard.refusal(url) is not None:
                continue
            admitted.append(url)
            for link in extract_links(client.get(url).text, url):
                if link.url.startswith(site.url) and link.url not in seen:
                    seen.add(link.url)
                    queue.append(link.url)
    return admitted


def test_calendar_trap_is_capped() -> None:
    with CrawlSite() as site:
        guard = TrapGuard()
        admitted = crawl(site, "/calendar/2026/11", guard)
        host = site.url.split("//")[1].rstrip("/")
    calendar = [u for u in admitted if "/calendar/" in u]
    assert len(calendar) == 50
    assert guard.capped[f"{host}/calendar/{{n}}/{{n}}"] >= 1


def test_search_trap_is_capped() -> None:
    with CrawlSite() as site:
        guard = TrapGuard(max_per_param_family=10)
        admitted = crawl(site, "/search?q=bins&page=1", guard)
        host = site.url.split("//")[1].rstrip("/")
    search = [u for u in admitted if "/search?" in u]
    assert 10 < len(search) <= 30  # three families of at most ten
    assert guard.capped[f"{host}/search?page&q"] >= 1


def test_site_with_45_numeric_news_ids_is_not_capped() -> None:
    with CrawlSite(list_pages=45) as site:
        guard = TrapGuard()
        admitted = crawl(site, "/", guard)
    assert len([u for u in admitted if "/list/" in u]) == 45
    assert not any("/list/" in key for key in guard.capped)
