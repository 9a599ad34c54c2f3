"""Reading the layout probes' JSON: element lists and their fields, typed."""

from __future__ import annotations

from pydantic import JsonValue

from auditor.models import Node
from auditor.web.html import SNIPPET_LIMIT

Item = dict[str, JsonValue]


def section(data: JsonValue, key: str) -> Item:
    """`data[key]` as an object ({} when absent)."""
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, dict) else {}


def items(data: JsonValue, key: str) -> list[Item]:
    """The objects listed under `data[key]`."""
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, dict)]


def text(item: Item, key: str) -> str:
    value = item.get(key)
    return value if isinstance(value, str) else ""


def number(item: Item, key: str, default: float = 0.0) -> float:
    value = item.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return default
    return float(value)


def flag(item: Item, key: str) -> bool:
    return item.get(key) is True


def node(item: Item) -> Node:
    """The element a probe named, as a finding's node."""
    snippet = text(item, "snippet")
    if len(snippet) > SNIPPET_LIMIT:
        snippet = snippet[: SNIPPET_LIMIT - 1] + "…"
    return Node(selector=text(item, "selector"), snippet=snippet)
