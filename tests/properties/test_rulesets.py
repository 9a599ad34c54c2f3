"""Ruleset files full of mistakes: every one loads or is a RulesetError naming the file (and,
for a wrong field, its line and name); never another exception."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.errors import RulesetError
from auditor.ruleset import Ruleset, load_ruleset
from tests.properties.strategies import NASTY_TEXT, toml_documents, toml_text

FIELDS = sorted(Ruleset.model_fields)
NESTED = ["tags", "disable", "include", "exclude", "critical", "serious", "min_score"]
TOML_ERROR = re.compile(r"\(at line \d+, column \d+\)|\(at end of document\)")


def _load(content: str | bytes, name: str = "mine.toml") -> tuple[Path, Ruleset | RulesetError]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        try:
            return path, load_ruleset(str(path))
        except RulesetError as exc:
            return path, exc


def _documents() -> st.SearchStrategy[dict[str, Any]]:
    """Mostly-right rulesets: an id, sometimes extending a real ruleset, plus mistakes."""
    extends = st.one_of(
        st.just(["wcag21aa"]),
        st.lists(st.sampled_from(["wcag2a", "nope", "../x.toml", *NASTY_TEXT[:6]]), max_size=2),
        st.sampled_from(["wcag21aa", 5, True, {"a": 1}]),
    )
    return st.builds(
        lambda doc, id_, parent: {"id": id_, "extends": parent, **doc},
        toml_documents(FIELDS, NESTED),
        st.one_of(st.just("mine"), st.integers(), st.sampled_from(NASTY_TEXT)),
        extends,
    )


@settings(max_examples=100, deadline=None)
@given(_documents())
def test_a_wrong_ruleset_is_one_clear_error(document: dict[str, Any]) -> None:
    text = toml_text(document)
    path, outcome = _load(text)
    if isinstance(outcome, Ruleset):
        return
    message = str(outcome)
    assert "\n" not in message
    assert str(path) in message or "not found" in message, message
    located = re.match(rf"{re.escape(str(path))}:(\d+): ", message)
    if located:
        rest = message[located.end() :]
        unknown = re.match(r"unknown field '([^']*)'", rest)
        field = (unknown.group(1) if unknown else rest.split(":")[0]).split(".")[-1]
        assert field in text.splitlines()[int(located.group(1)) - 1], message


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.text(max_size=200), st.binary(max_size=200)))
def test_any_bytes_as_a_ruleset_give_a_ruleset_error(content: str | bytes) -> None:
    path, outcome = _load(content)
    assert isinstance(outcome, RulesetError)  # an id is required, so nothing random loads
    assert str(path) in str(outcome) or "not found" in str(outcome)


def test_a_folder_named_like_a_ruleset_is_an_error() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dir.toml"
        path.mkdir()
        with pytest.raises(RulesetError, match=re.escape(str(path))):
            load_ruleset(str(path))
