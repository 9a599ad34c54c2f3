"""The crawl frontier over its stored state: BFS order, seen-set, scope, limits, robots.txt,
documents, traps, external links and resuming a killed run. No browser, no network."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from auditor.crawl.frontier import CrawlLimits, Decision, Frontier
from auditor.crawl.scope import Scope
from auditor.crawl.traps import PATH_PATTERN, QUERY_PARAMETERS, TrapGuard
from auditor.models import Target
from auditor.store import CrawlState, Store

SITE = "https://council.gov.uk"
HOME = f"{SITE}/"
RUN_ID = "run-1"


@pytest.fixture
def store() -> Iterator[Store]:
    with Store(":memory:") as db:
        yield db


@pytest.fixture
def state(store: Store) -> CrawlState:
    return CrawlState.begin(store, RUN_ID, SITE, "2026-01-01T00:00:00+00:00", "{}", [HOME])


def frontier_for(
    state: CrawlState,
    scope: Scope | None = None,
    max_pages: int = 200,
    max_depth: int | None = None,
    traps: TrapGuard | None = None,
    allowed: Callable[[str], bool] = lambda _url: True,
    follow_links: bool = True,
) -> Frontier:
    return Frontier(
        state,
        scope or Scope.from_seeds([HOME]),
        CrawlLimits(max_pages=max_pages, max_depth=max_depth),
        traps=traps,
        allowed=allowed,
        follow_links=follow_links,
    )


def drain(frontier: Frontier) -> list[Target]:
    out = []
    while (target := frontier.pop()) is not None:
        out.append(target)
    return out


def urls(frontier: Frontier) -> list[str]:
    return [t.url for t in drain(frontier)]


def record(state: CrawlState, page_url: str, decision: Decision) -> None:
    """What the runner does once a page is audited: the page and its links' fate together."""
    state.record_page(
        "{}",
        page_url,
        None,
        decision.entries,
        [(r.url, r.model_dump_json()) for r in decision.resources],
        [(url, page_url) for url in decision.external],
    )


def refused(state: CrawlState) -> dict[str, int]:
    counts = state.counts()
    return {k.removeprefix("refused:"): n for k, n in counts.items() if k.startswith("refused:")}


# Seeds and order


def test_seeds_are_normalised_and_come_first(state: CrawlState) -> None:
    frontier = frontier_for(state)
    frontier.seed([f"{SITE}/#main", "HTTPS://Council.GOV.uk:443/b?utm_source=news"])
    frontier.add([f"{SITE}/a"], found_on=HOME, depth=1)
    targets = drain(frontier)
    assert [t.url for t in targets] == [HOME, f"{SITE}/b", f"{SITE}/a"]
    assert [(t.depth, t.source, t.found_on) for t in targets[:2]] == [(0, "seed", None)] * 2


def test_sampled_seeds_keep_their_source(state: CrawlState) -> None:
    frontier = frontier_for(state)
    frontier.seed([HOME], source="sample")
    (target,) = drain(frontier)
    assert (target.url, target.source) == (HOME, "sample")


def test_breadth_first_order(state: CrawlState) -> None:
    frontier = frontier_for(state)
    frontier.seed([HOME])
    assert frontier.pop() == Target(url=HOME)
    frontier.add([f"{SITE}/a", f"{SITE}/b"], found_on=HOME, depth=1)
    assert frontier.pop() == Target(url=f"{SITE}/a", depth=1, found_on=HOME, source="link")
    frontier.add([f"{SITE}/a/deep"], found_on=f"{SITE}/a", depth=2)
    assert urls(frontier) == [f"{SITE}/b", f"{SITE}/a/deep"]


def test_target_records_where_it_was_found(state: CrawlState) -> None:
    frontier = frontier_for(state)
    frontier.add([f"{SITE}/a"], found_on="sitemap.xml", depth=1, source="sitemap")
    assert frontier.pop() == Target(
        url=f"{SITE}/a", depth=1, found_on="sitemap.xml", source="sitemap"
    )


