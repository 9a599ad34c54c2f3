"""Every table header cell is the header of some cell (WCAG 1.3.1, ACT rule d0f69e).

A data table's rows are laid out as the HTML table model does (`colspan` and `rowspan`
included); a cell without a `headers` attribute belongs to the header cells above it in its
column and to its left in its row (unless `scope` says otherwise), a cell with `headers` to the
cells it names. Header cells are cells too: a column header over a column of row headers
heads them. A header cell (`th`, or `role=columnheader`/`rowheader` in an ARIA table or
grid) that no cell belongs to fails: its column or row has no data. Tables marked
`role="presentation"` or `role="none"`, and hidden header cells, are left alone.

## Why it matters
Screen readers announce a cell's headers as users move through a table. A header with no cells
under it, a column whose data went missing or a header cell used as decoration, announces a
structure that is not there, and the table's relationships cannot be followed.

## How to fix
Give every header column (or row) its data cells, or remove the header; point `headers` at the
right ids.

## Example
    <tr><th>Rate</th><th>Value</th></tr><tr><td>15%</td></tr>         → fail ("Value")
    <tr><th>Rate</th><th>Value</th></tr><tr><td colspan="2">15%</td></tr> → pass
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from bs4 import Tag

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.models import Finding, Impact

_TABLE_ROLES = {"table", "grid", "treegrid"}
_HEADER_ROLES = {"columnheader", "rowheader"}
_CELL_ROLES = {"cell", "gridcell"}


@dataclass
class _Cell:
    tag: Tag
    header: bool
    row: int
    col: int
    rows: int
    cols: int
    scope: str
    assigned: bool = False
    headers: list[str] = field(default_factory=list)


def _role(tag: Tag) -> str:
    return str(tag.get("role", "")).strip().lower().split(" ")[0]


def _hidden(tag: Tag) -> bool:
    style = str(tag.get("style", "")).replace(" ", "").lower()
    return (
        tag.has_attr("hidden")
        or str(tag.get("aria-hidden", "")).lower() == "true"
        or "display:none" in style
    )


def _span(tag: Tag, name: str) -> int:
    try:
        return max(1, min(int(str(tag.get(name, "1")).strip() or 1), 1000))
    except ValueError:
        return 1


def _html_rows(table: Tag) -> list[Tag]:
    rows: list[Tag] = []
    for child in table.children:
        if isinstance(child, Tag) and child.name == "tr":
            rows.append(child)
        elif isinstance(child, Tag) and child.name in ("thead", "tbody", "tfoot"):
            rows += [r for r in child.children if isinstance(r, Tag) and r.name == "tr"]
    return rows


def _html_cells(row: Tag) -> list[Tag]:
    return [c for c in row.children if isinstance(c, Tag) and c.name in ("td", "th")]


def _aria_cells(row: Tag) -> list[Tag]:
    def own_row(tag: Tag) -> bool:
        parent = tag.find_parent(lambda t: isinstance(t, Tag) and _role(t) == "row")
        return parent is row

    roles = _HEADER_ROLES | _CELL_ROLES
    return [c for c in row.find_all(True) if _role(c) in roles and own_row(c)]


def _is_data_table(tag: Tag) -> bool:
    if tag.name == "table":
        return _role(tag) not in ("presentation", "none")
    return _role(tag) in _TABLE_ROLES


def _owner(tag: Tag) -> Tag | None:
    """The table or grid a row or cell belongs to."""
    for parent in tag.parents:
        if isinstance(parent, Tag) and (parent.name == "table" or _role(parent) in _TABLE_ROLES):
            return parent
    return None


def _grid(table: Tag) -> list[_Cell]:
    """The table's cells placed on its grid (the HTML table model, without row groups)."""
    if table.name == "table" and _role(table) in ("", "table", "grid", "treegrid"):
        kinds = [_html_cells(r) for r in _html_rows(table)]
    else:
        rows = [r for r in table.find_all(True) if _role(r) == "row" and _owner(r) is table]
        kinds = [_aria_cells(r) for r in rows]
    taken: set[tuple[int, int]] = set()
    cells: list[_Cell] = []
    for y, row_cells in enumerate(kinds):
        x = 0
        for tag in row_cells:
            while (y, x) in taken:
                x += 1
            cols, rows_spanned = _span(tag, "colspan"), _span(tag, "rowspan")
            role = _role(tag)
            header = role in _HEADER_ROLES or (tag.name == "th" and role not in _CELL_ROLES)
            scope = str(tag.get("scope", "")).strip().lower()
            if role == "columnheader":
                scope = scope or "col"
            elif role == "rowheader":
                scope = scope or "row"
            cell = _Cell(tag, header, y, x, rows_spanned, cols, scope)
            named = tag.get("headers", "")  # a list: BeautifulSoup splits `headers` as `class`
            cell.headers = named if isinstance(named, list) else str(named).split()
            cells.append(cell)
            for dy in range(rows_spanned):
                for dx in range(cols):
                    taken.add((y + dy, x + dx))
            x += cols
    return cells


def _assign(cells: list[_Cell]) -> None:
    by_id = {str(c.tag.get("id")): c for c in cells if c.header and c.tag.get("id")}
    headers = [c for c in cells if c.header]
    for cell in cells:
        if cell.headers:
            for ident in cell.headers:
                if ident in by_id:
                    by_id[ident].assigned = True
            continue
        columns = range(cell.col, cell.col + cell.cols)
        rows = range(cell.row, cell.row + cell.rows)
        for head in headers:
            same_column = any(head.col <= x < head.col + head.cols for x in columns)
            same_row = any(head.row <= y < head.row + head.rows for y in rows)
            if head is cell:
                continue
            # A header cell heads the header cells of its column below it too ("Month" over the
            # row headers "January", "February"); across a row only when marked scope="row", so
            # a row of headers does not head itself.
            row_ok = head.scope == "row" if cell.header else head.scope != "col"
            if (same_column and head.row < cell.row and head.scope != "row") or (
                same_row and head.col < cell.col and row_ok
            ):
                head.assigned = True


@register
class HeaderCellsAssigned(Check):
    meta = CheckMeta(
        id="custom/header-cells-assigned",
        title="Every table header cell heads some cells",
        failure_title="A table header cell heads no cell",
        help_url="https://www.w3.org/WAI/WCAG22/Understanding/info-and-relationships.html",
        tags=("cat.tables", "wcag2a", "wcag131"),
        impact=Impact.MODERATE,
        description="Each header cell of a data table has at least one cell assigned to it.",
        act_rules=("d0f69e",),
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        tables = [
            t
            for t in ctx.soup.find_all(True)
            if isinstance(t, Tag)
            and (
                (t.name == "table" and _role(t) not in ("presentation", "none"))
                or _role(t) in _TABLE_ROLES
            )
            and not any(isinstance(p, Tag) and _hidden(p) for p in [t, *t.parents])
        ]
        judged = False
        for table in tables:
            cells = _grid(table)
            heads = [c for c in cells if c.header and not _hidden(c.tag)]
            if not heads or all(c.header for c in cells):
                continue  # no data at all: a header-only layout, not a data table to judge
            judged = True
            _assign(cells)
            for head in heads:
                if not head.assigned:
                    name = " ".join(head.tag.get_text(" ").split())[:60]
                    yield self.fail(
                        ctx,
                        head.tag,
                        f'The header cell "{name}" heads no cell: its column or row has no '
                        "data, so screen readers announce a structure that is not there",
                    )
        if not judged:
            raise self.inapplicable()
