"""Random command lines through `auditor.cli.main`: exit code 0, 1 or 2 only, and never a
traceback or an "unexpected" error. No browser starts (AUDITOR_CHROMIUM names none), no folder
is served and nothing outside a temporary folder is written."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from pathlib import Path
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.cli import main
from tests.properties.strategies import NASTY_TEXT

COMMANDS = [
    ["audit"],
    ["ci"],
    ["gather"],
    ["check"],
    ["report"],
    ["schema"],
    ["journey"],
    ["history", "list"],
    ["history", "show"],
    ["history", "diff"],
    ["history", "trend"],
    ["history", "prune"],
    ["checks", "list"],
    ["checks", "explain"],
    ["checks", "coverage"],
    ["rulesets", "list"],
    ["rulesets", "show"],
    ["rulesets", "validate"],
    ["config", "show"],
    ["baseline", "create"],
    ["baseline", "update"],
    ["baseline", "prune"],
    ["no-such-command"],
    [],
]
# Every option that takes no browser, server or window; --serve, --open and --debug are left out.
OPTIONS = [
    "--max-pages",
    "--max-depth",
    "--include",
    "--exclude",
    "--concurrency",
    "--page-timeout",
    "--viewport",
    "--ruleset",
    "--allow-host",
    "--path-prefix",
    "--sample",
    "--delay",
    "--per-host",
    "--retries",
    "--run-timeout",
    "--header",
    "--cookie",
    "--http-user",
    "--http-password",
    "--out",
    "--format",
    "--db",
    "--resume",
    "--min-score",
    "--max-failures",
    "--never-fail",
    "--baseline",
    "--from-run",
    "--limit",
    "--site",
    "--json",
    "--keep",
    "--snapshots",
    "--base-url",
    "--step-timeout",
    "--review",
    "-q",
    "--full",
    "--ignore-robots",
    "--no-sitemap",
    "--store",
    "--no-store",
    "--help",
    "--version",
    "--no-such-option",
]
VALUES = [
    *NASTY_TEXT,
    "5",
    "0.5",
    "http://127.0.0.1:1/",
    "https://council.test/",
    "latest",
    "previous",
    "critical=0",
    "serious=x",
    "axe/label",
    "X-Key: env:NOT_SET_ANYWHERE",
    "session=env:NOT_SET_ANYWHERE",
    "wcag21aa",
    "json",
    "pdf",
    "missing.toml",
    "missing.yaml",
    "notes.txt",
]


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(COMMANDS),
    st.lists(st.one_of(st.sampled_from(OPTIONS), st.sampled_from(VALUES)), max_size=6),
)
def test_any_command_line_is_an_exit_code_and_a_message(
    command: list[str], arguments: list[str]
) -> None:
    argv = [*command, *arguments]
    stdout, stderr = io.StringIO(), io.StringIO()
    env = {"AUDITOR_CHROMIUM": "/nonexistent/chromium", "AUDITOR_DEBUG": ""}
    home = Path.cwd()
    with tempfile.TemporaryDirectory() as folder, mock.patch.dict(os.environ, env):
        (Path(folder) / "notes.txt").write_text("not a journey: [", encoding="utf-8")
        os.chdir(folder)
        try:
            with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
                try:
                    main(argv)
                except SystemExit as exc:
                    code = exc.code
                else:
                    code = 0
        finally:
            os.chdir(home)
    output = stdout.getvalue() + stderr.getvalue()
    assert code in (0, 1, 2), (argv, code, output[-2000:])
    assert "Traceback" not in output, (argv, output[-2000:])
    assert "Error: unexpected" not in output, (argv, output[-2000:])
    if code == 1:
        assert stderr.getvalue().strip(), f"{argv}: exit 1 with no message"
