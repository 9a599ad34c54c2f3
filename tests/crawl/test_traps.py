"""Crawler traps: caps on self-generating families (by path pattern, by query on one path),
never on large families found from hubs; and a URL length limit."""

from __future__ import annotations

from collections import deque

import httpx
import pytest

from auditor.crawl.links import extract_links
from auditor.crawl.traps import (
    PATH_PATTERN,
    PRODUCTIVE_CEILING,
    QUERY_PARAMETERS,
    TrapGuard,
    family,
    param_names,
    path_pattern,
)
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


CAL = "https://a.gov.uk/calendar/2026"


def test_path_pattern_cap_applies_to_urls_found_on_their_own_family() -> None:
    guard = TrapGuard(max_per_path_pattern=3)
    assert guard.refusal(f"{CAL}/1", found_on="https://a.gov.uk/") is None
    chain = [guard.refusal(f"{CAL}/{m}", found_on=f"{CAL}/{m - 1}") for m in range(2, 6)]
    assert chain == [None, None, PATH_PATTERN, PATH_PATTERN]
    assert guard.capped == {"a.gov.uk/calendar/{n}/{n}": 2}
    # Asking again about an admitted URL neither refuses it nor counts it twice.
    assert guard.refusal(f"{CAL}/2", found_on=f"{CAL}/3") is None
    # Found from another family (a "What's on" page), a member is admitted whatever the count.
    assert guard.refusal(f"{CAL}/9", found_on="https://a.gov.uk/whats-on") is None
    # Other patterns and other hosts have their own quota.
    assert guard.refusal(f"{CAL}", found_on=f"{CAL}/1") is None
    assert guard.refusal("https://www.a.gov.uk/calendar/2026/9", found_on=f"{CAL}/1") is None


def test_query_family_cap_applies_when_only_the_query_changes() -> None:
    guard = TrapGuard(max_per_param_family=2)
    base = "https://a.gov.uk/search"
    assert guard.refusal(f"{base}?q=bins", found_on="https://a.gov.uk/") is None
    assert guard.refusal(f"{base}?q=bins&page=2", found_on=f"{base}?q=bins") is None
    assert guard.refusal(f"{base}?q=bins&sort=date", found_on=f"{base}?q=bins") == QUERY_PARAMETERS
    assert guard.refusal(f"{base}?q=bins&page=2", found_on=f"{base}?q=bins") is None
    assert guard.capped == {"a.gov.uk/search?": 1}


def test_productive_pages_may_extend_their_family_up_to_a_ceiling() -> None:
    guard = TrapGuard(max_per_param_family=2)
    listing = "https://a.gov.uk/news"
    outcomes = [
        guard.refusal(f"{listing}?page={n + 1}", found_on=f"{listing}?page={n}", productive=True)
        for n in range(1, 2 * PRODUCTIVE_CEILING + 5)
    ]
    assert outcomes.count(None) == 2 * PRODUCTIVE_CEILING
    assert outcomes[-1] == QUERY_PARAMETERS


def test_seeds_and_sitemap_urls_are_never_traps() -> None:
    guard = TrapGuard(max_per_path_pattern=1, max_per_param_family=1)
    assert all(guard.refusal(f"{CAL}/{m}") is None for m in range(1, 20))
    assert all(guard.refusal(f"https://a.gov.uk/s?page={n}") is None for n in range(1, 20))


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
    first = site.url.rstrip("/") + start
    assert guard.refusal(first) is None
    admitted: list[str] = []
    queue = deque([first])
    seen = set(queue)
    with httpx.Client() as client:
        while queue and len(admitted) < budget:
            url = queue.popleft()
            admitted.append(url)
            links = [link.url for link in extract_links(client.get(url).text, url)]
            new = list(dict.fromkeys(u for u in links if u.startswith(site.url) and u not in seen))
            productive = any(family(u) != family(url) for u in new)
            for link in new:
                seen.add(link)
                if guard.refusal(link, found_on=url, productive=productive) is None:
                    queue.append(link)
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
    assert len(search) == 10
    assert guard.capped[f"{host}/search?"] >= 1


def test_site_with_45_numeric_news_ids_is_not_capped() -> None:
    with CrawlSite(list_pages=45) as site:
        guard = TrapGuard(max_per_path_pattern=10)
        admitted = crawl(site, "/", guard)
    assert len([u for u in admitted if "/list/" in u]) == 45
    assert not any("/list/" in key for key in guard.capped)
