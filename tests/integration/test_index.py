"""`auditor index`: audits a list of locally served councils and ranks them; a dead one is
listed with the reason while the others go on."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import cli
from auditor.web.static_site import StaticSite
from tests.conftest import SITES

pytestmark = pytest.mark.browser


def test_index_ranks_councils_and_lists_the_dead_one(tmp_path: Path) -> None:
    with StaticSite(SITES / "council") as bad, StaticSite(SITES / "council-clean") as good:
        sites = tmp_path / "sites.csv"
        sites.write_text(
            "name,url,type\n"
            f"Ashworth Borough Council,{bad.url},district\n"
            f"Ashworth Clean Council,{good.url},unitary\n"
            "Gone Council,http://127.0.0.1:9/,county\n",
            encoding="utf-8",
        )
        result = CliRunner().invoke(
            cli,
            [
                "index",
                str(sites),
                "--max-pages",
                "4",
                "--viewport",
                "desktop",
                "--db",
                str(tmp_path / "h.sqlite"),
                "--out",
                str(tmp_path / "index"),
                "-q",
            ],
        )
    assert result.exit_code == 0, result.output
    text = (tmp_path / "index" / "index.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["council"] for r in rows] == [
        "Ashworth Clean Council",
        "Ashworth Borough Council",
        "Gone Council",
    ]
    assert [r["rank"] for r in rows] == ["1", "2", ""]
    assert rows[0]["rank in type"] == "1" and rows[0]["type"] == "Unitary"
    assert float(rows[0]["score"]) > float(rows[1]["score"])
    assert rows[2]["error"]
    assert int(rows[0]["pages"]) <= 4
    html = (tmp_path / "index" / "index.html").read_text(encoding="utf-8")
    assert "Ashworth Clean Council" in html and "<caption" in html


def test_league_table_passes_its_own_audit(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from auditor.history import RunRecord
    from auditor.league import league, read_sites
    from auditor.models import Outcome, RulesetRef, Viewport
    from auditor.reporting.html import render_league
    from tests.conftest import run_audit

    sites = tmp_path / "sites.csv"
    sites.write_text(
        'name,url,type\n"<script>alert(1)</script>",https://a.gov.uk,district\n'
        "B,https://b.gov.uk,county\n",
        encoding="utf-8",
    )
    now = datetime(2026, 1, 1, tzinfo=UTC)
    record = RunRecord(
        id="a",
        site="https://a.gov.uk",
        started_at=now,
        finished_at=now,
        tool_version="0",
        axe_version="4.14.1",
        browser_version="156",
        ruleset=RulesetRef(id="wcag21aa", sha256="0"),
        score_model_version="2.0",
        score=71.5,
        pages=9,
    )
    html = render_league(league(read_sites(sites), [record]), 125, "1 January 2026")
    assert "<script>alert" not in html
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "index.html").write_text(html, encoding="utf-8")
    with StaticSite(site_dir) as site:
        for width in (1280, 320):
            run = run_audit(
                [site.url], max_depth=0, viewports=[Viewport(name=f"w{width}", width=width)]
            )
            failures = [f.check_id for f in run.findings() if f.outcome is Outcome.FAIL]
            assert failures == [], width
