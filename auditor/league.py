"""A league table of councils, like the Silktide Index: each council's latest score and band, its
movement since the run before, its rank overall and within its type.

Pure functions: `read_sites` parses the list of councils (CSV: name, url, type), `league` ranks
them from the history's run summaries. Whoever audited the sites (`auditor index`, a fleet of
workers) only has to leave their runs in the history database.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

from pydantic import BaseModel, Field

from auditor.errors import ConfigError
from auditor.history import RunRecord, version_changes
from auditor.scoring import band
from auditor.web.urls import check_seed, origin

# Council types as the Silktide Index and the LGA group them; anything else is kept as written.
COUNCIL_TYPES = {
    "district": "District",
    "county": "County",
    "unitary": "Unitary",
    "london borough": "London borough",
    "metropolitan": "Metropolitan",
    "metropolitan borough": "Metropolitan",
    "combined authority": "Combined authority",
    "parish": "Parish or town",
    "town": "Parish or town",
}


class Council(BaseModel):
    name: str
    url: str
    type: str
    line: int = Field(description="line in the sites file, for messages")

    @property
    def site(self) -> str:
        return origin(self.url)


class LeagueRow(BaseModel):
    rank: int | None = Field(description="1 = best score; None when the council has no score")
    rank_in_type: int | None
    name: str
    type: str
    site: str
    score: float | None
    band: str | None
    movement: float | None = Field(None, description="score change since the run before")
    comparable: bool = Field(True, description="False: tool or engine changed since then")
    run_id: str | None = None
    pages: int = 0
    audited_at: str | None = None
    error: str | None = Field(None, description="why there is no score, when there is none")


class League(BaseModel):
    rows: list[LeagueRow]
    types: list[str]


def read_sites(path: Path) -> list[Council]:
    """The councils in a CSV file with a header `name,url,type` (extra columns are ignored).
    Every mistake is a ConfigError naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text (save the CSV as UTF-8)") from None
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in ("name", "url", "type") if c not in header]
    if missing:
        raise ConfigError(
            f"{path}:1: the header needs columns name, url, type (missing {', '.join(missing)})"
        )
    councils: list[Council] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        if not any(row.values()):
            continue
        if not row["name"]:
            raise ConfigError(f"{path}:{number}: name is empty")
        try:
            url = check_seed(row["url"])
        except ConfigError as exc:
            raise ConfigError(f"{path}:{number}: {exc}") from None
        kind = COUNCIL_TYPES.get(row["type"].lower(), row["type"] or "Unknown")
        council = Council(name=row["name"], url=url, type=kind, line=number)
        if council.site in seen:
            raise ConfigError(
                f"{path}:{number}: {council.site} is already listed on line {seen[council.site]}"
            )
        seen[council.site] = number
        councils.append(council)
    if not councils:
        raise ConfigError(f"{path}: no councils listed")
    return councils


def league(
    councils: Sequence[Council],
    records: Iterable[RunRecord],
    errors: dict[str, str] | None = None,
) -> League:
    """Rank councils by their latest stored score; movement against their run before it."""
    by_site: dict[str, list[RunRecord]] = {}
    for record in records:
        by_site.setdefault(record.site, []).append(record)
    rows: list[LeagueRow] = []
    for council in councils:
        history = sorted(by_site.get(council.site, []), key=lambda r: (r.started_at, r.id))
        if not history:
            rows.append(
                LeagueRow(
                    rank=None,
                    rank_in_type=None,
                    name=council.name,
                    type=council.type,
                    site=council.site,
                    score=None,
                    band=None,
                    error=(errors or {}).get(council.site, "not audited yet"),
                )
            )
            continue
        latest = history[-1]
        before = history[-2] if len(history) > 1 else None
        comparable = before is None or not version_changes(before, latest)
        movement = None
        if before is not None and latest.score is not None and before.score is not None:
            movement = round(latest.score - before.score, 1)
        rows.append(
            LeagueRow(
                rank=None,
                rank_in_type=None,
                name=council.name,
                type=council.type,
                site=council.site,
                score=latest.score,
                band=band(latest.score),
                movement=movement,
                comparable=comparable,
                run_id=latest.id,
                pages=latest.pages,
                audited_at=latest.started_at.strftime("%Y-%m-%d"),
                error=(errors or {}).get(council.site)
                or (None if latest.score is not None else "no page could be audited"),
            )
        )
    _rank(rows)
    rows.sort(key=lambda r: (r.rank is None, r.rank or 0, r.name.lower()))
    return League(rows=rows, types=sorted({r.type for r in rows}))


def _rank(rows: list[LeagueRow]) -> None:
    """Standard competition ranking ("1224"): equal scores share a rank."""

    def assign(group: list[LeagueRow], field: str) -> None:
        scored = sorted((r for r in group if r.score is not None), key=lambda r: -(r.score or 0))
        for index, row in enumerate(scored):
            previous = scored[index - 1] if index else None
            same = previous is not None and previous.score == row.score
            setattr(row, field, getattr(previous, field) if same else index + 1)

    assign(rows, "rank")
    for kind in {r.type for r in rows}:
        assign([r for r in rows if r.type == kind], "rank_in_type")
