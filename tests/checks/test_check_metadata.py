"""Meta-tests over every check (like axe-core's validate.js): ids, docs, fixtures and tags."""

from __future__ import annotations

import re
import sys

import pytest

from auditor.categories import category_for
from auditor.checks import NAMESPACES, all_checks, fixture_path, module_name
from auditor.checks.base import REGISTRY, CheckMeta, wcag_criteria, wcag_level
from auditor.probes import all_probes
from tests.conftest import FIXTURES

CHECKS = all_checks()
CUSTOM = sorted(cid for cid in CHECKS if not cid.startswith("axe/"))  # every check of ours
ID = re.compile(rf"^(axe|{'|'.join(NAMESPACES)})/[a-z0-9]+(-[a-z0-9]+)*$")
LEVEL_TAG = re.compile(r"^wcag2\d?(a{1,3})$")


def test_registry_is_populated() -> None:
    assert len([cid for cid in CHECKS if cid.startswith("axe/")]) > 50
    assert {"custom/generic-link-text", "custom/broken-link"} <= set(CUSTOM)


def test_ids_match_their_keys_and_are_unique() -> None:
    ids = [cls.meta.id for cls in CHECKS.values()]
    assert len(ids) == len(set(ids))
    assert all(key == cls.meta.id for key, cls in CHECKS.items())


@pytest.mark.parametrize("check_id", sorted(CHECKS))
def test_id_is_namespaced_kebab_case(check_id: str) -> None:
    assert ID.match(check_id), check_id


@pytest.mark.parametrize("check_id", sorted(CHECKS))
def test_help_url_is_https(check_id: str) -> None:
    assert CHECKS[check_id].meta.help_url.startswith("https://")


@pytest.mark.parametrize("check_id", sorted(CHECKS))
def test_titles_are_present(check_id: str) -> None:
    meta = CHECKS[check_id].meta
    assert meta.title.strip()
    assert meta.failure_title.strip()


@pytest.mark.parametrize("check_id", sorted(CHECKS))
def test_at_most_one_wcag_level(check_id: str) -> None:
    tags = CHECKS[check_id].meta.tags
    levels = {m.group(1) for t in tags if (m := LEVEL_TAG.match(t))}
    assert len(levels) <= 1, (check_id, levels)


@pytest.mark.parametrize("check_id", sorted(CHECKS))
def test_wcag_criteria_look_like_numbers(check_id: str) -> None:
    for criterion in CHECKS[check_id].meta.wcag:
        assert re.fullmatch(r"\d\.\d\.\d+", criterion), (check_id, criterion)


@pytest.mark.parametrize("check_id", CUSTOM)
def test_check_lives_in_its_namespace_package(check_id: str) -> None:
    cls = CHECKS[check_id]
    assert cls.__module__ == module_name(check_id)
    assert REGISTRY[check_id] is cls


@pytest.mark.parametrize("check_id", CUSTOM)
def test_custom_check_docstring_explains_why(check_id: str) -> None:
    doc = sys.modules[CHECKS[check_id].__module__].__doc__ or ""
    assert doc.strip().splitlines()[0].strip(), "first line summarises the check"
    assert "## Why it matters" in doc


@pytest.mark.parametrize("check_id", CUSTOM)
def test_custom_check_has_fixture_folder(check_id: str) -> None:
    folder = FIXTURES / "checks" / fixture_path(check_id)
    assert folder.is_dir(), f"missing fixture folder {folder}"


@pytest.mark.parametrize(
    ("tags", "criteria", "level", "category"),
    [
        (("wcag2a", "wcag111"), ["1.1.1"], "A", "wcag-a"),
        (("wcag21aa", "wcag1410", "wcag143"), ["1.4.3", "1.4.10"], "AA", "wcag-aa"),
        (("wcag2aaa", "wcag146"), ["1.4.6"], "AAA", "best-practice"),
        (("best-practice", "cat.keyboard"), [], None, "best-practice"),
        (("wcag2a", "wcag2aa"), [], "A", "wcag-a"),
    ],
)
def test_tag_helpers(
    tags: tuple[str, ...], criteria: list[str], level: str | None, category: str
) -> None:
    assert wcag_criteria(tags) == criteria
    assert wcag_level(tags) == level
    assert category_for("custom/any", wcag_level(tags)) == category


def test_meta_properties_follow_tags() -> None:
    meta = CheckMeta(
        id="custom/x",
        title="t",
        failure_title="f",
        help_url="https://x",
        tags=("wcag21aa", "wcag1410"),
        impact="minor",
    )
    assert (meta.wcag, meta.level, meta.category) == (["1.4.10"], "AA", "wcag-aa")


@pytest.mark.parametrize("check_id", sorted(CHECKS))
def test_every_probe_a_check_reads_exists(check_id: str) -> None:
    assert set(CHECKS[check_id].meta.probes) <= set(all_probes())


def test_requirements_are_typed() -> None:
    base = {
        "id": "custom/x",
        "title": "t",
        "failure_title": "f",
        "help_url": "https://example.invalid/",
        "tags": ("best-practice",),
        "impact": "minor",
    }
    assert CheckMeta(**base, requires=("links", "site-facts")).requires == ("links", "site-facts")
    with pytest.raises(ValueError, match="requires"):
        CheckMeta(**base, requires=("probe:keyboard",))  # probes are named in `probes`
    with pytest.raises(ValueError, match="not a probe name"):
        CheckMeta(**base, probes=("Keyboard Probe",))


def test_site_facts_are_fetched_only_for_checks_that_require_them() -> None:
    needing = {cid for cid, cls in CHECKS.items() if "site-facts" in cls.meta.requires}
    assert needing == {"privacy/https", "privacy/security-txt"}
