"""The fleet commands: status and the dead-letter list from the jobs table, and the broker-less
`fleet run --shard` auditing each shard once (with a real browser)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from auditor.cli import cli
from auditor.devtools import served_sites, write_csv
from auditor.fleet.state import FleetJobs, JobStatus
from auditor.store import Store, runs


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Exit code, stdout, and stderr followed by the domain error that main() would print."""
    result = CliRunner().invoke(cli, list(args), env=env)
    error = "" if isinstance(result.exception, SystemExit | None) else f"{result.exception}"
    return result.exit_code, result.stdout, result.stderr + error


def test_a_failing_shard_ends_dead_and_is_listed_with_the_reason(tmp_path: Path) -> None:
    sites = [(f"Council {n}", f"http://127.0.0.1:{9000 + n}/") for n in range(3)]
    sites_csv = write_csv(tmp_path / "sites.csv", sites)
    db = str(tmp_path / "fleet.sqlite")
    env = {"AUDITOR_CHROMIUM": "/nonexistent/chromium"}
    code, _, err = invoke(
        "fleet",
        "run",
        str(sites_csv),
        "--db",
        db,
        "--batch",
        "b1",
        "--max-attempts",
        "2",
        "--retry-delay",
        "0",
        env=env,
    )
    assert code != 0
    assert "3 dead" in err
    assert "dead: http://127.0.0.1:9000, http://127.0.0.1:9001, http://127.0.0.1:9002" in err
    code, out, _ = invoke("fleet", "dead", "--db", db)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 3
    assert all("after 2 attempts: BrowserError: Chromium not found" in line for line in lines)
    code, out, _ = invoke("fleet", "status", "--db", db)
    assert code == 0
    assert (
        out.splitlines()[0] == "Batch b1: 0 queued, 0 running, 0 done, 0 failed, 3 dead of 3 sites"
    )
    code, out, _ = invoke("fleet", "status", "--db", db, "--json")
    report = json.loads(out)
    assert report["batch"] == "b1"
    assert {j["status"] for j in report["jobs"]} == {"dead"}


def test_status_of_an_empty_database_says_so(tmp_path: Path) -> None:
    code, _, err = invoke("fleet", "status", "--db", str(tmp_path / "e.sqlite"))
    assert code == 0
    assert "No fleet jobs" in err


def test_a_bad_shard_is_a_usage_error(tmp_path: Path) -> None:
    sites_csv = write_csv(tmp_path / "sites.csv", [("A", "http://127.0.0.1:9/")])
    result = CliRunner().invoke(
        cli, ["fleet", "run", str(sites_csv), "--db", str(tmp_path / "x.sqlite"), "--shard", "3/2"]
    )
    assert result.exit_code != 0
    assert "N must be between 1 and K" in str(result.exception)


@pytest.mark.browser
def test_shards_run_without_a_broker_audit_every_site_once(tmp_path: Path) -> None:
    db = str(tmp_path / "fleet.sqlite")
    env = {"AUDITOR_SETTLE_MS": "200"}
    with served_sites(tmp_path / "sites", 4, 2) as sites:
        sites_csv = write_csv(tmp_path / "sites.csv", sites)
        common = ["--db", db, "--batch", "ci-1", "--viewport", "desktop"]
        for part in ("1/2", "2/2"):
            code, _, err = invoke("fleet", "run", str(sites_csv), "--shard", part, *common, env=env)
            assert code == 0, err
        # A shard run again (a retried CI job) finds its sites done and audits nothing.
        code, _, err = invoke("fleet", "run", str(sites_csv), "--shard", "1/2", *common, env=env)
        assert code == 0, err
    with Store(db) as store:
        jobs = FleetJobs(store).jobs("ci-1")
        with store.read() as conn:
            per_site: dict[str, int] = dict(
                conn.execute(select(runs.c.site, func.count()).group_by(runs.c.site)).all()
            )
    assert len(jobs) == 4
    assert all(j.status == JobStatus.DONE and j.attempts == 1 for j in jobs)
    assert per_site == dict.fromkeys((j.site for j in jobs), 1)
