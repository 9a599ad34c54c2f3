"""What can be dragged can also be done with single clicks or taps (WCAG 2.2 2.5.7 Dragging
Movements).

The check finds widgets operated by dragging: elements marked `draggable="true"` or with
`ondragstart`/`ondrop` handlers, the containers of common sortable-list libraries (`sortable`,
`ui-sortable`, `dnd-list`) and of slippy maps (Leaflet, Mapbox GL, OpenLayers). A widget with
no button, link or select of its own needs review: a person should check that every drag has a
single-pointer alternative (up and down buttons on a list, zoom and pan buttons on a map). A
widget that has such controls passes; whether they do the same as the drag is not judged.

It never fails: listeners added by script, and alternatives elsewhere on the page, cannot be
seen in the markup.

## Why it matters
People with tremors, and people who use a head pointer, eye gaze or a mouth stick, can click but
cannot hold a button down while moving. A reorder-by-drag list or a map that only pans by
dragging shuts them out.

## How to fix
Give each draggable item buttons that do the same with one click:

    <li draggable="true">Garden waste <button>Move up</button> <button>Move down</button></li>

## Example
    <ul class="sortable"><li>…</li></ul>                       → needs review
    <ul class="sortable"><li>… <button>Move up</button></li></ul> → pass
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import Tag

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.models import Finding, Impact

_LIBRARY = re.compile(
    r"^(sortable|ui-sortable|dnd-list|dragula-container|leaflet-container|mapboxgl-map|"
    r"ol-viewport|maplibregl-map)$",
    re.IGNORECASE,
)
_MAP = re.compile(r"leaflet|mapbox|maplibre|ol-viewport", re.IGNORECASE)
_ALTERNATIVES = ["button", "a", "select", '[role="button"]', 'input[type="button"]']


def _drag_widget(tag: Tag) -> bool:
    if str(tag.get("draggable", "")).lower() == "true" or tag.has_attr("ondragstart"):
        return True
    if tag.has_attr("ondrop"):
        return True
    return any(_LIBRARY.match(str(c)) for c in tag.get_attribute_list("class") if c)


def _widget_of(tag: Tag) -> Tag:
    """A draggable item stands for its list: the parent of several draggable siblings."""
    parent = tag.parent
    if isinstance(parent, Tag) and str(tag.get("draggable", "")).lower() == "true":
        siblings = parent.find_all(attrs={"draggable": "true"}, recursive=False)
        if len(siblings) > 1:
            return parent
    return tag


@register
class DraggingMovements(Check):
    meta = CheckMeta(
        id="custom/dragging-movements",
        title="Dragging has a single-pointer alternative",
        failure_title="Widgets operated by dragging may have no single-pointer alternative",
        help_url="https://www.w3.org/WAI/WCAG22/Understanding/dragging-movements.html",
        tags=("cat.keyboard", "wcag22aa", "wcag257"),
        impact=Impact.SERIOUS,
        review_only=True,
        description="Lists reordered and maps panned by dragging also work with single clicks.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        widgets: list[Tag] = []
        for tag in ctx.soup.find_all(True):
            if not isinstance(tag, Tag) or not _drag_widget(tag):
                continue
            widget = _widget_of(tag)
            # By identity: bs4 compares tags by their markup, so two empty maps would be one.
            known = {id(w) for w in widgets}
            if id(widget) not in known and not any(id(p) in known for p in widget.parents):
                widgets.append(widget)
        if not widgets:
            raise self.inapplicable()
        for widget in widgets:
            if any(widget.select(selector) for selector in _ALTERNATIVES):
                continue
            kind = (
                "map"
                if _MAP.search(" ".join(map(str, widget.get_attribute_list("class"))))
                else "widget"
            )
            yield self.review(
                ctx,
                widget,
                f"This {kind} is operated by dragging and has no button, link or drop-down of its "
                "own: check that everything the drag does can be done with single clicks or taps",
            )
