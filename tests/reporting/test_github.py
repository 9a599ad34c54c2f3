"""GitHub Actions annotations: one workflow command per failing element, escaping by GitHub's rules
so page content can never start a command of its own, the cap, and new-only with a baseline."""

from __future__ import annotations

import pytest

from auditor.models import (
    BaselineComparison,
    CheckResult,
    Finding,
    GateResult,
    Impact,
    Node,
    Outcome,
    PageResult,
    Run,
    Target,
    fingerprint,
)
from auditor.reporting import REPORTERS
from auditor.reporting.github import LINE_LIMIT, GithubReporter, escape_data, escape_property
from tests.conftest import SNAPSHOTS, run_from_snapshots
from tests.reporting.test_reports import _hostile_run

INJECTION = "bad\n::error::injected\r\n::warning file=x::two\r::notice::three 50%"


@pytest.fixture(scope="module")
def council() -> Run:
    return run_from_snapshots(SNAPSHOTS / "council")


def _run_with(council: Run, findings: list[Finding]) -> Run:
    url = "http://council.test/evil/"
    page = PageResult(target=Target(url=url), final_url=url, status=200)
    page.results = [
        CheckResult(
            check_id=f.check_id,
            outcome=f.outcome,
            impact=f.impact,
            findings=[f],
        )
        for f in findings
    ]
    return council.model_copy(update={"pages": [page], "gate": None})


def _finding(i: int, impact: Impact = Impact.SERIOUS, message: str = "msg") -> Finding:
    url = "http://council.test/evil/"
    return Finding(
        check_id="axe/image-alt",
        outcome=Outcome.FAIL,
        impact=impact,
        message=message,
        wcag=["1.1.1"],
        page_url=url,
        node=Node(selector=f"#img-{i:03d}"),
        fingerprint=fingerprint("axe/image-alt", url, f"#img-{i:03d}"),
    )


def test_registered() -> None:
    assert isinstance(REPORTERS["github"], GithubReporter)
    assert REPORTERS["github"].suffix == ".txt"


def test_one_line_per_failure(council: Run) -> None:
    text = GithubReporter().render(council)
    lines = text.splitlines()
    fails = [f for f in council.findings() if f.outcome is Outcome.FAIL]
    assert len(lines) == len(fails)
    assert text.endswith("\n")
    errors = [line for line in lines if line.startswith("::error title=")]
    warnings = [line for line in lines if line.startswith("::warning title=")]
    assert len(errors) == sum(1 for f in fails if f.impact in (Impact.CRITICAL, Impact.SERIOUS))
    assert len(warnings) == len(fails) - len(errors)
    assert lines[0].startswith("::error title=Buttons must have discernible text (critical)::/ ")
    assert "#search-submit: Buttons must have discernible text" in lines[0]


def test_injection_cannot_start_a_command(council: Run) -> None:
    findings = [
        _finding(0, message=INJECTION),
        _finding(1, Impact.MINOR, message="\u2028::error::sep\x85::error::nel\x0b::error::vt"),
    ]
    nasty_selector = findings[0].model_copy(
        update={"node": Node(selector="a\n::error::from-selector"), "fingerprint": "2" * 32}
    )
    text = GithubReporter().render(_run_with(council, [*findings, nasty_selector]))
    lines = text.splitlines()  # splits on \r, \x0b, \x85, \u2028 and more, not only \n
    assert len(lines) == 3
    assert text.count("\n") == 3
    assert "\r" not in text
    for line in lines:
        assert line.startswith(("::error title=", "::warning title="))
    message = next(line for line in lines if "#img-000" in line).split("::", 2)[2]
    assert message == (
        "/evil/ #img-000: bad%0A::error::injected%0D%0A::warning file=x::two%0D"
        "::notice::three 50%25"
    )
    assert "%0A::error::from-selector" in text


def test_property_and_data_escaping() -> None:
    assert escape_data("50% a\r\nb") == "50%25 a%0D%0Ab"
    assert escape_property("a: b, c%\n") == "a%3A b%2C c%25%0A"
    assert escape_data("\x00\x1b[2J\x7f\x85\u2028\u202e x") == "[2J x"
    assert len(escape_property("x" * 1000)) <= 200


def test_title_escapes_colons_and_commas(council: Run) -> None:
    run = _run_with(council, [_finding(0)])
    run.checks = [
        c.model_copy(update={"title": "Images: alt, text %"}) if c.id == "axe/image-alt" else c
        for c in run.checks
    ]
    (line,) = GithubReporter().render(run).splitlines()
    assert line.startswith("::error title=Images%3A alt%2C text %25 (serious)::/evil/ #img-000")


def test_capped_at_fifty_with_a_notice(council: Run) -> None:
    findings = [_finding(i, Impact.MINOR) for i in range(60)] + [_finding(99, Impact.CRITICAL)]
    lines = GithubReporter().render(_run_with(council, findings)).splitlines()
    assert len(lines) == LINE_LIMIT + 1
    assert lines[0].startswith("::error ")  # the worst first
    assert all(line.startswith("::warning ") for line in lines[1:LINE_LIMIT])
    assert lines[-1].startswith("::notice::11 more failures")


def test_only_new_findings_with_a_baseline(council: Run) -> None:
    fails = sorted(
        (f for f in council.findings() if f.outcome is Outcome.FAIL), key=lambda f: f.fingerprint
    )
    review = fails[2].model_copy(update={"outcome": Outcome.NEEDS_REVIEW})
    comparison = BaselineComparison(baseline="b.json", new=[fails[0], fails[1], review])
    run = council.model_copy(update={"gate": GateResult(passed=False, comparison=comparison)})
    lines = GithubReporter().render(run).splitlines()
    assert len(lines) == 2
    assert {fails[0].node.selector, fails[1].node.selector} == {
        line.split("::", 2)[2].split(" ", 1)[1].split(":", 1)[0] for line in lines
    }
    empty = run.model_copy(
        update={"gate": GateResult(passed=True, comparison=BaselineComparison(baseline="b"))}
    )
    assert GithubReporter().render(empty) == ""


def test_gate_without_baseline_annotates_every_failure(council: Run) -> None:
    run = council.model_copy(update={"gate": GateResult(passed=True)})
    assert GithubReporter().render(run) == GithubReporter().render(council)


def test_hostile_run(council: Run) -> None:
    text = GithubReporter().render(_hostile_run(council))
    assert len(text.splitlines()) == 1
    assert "\x1b" not in text
