"""Reading the error_state probe's facts (what the page showed after the auditor submitted a
form): shared by the error-state checks, which are inapplicable when nothing was submitted."""

from __future__ import annotations

from auditor.checks._layout import Item, items, text
from auditor.checks.base import CheckContext, Inapplicable
from auditor.models import Node

PROBE = "error_state"
PROBES = (PROBE,)


def submission(ctx: CheckContext) -> Item:
    """The probe's facts, or Inapplicable when no form was submitted on this page."""
    data = ctx.probe(PROBE)
    if not isinstance(data, dict) or data.get("submitted") is not True:
        raise Inapplicable()
    return data


def summary(facts: Item) -> Item | None:
    value = facts.get("summary")
    return value if isinstance(value, dict) else None


def node(item: Item) -> Node:
    return Node(selector=text(item, "selector"), snippet=text(item, "snippet"))


def what(facts: Item) -> str:
    """How the form was submitted, for messages."""
    return "with wrong values" if text(facts, "kind") == "invalid" else "empty"


def errors_shown(facts: Item) -> bool:
    """Whether the page said anything about a problem (a summary or a new message)."""
    return summary(facts) is not None or bool(items(facts, "messages"))


def form_node(facts: Item) -> Node:
    return Node(selector=text(facts, "form") or "form", snippet="")


__all__ = ["PROBES", "errors_shown", "form_node", "node", "submission", "summary", "what"]
