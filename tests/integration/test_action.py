"""The GitHub Action's script (scripts/action.sh), run locally as GitHub would run it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, SITES

pytestmark = pytest.mark.browser


def _action(tmp_path: Path, site: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    outputs = tmp_path / "github-output"
    env = {
        **os.environ,
        "AUDITOR_VENV": str(ROOT / ".venv"),
        "GITHUB_ACTIONS": "true",
        "GITHUB_OUTPUT": str(outputs),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "INPUT_SERVE": str(site),
        "INPUT_BASELINE": str(SITES / "council.baseline.json"),
        "INPUT_ARGS": "--max-pages 13",
        "INPUT_OUT": str(tmp_path / "out"),
    }
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "action.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return result, outputs


def test_action_passes_on_the_baselined_site(tmp_path: Path) -> None:
    result, outputs = _action(tmp_path, SITES / "council")
    assert result.returncode == 0, result.stderr
    assert "passed=true" in outputs.read_text()
    assert (tmp_path / "summary.md").read_text().strip()
    assert "::error" not in result.stdout
    assert (tmp_path / "out" / "report.sarif").exists()


def test_action_fails_and_annotates_a_regression(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITES / "council", site)
    page = site / "contact" / "index.html"
    page.write_text(
        page.read_text().replace("</main>", '<img id="regression" src="/x.png"></main>')
    )
    result, outputs = _action(tmp_path, site)
    assert result.returncode == 2, result.stderr
    assert "passed=false" in outputs.read_text()
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert len(errors) == 1
    assert "#regression" in errors[0] or "image-alt" in errors[0]
