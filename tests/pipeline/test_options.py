"""What the gather stage is asked to run follows what the selected checks read (`requires`,
`probes`): no axe run and no probe that no check needs."""

from __future__ import annotations

from pathlib import Path

from auditor.config import AuditConfig
from auditor.gather.session import BrowserAuth
from auditor.pipeline.options import gather_options
from auditor.ruleset import load_ruleset

ONLY_REFLOW = """
id = "only-reflow"
title = "One layout check"

[select]
include = ["custom/reflow"]
exclude = []
"""


def test_the_default_ruleset_runs_axe_and_the_probes_its_checks_read() -> None:
    options = gather_options(AuditConfig(), load_ruleset("wcag21aa"), BrowserAuth())
    assert options.run_axe
    assert "keyboard" in options.probes["desktop"]
    assert "reflow" in options.probes["mobile"]  # a phone-only check: its probe runs there only


def test_a_ruleset_without_axe_checks_runs_no_axe_and_only_its_probes(tmp_path: Path) -> None:
    path = tmp_path / "only-reflow.toml"
    path.write_text(ONLY_REFLOW, encoding="utf-8")
    options = gather_options(AuditConfig(), load_ruleset(str(path)), BrowserAuth())
    assert not options.run_axe
    assert options.probes == {"desktop": (), "mobile": ("reflow",)}
