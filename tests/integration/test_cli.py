"""The command line: help everywhere, one-line errors with exit 1, and a real audit end to end."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from auditor.cli import cli, main
from tests.conftest import SITES


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in group.commands.items():
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found.extend(_commands(command, (*prefix, name)))
    return found


@pytest.mark.parametrize("path", _commands(cli), ids=" ".join)
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    assert command.help, f"{' '.join(path)} has no help text"


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["audit", "not a url"], "not a web address: 'not a url'"),
        (["audit", "ftp://example.org/"], "not a web address"),
        (["audit", "http://127.0.0.1:99999/"], "bad port"),
        (["audit"], "no URL to audit"),
        (["audit", "http://127.0.0.1/", "--ruleset", "wcag99"], "ruleset 'wcag99' not found"),
        (["audit", "http://127.0.0.1/", "--include", "("], "bad regex"),
        (["audit", "http://127.0.0.1/", "--concurrency", "0"], "concurrency"),
        (
            ["audit", "http://127.0.0.1/", "--chromium", "/nonexistent/chromium"],
            "Chromium not found at /nonexistent/chromium",
        ),
        (
            ["audit", "http://127.0.0.1/", "--viewport", "wide"],
            "is not desktop, mobile or WIDTHxHEIGHT",
        ),
        (
            ["audit", "http://127.0.0.1:1/", "--chromium", "/bin/false"],
            "Chromium at /bin/false failed to start",
        ),
        (["audit", "http://127.0.0.1/", "--bogus"], "No such option '--bogus'"),
        (["checks", "explain", "axe/no-such-rule"], "unknown check 'axe/no-such-rule'"),
        (["report", "nope", "--db", "{tmp}/h.sqlite"], "no run 'nope'"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(args: list[str], message: str, tmp_path: Path) -> None:
    result = _run(*[a.replace("{tmp}", str(tmp_path)) for a in args], cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 3


def test_config_file_typo_names_file_line_and_fix(tmp_path: Path) -> None:
    (tmp_path / "auditor.toml").write_text('ruleset = "wcag21aa"\nmax_page = 5\n')
    result = _run("audit", "http://127.0.0.1/", cwd=tmp_path)
    assert result.returncode == 1
    assert "auditor.toml:2: unknown setting 'max_page' (did you mean 'max_pages'?)" in result.stderr


def test_checks_list_and_explain() -> None:
    runner = CliRunner()
    listed = runner.invoke(cli, ["checks", "list", "--ruleset", "wcag21aa"])
    assert "custom/generic-link-text" in listed.output and "axe/image-alt" in listed.output
    assert "axe/region " not in listed.output  # best practice only: not in the WCAG ruleset
    explained = runner.invoke(cli, ["checks", "explain", "custom/generic-link-text"])
    assert "## Why it matters" in explained.output and "2.4.4" in explained.output


def test_main_maps_usage_errors_to_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["audit", "--max-pages", "many"])
    assert exit_info.value.code == 1
    assert "is not a valid integer" in capsys.readouterr().err


@pytest.mark.browser
def test_a_dead_site_exits_1_with_one_line_and_no_report(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on once this closes
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}/"
    result = _run("audit", dead, "--no-store", "-q", "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"Error: no page could be audited: {dead} did not load (")
    assert "ERR_CONNECTION_REFUSED" in last
    assert not (tmp_path / "out").exists()


@pytest.mark.browser
def test_audit_store_history_and_report_end_to_end(tmp_path: Path) -> None:
    db, out = tmp_path / "history.sqlite", tmp_path / "out"
    audited = _run(
        "audit",
        "--serve",
        str(SITES / "council"),
        "--db",
        str(db),
        "--out",
        str(out),
        "--max-pages",
        "5",
        "-q",
    )
    assert audited.returncode == 0, audited.stderr
    assert "At most 5 pages will be audited (--max-pages)" in audited.stderr
    report = json.loads((out / "report.json").read_text())
    assert report["summary"]["pages_audited"] == 5
    assert (out / "report.html").read_text().startswith("<!DOCTYPE html>")
    listed = _run("history", "list", "--db", str(db))
    run_id = report["run_id"]
    assert listed.stdout.startswith(run_id)
    again = _run(
        "report", run_id[:17], "--db", str(db), "--out", str(tmp_path / "again"), "--format", "json"
    )
    assert again.returncode == 0, again.stderr
    assert json.loads((tmp_path / "again" / "report.json").read_text()) == report


def test_config_show_names_layers_and_masks_secrets(tmp_path: Path) -> None:
    (tmp_path / "auditor.toml").write_text(
        'max_pages = 7\nhttp_password = "hunter2"\nheaders = { "X-Key" = "env:KEY" }\n'
    )
    result = subprocess.run(
        [sys.executable, "-m", "auditor", "config", "show"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "AUDITOR_CONCURRENCY": "3"},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert "7" in lines["max_pages"]
    assert "auditor.toml" in lines["max_pages"]
    assert "environment" in lines["concurrency"]
    assert "default" in lines["ruleset"]
    assert "hunter2" not in result.stdout
    assert "env:KEY" in lines["headers"]


def test_sarif_results_point_at_source_files_from_config(tmp_path: Path) -> None:
    (tmp_path / "auditor.toml").write_text(
        'sarif_source_root = "site"\n[sarif_source_map]\n"/bins/" = "templates/bins.njk"\n'
    )
    snapshots = SITES.parent / "snapshots" / "council"
    result = _run("check", str(snapshots), "--format", "sarif", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    sarif = json.loads((tmp_path / "out" / "report.sarif").read_text())
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
        for loc in r["locations"]
    }
    assert "templates/bins.njk" in uris
    assert any(u.startswith("http://council.test/") for u in uris)
