"""Read a journey file (YAML, or TOML by its suffix) into a `Journey`, or fail with one line per
mistake: `FILE:LINE: where: what to fix`. Never a traceback: a journey file is user input.

YAML is read with ruamel.yaml, which keeps the line of every key and list item, so a mistake
deep in a step still names its line. TOML has no line numbers after parsing; mistakes there
name the step instead.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from auditor.config import resolve_secret
from auditor.errors import ConfigError
from auditor.journeys.model import ACTIONS, FillStep, Journey, action_of


class JourneyFileError(ConfigError):
    """A journey file that cannot be used: every mistake, one per line."""


def load_journey(path: str | Path) -> Journey:
    """The journey in `path`, validated; JourneyFileError listing every mistake otherwise."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise JourneyFileError(f"{file}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise JourneyFileError(f"{file}: not UTF-8 text (byte {exc.start + 1})") from None
    raw: Any
    if file.suffix == ".toml":
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise JourneyFileError(f"{file}: {exc}") from None
    else:
        try:
            raw = YAML(typ="rt").load(text)
        except MarkedYAMLError as exc:
            line = exc.problem_mark.line + 1 if exc.problem_mark else 1
            raise JourneyFileError(f"{file}:{line}: not valid YAML: {exc.problem}") from None
        except YAMLError as exc:  # unprintable characters, say: no position to give
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise JourneyFileError(f"{file}: not valid YAML: {first}") from None
    if not isinstance(raw, dict):
        raise JourneyFileError(f"{file}:1: a journey file is a mapping with name, start and steps")
    try:
        return Journey.model_validate(_plain(raw))
    except ValidationError as exc:
        raise JourneyFileError(
            "\n".join(sorted(set(_messages(file, raw, exc)), key=_line_order))
        ) from None


def resolve_data(journey: Journey, environ: dict[str, str] | None = None) -> dict[str, str]:
    """The test data the journey's steps use, with `env:`/`file:` values read now, so a missing
    variable stops the run before the browser starts. An entry no step uses is not read: it
    need not be set."""
    used = {step.data for step in journey.steps if isinstance(step, FillStep) and step.data}
    return {
        name: resolve_secret(value, environ) for name, value in journey.data.items() if name in used
    }


def _plain(node: Any) -> Any:
    """ruamel's commented containers as plain dicts and lists (values unchanged)."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def _line_order(message: str) -> tuple[int, str]:
    parts = message.split(":", 2)
    return (int(parts[1]) if len(parts) > 2 and parts[1].isdigit() else 0, message)


def _messages(file: Path, raw: Any, exc: ValidationError) -> list[str]:
    found = []
    for error in exc.errors():
        loc = list(error["loc"])
        # The step union's tag follows the step's index: `steps[2].fill.value` → `steps[2].value`.
        if len(loc) > 2 and loc[0] == "steps" and loc[2] in ACTIONS:
            del loc[2]
        explained = _explain(error, raw, loc)
        # A journey-wide check that names one step's key ("steps[2]: data 'x' is not
        # defined") is placed on that key's own line.
        if not loc and (named := _STEP_KEY.match(explained)):
            loc = ["steps", int(named["index"]), named["key"]]
            explained = named["rest"]
        line = _line_of(raw, loc)
        where = _where(loc)
        found.append(f"{file}:{line}: {where}: {explained}")
    return found


_STEP_KEY = re.compile(r"steps\[(?P<index>\d+)\]: (?P<rest>(?P<key>[a-z_]+) .*)")


def _where(loc: list[int | str]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "journey"


def _explain(error: Any, raw: Any, loc: list[int | str]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        parent = _node(raw, loc[:-1])
        key = str(loc[-1])
        known = _known_keys(parent)
        close = difflib.get_close_matches(key, known, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else f" (known: {', '.join(known)})"
        return f"unknown key {key!r}{hint}"
    if kind == "missing":
        return "missing: add it"
    if kind == "unknown_action":
        step = _node(raw, loc)
        keys = list(step) if isinstance(step, dict) else []
        named = [k for k in keys if k in ACTIONS]
        if len(named) > 1:
            return f"a step takes one action, this one has {', '.join(named)}: split it"
        guesses = [g for k in keys for g in difflib.get_close_matches(str(k), ACTIONS, n=1)]
        hint = f" (did you mean {guesses[0]!r}?)" if guesses else ""
        return f"no action in this step{hint}; use one of {', '.join(ACTIONS)}"
    message = str(error["msg"]).removeprefix("Value error, ")
    return message[:1].lower() + message[1:]


def _known_keys(parent: Any) -> list[str]:
    """The keys allowed where an unknown key was found (a step's, or the journey's)."""
    from auditor.journeys import model

    if isinstance(parent, dict) and (action := action_of(parent)):
        cls = next(
            c
            for c in vars(model).values()
            if isinstance(c, type) and issubclass(c, BaseModel) and action in c.model_fields
        )
        return list(cls.model_fields)
    return list(Journey.model_fields)


def _node(raw: Any, loc: list[int | str]) -> Any:
    node = raw
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _line_of(raw: Any, loc: list[int | str]) -> int:
    """The 1-based line of the deepest node of `loc` that the file has (1 without positions)."""
    line = 0
    node = raw
    for part in loc:
        position = None
        try:
            if isinstance(node, CommentedMap) and part in node:
                position = node.lc.key(part)
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
                position = node.lc.item(part)
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if position is not None:
            line = position[0]
    return line + 1