def test_pop_marks_the_page_active(state: CrawlState) -> None:
    frontier = frontier_for(state)
    frontier.seed([HOME, f"{SITE}/a"])
    frontier.pop()
    assert state.counts() == {"active": 1, "queued": 1}
    assert state.queued() == 1


def test_decide_writes_nothing_and_add_does(state: CrawlState) -> None:
    frontier = frontier_for(state)
    decision = frontier.decide([f"{SITE}/a"], found_on=HOME, depth=1)
    assert [(e.url, e.state) for e in decision.entries] == [(f"{SITE}/a", "queued")]
    assert state.counts() == {}
    assert frontier.pop() is None
    frontier.add([f"{SITE}/a"], found_on=HOME, depth=1)
    assert state.counts() == {"queued": 1}


# Seen-set


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(f"{SITE}/a#section", id="fragment"),
        pytest.param("https://council.gov.uk:443/a", id="default port"),
        pytest.param(f"{SITE}/a?utm_source=news&fbclid=x", id="tracking params"),
        pytest.param("HTTPS://COUNCIL.GOV.UK/a", id="case of scheme and host"),
    ],
)
def test_normalised_variants_are_one_page(state: CrawlState, variant: str) -> None:
    frontier = frontier_for(state)
    frontier.add([f"{SITE}/a", variant], found_on=HOME, depth=1)  # same batch
    frontier.add([variant], found_on=f"{SITE}/b", depth=2)  # a later page
    assert urls(frontier) == [f"{SITE}/a"]
    assert frontier.admitted == 1
    assert state.counts() == {"active": 1}


def test_query_order_does_not_make_a_new_page(state: CrawlState) -> None:
    frontier = frontier_for(state)
    frontier.add([f"{SITE}/s?b=2&a=1", f"{SITE}/s?a=1&b=2"], found_on=HOME, depth=1)
    assert urls(frontier) == [f"{SITE}/s?a=1&b=2"]


def test_seeds_already_seen_are_not_queued_again(state: CrawlState) -> None:
    frontier = frontier_for(state)
    frontier.seed([HOME])
    frontier.seed([HOME, f"{SITE}/#top"])
    assert urls(frontier) == [HOME]
    assert frontier.admitted == 1


def test_nothing_is_queued_twice_across_pages(state: CrawlState) -> None:
    frontier = frontier_for(state)
    frontier.seed([HOME])
    page = frontier.pop()
    assert page is not None
    first = frontier.decide([f"{SITE}/a", f"{SITE}/b"], found_on=page.url, depth=1)
    record(state, page.url, first)
    page = frontier.pop()
    assert page is not None
    second = frontier.decide([HOME, f"{SITE}/b", f"{SITE}/c"], found_on=page.url, depth=2)
    assert [e.url for e in second.entries] == [f"{SITE}/c"]
    record(state, page.url, second)
    assert urls(frontier) == [f"{SITE}/b", f"{SITE}/c"]
    assert frontier.admitted == 4
    assert state.counts() == {"done": 2, "active": 2}


# Scope


@pytest.mark.parametrize(
    ("scope", "url", "reason"),
    [
        # Off-site http(s) links are external (reported); other schemes are out of scope.
        (Scope.from_seeds([HOME]), "mailto:bins@council.gov.uk", "out of scope"),
        (Scope.from_seeds([HOME]), "ftp://council.gov.uk/minutes", "out of scope"),
        (Scope.from_seeds([HOME], include=[r"/services/"]), f"{SITE}/news/a", "not included"),
        (Scope.from_seeds([HOME], exclude=[r"/search"]), f"{SITE}/search?q=bins", "excluded"),
        (
            Scope.from_seeds([HOME], path_prefix="/services"),
            f"{SITE}/services-old/a",
            "outside path prefix",
        ),
    ],
)
def test_scope_refusals_are_recorded_with_their_reason(
    state: CrawlState, scope: Scope, url: str, reason: str
) -> None:
    frontier = frontier_for(state, scope=scope)
    inside = f"{SITE}/services/bins"
    frontier.add([url, inside], found_on=HOME, depth=1)
    assert urls(frontier) == [inside]
    assert refused(state) == {reason: 1}
    assert frontier.admitted == 1


