"""Rulesets: loading with extends, errors with line numbers, flake8/ruff-style selection."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditor.checks import all_checks
from auditor.errors import RulesetError
from auditor.pipeline.evaluate import check_info
from auditor.ruleset import available, is_selected, load_ruleset

WCAG_TAGS = {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- selection -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("check_id", "tags", "include", "exclude", "selected"),
    [
        ("axe/image-alt", (), ["axe/"], [], True),
        ("axe/image-alt", (), ["custom/"], [], False),
        ("axe/image-alt", (), [], [], False),
        # an exact id beats a namespace, either way round
        ("axe/image-alt", (), ["axe/"], ["axe/image-alt"], False),
        ("axe/image-alt", (), ["axe/image-alt"], ["axe/"], True),
        # the longer prefix wins
        ("custom/forms/label", (), ["custom/"], ["custom/forms/"], False),
        ("custom/forms/label", (), ["custom/forms/"], ["custom/"], True),
        # whole segments only
        ("custom/links-x", (), ["custom/link"], [], False),
        ("custom/links-x", (), ["custom/"], ["custom/link"], True),
        ("custom/links-x", (), ["custom/link/"], [], False),
        ("axe/image-alt", (), ["axe"], [], False),
        # tag: selectors
        ("axe/region", ("best-practice",), ["tag:best-practice"], [], True),
        ("axe/region", ("best-practice",), ["tag:wcag2a"], [], False),
        ("axe/region", ("best-practice",), ["axe/"], ["tag:best-practice"], False),
        ("axe/region", ("wcag2a",), ["axe/region"], ["tag:wcag2a"], True),
        # otherwise the longer of tag and namespace wins
        ("axe/region", ("wcag2a",), ["tag:wcag2a"], ["axe/"], True),
        # a tie goes to exclude
        ("axe/x", ("aa", "bb"), ["tag:aa"], ["tag:bb"], False),
    ],
)
def test_is_selected(
    check_id: str, tags: tuple[str, ...], include: list[str], exclude: list[str], selected: bool
) -> None:
    assert is_selected(check_id, tags, include, exclude) is selected


# --- built-in rulesets -----------------------------------------------------------------------


def test_builtins_are_available() -> None:
    assert {"wcag21aa", "best-practice"} <= set(available())


def test_wcag21aa_selects_wcag_axe_rules_and_custom_checks() -> None:
    selected = load_ruleset("wcag21aa").selected_checks()
    axe_wcag = {
        cid
        for cid, cls in all_checks().items()
        if cid.startswith("axe/") and WCAG_TAGS & set(cls.meta.tags)
    }
    assert axe_wcag  # the vendored metadata has WCAG rules
    assert axe_wcag <= set(selected)
    assert {"custom/generic-link-text", "custom/broken-link"} <= set(selected)
    for cid in selected:
        if cid.startswith("axe/"):
            assert WCAG_TAGS & set(all_checks()[cid].meta.tags), cid


def test_wcag21aa_leaves_out_best_practice_only_axe_rules() -> None:
    selected = load_ruleset("wcag21aa").selected_checks()
    assert "axe/region" in all_checks()
    assert "axe/region" not in selected


def test_best_practice_extends_wcag21aa() -> None:
    ruleset = load_ruleset("best-practice")
    assert ruleset.id == "best-practice"
    assert ruleset.categories == load_ruleset("wcag21aa").categories
    assert "axe/region" in ruleset.selected_checks()


def test_council_2_2_is_council_against_wcag_2_2() -> None:
    council, later = load_ruleset("council"), load_ruleset("council-2.2")
    assert (council.wcag_version, later.wcag_version) == ("2.1", "2.2")
    added = set(later.selected_checks()) - set(council.selected_checks())
    assert {"axe/target-size", "custom/target-size"} <= added
    assert set(council.selected_checks()) <= set(later.selected_checks())
    assert later.categories == council.categories


@pytest.mark.parametrize("name", ["wcag22aa", "council-2.2"])
def test_wcag_2_2_rulesets_report_no_4_1_1_parsing(name: str) -> None:
    """4.1.1 is obsolete in WCAG 2.2: no selected check claims it."""
    selected = load_ruleset(name).selected_checks()
    assert not [cid for cid, cls in selected.items() if "4.1.1" in cls.meta.wcag]


def test_unknown_builtin_lists_choices() -> None:
    with pytest.raises(RulesetError, match=r"'wcag99' not found.*wcag21aa"):
        load_ruleset("wcag99")


def test_sha256_is_stable_and_content_sensitive(tmp_path: Path) -> None:
    assert load_ruleset("wcag21aa").sha256 == load_ruleset("wcag21aa").sha256
    child = write(tmp_path / "x.toml", 'id = "wcag21aa"\nextends = []\n')
    assert load_ruleset(str(child)).sha256 != load_ruleset("wcag21aa").sha256
    assert len(load_ruleset("wcag21aa").sha256) == 64


# --- files and extends -----------------------------------------------------------------------


def test_extends_chain_merges_in_order(tmp_path: Path) -> None:
    base = write(
        tmp_path / "base.toml",
        'id = "base"\ntitle = "Base"\n[weights]\nserious = 10\nminor = 1\n'
        '[axe]\ntags = ["wcag2a"]\n',
    )
    middle = write(
        tmp_path / "middle.toml",
        f'id = "middle"\nextends = ["{base}"]\n[weights]\nserious = 12\n',
    )
    top = write(
        tmp_path / "top.toml",
        f'id = "top"\nextends = ["{middle}"]\n[select]\nexclude = ["custom/broken-link"]\n',
    )
    ruleset = load_ruleset(str(top))
    assert ruleset.id == "top"
    assert ruleset.title == "Base"
    assert (ruleset.weights.serious, ruleset.weights.minor) == (12, 1)
    assert ruleset.axe.tags == ["wcag2a"]
    selected = ruleset.selected_checks()
    assert "custom/broken-link" not in selected
    assert "custom/generic-link-text" in selected
    assert "axe/color-contrast" not in selected  # a wcag2aa rule, not in tags


def test_extending_a_builtin_by_id(tmp_path: Path) -> None:
    path = write(
        tmp_path / "mine.toml",
        'id = "mine"\nextends = ["wcag21aa"]\n[axe]\ndisable = ["color-contrast"]\n',
    )
    selected = load_ruleset(str(path)).selected_checks()
    assert "axe/color-contrast" not in selected
    assert "axe/image-alt" in selected


def test_relative_extends_is_relative_to_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "rules").mkdir()
    write(tmp_path / "rules" / "base.toml", 'id = "base"\n')
    child = write(tmp_path / "rules" / "child.toml", 'id = "child"\nextends = ["base.toml"]\n')
    monkeypatch.chdir(tmp_path)
    assert load_ruleset(str(child)).id == "child"


def test_extends_cycle_is_an_error(tmp_path: Path) -> None:
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    write(a, f'id = "a"\nextends = ["{b}"]\n')
    write(b, f'id = "b"\nextends = ["{a}"]\n')
    with pytest.raises(RulesetError, match="'extends' forms a cycle"):
        load_ruleset(str(a))


def test_self_extension_is_a_cycle(tmp_path: Path) -> None:
    a = tmp_path / "a.toml"
    write(a, f'id = "a"\nextends = ["{a}"]\n')
    with pytest.raises(RulesetError, match="cycle"):
        load_ruleset(str(a))


def test_missing_parent_is_named(tmp_path: Path) -> None:
    path = write(tmp_path / "a.toml", 'id = "a"\nextends = ["no-such-ruleset"]\n')
    with pytest.raises(RulesetError, match="'no-such-ruleset' not found"):
        load_ruleset(str(path))


def test_toml_syntax_error_names_file(tmp_path: Path) -> None:
    path = write(tmp_path / "a.toml", 'id = "a"\nweights = = 1\n')
    with pytest.raises(RulesetError, match=re.escape(str(path))):
        load_ruleset(str(path))


def test_unknown_top_level_field_with_line_and_hint(tmp_path: Path) -> None:
    path = write(tmp_path / "a.toml", 'id = "a"\n# a comment\ntitel = "Typo"\n')
    with pytest.raises(RulesetError) as info:
        load_ruleset(str(path))
    message = str(info.value)
    assert message.startswith(f"{path}:3:")
    assert "unknown field 'titel'" in message
    assert "did you mean 'title'" in message


def test_unknown_nested_field_with_line_and_hint(tmp_path: Path) -> None:
    path = write(tmp_path / "a.toml", 'id = "a"\n\n[axe]\ntags = ["wcag2a"]\ndisabled = []\n')
    with pytest.raises(RulesetError) as info:
        load_ruleset(str(path))
    message = str(info.value)
    assert message.startswith(f"{path}:5:")
    assert "unknown field 'axe.disabled'" in message
    assert "did you mean 'disable'" in message


def test_bad_value_names_line_and_field(tmp_path: Path) -> None:
    path = write(tmp_path / "a.toml", 'id = "a"\n[weights]\nserious = "lots"\n')
    with pytest.raises(RulesetError, match=rf"^{re.escape(str(path))}:3: weights\.serious:"):
        load_ruleset(str(path))


def test_missing_id_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "a.toml", 'title = "No id"\n')
    with pytest.raises(RulesetError, match="id"):
        load_ruleset(str(path))


def test_unknown_check_in_include_suggests(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.toml",
        'id = "a"\n[select]\ninclude = ["axe/", "custom/generic-link-txt"]\n',
    )
    with pytest.raises(RulesetError) as info:
        load_ruleset(str(path))
    message = str(info.value)
    assert str(path) in message
    assert "select.include names unknown check 'custom/generic-link-txt'" in message
    assert "did you mean 'custom/generic-link-text'" in message


def test_unknown_check_in_exclude(tmp_path: Path) -> None:
    path = write(tmp_path / "a.toml", 'id = "a"\n[select]\nexclude = ["axe/colour-contrast"]\n')
    with pytest.raises(RulesetError, match=r"select\.exclude names unknown check"):
        load_ruleset(str(path))


def test_namespaces_and_tags_are_not_checked_as_ids(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.toml",
        'id = "a"\n[select]\ninclude = ["tag:wcag2a"]\nexclude = ["custom/"]\n',
    )
    selected = load_ruleset(str(path)).selected_checks()
    assert "custom/generic-link-text" in selected  # tagged wcag2a: the longer selector wins
    assert "custom/broken-link" not in selected
    assert "axe/image-alt" in selected
    assert "axe/color-contrast" not in selected  # wcag2aa only


def test_exact_id_beats_any_tag() -> None:
    assert is_selected("axe/region", ("best-practice",), ["axe/region"], ["tag:best-practice"])


def test_unknown_axe_rule_in_disable(tmp_path: Path) -> None:
    path = write(tmp_path / "a.toml", 'id = "a"\n[axe]\ndisable = ["colour-contrast"]\n')
    with pytest.raises(
        RulesetError, match=r"axe\.disable names unknown axe rule 'colour-contrast'"
    ):
        load_ruleset(str(path))


def test_a_criterion_newer_than_the_ruleset_claims_no_level() -> None:
    kept = all_checks()["forms/error-values-kept"]
    assert kept.meta.wcag == ["3.3.7"] and kept.meta.wcag_version == "2.2"
    assert load_ruleset("council").wcag_version == "2.1"
    assert load_ruleset("wcag22aa").wcag_version == "2.2"
    # 3.3.7 is WCAG 2.2: not a WCAG A failure of a 2.1 ruleset, one of a 2.2 ruleset
    assert check_info(kept, "2.1").level is None
    assert check_info(kept, "2.1").wcag == ["3.3.7"]
    assert check_info(kept, "2.2").level == "A"
    tied = all_checks()["forms/error-message-tied"]
    assert check_info(tied, "2.1").level == "A"
