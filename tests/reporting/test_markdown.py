"""The Markdown summary from the recorded council snapshots, without and with a gate and baseline
comparison (built by hand from the run's own findings), hostile page content, and golden files."""

from __future__ import annotations

import re

import pytest

from auditor.models import (
    BaselineComparison,
    Finding,
    GateResult,
    KnownFinding,
    Node,
    Outcome,
    Run,
    ThresholdBreach,
    page_key,
)
from auditor.reporting import REPORTERS
from auditor.reporting.markdown import ROW_LIMIT, MarkdownReporter, md_code, md_text
from tests.conftest import SNAPSHOTS, run_from_snapshots
from tests.reporting.test_reports import _hostile_run


@pytest.fixture(scope="module")
def council() -> Run:
    return run_from_snapshots(SNAPSHOTS / "council")


def _known(finding: Finding) -> KnownFinding:
    return KnownFinding(
        fingerprint=finding.fingerprint,
        check_id=finding.check_id,
        page=page_key(finding.page_url),
        selector=finding.node.selector,
        impact=finding.impact,
        message=finding.message,
    )


def _gated(council: Run, new: list[Finding] | None = None, passed: bool = False) -> Run:
    """The council run as `auditor ci` would leave it: 4 findings new, 2 fixed, the rest known."""
    fails = sorted(
        (f for f in council.findings() if f.outcome is Outcome.FAIL),
        key=lambda f: f.fingerprint,
    )
    new = fails[:4] if new is None else new
    fixed = [
        _known(f.model_copy(update={"page_url": "http://council.test/old/", "fingerprint": p}))
        for f, p in zip(fails[4:6], ("f" * 32, "e" * 32), strict=True)
    ]
    breaches = (
        []
        if passed
        else [
            ThresholdBreach(
                rule="new-failures",
                limit=0,
                actual=len(new),
                message=f"{len(new)} new failures (at most 0 allowed)",
            )
        ]
    )
    comparison = BaselineComparison(
        baseline=".auditor/baseline.json",
        new=new,
        fixed=fixed,
        persisting=len(fails) - 4,
        score_before=round((council.score.value or 0) - 3, 1) if council.score else None,
    )
    return council.model_copy(
        update={"gate": GateResult(passed=passed, breaches=breaches, comparison=comparison)}
    )


_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")


def _cells(row: str) -> int:
    """How many cells GFM's table scanner sees in a row: `\\x` pairs never split a cell."""
    count, i = 0, 0
    while i < len(row):
        if row[i] == "\\":
            i += 2
            continue
        if row[i] == "|":
            count += 1
        i += 1
    return count - 1


def test_registered() -> None:
    assert isinstance(REPORTERS["markdown"], MarkdownReporter)
    assert REPORTERS["markdown"].suffix == ".md"


def test_without_gate_shows_top_failing_checks(council: Run) -> None:
    text = MarkdownReporter().render(council)
    assert council.score is not None
    assert council.score.value is not None
    heading = f"## Accessibility score: {council.score.value:.0f} · {council.score.band}\n"
    assert text.startswith(heading)
    assert "Gate" not in text
    assert "What got worse" not in text
    assert "### Top failing checks" in text
    assert "| Images must have alternative text | critical | 2 of 2 | 2 |" in text
    assert f"| WCAG A | {council.score.by_category['wcag-a']:.0f} |" in text
    assert "report.html" in text
    assert "report.json" in text


