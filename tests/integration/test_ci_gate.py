"""`auditor ci` against a baseline in real Chromium: a change that fixes one problem and adds
another fails the gate (the fix never hides the regression); cosmetic changes do not."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SITES

pytestmark = pytest.mark.browser

LOGO = '<img id="council-logo" src="/assets/logo.svg" width="120" height="120">'
HEADING = "<h1>Bins and recycling</h1>"


# The home page, the bins page (the two the tests edit) and the pages they link to first: every
# run of a test, baseline included, audits the same pages. One viewport: the gate's logic does
# not depend on it, and each run then takes half the time.
PAGES = ("--max-pages", "6", "--viewport", "desktop")


def _auditor(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args, *PAGES],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        check=False,
    )


def _edit(site: Path, page: str, old: str, new: str) -> None:
    path = site / page
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def baselined(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The council site and its baseline, made once: each test starts from a copy of both."""
    folder = tmp_path_factory.mktemp("baselined")
    shutil.copytree(SITES / "council", folder / "site")
    created = _auditor(
        "baseline",
        "create",
        "--serve",
        "site",
        "--baseline",
        "a11y-baseline.json",
        "-q",
        cwd=folder,
    )
    assert created.returncode == 0, created.stderr
    return folder


@pytest.fixture
def work(baselined: Path, tmp_path: Path) -> Path:
    shutil.copytree(baselined, tmp_path, dirs_exist_ok=True)
    return tmp_path


def _known(work: Path) -> int:
    return len(json.loads((work / "a11y-baseline.json").read_text())["findings"])


def _ci(work: Path) -> tuple[subprocess.CompletedProcess[str], dict]:  # type: ignore[type-arg]
    result = _auditor(
        "ci", "--serve", "site", "--baseline", "a11y-baseline.json", "-q", "--out", "out", cwd=work
    )
    report = json.loads((work / "out" / "report.json").read_text())
    return result, report


def test_unchanged_site_passes(work: Path) -> None:
    result, report = _ci(work)
    assert result.returncode == 0, result.stderr
    assert report["gate"]["passed"] is True
    assert report["gate"]["comparison"]["persisting"] == _known(work)
    for name in ("report.junit.xml", "report.sarif", "report.md"):
        assert (work / "out" / name).exists()


def test_a_fix_elsewhere_never_hides_a_new_regression(work: Path) -> None:
    site = work / "site"
    _edit(site, "index.html", LOGO, LOGO.replace("<img", '<img alt="Ashworth Borough Council"'))
    _edit(
        site,
        "bins/index.html",
        HEADING,
        HEADING + '<img id="new-banner" src="/assets/logo.svg" width="40" height="40">',
    )
    result, report = _ci(work)
    assert result.returncode == 2, result.stderr
    comparison = report["gate"]["comparison"]
    assert [(f["check_id"], f["selector"]) for f in comparison["new"]] == [
        ("axe/image-alt", "#new-banner")
    ]
    assert [(f["check_id"], f["selector"]) for f in comparison["fixed"]] == [
        ("axe/image-alt", "#council-logo")
    ]
    assert "1 new, 1 fixed" in result.stderr
    # Fixing the regression too makes the gate pass again.
    _edit(site, "bins/index.html", '<img id="new-banner"', '<img alt="" id="new-banner"')
    result, report = _ci(work)
    assert result.returncode == 0, result.stderr
    assert report["gate"]["comparison"]["new"] == []


def test_cosmetic_changes_keep_findings_known(work: Path) -> None:
    site = work / "site"
    _edit(site, "index.html", LOGO, LOGO.replace("<img", '<img class="logo logo--large"'))
    _edit(site, "bins/index.html", HEADING, HEADING + "<p>A new paragraph above the table.</p>")
    result, report = _ci(work)
    assert result.returncode == 0, result.stderr
    assert report["gate"]["comparison"]["new"] == []
    assert report["gate"]["comparison"]["persisting"] == _known(work)


def test_thresholds_break_with_exit_2(work: Path) -> None:
    result = _auditor(
        "audit",
        "--serve",
        "site",
        "--no-store",
        "-q",
        "--out",
        "out",
        "--max-failures",
        "critical=0",
        "--min-score",
        "95",
        cwd=work,
    )
    assert result.returncode == 2
    assert "Threshold broken: overall score" in result.stderr
    assert "is below 95" in result.stderr
    assert "critical failures (at most 0 allowed)" in result.stderr
    within = _auditor(
        "audit",
        "--serve",
        "site",
        "--no-store",
        "-q",
        "--out",
        "out",
        "--max-failures",
        "critical=50",
        "--min-score",
        "50",
        cwd=work,
    )
    assert within.returncode == 0, within.stderr


def test_baseline_update_and_prune(work: Path) -> None:
    site = work / "site"
    _edit(site, "index.html", LOGO, LOGO.replace("<img", '<img alt="Ashworth Borough Council"'))
    _edit(
        site,
        "bins/index.html",
        HEADING,
        HEADING + '<img id="new-banner" src="/assets/logo.svg" width="40" height="40">',
    )
    before = _known(work)
    pruned = _auditor(
        "baseline", "prune", "--serve", "site", "--baseline", "a11y-baseline.json", "-q", cwd=work
    )
    assert pruned.returncode == 0, pruned.stderr
    kept = json.loads((work / "a11y-baseline.json").read_text())["findings"]
    assert len(kept) == before - 1, "the fixed logo is dropped; the new banner is not added"
    updated = _auditor(
        "baseline", "update", "--serve", "site", "--baseline", "a11y-baseline.json", "-q", cwd=work
    )
    assert updated.returncode == 0, updated.stderr
    assert "1 added, 0 removed" in updated.stderr
    assert any(
        f["selector"] == "#new-banner"
        for f in json.loads((work / "a11y-baseline.json").read_text())["findings"]
    )
