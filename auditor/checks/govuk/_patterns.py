"""Helpers the GOV.UK pattern checks share: classes, visibility, landmarks, text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import unquote

from bs4 import BeautifulSoup, Tag

# Classes that hide text visually but leave it to screen readers, across the design systems.
VISUALLY_HIDDEN = frozenset(
    {
        "govuk-visually-hidden",
        "govuk-visually-hidden-focusable",
        "nhsuk-u-visually-hidden",
        "visually-hidden",
        "sr-only",
    }
)
# Where a <header> or <footer> stops being the page's banner or contentinfo (HTML-AAM).
SECTIONING = frozenset({"article", "aside", "main", "nav", "section"})
SECTIONING_ROLES = frozenset({"article", "complementary", "main", "navigation", "region"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def classes(tag: Tag) -> list[str]:
    value = tag.get("class")
    if isinstance(value, str):
        return value.split()
    return list(value) if value else []


def has_class(tag: Tag, *names: str) -> bool:
    return any(c in names for c in classes(tag))


def attr(tag: Tag, name: str) -> str:
    value = tag.get(name)
    if isinstance(value, list):
        return " ".join(value)
    return value or ""


def role(tag: Tag) -> str:
    return attr(tag, "role").strip().lower().split(" ")[0] if tag.get("role") else ""


def outermost(soup: BeautifulSoup, names: Iterable[str]) -> list[Tag]:
    """Elements carrying any of these classes, leaving out those inside another one."""
    wanted = tuple(names)
    found = [t for t in soup.find_all(True) if has_class(t, *wanted)]
    chosen = set(map(id, found))
    return [t for t in found if not any(id(p) in chosen for p in t.parents)]


def self_and_ancestors(tag: Tag) -> Iterator[Tag]:
    node: Tag | None = tag
    while node is not None and node.name != "[document]":
        yield node
        node = node.parent


def is_hidden(tag: Tag) -> bool:
    """Hidden by markup (`hidden`, `inert`, inline `display: none`), itself or an ancestor."""
    for node in self_and_ancestors(tag):
        if node.has_attr("hidden") or node.has_attr("inert"):
            return True
        if _HIDDEN_STYLE.search(attr(node, "style")):
            return True
        if node.name in ("template", "noscript"):
            return True
    return False


def visible_text(tag: Tag) -> str:
    """Text shown on screen: without visually hidden spans, whitespace collapsed."""
    parts = []
    for text in tag.find_all(string=True):
        parent = text.parent
        if parent is None or any(
            has_class(node, *VISUALLY_HIDDEN) for node in self_and_ancestors(parent)
        ):
            continue
        if parent.name in ("script", "style"):
            continue
        parts.append(str(text))
    return " ".join(" ".join(parts).split())


def text_of(tag: Tag) -> str:
    return " ".join(tag.get_text(" ", strip=True).split())


def main_element(soup: BeautifulSoup) -> Tag | None:
    found = soup.find("main")
    if isinstance(found, Tag):
        return found
    found = soup.find(attrs={"role": "main"})
    return found if isinstance(found, Tag) else None


def inside(tag: Tag, container: Tag) -> bool:
    return any(parent is container for parent in tag.parents)


def landmark_of(tag: Tag, element: str, landmark_role: str) -> tuple[Tag | None, str]:
    """The `<header>`/`<footer>` (or role) that makes `tag` a top-level landmark, and else why not.

    Gives (landmark, "") when `tag` is, or sits in, a landmark of `landmark_role` that is not
    inside sectioning content or another landmark; otherwise (None, reason).
    """
    for node in self_and_ancestors(tag):
        explicit = role(node)
        if explicit == landmark_role or (node.name == element and not explicit):
            container = next(
                (
                    parent
                    for parent in node.parents
                    if isinstance(parent, Tag)
                    and (parent.name in SECTIONING or role(parent) in SECTIONING_ROLES)
                ),
                None,
            )
            if container is None:
                return node, ""
            where = role(container) or container.name
            return None, (
                f"its <{node.name}> is inside <{container.name}>"
                + (f' (role "{where}")' if where != container.name else "")
            )
    return None, f"it is not inside a <{element}> element or role={landmark_role}"


def describe(tag: Tag) -> str:
    """A short human name for an element: `link "Home"`, `button "Menu"`, `<input>`."""
    text = text_of(tag) or attr(tag, "aria-label")
    text = text if len(text) <= 50 else text[:49] + "…"
    kind = {"a": "link", "button": "button", "summary": "summary"}.get(tag.name)
    if kind:
        return f'the {kind} "{text}"' if text else f"a {kind} with no text"
    return f"<{tag.name}>"


def target_id(href: str) -> str | None:
    """The id a same-page link points at (`#main-content` → `main-content`), else None."""
    if not href.startswith("#") or len(href) < 2:
        return None
    return unquote(href[1:])


def find_by_id(soup: BeautifulSoup, ident: str) -> Tag | None:
    found = soup.find(id=ident)
    if isinstance(found, Tag):
        return found
    anchor = soup.find("a", attrs={"name": ident})
    return anchor if isinstance(anchor, Tag) else None
