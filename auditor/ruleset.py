"""Rulesets as data: which checks run, axe's tags, weights. TOML validated with `extra="forbid"`.

Selection follows flake8/ruff: a selector is an exact id, a namespace ending in `/`, or
`tag:<tag>`; the most specific match wins between include and exclude (an exact id, then a tag,
then the longest namespace).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from auditor.categories import DEFAULT_WEIGHTS
from auditor.checks import REDIRECTS, all_checks
from auditor.checks.base import BaseCheck
from auditor.errors import RulesetError
from auditor.gating import Thresholds
from auditor.models import ScoreWeights

RULESET_DIR = Path(__file__).resolve().parent.parent / "rulesets"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AxeSettings(_Strict):
    tags: list[str] = Field(default_factory=lambda: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    disable: list[str] = Field(default_factory=list)


class Selection(_Strict):
    include: list[str] = Field(default_factory=lambda: ["axe/", "custom/"])
    exclude: list[str] = Field(default_factory=list)


class Weights(ScoreWeights):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Ruleset(_Strict):
    id: str
    title: str = ""
    extends: list[str] = Field(default_factory=list)
    axe: AxeSettings = Field(default_factory=AxeSettings)
    select: Selection = Field(default_factory=Selection)
    weights: Weights = Field(default_factory=Weights)
    thresholds: Thresholds = Field(default_factory=Thresholds)
    # Without a [categories] table: the page categories only; documents and the LGDSS scorecard
    # count when a ruleset names them (rulesets/council.toml).
    categories: dict[str, float] = Field(
        default_factory=lambda: {
            k: v for k, v in DEFAULT_WEIGHTS.items() if k not in ("documents", "lgdss")
        }
    )

    @property
    def sha256(self) -> str:
        body = json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(body.encode()).hexdigest()

    @property
    def wcag_version(self) -> str:
        """The WCAG version the ruleset judges against: 2.2 when its axe tags name 2.2."""
        return "2.2" if {"wcag22a", "wcag22aa"} & set(self.axe.tags) else "2.1"

    def selected_checks(self) -> dict[str, type[BaseCheck]]:
        """The checks this ruleset runs, by id: selected, and for axe rules, run by axe."""
        tags = set(self.axe.tags)
        disabled = {f"axe/{rule}" for rule in self.axe.disable}
        chosen = {}
        for check_id, cls in all_checks().items():
            if check_id.startswith("axe/") and (
                check_id in disabled or not tags & set(cls.meta.tags)
            ):
                continue
            if is_selected(check_id, cls.meta.tags, self.select.include, self.select.exclude):
                chosen[check_id] = cls
        return chosen


def _matches(selector: str, check_id: str, tags: tuple[str, ...]) -> tuple[int, int]:
    """How specifically a selector names a check, (0, 0) for not at all. An exact id beats a
    tag, a tag beats a namespace, and a longer namespace beats a shorter one (whole segments)."""
    if selector == check_id:
        return (3, 0)
    if selector.startswith("tag:"):
        return (2, 0) if selector[4:] in tags else (0, 0)
    if selector.endswith("/") and check_id.startswith(selector):
        return (1, len(selector))
    return (0, 0)


def is_selected(
    check_id: str, tags: tuple[str, ...], include: list[str], exclude: list[str]
) -> bool:
    best_in = max((_matches(s, check_id, tags) for s in include), default=(0, 0))
    best_out = max((_matches(s, check_id, tags) for s in exclude), default=(0, 0))
    return best_in > (0, 0) and best_in > best_out


def available() -> list[str]:
    return sorted(p.stem for p in RULESET_DIR.glob("*.toml"))


def load_ruleset(name: str) -> Ruleset:
    """A ruleset by id (a file in rulesets/) or by path, with `extends` merged in order."""
    data = _load_merged(name, ())
    try:
        ruleset = Ruleset.model_validate(data)
    except ValidationError as exc:
        raise RulesetError(_explain(exc, _path_of(name), data)) from None
    _check_known_ids(ruleset, _path_of(name))
    return ruleset


def _path_of(name: str) -> Path:
    path = Path(name)
    if path.suffix == ".toml" or _exists(path):
        return path
    return RULESET_DIR / f"{name}.toml"


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a name too long to be a file, say
        return False


def _load_merged(name: str, chain: tuple[str, ...]) -> dict[str, Any]:
    path = _path_of(name)
    key = str(path.resolve())
    if key in chain:
        raise RulesetError(f"{path}: 'extends' forms a cycle ({' → '.join([*chain, key])})")
    if not _exists(path):
        choices = ", ".join(available())
        raise RulesetError(f"ruleset {name!r} not found (built-in rulesets: {choices})")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RulesetError(f"{path}: {exc}") from None
    except UnicodeDecodeError as exc:
        raise RulesetError(f"{path}: not UTF-8 text (byte {exc.start + 1})") from None
    except OSError as exc:
        raise RulesetError(f"{path}: cannot read: {exc.strerror or exc}") from None
    parents = data.get("extends", [])
    if not isinstance(parents, list) or not all(isinstance(p, str) and p for p in parents):
        line = _line_of(path, "extends")
        where = f"{path}:{line}" if line else str(path)
        raise RulesetError(f"{where}: extends: give a list of ruleset ids or paths")
    merged: dict[str, Any] = {}
    for parent in parents:
        parent_name = str(parent)
        if (parent_name.endswith(".toml") or "/" in parent_name) and not Path(
            parent_name
        ).is_absolute():
            parent_name = str(path.parent / parent_name)  # relative to the file naming it
        merged = _merge(merged, _load_merged(parent_name, (*chain, key)))
    merged = _merge(merged, data)
    merged.pop("id", None)  # a ruleset never inherits its parent's id
    if "id" in data:
        merged["id"] = data["id"]
    return merged


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _check_known_ids(ruleset: Ruleset, path: Path) -> None:
    known = set(all_checks()) | set(REDIRECTS)
    for field_name, selectors in (
        ("select.include", ruleset.select.include),
        ("select.exclude", ruleset.select.exclude),
    ):
        for selector in selectors:
            if selector.startswith("tag:") or selector.endswith("/"):
                continue
            if selector not in known:
                hint = difflib.get_close_matches(selector, known, n=1)
                more = f" (did you mean {hint[0]!r}?)" if hint else ""
                raise RulesetError(f"{path}: {field_name} names unknown check {selector!r}{more}")
    axe_rules = {c.removeprefix("axe/") for c in all_checks() if c.startswith("axe/")}
    for rule in ruleset.axe.disable:
        if rule not in axe_rules:
            raise RulesetError(f"{path}: axe.disable names unknown axe rule {rule!r}")


def _explain(exc: ValidationError, path: Path, data: dict[str, Any]) -> str:
    """One line naming the file, line and field of the first mistake."""
    error = exc.errors()[0]
    field_path = ".".join(str(p) for p in error["loc"])
    leaf = str(error["loc"][-1]) if error["loc"] else ""
    line = _line_of(path, leaf)
    where = f"{path}:{line}" if line else str(path)
    if error["type"] == "extra_forbidden":
        parent: Any = data
        for part in error["loc"][:-1]:
            parent = parent.get(part, {}) if isinstance(parent, dict) else {}
        allowed = _allowed_fields(error["loc"][:-1])
        hint = difflib.get_close_matches(leaf, allowed, n=1)
        more = f" (did you mean {hint[0]!r}?)" if hint else ""
        return f"{where}: unknown field {field_path!r}{more}"
    return f"{where}: {field_path}: {error['msg']}"


def _allowed_fields(loc: tuple[Any, ...]) -> list[str]:
    model: type[BaseModel] = Ruleset
    for part in loc:
        info = model.model_fields.get(str(part))
        annotation = info.annotation if info else None
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            model = annotation
        else:
            return []
    return list(model.model_fields)


def _line_of(path: Path, key: str) -> int | None:
    if not key or not path.exists():
        return None
    pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=|^\s*\[{re.escape(key)}\]")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if pattern.search(line):
            return number
    return None