def test_allowed_hosts_are_in_scope_not_external(state: CrawlState) -> None:
    scope = Scope.from_seeds([HOME], allow_hosts=["forms.council.gov.uk"])
    frontier = frontier_for(state, scope=scope)
    decision = frontier.decide(["https://forms.council.gov.uk/apply"], found_on=HOME, depth=1)
    assert decision.external == []
    assert [(e.url, e.state) for e in decision.entries] == [
        ("https://forms.council.gov.uk/apply", "queued")
    ]


# Documents and assets


def test_documents_are_resources_not_pages(state: CrawlState) -> None:
    frontier = frontier_for(state)
    links = [f"{SITE}/files/budget.pdf", f"{SITE}/files/form.DOCX", f"{SITE}/files/budget.pdf#p2"]
    decision = frontier.decide(links, found_on=HOME, depth=1)
    assert [(r.url, r.kind, r.found_on) for r in decision.resources] == [
        (f"{SITE}/files/budget.pdf", "pdf", HOME),
        (f"{SITE}/files/form.DOCX", "word", HOME),
    ]
    assert {e.state for e in decision.entries} == {"document"}
    record(state, HOME, decision)
    assert frontier.pop() is None
    assert frontier.admitted == 0
    assert state.counts() == {"document": 2}
    assert len(state.resources()) == 2
    again = frontier.decide([f"{SITE}/files/budget.pdf"], found_on=f"{SITE}/a", depth=2)
    assert again == Decision([], [], [])


@pytest.mark.parametrize("path", ["/logo.png", "/site.css", "/app.js", "/feed.xml", "/bins.ics"])
def test_assets_are_refused_as_not_a_page(state: CrawlState, path: str) -> None:
    frontier = frontier_for(state)
    decision = frontier.decide([f"{SITE}{path}"], found_on=HOME, depth=1)
    assert decision.resources == []
    assert [(e.state, e.reason) for e in decision.entries] == [("refused", "not a page")]


@pytest.mark.parametrize(
    ("scope", "allowed"),
    [
        pytest.param(Scope.from_seeds([HOME]), lambda url: "/private/" not in url, id="robots"),
        pytest.param(Scope.from_seeds([HOME], exclude=["/private/"]), None, id="excluded"),
        pytest.param(Scope.from_seeds([HOME], path_prefix="/public"), None, id="prefix"),
    ],
)
def test_documents_outside_the_audit_are_not_inventoried(
    state: CrawlState, scope: Scope, allowed: Callable[[str], bool] | None
) -> None:
    frontier = frontier_for(state, scope=scope, allowed=allowed or (lambda _url: True))
    decision = frontier.decide([f"{SITE}/private/minutes.pdf"], found_on=HOME, depth=1)
    assert decision.resources == []


# Limits


def test_max_depth(state: CrawlState) -> None:
    frontier = frontier_for(state, max_depth=1)
    frontier.seed([HOME])
    frontier.add([f"{SITE}/one"], found_on=HOME, depth=1)
    frontier.add([f"{SITE}/two"], found_on=f"{SITE}/one", depth=2)
    assert urls(frontier) == [HOME, f"{SITE}/one"]
    assert refused(state) == {"max depth": 1}


def test_max_depth_zero_keeps_only_the_seeds(state: CrawlState) -> None:
    frontier = frontier_for(state, max_depth=0)
    frontier.seed([HOME, f"{SITE}/a"])
    frontier.add([f"{SITE}/b"], found_on=None, depth=1, source="sitemap")
    assert urls(frontier) == [HOME, f"{SITE}/a"]
    assert refused(state) == {"max depth": 1}


