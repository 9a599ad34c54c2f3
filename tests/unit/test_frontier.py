"""The crawl frontier: BFS order, seen-set, scope, include/exclude, limits, robots, documents."""

from __future__ import annotations

import pytest

from auditor.crawlers.frontier import CrawlLimits, Frontier
from auditor.models import Target

SITE = "https://council.gov.uk"


def drain(frontier: Frontier) -> list[Target]:
    out = []
    while (target := frontier.pop()) is not None:
        out.append(target)
    return out


def urls(frontier: Frontier) -> list[str]:
    return [t.url for t in drain(frontier)]


def test_seed_is_normalised_and_first() -> None:
    frontier = Frontier([f"{SITE}/#main"], CrawlLimits())
    (seed,) = drain(frontier)
    assert seed.url == f"{SITE}/"
    assert (seed.depth, seed.source) == (0, "seed")


def test_breadth_first_order() -> None:
    frontier = Frontier([f"{SITE}/"], CrawlLimits())
    assert frontier.pop().url == f"{SITE}/"
    frontier.add([f"{SITE}/a", f"{SITE}/b"], found_on=f"{SITE}/", depth=1)
    assert frontier.pop().url == f"{SITE}/a"
    frontier.add([f"{SITE}/a/deep"], found_on=f"{SITE}/a", depth=2)
    assert urls(frontier) == [f"{SITE}/b", f"{SITE}/a/deep"]


def test_seen_set_deduplicates_normalised_forms() -> None:
    frontier = Frontier([f"{SITE}/"], CrawlLimits())
    frontier.add(
        [f"{SITE}/a", f"{SITE}/a#x", "HTTPS://COUNCIL.gov.uk:443/a?utm_source=n", f"{SITE}/"],
        found_on=f"{SITE}/",
        depth=1,
    )
    assert urls(frontier) == [f"{SITE}/", f"{SITE}/a"]
    assert frontier.accepted == 2
    assert not frontier.skipped


def test_target_records_where_it_was_found() -> None:
    frontier = Frontier([f"{SITE}/"], CrawlLimits())
    frontier.pop()
    frontier.add([f"{SITE}/a"], found_on="sitemap.xml", depth=1, source="sitemap")
    target = frontier.pop()
    assert (target.found_on, target.depth, target.source) == ("sitemap.xml", 1, "sitemap")


def test_other_origins_are_out_of_scope_and_counted() -> None:
    frontier = Frontier([f"{SITE}/"], CrawlLimits())
    frontier.add(
        ["https://www.gov.uk/", "http://council.gov.uk/a", "https://council.gov.uk:8443/a"],
        found_on=f"{SITE}/",
        depth=1,
    )
    assert urls(frontier) == [f"{SITE}/"]
    assert frontier.skipped == {"out of scope": 3}


def test_each_seed_origin_is_in_scope() -> None:
    frontier = Frontier([f"{SITE}/", "https://other.gov.uk/"], CrawlLimits())
    frontier.add(["https://other.gov.uk/x"], found_on="https://other.gov.uk/", depth=1)
    assert "https://other.gov.uk/x" in urls(frontier)
    assert frontier.in_scope("https://other.gov.uk:443/y")
    assert not frontier.in_scope("https://third.gov.uk/")


def test_refusals_are_counted_once_per_url() -> None:
    frontier = Frontier([f"{SITE}/"], CrawlLimits())
    for _ in range(3):
        frontier.add(["https://elsewhere.example/"], found_on=f"{SITE}/", depth=1)
    assert frontier.skipped["out of scope"] == 1


def test_documents_are_inventoried_not_queued() -> None:
    frontier = Frontier([f"{SITE}/"], CrawlLimits())
    frontier.add(
        [f"{SITE}/budget.pdf", f"{SITE}/form.docx", f"{SITE}/budget.pdf"],
        found_on=f"{SITE}/finance",
        depth=1,
    )
    assert urls(frontier) == [f"{SITE}/"]
    assert {url: r.kind for url, r in frontier.resources.items()} == {
        f"{SITE}/budget.pdf": "pdf",
        f"{SITE}/form.docx": "word",
    }
    assert frontier.resources[f"{SITE}/budget.pdf"].found_on == f"{SITE}/finance"
    assert "document" not in frontier.skipped


