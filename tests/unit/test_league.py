"""The league table: the sites file read with clear errors, ranks, movement and comparability."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from auditor.errors import ConfigError
from auditor.history import RunRecord
from auditor.league import league, read_sites
from auditor.models import RulesetRef

START = datetime(2026, 1, 1, tzinfo=UTC)


def _sites(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sites.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _record(site: str, score: float | None, days: int = 0, axe: str = "4.14.1") -> RunRecord:
    return RunRecord(
        id=f"{site}-{days}",
        site=site,
        started_at=START + timedelta(days=days),
        finished_at=START + timedelta(days=days),
        tool_version="0.1.0",
        axe_version=axe,
        browser_version="156",
        ruleset=RulesetRef(id="wcag21aa", sha256="abc"),
        score_model_version="2.0",
        score=score,
        pages=10,
    )


def test_reads_councils_and_normalises_types(tmp_path: Path) -> None:
    path = _sites(
        tmp_path,
        "\ufeffName,URL,Type,Region\nAshworth,https://www.ashworth.gov.uk/,District,NW\n"
        "Brimley,https://brimley.gov.uk,london borough,\n\n",
    )
    councils = read_sites(path)
    assert [(c.name, c.type, c.site) for c in councils] == [
        ("Ashworth", "District", "https://www.ashworth.gov.uk"),
        ("Brimley", "London borough", "https://brimley.gov.uk"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,url\nA,https://a.gov.uk\n", "sites.csv:1: the header needs columns"),
        ("name,url,type\nA,ftp://a.gov.uk,district\n", "sites.csv:2: not a web address"),
        ("name,url,type\n,https://a.gov.uk,district\n", "sites.csv:2: name is empty"),
        (
            "name,url,type\nA,https://a.gov.uk/,district\nB,https://a.gov.uk/x,county\n",
            "sites.csv:3: https://a.gov.uk is already listed on line 2",
        ),
        ("name,url,type\n", "no councils listed"),
    ],
)
def test_every_mistake_names_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        read_sites(_sites(tmp_path, text))


def test_ranks_overall_and_in_type_with_ties_and_movement(tmp_path: Path) -> None:
    councils = read_sites(
        _sites(
            tmp_path,
            "name,url,type\nA,https://a.gov.uk,district\nB,https://b.gov.uk,district\n"
            "C,https://c.gov.uk,county\nD,https://d.gov.uk,county\n",
        )
    )
    records = [
        _record("https://a.gov.uk", 70, 0),
        _record("https://a.gov.uk", 80, 30),
        _record("https://b.gov.uk", 90, 30),
        _record("https://c.gov.uk", 60, 0, axe="4.13.0"),
        _record("https://c.gov.uk", 80, 30),
    ]
    table = league(councils, records, {"https://d.gov.uk": "Chromium crashed"})
    rows = {r.name: r for r in table.rows}
    assert [r.name for r in table.rows] == ["B", "A", "C", "D"]
    assert (rows["A"].rank, rows["C"].rank, rows["B"].rank) == (2, 2, 1)  # a tie shares rank 2
    assert (rows["A"].rank_in_type, rows["C"].rank_in_type) == (2, 1)
    assert (rows["A"].movement, rows["A"].comparable) == (10.0, True)
    assert (rows["C"].movement, rows["C"].comparable) == (20.0, False)  # axe-core changed
    assert (rows["D"].rank, rows["D"].error) == (None, "Chromium crashed")
    assert rows["B"].band == "excellent"
