"""Journey files full of mistakes (YAML and TOML): each is a Journey or a JourneyFileError whose
every line names the file, a line number and where the mistake is; never another exception."""

from __future__ import annotations

import io
import re
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from auditor.journeys.load import JourneyFileError, load_journey
from auditor.journeys.model import ACTIONS, Journey
from tests.properties.strategies import scalars, toml_text, values

KEYS = [*Journey.model_fields, *ACTIONS, "value", "data", "invalid", "option", "on", "final"]
_keys = st.one_of(st.sampled_from(KEYS), st.from_regex(r"[a-z_]{1,10}", fullmatch=True))
STEP = st.one_of(
    st.dictionaries(st.sampled_from(ACTIONS), st.sampled_from(["#go", "/next", ""]), max_size=2),
    st.dictionaries(_keys, scalars(), max_size=3),
    scalars(),
)
JOURNEY = st.fixed_dictionaries(
    {},
    optional={
        "name": scalars(),
        "start": st.sampled_from(["/", "http://council.test/", "", 5]),
        "steps": st.one_of(st.lists(STEP, max_size=4), scalars()),
        "data": st.one_of(st.dictionaries(_keys, scalars(), max_size=2), scalars()),
        "submit_final": scalars(),
        "viewports": st.one_of(st.lists(st.sampled_from(["desktop", "mobile", "tv"])), scalars()),
    },
).flatmap(lambda known: st.dictionaries(_keys, values(_keys), max_size=2).map(known.__or__))


def _yaml(document: dict[str, Any]) -> str:
    buffer = io.StringIO()
    YAML(typ="rt").dump(document, buffer)  # block style: one key or item per line
    return buffer.getvalue()


def _load(text: str | bytes, suffix: str) -> tuple[Path, Journey | JourneyFileError]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"journey{suffix}"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        try:
            return path, load_journey(path)
        except JourneyFileError as exc:
            return path, exc


def _check(path: Path, outcome: Journey | JourneyFileError, lines: int) -> None:
    if isinstance(outcome, Journey):
        return
    for line in str(outcome).splitlines():
        found = re.match(rf"{re.escape(str(path))}(?::(\d+))?: ", line)
        assert found, line
        if found.group(1) is not None:
            assert 1 <= int(found.group(1)) <= max(lines, 1), line


@settings(max_examples=100, deadline=None)
@given(JOURNEY, st.sampled_from([".yaml", ".toml"]))
def test_a_wrong_journey_file_is_one_line_per_mistake(
    document: dict[str, Any], suffix: str
) -> None:
    text = _yaml(document) if suffix == ".yaml" else toml_text(document)
    path, outcome = _load(text, suffix)
    _check(path, outcome, len(text.splitlines()))


@settings(max_examples=100, deadline=None)
@given(
    st.one_of(st.text(max_size=200), st.binary(max_size=200)), st.sampled_from([".yaml", ".toml"])
)
def test_any_bytes_as_a_journey_file_give_a_journey_file_error(
    content: str | bytes, suffix: str
) -> None:
    path, outcome = _load(content, suffix)
    lines = len(content.splitlines())
    _check(path, outcome, lines + 1)
