"""Links whose text is generic ("click here", "read more") and whose purpose nothing around
them explains fail WCAG 2.4.4 Link Purpose (In Context).

WCAG 2.4.4 judges a link's purpose from its text together with its programmatically determined
context (Understanding 2.4.4; ACT rule 5effbb): the enclosing sentence or paragraph, list item or
table cell, the table's header cells for that cell, the key of a summary-list row, the panel a
tab controls, or an `aria-describedby` description. A generic link with such context is not a
sure failure: it needs review (does the context say where it goes?), and on its own its text fails
only the AAA 2.4.9. A generic link with none of that context fails.

## Why it matters
Screen-reader users often move through a page by its list of links. Twelve links all called
"read more" tell them nothing about where each goes.

## How to fix
Make the link text say where it goes ("Read more about bin collection days"), or give the link an
`aria-label` or `aria-labelledby` that does.

## Example
    <p><a href="/bins">Read more</a></p>                          → fail (no context)
    <p>Bin days have changed: <a href="/bins">read more</a>.</p>  → needs review (context)
    <a href="/bins">Read more about bin collection days</a>      → pass
    <a href="/bins" aria-label="Read more about bins">Read more</a>  → pass
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import Tag

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.models import Finding, Impact

GENERIC = frozenset(
    {
        "click here",
        "click",
        "here",
        "read more",
        "more",
        "more info",
        "more information",
        "find out more",
        "learn more",
        "link",
        "this link",
        "this page",
        "go",
        "details",
    }
)
_PUNCTUATION = re.compile(r"[\s.,:;!?…»›>\-–—]+")


def _normalise(text: str) -> str:
    return _PUNCTUATION.sub(" ", text).strip().lower()


@register
class GenericLinkText(Check):
    meta = CheckMeta(
        id="custom/generic-link-text",
        title="Links have descriptive text",
        failure_title="Links use generic text",
        help_url="https://www.w3.org/WAI/WCAG21/Understanding/link-purpose-in-context.html",
        tags=("cat.name-role-value", "wcag2a", "wcag244"),
        impact=Impact.SERIOUS,
        description="Link text alone, or with its context, must say where the link goes.",
        act_rules=("5effbb",),
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        links = ctx.soup.select("a[href]")
        if not links:
            raise self.inapplicable()
        for link in links:
            if link.get("aria-label") or link.get("aria-labelledby"):
                continue
            text = _normalise(link.get_text(" ", strip=True))
            if text not in GENERIC:
                continue
            context = link_context(link)
            if context:
                yield self.review(
                    ctx,
                    link,
                    f'Link text "{text}" relies on its context ("{context[:80]}"): check that '
                    "says where the link goes (WCAG 2.4.4); the text alone fails only the AAA "
                    "2.4.9",
                )
            else:
                yield self.fail(
                    ctx,
                    link,
                    f'Link text "{text}" does not say where the link goes, and nothing around it '
                    "(its sentence, list item, table cell or a description) does",
                )


# The elements whose text is a link's context (its sentence or paragraph, list item, cell…).
_SCOPES = (
    *("p", "li", "td", "th", "dd", "dt", "caption", "figcaption", "blockquote", "label"),
    *("legend", "h1", "h2", "h3", "h4", "h5", "h6"),
)
_WORD = re.compile(r"[^\W\d_]{3,}")


def _words(text: str) -> str:
    return " ".join(text.split())


def link_context(link: Tag) -> str:
    """The link's programmatically determined context (WCAG 2.4.4) besides its own text: "" when
    it has none."""
    own = link.get_text(" ", strip=True)
    parts = []
    described = link.get("aria-describedby")
    if described:
        root = link.find_parent("html") or link
        for ident in str(described).split():
            target = root.find(id=ident) if isinstance(root, Tag) else None
            if isinstance(target, Tag):
                parts.append(target.get_text(" ", strip=True))
    scope = link.find_parent(_SCOPES)
    if isinstance(scope, Tag):
        parts.append(scope.get_text(" ", strip=True).replace(own, " ", 1))
        parts.extend(_row_headers(scope))
    parts.append(_controlled_panel(link))
    context = _words(" ".join(p for p in parts if p))
    return context if _WORD.search(context) else ""


def _row_headers(scope: Tag) -> list[str]:
    """A cell's header cells, and a summary-list row's key: context for what is inside."""
    found = []
    cell = scope if scope.name in ("td", "th", "dd") else scope.find_parent(("td", "dd"))
    if isinstance(cell, Tag) and cell.name == "td":
        row = cell.find_parent("tr")
        if isinstance(row, Tag):
            found += [th.get_text(" ", strip=True) for th in row.find_all("th", limit=2)]
            index = list(row.find_all(("td", "th"), recursive=False)).index(cell)
            table = row.find_parent("table")
            head = table.find("tr") if isinstance(table, Tag) else None
            if isinstance(head, Tag) and head is not row:
                cells = head.find_all(("td", "th"), recursive=False)
                if index < len(cells) and cells[index].name == "th":
                    found.append(cells[index].get_text(" ", strip=True))
    if isinstance(cell, Tag) and cell.name == "dd":
        key = cell.find_previous_sibling("dt")
        if isinstance(key, Tag):
            found.append(key.get_text(" ", strip=True))
    return found


def _controlled_panel(link: Tag) -> str:
    """A tab's context is the panel it shows: its first heading, or the start of its text."""
    if link.get("role") != "tab" and "govuk-tabs__tab" not in (link.get("class") or []):
        return ""
    href = str(link.get("href", ""))
    ident = str(link.get("aria-controls") or (href[1:] if href.startswith("#") else ""))
    root = link.find_parent("html")
    panel = root.find(id=ident) if ident and isinstance(root, Tag) else None
    if not isinstance(panel, Tag):
        return ""
    heading = panel.find(("h1", "h2", "h3", "h4", "h5", "h6"))
    return (heading or panel).get_text(" ", strip=True)[:120]
