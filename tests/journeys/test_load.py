"""Journey files: every mistake is one line naming the file, the line and what to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.errors import ConfigError
from auditor.journeys.load import JourneyFileError, load_journey, resolve_data
from auditor.journeys.model import ClickStep, FillStep
from tests.conftest import FIXTURES

JOURNEYS = FIXTURES / "journeys"


def _errors(tmp_path: Path, text: str, name: str = "j.yaml") -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(JourneyFileError) as caught:
        load_journey(path)
    lines = str(caught.value).splitlines()
    assert "Traceback" not in str(caught.value)
    return lines


@pytest.mark.parametrize("name", ["missed-bin.yaml", "missed-bin-bad.yaml"])
def test_fixture_journeys_load(name: str) -> None:
    journey = load_journey(JOURNEYS / name)
    assert journey.submit_final is False
    final = journey.final_index()
    assert final is not None
    step = journey.steps[final]
    assert isinstance(step, ClickStep)
    assert step.click == "#send"
    assert any(isinstance(s, FillStep) and s.invalid for s in journey.steps)


def test_every_mistake_is_one_line_with_its_line_number(tmp_path: Path) -> None:
    lines = _errors(
        tmp_path,
        """name: Report
start: /start
submit_finale: true
steps:
  - click: "#start"
  - clik: "#next"
  - fill: "#postcode"
    vaule: AW1 1AA
  - select: "#bin"
  - click: "#a"
    fill: "#b"
  - 12
""",
    )
    file = str(tmp_path / "j.yaml")
    assert lines == [
        f"{file}:3: submit_finale: unknown key 'submit_finale' (did you mean 'submit_final'?)",
        f"{file}:6: steps[1]: no action in this step (did you mean 'click'?); use one of "
        "goto, fill, choose, tick, untick, select, upload, click, press, wait_for, "
        "expect_text, expect_url",
        f"{file}:8: steps[2].vaule: unknown key 'vaule' (did you mean 'value'?)",
        f"{file}:9: steps[3].option: missing: add it",
        f"{file}:10: steps[4]: a step takes one action, this one has click, fill: split it",
        f"{file}:12: steps[5]: no action in this step; use one of goto, fill, choose, tick, "
        "untick, select, upload, click, press, wait_for, expect_text, expect_url",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("start: /x\nsteps:\n  - click: a\n", ":1: name: missing: add it"),
        ("name: x\nstart: /x\nsteps: []\n", ":3: steps: list should have at least 1 item"),
        ("name: x\nstart: /x\nsteps:\n  - fill: '#a'\n", ":4: steps[0]: give exactly one of"),
        (
            "name: x\nstart: /x\nsteps:\n  - fill: '#a'\n    data: email\n",
            ":5: steps[0].data: data 'email' is not defined under data",
        ),
        ("name: x\nstart: /x\nsubmit_final: maybe\nsteps:\n  - click: a\n", ":3: submit_final:"),
        ("name: x\nstart: [/x\n", ": not valid YAML"),
        ("- just a list\n", ":1: a journey file is a mapping"),
    ],
)
def test_each_mistake_names_its_line(tmp_path: Path, text: str, expected: str) -> None:
    lines = _errors(tmp_path, text)
    assert len(lines) == 1, lines
    assert expected in lines[0], lines[0]
    assert lines[0].startswith(str(tmp_path / "j.yaml") + ":")


def test_toml_journeys_load_and_name_the_step(tmp_path: Path) -> None:
    path = tmp_path / "j.toml"
    path.write_text(
        'name = "x"\nstart = "/x"\n[[steps]]\nclick = "#a"\n[[steps]]\npres = "Enter"\n',
        encoding="utf-8",
    )
    with pytest.raises(JourneyFileError, match=r"j.toml:1: steps\[1\]: no action"):
        load_journey(path)


def test_data_comes_from_the_environment_when_the_run_starts() -> None:
    journey = load_journey(JOURNEYS / "missed-bin.yaml")
    data = resolve_data(journey, {"MISSED_BIN_EMAIL": "a@example.com"})
    assert data["email"] == "a@example.com"
    with pytest.raises(ConfigError, match="MISSED_BIN_EMAIL is not set"):
        resolve_data(journey, {})


def test_step_descriptions_never_hold_values() -> None:
    journey = load_journey(JOURNEYS / "missed-bin.yaml")
    described = " ".join(s.describe() for s in journey.steps)
    assert "Mill Lane" not in described
    assert "not-an-email" not in described
    assert "Fill #postcode" in described


def test_an_env_value_no_step_uses_need_not_be_set(tmp_path: Path) -> None:
    path = tmp_path / "j.yaml"
    path.write_text(
        "name: x\nstart: /x\ndata:\n  email: env:USED_EMAIL\n  phone: env:UNUSED_PHONE\n"
        "steps:\n  - fill: '#email'\n    data: email\n",
        encoding="utf-8",
    )
    journey = load_journey(path)
    assert resolve_data(journey, {"USED_EMAIL": "a@example.com"}) == {"email": "a@example.com"}
    with pytest.raises(ConfigError, match="USED_EMAIL is not set"):
        resolve_data(journey, {"UNUSED_PHONE": "0"})
