"""Secrets never leave the run: an `auditor audit` with a secret header, cookie, HTTP password and
scripted-login password (and an `auditor journey` with secret test data) against the CrawlSite
account area, then every report file, the terminal output and every column of every row of the
history database are searched for the secret values."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.servers import CrawlSite

pytestmark = pytest.mark.browser

SECRETS = {
    "SECRET_BEARER": "Bearer tok-7f1c0e5a9b",
    "SECRET_COOKIE": "cookie-91ab44d2",
    "SECRET_HTTP_PASSWORD": "basic-pw-3c8e55",
    "SECRET_LOGIN_PASSWORD": "letmein",  # the account area's real password: login must work
}
FORMATS = ["html", "json", "junit", "sarif", "markdown", "github", "findings-csv", "pages-csv"]


def _leaks(text: str | bytes, where: str, secrets: dict[str, str]) -> list[str]:
    data = text.encode("utf-8", "replace") if isinstance(text, str) else text
    return [f"{name} in {where}" for name, value in secrets.items() if value.encode() in data]


def _database_leaks(db: Path, secrets: dict[str, str]) -> list[str]:
    found: list[str] = []
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        assert {"runs", "crawl_pages"} <= set(tables)
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):  # noqa: S608 - names from sqlite
                for value in row:
                    text = value if isinstance(value, bytes) else str(value)
                    found += _leaks(text, f"table {table}", secrets)
    return found


def _file_leaks(folder: Path, secrets: dict[str, str]) -> list[str]:
    found: list[str] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        found += _leaks(path.read_bytes(), str(path.relative_to(folder)), secrets)
    return found


def test_no_secret_reaches_a_report_the_terminal_or_the_history(tmp_path: Path) -> None:
    out, db = tmp_path / "out", tmp_path / "h.sqlite"
    (tmp_path / "auditor.toml").write_text(
        """
[login]
url = "{login}"
steps = [
  { fill = "#user", value = "resident" },
  { fill = "#password", value = "env:SECRET_LOGIN_PASSWORD" },
  { click = "#go" },
  { wait_for = "#welcome" },
]
""",
        encoding="utf-8",
    )
    with CrawlSite() as site:
        config = tmp_path / "auditor.toml"
        config.write_text(
            config.read_text("utf-8").replace("{login}", site.url + "account/login"), "utf-8"
        )
        result = subprocess.run(
            [sys.executable, "-m", "auditor", "audit", site.url + "account/"]
            + ["--header", "Authorization: env:SECRET_BEARER"]
            + ["--cookie", "tracker=env:SECRET_COOKIE"]
            + ["--http-user", "resident", "--http-password", "env:SECRET_HTTP_PASSWORD"]
            + ["--viewport", "desktop", "--max-pages", "3", "--no-sitemap", "--ignore-robots"]
            + ["--out", str(out), "--db", str(db)]
            + [arg for f in FORMATS for arg in ("--format", f)],
            capture_output=True,
            text=True,
            timeout=240,
            check=False,
            cwd=tmp_path,
            env={**os.environ, **SECRETS, "AUDITOR_SETTLE_MS": "200"},
        )
        seen = site.seen_headers
    assert result.returncode == 0, result.stderr[-3000:]
    # The secrets were really used: sent by the browser, and the login got in.
    assert any(h.get("Authorization") == SECRETS["SECRET_BEARER"] for h in seen)
    assert any(f"tracker={SECRETS['SECRET_COOKIE']}" in h.get("Cookie", "") for h in seen)
    report = (out / "report.json").read_text("utf-8")
    assert '"load_error": null' in report and "Welcome" not in result.stderr
    leaks = _leaks(result.stdout + result.stderr, "terminal output", SECRETS)
    leaks += _file_leaks(out, SECRETS)
    leaks += _database_leaks(db, SECRETS)
    history = subprocess.run(
        [sys.executable, "-m", "auditor", "history", "show", "latest", "--json", "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert history.returncode == 0, history.stderr
    leaks += _leaks(history.stdout + history.stderr, "history show", SECRETS)
    assert leaks == []


def test_journey_test_data_never_reaches_a_report(tmp_path: Path) -> None:
    secret = {"SECRET_JOURNEY_PASSWORD": "letmein"}
    journey = tmp_path / "sign-in.yaml"
    journey.write_text(
        """name: Sign in to the account
start: /account/login
submit_final: true  # signing in to the fixture account is harmless
data:
  password: env:SECRET_JOURNEY_PASSWORD
steps:
  - fill: "#user"
    value: resident
  - fill: "#password"
    data: password
  - click: "#go"
  - expect_text: Welcome back
""",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    with CrawlSite() as site:
        result = subprocess.run(
            [sys.executable, "-m", "auditor", "journey", str(journey), "--base-url", site.url]
            + ["--viewport", "desktop", "--ruleset", "wcag21aa", "--out", str(out)]
            + [arg for f in ("html", "json", "junit", "sarif") for arg in ("--format", f)],
            capture_output=True,
            text=True,
            timeout=240,
            check=False,
            env={**os.environ, **secret, "AUDITOR_SETTLE_MS": "200"},
        )
        logged_in = any("session=letmein" in h.get("Cookie", "") for h in site.seen_headers)
    assert result.returncode in (0, 2), result.stderr[-3000:]
    assert logged_in, result.stderr[-3000:]
    leaks = _leaks(result.stdout + result.stderr, "terminal output", secret)
    leaks += _file_leaks(out, secret)
    assert leaks == []