def test_max_pages_counts_only_admitted_pages(state: CrawlState) -> None:
    frontier = frontier_for(
        state,
        scope=Scope.from_seeds([HOME], exclude=["/search"]),
        max_pages=3,
        allowed=lambda url: "/private" not in url,
    )
    frontier.seed([HOME])
    links = [
        "https://elsewhere.org/",
        f"{SITE}/logo.png",
        f"{SITE}/search?q=x",
        f"{SITE}/private",
        f"{SITE}/report.pdf",
        f"{SITE}/a",
        f"{SITE}/b",
        f"{SITE}/c",
        f"{SITE}/d",
    ]
    frontier.add(links, found_on=HOME, depth=1)
    assert frontier.admitted == 3
    assert urls(frontier) == [HOME, f"{SITE}/a", f"{SITE}/b"]
    assert refused(state) == {
        "not a page": 1,
        "excluded": 1,
        "robots.txt": 1,
        "max pages": 2,
    }


def test_an_explicit_max_pages_also_limits_seeds(state: CrawlState) -> None:
    frontier = frontier_for(state, max_pages=2)
    frontier.seed([HOME, f"{SITE}/a", f"{SITE}/b"])
    assert urls(frontier) == [HOME, f"{SITE}/a"]
    assert refused(state) == {"max pages": 1}


def test_the_default_max_pages_never_drops_a_given_url(state: CrawlState) -> None:
    frontier = Frontier(state, Scope.from_seeds([HOME]), CrawlLimits(200, 0, cap_seeds=False))
    given = [f"{SITE}/page-{n}" for n in range(600)]
    frontier.seed(given)
    frontier.add([f"{SITE}/linked"], found_on=given[0], depth=1)
    assert len(urls(frontier)) == 600
    assert refused(state) == {"max depth": 1}


# robots.txt


def test_robots_txt_refuses_seeds_and_links(state: CrawlState) -> None:
    frontier = frontier_for(state, allowed=lambda url: "/private" not in url)
    frontier.seed([HOME, f"{SITE}/private/seed"])
    frontier.add([f"{SITE}/private/link", f"{SITE}/public"], found_on=HOME, depth=1)
    assert urls(frontier) == [HOME, f"{SITE}/public"]
    assert refused(state) == {"robots.txt": 2}
    assert frontier.admitted == 2


def test_seeds_ignore_scope_rules_but_not_robots_txt(state: CrawlState) -> None:
    scope = Scope.from_seeds([HOME], exclude=["/news"], path_prefix="/services")
    frontier = frontier_for(state, scope=scope, max_depth=0)
    frontier.seed([f"{SITE}/news"])
    assert urls(frontier) == [f"{SITE}/news"]


# Traps


CALENDAR = f"{SITE}/calendar/2026/1"


def test_a_calendar_that_only_leads_to_itself_is_capped(state: CrawlState) -> None:
    traps = TrapGuard(max_per_path_pattern=3)
    frontier = frontier_for(state, traps=traps)
    frontier.seed([HOME])
    record(state, HOME, frontier.decide([CALENDAR, f"{SITE}/news"], HOME, 1))
    month = 1
    while (target := frontier.pop()) is not None:
        if "/calendar/" in target.url:
            month += 1
            nxt = f"{SITE}/calendar/2026/{month}"
            record(state, target.url, frontier.decide([nxt, HOME], target.url, target.depth + 1))
    assert refused(state) == {PATH_PATTERN: 1}
    assert len([u for u in state.admitted_urls() if "/calendar/" in u]) == 3
    assert traps.capped == {"council.gov.uk/calendar/{n}/{n}": 1}


def test_filter_combinations_on_one_path_are_capped(state: CrawlState) -> None:
    frontier = frontier_for(state, traps=TrapGuard(max_per_param_family=3))
    search = f"{SITE}/search?q=bins"
    frontier.add([search], found_on=HOME, depth=1)
    links = [f"{search}&type={t}" for t in ("news", "pages", "events", "forms")]
    decision = frontier.decide(links, found_on=search, depth=2)
    assert [e.reason for e in decision.entries] == [None, None, QUERY_PARAMETERS, QUERY_PARAMETERS]
    assert frontier.admitted == 3  # trap refusals leave room in max_pages


