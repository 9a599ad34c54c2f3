"""Config layers: defaults < auditor.toml / [tool.auditor] < AUDITOR_* env < flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.cli.options import COUNCIL_DEFAULTS
from auditor.config import AuditConfig, resolve
from auditor.errors import ConfigError


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_any_layer(tmp_path: Path) -> None:
    config, sources = resolve({}, cwd=tmp_path, environ={})
    assert config == AuditConfig()
    assert set(sources.values()) == {"default"}
    assert config.max_pages == 200
    assert config.ruleset == "wcag21aa"


def test_auditor_toml_layer(tmp_path: Path) -> None:
    path = write(tmp_path / "auditor.toml", 'max_pages = 7\nexclude = ["/news"]\n')
    config, sources = resolve({}, cwd=tmp_path, environ={})
    assert (config.max_pages, config.exclude) == (7, ["/news"])
    assert sources["max_pages"] == str(path)
    assert sources["concurrency"] == "default"


def test_pyproject_tool_auditor_layer(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.auditor]\nmax_depth = 2\nsitemap = false\n',
    )
    config, sources = resolve({}, cwd=tmp_path, environ={})
    assert (config.max_depth, config.sitemap) == (2, False)
    assert sources["max_depth"] == str(path)


def test_pyproject_without_tool_auditor_is_ignored(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n[tool.ruff]\nline-length = 100\n')
    config, sources = resolve({}, cwd=tmp_path, environ={})
    assert config == AuditConfig()
    assert set(sources.values()) == {"default"}


def test_auditor_toml_wins_over_pyproject(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.auditor]\nmax_pages = 1\n")
    write(tmp_path / "auditor.toml", "max_pages = 2\n")
    config, _ = resolve({}, cwd=tmp_path, environ={})
    assert config.max_pages == 2


def test_layer_precedence(tmp_path: Path) -> None:
    write(tmp_path / "auditor.toml", "max_pages = 10\nconcurrency = 3\nsettle_ms = 100\n")
    environ = {"AUDITOR_MAX_PAGES": "20", "AUDITOR_CONCURRENCY": "4"}
    config, sources = resolve({"max_pages": 30, "concurrency": None}, cwd=tmp_path, environ=environ)
    assert (config.max_pages, config.concurrency, config.settle_ms) == (30, 4, 100)
    assert sources["max_pages"] == "command line"
    assert sources["concurrency"] == "environment"
    assert sources["settle_ms"] == str(tmp_path / "auditor.toml")


@pytest.mark.parametrize(
    ("name", "raw", "field", "value"),
    [
        ("AUDITOR_MAX_PAGES", "5", "max_pages", 5),
        ("AUDITOR_RESPECT_ROBOTS", "false", "respect_robots", False),
        ("AUDITOR_INCLUDE", "/bins,/tax", "include", ["/bins", "/tax"]),
        ("AUDITOR_FORMATS", '["json"]', "formats", ["json"]),
        ("AUDITOR_RULESET", "best-practice", "ruleset", "best-practice"),
        ("AUDITOR_PAGE_TIMEOUT", "12.5", "page_timeout", 12.5),
    ],
)
def test_environment_values(name: str, raw: str, field: str, value: object, tmp_path: Path) -> None:
    config, sources = resolve({}, cwd=tmp_path, environ={name: raw})
    assert getattr(config, field) == value
    assert sources[field] == "environment"


def test_unrelated_auditor_variables_are_ignored(tmp_path: Path) -> None:
    environ = {"AUDITOR_DEBUG": "1", "AUDITOR_API_TOKEN": "secret", "MAX_PAGES": "3"}
    config, _ = resolve({}, cwd=tmp_path, environ=environ)
    assert config == AuditConfig()


def test_numeric_looking_env_value_for_a_string_setting(tmp_path: Path) -> None:
    config, _ = resolve({}, cwd=tmp_path, environ={"AUDITOR_OUT": "2026"})
    assert config.out == "2026"


def test_typo_in_file_names_line_and_suggests(tmp_path: Path) -> None:
    path = write(tmp_path / "auditor.toml", "# settings\nconcurrency = 2\nmax_page = 3\n")
    with pytest.raises(ConfigError) as info:
        resolve({}, cwd=tmp_path, environ={})
    message = str(info.value)
    assert f"{path}:3" in message
    assert "unknown setting 'max_page'" in message
    assert "did you mean 'max_pages'" in message


def test_typo_in_pyproject_names_its_line(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.auditor]\nrespect_robot = 0\n'
    )
    with pytest.raises(ConfigError, match="did you mean 'respect_robots'") as info:
        resolve({}, cwd=tmp_path, environ={})
    assert str(info.value).startswith(f"{path}:5:")


def test_unknown_key_without_close_match_has_no_hint(tmp_path: Path) -> None:
    write(tmp_path / "auditor.toml", "zzzzzz = 1\n")
    with pytest.raises(ConfigError) as info:
        resolve({}, cwd=tmp_path, environ={})
    assert "unknown setting 'zzzzzz'" in str(info.value)
    assert "did you mean" not in str(info.value)


def test_bad_value_in_file_names_line_and_field(tmp_path: Path) -> None:
    path = write(tmp_path / "auditor.toml", "max_pages = 10\nconcurrency = 0\n")
    with pytest.raises(ConfigError) as info:
        resolve({}, cwd=tmp_path, environ={})
    assert str(info.value).startswith(f"{path}:2: concurrency:")


def test_bad_regex_is_explained(tmp_path: Path) -> None:
    path = write(tmp_path / "auditor.toml", 'exclude = ["(unclosed"]\n')
    with pytest.raises(ConfigError, match=r"bad regex '\(unclosed'") as info:
        resolve({}, cwd=tmp_path, environ={})
    assert str(info.value).startswith(f"{path}:1:")


def test_line_number_is_inside_tool_auditor(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pyproject.toml",
        '[tool.setuptools.packages.find]\nexclude = ["tests"]\n\n'
        '[tool.auditor]\nexclude = ["(bad"]\n',
    )
    with pytest.raises(ConfigError) as info:
        resolve({}, cwd=tmp_path, environ={})
    assert str(info.value).startswith(f"{path}:5:")


def test_bad_environment_value_names_environment(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"^environment: max_pages:"):
        resolve({}, cwd=tmp_path, environ={"AUDITOR_MAX_PAGES": "lots"})


def test_bad_flag_names_command_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"^command line: concurrency:"):
        resolve({"concurrency": 99}, cwd=tmp_path, environ={})


def test_toml_syntax_error_names_file(tmp_path: Path) -> None:
    path = write(tmp_path / "auditor.toml", "max_pages = = 3\n")
    with pytest.raises(ConfigError, match=r"auditor\.toml") as info:
        resolve({}, cwd=tmp_path, environ={})
    assert str(path) in str(info.value)


def test_config_is_frozen(tmp_path: Path) -> None:
    config, _ = resolve({}, cwd=tmp_path, environ={})
    with pytest.raises(ValueError, match="frozen"):
        config.max_pages = 3  # type: ignore[misc]


def test_a_commands_defaults_sit_under_every_layer(tmp_path: Path) -> None:
    # `auditor audit` audits with the council ruleset unless told otherwise; `auditor ci` and the
    # pytest plugin keep AuditConfig's WCAG-only default.
    config, sources = resolve({}, cwd=tmp_path, environ={}, defaults=COUNCIL_DEFAULTS)
    assert (config.ruleset, sources["ruleset"]) == ("council", "default")
    assert resolve({}, cwd=tmp_path, environ={})[0].ruleset == "wcag21aa"
    flagged, _ = resolve(
        {"ruleset": "wcag21aa"}, cwd=tmp_path, environ={}, defaults=COUNCIL_DEFAULTS
    )
    assert flagged.ruleset == "wcag21aa"
    (tmp_path / "auditor.toml").write_text('ruleset = "wcag22aa"\n', encoding="utf-8")
    filed, _ = resolve({}, cwd=tmp_path, environ={}, defaults=COUNCIL_DEFAULTS)
    assert filed.ruleset == "wcag22aa"
