"""auditor.toml files full of mistakes (near-miss names, wrong types, nonsense, broken TOML,
bytes that are not UTF-8): every one is a ConfigError naming the file, the line and the
setting, never another exception."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.config import AuditConfig, resolve
from auditor.errors import ConfigError
from tests.properties.strategies import toml_documents, toml_text

SETTINGS = sorted(AuditConfig.model_fields)
NESTED = ["name", "value", "domain", "path", "url", "steps", "fill", "click", "wait_for"]


def _resolve(content: str | bytes) -> tuple[Path, AuditConfig | ConfigError]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "auditor.toml"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        try:
            return path, resolve({}, cwd=Path(folder), environ={})[0]
        except ConfigError as exc:
            return path, exc


@settings(max_examples=100, deadline=None)
@given(toml_documents(SETTINGS, NESTED))
def test_a_wrong_config_file_names_file_line_and_setting(document: dict[str, Any]) -> None:
    text = toml_text(document)
    path, outcome = _resolve(text)
    if isinstance(outcome, AuditConfig):
        return
    message = str(outcome)
    assert "\n" not in message
    located = re.match(rf"{re.escape(str(path))}:(\d+): ", message)
    if located is None:  # broken TOML: tomllib says where
        assert message.startswith(f"{path}: "), message
        assert re.search(r"\(at line \d+, column \d+\)|\(at end of document\)", message), message
        return
    line, rest = int(located.group(1)), message[located.end() :]
    unknown = re.match(r"unknown setting '([^']*)'", rest)
    setting = unknown.group(1) if unknown else rest.split(":")[0].split(".")[0]
    named = text.splitlines()[line - 1]
    assert setting in named, f"line {line} ({named!r}) is not where {setting!r} is: {message}"


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.text(max_size=200), st.binary(max_size=200)))
def test_any_bytes_in_a_config_file_give_a_config_error_or_a_config(
    content: str | bytes,
) -> None:
    path, outcome = _resolve(content)
    if isinstance(outcome, ConfigError):
        assert str(outcome).startswith(str(path)), outcome
