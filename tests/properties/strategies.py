"""Hypothesis strategies for user input: TOML documents with near-miss keys and wrong types,
hostile text, and URL-like strings. Shared by the property tests in this folder."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hypothesis import strategies as st

NASTY_TEXT = [
    "",
    " ",
    "-1",
    "0",
    "1e309",
    "nan",
    "true",
    "env:NOT_SET_ANYWHERE",
    "file:/nonexistent/secret",
    "(",
    "[a-",
    "x" * 300,
    "<script>alert(1)</script>",
    "\x1b[2J",
    "../../etc/passwd",
    "http://",
    "http://[::1",
    "ftp://example.test/",
    "999999x1",
    "0x0",
    "desktop",
    "mobile",
    "=1+2",
    "é\u202e",
]


def _typos(names: Iterable[str]) -> st.SearchStrategy[str]:
    """A known name, or one with a letter dropped, doubled or changed, or upper-cased."""
    known = sorted(names)

    def mutate(name: str, where: int, how: int) -> str:
        i = where % max(len(name), 1)
        return [
            name,
            name[:i] + name[i + 1 :],
            name[:i] + name[i : i + 1] * 2 + name[i + 1 :],
            name[:i] + "x" + name[i + 1 :],
            name.upper(),
            name.replace("_", "-"),
        ][how % 6] or name

    return st.builds(mutate, st.sampled_from(known), st.integers(0, 40), st.integers(0, 5))


def scalars() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.integers(-(2**63), 2**63 - 1),
        st.floats(allow_nan=False, allow_infinity=False),
        st.booleans(),
        st.sampled_from(NASTY_TEXT),
        st.text(max_size=20),
    )


def values(keys: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    """TOML values: scalars, lists of them, and small tables (keys near-misses too)."""
    return st.recursive(
        scalars(),
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.dictionaries(keys, inner, max_size=3),
        ),
        max_leaves=8,
    )


def toml_documents(
    names: Iterable[str], nested: Iterable[str] = ()
) -> st.SearchStrategy[dict[str, Any]]:
    """Top-level tables whose keys are mostly the given names, slightly wrong at times."""
    keys = st.one_of(_typos([*names, *nested]), st.from_regex(r"[a-z_]{1,12}", fullmatch=True))
    return st.dictionaries(keys, values(keys), min_size=1, max_size=6)


def _string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _key(name: str) -> str:
    bare = name.replace("_", "").replace("-", "")
    return name if bare.isascii() and bare.isalnum() else _string(name)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return "{" + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + "}"


def toml_text(document: dict[str, Any]) -> str:
    """The document as TOML: scalars and lists first, then each table as a [section], so
    mistakes land on lines of both kinds."""
    lines = [f"{_key(k)} = {_value(v)}" for k, v in document.items() if not isinstance(v, dict)]
    for name, table in document.items():
        if isinstance(table, dict):
            lines.append(f"[{_key(name)}]")
            lines += [f"{_key(k)} = {_value(v)}" for k, v in table.items()]
    return "\n".join(lines) + "\n"
