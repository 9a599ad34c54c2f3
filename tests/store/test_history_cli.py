"""`auditor history list|show|diff|trend|prune` over a store filled directly, on both backends
(`--db` takes a path or a URL), and their one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from auditor.cli import cli, main
from auditor.store import Store
from tests.store.runs import SITE, day, finding, make_run, page

BINS, TAX = f"{SITE}/bins", f"{SITE}/tax"
OTHER = "https://b.gov.uk"
IDS = ["20260101T090000Z-aaaaaa", "20260102T090000Z-bbbbbb", "20260103T090000Z-cccccc"]


@pytest.fixture
def filled(location: str) -> str:
    """Three runs of SITE (the last with a newer axe-core) and one of OTHER, in between."""
    with Store(location) as store:
        store.save(
            make_run(
                IDS[0],
                day(0),
                score=80.0,
                by_category={"wcag-a": 75.0, "wcag-aa": 85.0},
                pages=[page(BINS, [finding(BINS, "#old")]), page(TAX, [finding(TAX, "#tax")])],
            )
        )
        store.save(
            make_run(
                IDS[1],
                day(1),
                score=90.0,
                by_category={"wcag-a": 95.0, "wcag-aa": 85.0},
                pages=[
                    page(BINS, [finding(BINS, "#new")]),
                    page(TAX, [finding(TAX, "#tax")]),
                    page(f"{SITE}/<script>", [], None),
                ],
            )
        )
        store.save(make_run("20260102T120000Z-dddddd", day(1), site=OTHER))
        store.save(make_run(IDS[2], day(2), score=91.0, axe_version="4.15.0"))
    return location


def _invoke(*args: str) -> Result:
    result = CliRunner().invoke(cli, ["history", *args])
    assert result.exit_code == 0, result.output
    return result


def test_list_is_one_run_per_line_starting_with_its_id(filled: str) -> None:
    lines = _invoke("list", "--db", filled).output.splitlines()
    assert [line.split()[0] for line in lines] == [
        IDS[2],
        "20260102T120000Z-dddddd",
        IDS[1],
        IDS[0],
    ]
    only = _invoke("list", "--db", filled, "--site", OTHER + "/").output.splitlines()
    assert [line.split()[0] for line in only] == ["20260102T120000Z-dddddd"]


def test_show_latest_and_by_prefix(filled: str) -> None:
    shown = _invoke("show", "--db", filled).output
    assert f"Run       {IDS[2]}" in shown
    assert "axe-core 4.15.0" in shown
    assert "Score     91.0 (excellent)  wcag-a 91.0" in shown
    assert "custom/generic-link-text" in shown
    previous = _invoke("show", "previous", "--db", filled, "--site", SITE).output
    assert f"Run       {IDS[1]}" in previous
    assert "wcag-a 95.0  wcag-aa 85.0" in previous
    record = json.loads(_invoke("show", IDS[0][:10], "--db", filled, "--json").output)
    assert (record["run_id"], record["by_category"]) == (IDS[0], {"wcag-a": 75.0, "wcag-aa": 85.0})


def test_diff_of_two_runs(filled: str) -> None:
    out = _invoke("diff", IDS[0], IDS[1], "--db", filled).output
    lines = out.splitlines()
    assert lines[0] == f"{IDS[0]} → {IDS[1]}"
    assert "Scores    overall 80.0 → 90.0 (+10.0); wcag-a 75.0 → 95.0 (+20.0); " in out
    assert "wcag-aa 85.0 → 85.0 (+0.0)" in out
    assert "Findings  1 new, 1 fixed, 1 persisting, 0 on pages not audited again" in out
    assert "Pages     1 added, 0 removed" in out
    assert any(line.startswith("  + serious") and "#new" in line for line in lines)
    assert any(line.startswith("  - serious") and "#old" in line for line in lines)
    assert "Not comparable" not in out
    data = json.loads(_invoke("diff", IDS[0], IDS[1], "--db", filled, "--json").output)
    assert [c["selector"] for c in data["persisting"]] == ["#tax"]
    assert data["pages_added"] == [f"{SITE}/<script>"]


def test_diff_defaults_to_previous_and_latest_of_a_site(filled: str) -> None:
    out = _invoke("diff", "--db", filled, "--site", SITE).output
    assert out.splitlines()[0] == f"{IDS[1]} → {IDS[2]}"
    assert "Not comparable: axe-core 4.14.1 → 4.15.0" in out


def test_trend_one_line_per_run_with_markers(filled: str) -> None:
    lines = _invoke("trend", SITE, "--db", filled).output.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"2026-01-01 09:00  {IDS[0]}  overall 80.0  wcag-a 75.0")
    assert "wcag-aa 85.0" in lines[0]
    assert lines[1].startswith(f"2026-01-02 09:00  {IDS[1]}  overall 90.0 (+10.0)  wcag-a 95.0")
    assert "‖" not in lines[1]
    assert lines[2].endswith("‖ axe-core 4.14.1 → 4.15.0")
    assert "overall 91.0  wcag-a 91.0  wcag-aa —" in lines[2]
    data = json.loads(_invoke("trend", SITE + "/", "--db", filled, "--json").output)
    assert [row["comparable"] for row in data["rows"]] == [True, True, False]


def test_prune_keeps_trends(filled: str) -> None:
    result = _invoke("prune", "--keep", "1", "--db", filled)
    assert result.stdout.split() == [IDS[1], IDS[0]]
    listed = _invoke("list", "--db", filled).output.splitlines()
    assert [line.split()[0] for line in listed] == [IDS[2], "20260102T120000Z-dddddd"]
    lines = _invoke("trend", SITE, "--db", filled).output.splitlines()
    assert len(lines) == 3
    assert lines[0].endswith("[pruned]")
    assert "overall 80.0" in lines[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "nope"], "no run 'nope'"),
        (["diff", "latest", "nope"], "no run 'nope'"),
        (["trend", "https://nowhere.gov.uk"], "no runs of https://nowhere.gov.uk"),
        (["show", "previous", "--site", OTHER], "no run 'previous' of https://b.gov.uk"),
    ],
)
def test_unknown_runs_are_one_line_and_exit_1(
    filled: str, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["history", *args, "--db", filled])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "command",
    [["list"], ["show"], ["diff"], ["trend", SITE], ["prune", "--keep", "1"]],
    ids=lambda c: c[0],
)
def test_an_unreachable_database_is_one_line_and_exit_1(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["history", *command, "--db", "postgresql://auditor:pw@127.0.0.1:1/history"])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: history database postgresql+psycopg://auditor:***@127.0.0.1:1")
    assert len(err.strip().splitlines()) == 1
    assert "pw@" not in err


def test_a_missing_database_file_is_an_error_not_a_new_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = f"{tmp_path}/none.sqlite"
    with pytest.raises(SystemExit):
        main(["history", "show", "--db", missing])
    assert "no history database at" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["history", "list", "--db", missing])
    assert exit_info.value.code == 0
    assert "No history yet" in capsys.readouterr().err


def test_prune_needs_a_positive_keep(filled: str) -> None:
    result = CliRunner().invoke(cli, ["history", "prune", "--keep", "0", "--db", filled])
    assert result.exit_code == 2
    assert "--keep" in result.output


def test_a_password_in_the_database_url_is_never_stored_in_a_run() -> None:
    from auditor.config import AuditConfig

    config = AuditConfig(db="postgresql://auditor:s3cret@db.internal:5432/history")
    assert config.redacted()["db"] == "postgresql://auditor:***@db.internal:5432/history"
    assert AuditConfig(db="history.sqlite").redacted()["db"] == "history.sqlite"
