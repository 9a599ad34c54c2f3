"""Scope: the seeds' origins, allowed hosts, a path prefix and include/exclude regexes."""

from __future__ import annotations

import re

import pytest

from auditor.crawl.scope import Scope

SEEDS = ["https://council.gov.uk/"]


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://council.gov.uk/bins", None),
        ("https://COUNCIL.gov.uk:443/bins#top", None),
        ("http://council.gov.uk/bins", "out of scope"),
        ("https://council.gov.uk:8443/bins", "out of scope"),
        ("https://evil-council.gov.uk/", "out of scope"),
        ("https://pay.example-payments.test/council/parking", "out of scope"),
        ("mailto:bins@council.gov.uk", "out of scope"),
    ],
)
def test_same_origin_by_default(url: str, reason: str | None) -> None:
    scope = Scope.from_seeds(SEEDS)
    assert scope.refusal(url) == reason
    assert scope.in_scope(url) is (reason is None)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.council.gov.uk/bins",
        "http://www.council.gov.uk/bins",
        "https://WWW.council.gov.uk:8443/x",
        "https://forms.council.gov.uk/apply",
    ],
)
def test_allowed_hosts_match_any_scheme_and_port(url: str) -> None:
    scope = Scope.from_seeds(SEEDS, allow_hosts=["www.council.gov.uk", "Forms.Council.gov.uk"])
    assert scope.refusal(url) is None
    assert not scope.is_external(url)


def test_allowed_host_given_as_a_url() -> None:
    scope = Scope.from_seeds(SEEDS, allow_hosts=["https://forms.council.gov.uk/"])
    assert scope.allow_hosts == frozenset({"forms.council.gov.uk"})
    assert scope.in_scope("https://forms.council.gov.uk/apply")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://council.gov.uk/services", None),
        ("https://council.gov.uk/services/bins", None),
        ("https://council.gov.uk/services-old", "outside path prefix"),
        ("https://council.gov.uk/", "outside path prefix"),
        ("https://council.gov.uk/news/services", "outside path prefix"),
        ("https://elsewhere.gov.uk/services/bins", "out of scope"),
    ],
)
@pytest.mark.parametrize("prefix", ["/services", "/services/", "services"])
def test_path_prefix_is_whole_segments(url: str, reason: str | None, prefix: str) -> None:
    scope = Scope.from_seeds(SEEDS, path_prefix=prefix)
    assert scope.path_prefix == "/services"
    assert scope.refusal(url) == reason


def test_root_prefix_allows_everything() -> None:
    assert Scope.from_seeds(SEEDS, path_prefix="/").refusal("https://council.gov.uk/x") is None


def test_include_and_exclude_regexes() -> None:
    scope = Scope.from_seeds(SEEDS, include=[r"/services/", r"/news/"], exclude=[r"\?print="])
    assert scope.refusal("https://council.gov.uk/services/bins") is None
    assert scope.refusal("https://council.gov.uk/news/today") is None
    assert scope.refusal("https://council.gov.uk/about") == "not included"
    assert scope.refusal("https://council.gov.uk/news/today?print=1") == "excluded"
    # in_scope is about where, not the regexes.
    assert scope.in_scope("https://council.gov.uk/about")


def test_regexes_see_the_normalised_url() -> None:
    scope = Scope.from_seeds(SEEDS, exclude=[r"utm_"])
    assert scope.refusal("https://council.gov.uk/?utm_source=x") is None


def test_bad_regex_raises() -> None:
    with pytest.raises(re.error):
        Scope.from_seeds(SEEDS, include=["("])


def test_external_links_are_http_ones_off_the_site() -> None:
    scope = Scope.from_seeds(SEEDS, allow_hosts=["forms.council.gov.uk"], path_prefix="/services")
    assert scope.is_external("https://pay.example-payments.test/council/parking")
    assert not scope.is_external("https://council.gov.uk/news")  # outside the prefix, not external
    assert not scope.is_external("https://forms.council.gov.uk/apply")
    assert not scope.is_external("mailto:bins@council.gov.uk")
    assert not scope.is_external("tel:01234567890")


def test_several_seeds_and_equality() -> None:
    scope = Scope.from_seeds(["https://a.gov.uk/x", "http://b.gov.uk:8080/"])
    assert scope.origins == frozenset({"https://a.gov.uk", "http://b.gov.uk:8080"})
    assert scope.in_scope("http://b.gov.uk:8080/y")
    assert scope == Scope(origins=frozenset({"https://a.gov.uk/", "http://B.gov.uk:8080"}))
    assert hash(scope) == hash(Scope.from_seeds(["https://a.gov.uk/", "http://b.gov.uk:8080/z"]))