def test_with_gate_shows_what_changed(council: Run) -> None:
    run = _gated(council)
    text = MarkdownReporter().render(run)
    assert council.score is not None
    assert council.score.value is not None
    heading = f"## Accessibility score: {council.score.value:.0f} (▲ 3) · {council.score.band}\n"
    assert text.startswith(heading)
    assert "**Gate: ❌ failed**" in text
    assert r"- 4 new failures \(at most 0 allowed\)" in text
    assert "### What got worse: 4 new" in text
    assert "### What got better: 2 fixed" in text
    fails = sum(1 for f in council.findings() if f.outcome is Outcome.FAIL)
    assert f"{fails - 4} findings persist from the baseline" in text
    assert "Top failing checks" not in text
    assert run.gate is not None
    assert run.gate.comparison is not None
    for finding in run.gate.comparison.new:
        assert md_code(finding.node.selector) in text
    assert "/old/" in text
    worse = text.split("### What got worse")[1].split("###")[0]
    rows = [line for line in worse.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == 1 + 4


def test_passed_gate_and_score_changes(council: Run) -> None:
    run = _gated(council, new=[], passed=True)
    text = MarkdownReporter().render(run)
    assert "**Gate: ✅ passed**" in text
    assert "Nothing new since the baseline." in text
    assert run.gate is not None
    assert run.gate.comparison is not None
    assert council.score is not None
    now = council.score.value or 0.0
    cases = (
        (round(now + 3.8, 1), "(▼ 3.8)"),
        (now, "(no change)"),
        (None, f"{now:.0f} · {council.score.band}"),
    )
    for before, shown in cases:
        run.gate.comparison.score_before = before
        assert shown in MarkdownReporter().render(run).splitlines()[0]


def test_long_lists_are_cut_at_twenty_rows(council: Run) -> None:
    base = council.findings()[0]
    many = [
        base.model_copy(update={"node": Node(selector=f"#n{i}"), "fingerprint": f"{i:032d}"})
        for i in range(ROW_LIMIT + 7)
    ]
    text = MarkdownReporter().render(_gated(council, new=many))
    worse = text.split("### What got worse")[1].split("###")[0]
    rows = [line for line in worse.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == 1 + ROW_LIMIT
    assert "…and 7 more." in worse


HOSTILE_BITS = (
    '<script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    "</textarea>",
    "[click](javascript:alert(1))",
    "![x](https://evil.example/t.png)",
    "| --- | injected |",
    "`` code ``` ",
    "\\| after a backslash",
    "line\nbreak\r\n## heading",
    "@octocat #1 $x^2$",
    "\x1b[2J\x00\u202e",
)


def _very_hostile(council: Run) -> Run:
    run = _hostile_run(council)
    original = run.pages[0].results[0].findings[0]
    nasty = " ".join(HOSTILE_BITS)
    finding = original.model_copy(
        update={
            "message": nasty,
            "page_url": f"http://council.test/{nasty}",
            "node": Node(selector=f"a[title='{nasty}']", snippet=f"<a>{nasty}</a>"),
        }
    )
    run.pages[0].results[0].findings[0] = finding
    comparison = BaselineComparison(
        baseline=nasty,
        new=[finding],
        fixed=[_known(finding)],
        persisting=0,
        score_before=50,
        engine_changed=[nasty],
    )
    breach = ThresholdBreach(rule="min-score", limit=90, actual=1, message=nasty)
    gate = GateResult(passed=False, breaches=[breach], comparison=comparison)
    return run.model_copy(update={"gate": gate})


@pytest.mark.parametrize("gated", [False, True])
def test_hostile_content_is_escaped(council: Run, gated: bool) -> None:
    run = _very_hostile(council) if gated else _hostile_run(council)
    text = MarkdownReporter().render(run)
    lowered = text.lower()
    for raw in ("<script", "<img", "</textarea", "\x1b", "\x00", "\u202e"):
        assert raw not in lowered
    outside_code = _CODE_SPAN.sub("", lowered)
    assert "](javascript" not in outside_code
    assert "![x]" not in outside_code
    assert "<" not in text.replace("&lt;", "")
    assert "\n## heading" not in text
    assert "@octocat" not in text
    header_cells = None
    for line in text.splitlines():
        if not line.startswith("|"):
            header_cells = None
            continue
        if header_cells is None:
            header_cells = _cells(line)
        assert _cells(line) == header_cells, line  # no cell split or added by page content
        assert line.endswith("|")
    if gated:
        worse = text.split("### What got worse")[1].split("###")[0]
        rows = [r for r in worse.splitlines() if r.startswith("| ") and "---" not in r]
        assert len(rows) == 2
        assert all(_cells(r) == 4 for r in rows)


def test_md_text_escapes_markdown_and_html() -> None:
    assert md_text("<b>&amp;</b>") == "&lt;b&gt;&amp;amp;&lt;/b&gt;"
    assert md_text("*a* _b_ [c](d) `e` | f") == r"\*a\* \_b\_ \[c\]\(d\) \`e\` \| f"
    assert md_text("a\nb\tc\x1bd") == "a b c d"
    assert md_text("x" * 500, 10) == "x" * 9 + "…"


def test_md_code_fences_backticks() -> None:
    assert md_code("#main a") == "`#main a`"
    assert md_code("a`b") == "``a`b``"
    assert md_code("``x") == "``` ``x ```"
    assert md_code("a|b") == r"`a\|b`"
    assert md_code("a\\|b") == r"`a\\\|b`"
    assert md_code("<p>") == "`‹p›`"
    assert md_code("") == "—"
    code = md_code("x ``` y")
    fence = re.match(r"`+", code)
    assert fence is not None
    assert len(fence.group()) == 4


def test_matches_golden(council: Run, golden) -> None:  # type: ignore[no-untyped-def]
    golden("council-report.md", REPORTERS["markdown"].render(council))


def test_gated_matches_golden(council: Run, golden) -> None:  # type: ignore[no-untyped-def]
    golden("council-report.gate.md", REPORTERS["markdown"].render(_gated(council)))
