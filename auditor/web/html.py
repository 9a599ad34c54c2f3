"""HTML helpers every stage shares: a CSS selector for a parsed element, a short snippet, and
the element a snippet holds."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

SNIPPET_LIMIT = 300


def css_selector(element: Tag) -> str:
    """A CSS selector for a parsed element: its id, or a path from the nearest ancestor with one."""
    parts: list[str] = []
    node: Tag | None = element
    while node is not None and node.name not in ("[document]", None):
        ident = node.get("id")
        if isinstance(ident, str) and re.fullmatch(r"[A-Za-z][\w-]*", ident):
            parts.append(f"#{ident}")
            break
        parent = node.parent
        if parent is None or node.name in ("html",):
            parts.append(node.name)
            break
        same = list(parent.find_all(node.name, recursive=False))
        part = node.name
        if len(same) > 1:
            part += f":nth-of-type({same.index(node) + 1})"
        parts.append(part)
        node = parent if isinstance(parent, Tag) else None
    return " > ".join(reversed(parts))


def snippet_of(element: Tag) -> str:
    text = str(element)
    return text if len(text) <= SNIPPET_LIMIT else text[: SNIPPET_LIMIT - 1] + "…"


def whole_element(snippet: str) -> Tag | None:
    """The element an HTML snippet holds, when the snippet holds all of it (axe-core cuts long
    snippets short, and a cut snippet proves nothing about the element's text)."""
    root = BeautifulSoup(snippet, "html.parser").find()
    if not isinstance(root, Tag) or not snippet.rstrip().endswith(f"</{root.name}>"):
        return None
    for hidden in root.find_all(["script", "style", "template"]):
        hidden.decompose()
    return root