def test_a_large_family_found_from_a_hub_is_never_a_trap(state: CrawlState) -> None:
    frontier = frontier_for(state, traps=TrapGuard(max_per_path_pattern=3), max_pages=1000)
    nodes = [f"{SITE}/node/{n}" for n in range(1, 301)]
    frontier.add(nodes, found_on=f"{SITE}/news", depth=1)
    # Each node links to the next: a sibling already found from the hub is not refused either.
    frontier.add([f"{SITE}/node/2"], found_on=f"{SITE}/node/1", depth=2)
    assert refused(state) == {}
    assert frontier.admitted == 300


def test_sitemap_urls_and_seeds_are_never_traps(state: CrawlState) -> None:
    frontier = frontier_for(state, traps=TrapGuard(max_per_path_pattern=1))
    frontier.seed([f"{SITE}/calendar/2026/{m}" for m in (1, 2)])
    sitemap = [f"{SITE}/calendar/2026/{m}" for m in (3, 4)]
    frontier.add(sitemap, found_on=None, depth=1, source="sitemap")
    assert refused(state) == {}


def test_a_productive_member_may_lead_to_more_of_its_family(state: CrawlState) -> None:
    """A paginated listing is a chain too, but every page leads to new articles."""
    frontier = frontier_for(state, traps=TrapGuard(max_per_param_family=2), max_pages=1000)
    frontier.add([f"{SITE}/news"], found_on=HOME, depth=1)
    for page in range(1, 10):
        here = f"{SITE}/news" + (f"?page={page}" if page > 1 else "")
        links = [f"{SITE}/news?page={page + 1}", f"{SITE}/news/story-{page}"]
        frontier.add(links, found_on=here, depth=page + 1)
    assert refused(state) == {}


def test_a_trap_refusal_is_lifted_when_a_hub_links_to_the_page(state: CrawlState) -> None:
    frontier = frontier_for(state, traps=TrapGuard(max_per_path_pattern=2))
    frontier.add([CALENDAR], found_on=HOME, depth=1)
    frontier.add([f"{SITE}/calendar/2026/2"], found_on=CALENDAR, depth=2)
    trapped = f"{SITE}/calendar/2026/3"
    frontier.add([trapped], found_on=f"{SITE}/calendar/2026/2", depth=3)
    assert refused(state) == {PATH_PATTERN: 1}
    frontier.add([trapped], found_on=f"{SITE}/whats-on", depth=1)
    assert refused(state) == {}
    assert trapped in urls(frontier)


def test_overlong_urls_are_refused(state: CrawlState) -> None:
    frontier = frontier_for(state, traps=TrapGuard(max_url_length=40))
    frontier.add([f"{SITE}/{'x' * 40}"], found_on=HOME, depth=1)
    assert refused(state) == {"URL too long": 1}


# External links and follow_links


def test_external_links_are_reported_not_queued(state: CrawlState) -> None:
    frontier = frontier_for(state)
    decision = frontier.decide(
        [
            "https://www.gov.uk/apply#start",
            "https://www.gov.uk/apply?utm_source=council",
            "http://council.gov.uk/",  # another scheme is another origin
            "mailto:bins@council.gov.uk",
            f"{SITE}/a",
        ],
        found_on=HOME,
        depth=1,
    )
    assert decision.external == ["https://www.gov.uk/apply", "http://council.gov.uk/"]
    assert [(e.url, e.state, e.reason) for e in decision.entries] == [
        ("mailto:bins@council.gov.uk", "refused", "out of scope"),
        (f"{SITE}/a", "queued", None),
    ]
    record(state, HOME, decision)
    assert state.external() == [
        ("http://council.gov.uk/", HOME),
        ("https://www.gov.uk/apply", HOME),
    ]


