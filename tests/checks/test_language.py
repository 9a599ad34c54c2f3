"""The language helpers: text split by the lang that governs it, close languages, the
detector's verdicts on text long enough to judge."""

from __future__ import annotations

from bs4 import BeautifulSoup

from auditor.checks.custom._language import language_runs, mismatch, primary, same_language

EN = (
    "Find out when your bins are collected, report a missed collection, order a new recycling "
    "box and check which materials can go in each of your household bins."
)


def test_text_belongs_to_the_nearest_lang() -> None:
    page, runs = language_runs(
        BeautifulSoup(
            '<html lang="en-GB"><head><title>Bins</title></head><body><p>Collections</p>'
            '<p lang="cy">Casgliadau <span lang="en">bins</span></p><img alt="A bin">'
            '<p hidden>Hidden</p><script>var x = "code";</script><code>ls -la</code></body></html>',
            "html.parser",
        )
    )
    assert page is not None
    assert page.text == "Bins Collections A bin"
    assert [(r.lang, r.text) for r in runs] == [("cy", "Casgliadau"), ("en", "bins")]


def test_languages_compare_by_primary_subtag_and_close_families() -> None:
    assert primary("en-GB") == "en"
    assert same_language("EN-gb", "en")
    assert same_language("nb", "da")  # the detector mixes these up: never a sure mismatch
    assert not same_language("da", "en")


def test_mismatch_of_long_text() -> None:
    found = mismatch("da", EN)
    assert found is not None and found[0] == "en" and found[1] > 0.99
    assert mismatch("en", EN) is None


def test_placeholder_latin_is_never_a_sure_mismatch() -> None:
    lorem = (
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit. Aenean eu leo quam. "
        "Pellentesque ornare sem lacinia quam venenatis vestibulum. Donec sed odio dui."
    )
    found = mismatch("en", lorem)
    assert found is not None and found[0] == "la" and found[1] < 0.99