def test_out_of_scope_documents_are_not_inventoried() -> None:
    frontier = Frontier([f"{SITE}/"], CrawlLimits())
    frontier.add(["https://elsewhere.example/report.pdf"], found_on=f"{SITE}/", depth=1)
    assert frontier.resources == {}
    assert frontier.skipped == {"out of scope": 1}


def test_assets_are_not_pages() -> None:
    frontier = Frontier([f"{SITE}/"], CrawlLimits())
    frontier.add([f"{SITE}/logo.png", f"{SITE}/site.css"], found_on=f"{SITE}/", depth=1)
    assert urls(frontier) == [f"{SITE}/"]
    assert frontier.skipped == {"not a page": 2}


@pytest.mark.parametrize(
    ("max_depth", "expected"),
    [
        (None, ["/", "/one", "/two"]),
        (1, ["/", "/one"]),
        (0, ["/"]),
    ],
)
def test_max_depth(max_depth: int | None, expected: list[str]) -> None:
    frontier = Frontier([f"{SITE}/"], CrawlLimits(max_depth=max_depth))
    frontier.add([f"{SITE}/one"], found_on=f"{SITE}/", depth=1)
    frontier.add([f"{SITE}/two"], found_on=f"{SITE}/one", depth=2)
    assert urls(frontier) == [f"{SITE}{p}" for p in expected]
    assert frontier.skipped["max depth"] == 3 - len(expected)


def test_max_pages_counts_seeds_and_links() -> None:
    frontier = Frontier([f"{SITE}/"], CrawlLimits(max_pages=2))
    frontier.add([f"{SITE}/a", f"{SITE}/b", f"{SITE}/c"], found_on=f"{SITE}/", depth=1)
    assert urls(frontier) == [f"{SITE}/", f"{SITE}/a"]
    assert frontier.skipped == {"max pages": 2}


def test_refused_urls_do_not_use_up_max_pages() -> None:
    frontier = Frontier([f"{SITE}/"], CrawlLimits(max_pages=2))
    frontier.add(
        ["https://elsewhere.example/", f"{SITE}/report.pdf", f"{SITE}/a"],
        found_on=f"{SITE}/",
        depth=1,
    )
    assert urls(frontier) == [f"{SITE}/", f"{SITE}/a"]


def test_include_regexes_must_match() -> None:
    frontier = Frontier([f"{SITE}/"], CrawlLimits(include=(r"/bins", r"/council-tax")))
    frontier.add(
        [f"{SITE}/bins/dates", f"{SITE}/council-tax", f"{SITE}/news"], found_on=f"{SITE}/", depth=1
    )
    assert urls(frontier) == [f"{SITE}/", f"{SITE}/bins/dates", f"{SITE}/council-tax"]
    assert frontier.skipped == {"not included": 1}


def test_exclude_regexes_skip() -> None:
    frontier = Frontier([f"{SITE}/"], CrawlLimits(exclude=(r"/news/\d+", r"\?page=")))
    frontier.add(
        [f"{SITE}/news", f"{SITE}/news/2024", f"{SITE}/search?page=2"],
        found_on=f"{SITE}/",
        depth=1,
    )
    assert urls(frontier) == [f"{SITE}/", f"{SITE}/news"]
    assert frontier.skipped == {"excluded": 2}


def test_seed_is_not_subject_to_include_or_exclude() -> None:
    frontier = Frontier([f"{SITE}/start"], CrawlLimits(include=("/bins",), exclude=("start",)))
    assert urls(frontier) == [f"{SITE}/start"]


def test_robots_refusal_applies_to_links_and_seeds() -> None:
    def allowed(url: str) -> bool:
        return "/private" not in url

    frontier = Frontier([f"{SITE}/", f"{SITE}/private/seed"], CrawlLimits(), allowed=allowed)
    frontier.add([f"{SITE}/private/x", f"{SITE}/public"], found_on=f"{SITE}/", depth=1)
    assert urls(frontier) == [f"{SITE}/", f"{SITE}/public"]
    assert frontier.skipped == {"robots.txt": 2}


def test_len_is_queue_length() -> None:
    frontier = Frontier([f"{SITE}/"], CrawlLimits())
    frontier.add([f"{SITE}/a", f"{SITE}/b"], found_on=f"{SITE}/", depth=1)
    assert len(frontier) == 3
    frontier.pop()
    assert len(frontier) == 2