def test_without_following_links_only_external_links_are_reported(state: CrawlState) -> None:
    frontier = frontier_for(state, follow_links=False)
    frontier.seed([HOME])
    decision = frontier.decide(
        [f"{SITE}/a", "https://www.gov.uk/apply", f"{SITE}/report.pdf"], found_on=HOME, depth=1
    )
    assert decision == Decision([], [], ["https://www.gov.uk/apply"])
    frontier.add([f"{SITE}/b"], found_on=None, depth=1, source="sitemap")  # not a link
    assert urls(frontier) == [HOME, f"{SITE}/b"]


def test_without_following_links_external_links_are_normalised(state: CrawlState) -> None:
    frontier = frontier_for(state, follow_links=False)
    links = ["https://www.gov.uk/apply#start", "https://www.gov.uk/apply?utm_source=council"]
    decision = frontier.decide(links, found_on=HOME, depth=1)
    assert decision.external == ["https://www.gov.uk/apply"]


# Resume


def test_resume_continues_the_same_crawl(store: Store, state: CrawlState) -> None:
    frontier = frontier_for(state, max_pages=4)
    frontier.seed([HOME])
    page = frontier.pop()
    assert page is not None
    record(state, page.url, frontier.decide([f"{SITE}/a", f"{SITE}/b"], HOME, 1))
    assert frontier.pop() == Target(url=f"{SITE}/a", depth=1, found_on=HOME, source="link")
    # The run dies here, with /a active and /b queued.

    resumed_state = CrawlState(store, RUN_ID)
    assert resumed_state.requeue_active() == 1
    resumed = frontier_for(resumed_state, max_pages=4)
    assert resumed.admitted == 3
    resumed.add([f"{SITE}/a", f"{SITE}/c", f"{SITE}/d"], found_on=f"{SITE}/b", depth=2)
    assert urls(resumed) == [f"{SITE}/a", f"{SITE}/b", f"{SITE}/c"]
    assert refused(resumed_state) == {"max pages": 1}
    assert resumed_state.counts()["done"] == 1


def test_resume_replays_admitted_urls_into_the_trap_caps(store: Store, state: CrawlState) -> None:
    frontier = frontier_for(state, traps=TrapGuard(max_per_path_pattern=2))
    frontier.add([f"{SITE}/calendar/2026/1", f"{SITE}/calendar/2026/2"], HOME, depth=1)

    resumed = frontier_for(CrawlState(store, RUN_ID), traps=TrapGuard(max_per_path_pattern=2))
    assert resumed.traps.capped == {}  # replaying what was admitted is not itself capped
    decision = resumed.decide([f"{SITE}/calendar/2026/3"], found_on=CALENDAR, depth=2)
    assert [(e.state, e.reason) for e in decision.entries] == [("refused", PATH_PATTERN)]
    assert resumed.traps.capped == {"council.gov.uk/calendar/{n}/{n}": 1}


def test_resume_makes_the_same_trap_decisions_as_an_uninterrupted_run(
    store: Store, state: CrawlState
) -> None:
    frontier = frontier_for(state, traps=TrapGuard(max_per_path_pattern=2))
    frontier.seed([f"{SITE}/events/1"])
    frontier.add([f"{SITE}/events/2"], found_on=HOME, depth=1)
    link = f"{SITE}/events/3"
    uninterrupted = frontier.decide([link], found_on=f"{SITE}/events/2", depth=2)
    assert uninterrupted.entries[0].reason == PATH_PATTERN

    resumed = frontier_for(CrawlState(store, RUN_ID), traps=TrapGuard(max_per_path_pattern=2))
    assert resumed.decide([link], found_on=f"{SITE}/events/2", depth=2) == uninterrupted


def test_refuse_queued_gives_up_on_what_is_left(state: CrawlState) -> None:
    frontier = frontier_for(state)
    frontier.seed([HOME, f"{SITE}/a", f"{SITE}/b"])
    frontier.pop()
    assert state.refuse_queued("run time budget") == 2
    assert frontier.pop() is None
    assert state.counts() == {"active": 1, "refused:run time budget": 2}
