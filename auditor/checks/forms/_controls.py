"""Reading forms from the parsed page: controls, their groups and their labels (pure)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

NOT_CONTROLS = {"hidden", "submit", "button", "image", "reset"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def attr(tag: Tag, name: str) -> str:
    value = tag.get(name)
    if isinstance(value, list):
        return " ".join(value)
    return value.strip() if isinstance(value, str) else ""


def text_of(tag: Tag | None) -> str:
    return " ".join(tag.get_text(" ").split()) if tag is not None else ""


def hidden(tag: Tag) -> bool:
    """Hidden by markup (not by a stylesheet, which a pure check cannot see)."""
    for node in [tag, *tag.parents]:
        if not isinstance(node, Tag):
            continue
        if node.has_attr("hidden") or attr(node, "aria-hidden") == "true":
            return True
        if _HIDDEN_STYLE.search(attr(node, "style")):
            return True
    return False


def controls(root: Tag | BeautifulSoup) -> list[Tag]:
    """The fields a person fills in: inputs (not hidden or buttons), selects and textareas."""
    found = []
    for tag in root.find_all(["input", "select", "textarea"]):
        if tag.name == "input" and attr(tag, "type").lower() in NOT_CONTROLS:
            continue
        if tag.has_attr("disabled") or hidden(tag):
            continue
        found.append(tag)
    return found


def is_choice(tag: Tag) -> bool:
    return tag.name == "input" and attr(tag, "type").lower() in ("radio", "checkbox")


def groups(fields: list[Tag]) -> list[list[Tag]]:
    """Fields as questions: radios and checkboxes sharing a name are one group, in page order."""
    found: list[list[Tag]] = []
    by_name: dict[str, list[Tag]] = {}
    for tag in fields:
        name = attr(tag, "name")
        if is_choice(tag) and name:
            if name not in by_name:
                by_name[name] = []
                found.append(by_name[name])
            by_name[name].append(tag)
        else:
            found.append([tag])
    return found


def labels_of(soup: BeautifulSoup | Tag, tag: Tag) -> list[Tag]:
    """The <label> elements of a control: `for` its id, or wrapping it."""
    found = []
    ident = attr(tag, "id")
    if ident:
        found += [lab for lab in soup.find_all("label") if attr(lab, "for") == ident]
    wrapping = tag.find_parent("label")
    if wrapping is not None and wrapping not in found:
        found.append(wrapping)
    return found


def by_id(soup: BeautifulSoup | Tag, ident: str) -> Tag | None:
    found = soup.find(id=ident)
    return found if isinstance(found, Tag) else None


def ids(tag: Tag, name: str) -> list[str]:
    return attr(tag, name).split()


def label_text(soup: BeautifulSoup | Tag, tag: Tag) -> str:
    """The visible label's words (labels and aria-labelledby), else ""."""
    parts = [text_of(lab) for lab in labels_of(soup, tag)]
    parts += [text_of(by_id(soup, i)) for i in ids(tag, "aria-labelledby")]
    return " ".join(p for p in parts if p)


def question_text(soup: BeautifulSoup | Tag, group: list[Tag]) -> str:
    """What a question says: its fieldset's legend for a group, else the field's label."""
    first = group[0]
    fieldset = first.find_parent("fieldset")
    legend = fieldset.find("legend") if fieldset is not None else None
    words = text_of(legend) if isinstance(legend, Tag) and len(group) > 1 else ""
    return " ".join(w for w in (words, label_text(soup, first)) if w)


def fieldset_of(tag: Tag) -> Tag | None:
    """The nearest grouping with a name: a fieldset, or role=group/radiogroup."""
    for node in tag.parents:
        if not isinstance(node, Tag):
            continue
        if node.name == "fieldset" or attr(node, "role") in ("group", "radiogroup"):
            return node
    return None
