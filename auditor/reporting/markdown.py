"""A short Markdown summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`: the score (and
its change since the baseline), whether the gate passed, what got worse and what got better, and
where the full reports are.

GitHub renders HTML inside Markdown, so every string that came from the audited site is escaped:
Markdown specials and `|` are backslash-escaped, `<`, `>` and `&` become entities, control
characters are dropped and `@` cannot mention anyone. Selectors go in code spans whose backtick
fence is longer than any run of backticks inside; angle brackets in them are shown as ‹ ›, since
a code span cannot hold an entity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from auditor.models import (
    IMPACT_ORDER,
    BaselineComparison,
    CheckInfo,
    Finding,
    GateResult,
    Impact,
    KnownFinding,
    Outcome,
    Run,
    page_key,
)
from auditor.models.run import journey_problems
from auditor.reporting.html import CATEGORY_NAMES
from auditor.reporting.json import build_report

ROW_LIMIT = 20
TOP_CHECKS = 10
CELL_LIMIT = 120

# Controls (C0, DEL, C1), zero-width and bidi formatting characters a page could hide text with.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
# CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that can start
# or end formatting, links, images, lists, headings, tables or autolinks.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:=^$])")
_BACKTICKS = re.compile(r"`+")
_PIPE = re.compile(r"(\\*)\|")


def _clean(text: str, limit: int | None) -> str:
    """One line, no control characters, at most `limit` characters."""
    line = " ".join(_CONTROL.sub(" ", text).split())
    if limit is not None and len(line) > limit:
        line = line[: limit - 1] + "…"
    return line


def md_text(text: str, limit: int | None = CELL_LIMIT) -> str:
    """Page-derived text, safe anywhere in a Markdown line or table cell."""
    line = _clean(text, limit)
    line = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    line = _MARKDOWN_SPECIAL.sub(r"\\\1", line)
    return line.replace("@", "@\u200b")  # no @mention of whoever a page names


def md_code(text: str, limit: int | None = CELL_LIMIT) -> str:
    """Page-derived text as an inline code span, safe in a table cell."""
    line = _clean(text, limit).replace("<", "‹").replace(">", "›")
    if not line:
        return "—"
    # GFM splits table rows on `|` before it reads code spans, so a pipe is escaped even here;
    # backslashes right before it are doubled so that none of them can cancel that escape.
    line = _PIPE.sub(lambda m: m.group(1) * 2 + "\\|", line)
    longest = max((len(run) for run in _BACKTICKS.findall(line)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if line.startswith(("`", " ")) or line.endswith(("`", " ")) else ""
    return f"{fence}{pad}{line}{pad}{fence}"


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def _delta(value: float | None, before: float | None) -> str:
    if value is None or before is None:
        return ""
    change = round(value - before, 1)
    if change > 0:
        return f" (▲ {change:g})"
    if change < 0:
        return f" (▼ {-change:g})"
    return " (no change)"


def _title(check_id: str, infos: dict[str, CheckInfo]) -> str:
    info = infos.get(check_id)
    return md_text(info.title if info else check_id)


def _impact_rank(impact: Impact) -> int:
    return IMPACT_ORDER.index(impact)


def _more(total: int, shown: int) -> list[str]:
    return [f"…and {total - shown} more.", ""] if total > shown else []


class MarkdownReporter:
    name = "markdown"
    suffix = ".md"

    def render(self, run: Run) -> str:
        infos = {c.id: c for c in run.checks}
        gate = run.gate
        comparison = gate.comparison if gate else None
        lines = self._heading(run, comparison)
        if gate is not None:
            lines += self._gate(gate)
        if comparison is not None:
            lines += self._comparison(comparison, infos)
        else:
            lines += self._top_failing(run)
        lines += self._categories(run)
        lines += self._counts(run)
        lines.append(
            "Full reports: `report.html` (readable, with every finding) and `report.json` "
            "(data), in the report folder or the workflow's artifacts."
        )
        return "\n".join(lines) + "\n"

    def _heading(self, run: Run, comparison: BaselineComparison | None) -> list[str]:
        if run.score is None or run.score.value is None:
            headline = "no score (nothing could be tested)"
        else:
            before = comparison.score_before if comparison else None
            headline = f"{_score(run.score.value)}{_delta(run.score.value, before)}"
            if run.score.band:
                headline += f" · {md_text(run.score.band)}"
        return [
            f"## Accessibility score: {headline}",
            "",
            f"Site: {md_text(run.site, 200)} · run {md_code(run.id)}",
            "",
        ]

    def _gate(self, gate: GateResult) -> list[str]:
        lines = [f"**Gate: {'✅ passed' if gate.passed else '❌ failed'}**", ""]
        lines += [f"- {md_text(b.message, 300)}" for b in gate.breaches]
        if gate.breaches:
            lines.append("")
        return lines

    def _comparison(self, comparison: BaselineComparison, infos: dict[str, CheckInfo]) -> list[str]:
        lines: list[str] = []
        if comparison.engine_changed:
            changed = ", ".join(md_text(e, 80) for e in comparison.engine_changed)
            lines += [f"⚠️ Engine versions differ from the baseline's: {changed}.", ""]
        new = sorted(
            comparison.new,
            key=lambda f: (
                _impact_rank(f.impact),
                f.check_id,
                page_key(f.page_url),
                f.node.selector,
                f.fingerprint,
            ),
        )
        lines += [f"### What got worse: {len(new)} new", ""]
        if new:
            lines += self._finding_table(new[:ROW_LIMIT], infos)
            lines += _more(len(new), ROW_LIMIT)
        else:
            lines += ["Nothing new since the baseline.", ""]
        fixed = sorted(
            comparison.fixed,
            key=lambda k: (_impact_rank(k.impact), k.check_id, k.page, k.selector, k.fingerprint),
        )
        lines += [f"### What got better: {len(fixed)} fixed", ""]
        if fixed:
            lines += self._known_table(fixed[:ROW_LIMIT], infos)
            lines += _more(len(fixed), ROW_LIMIT)
        else:
            lines += ["Nothing fixed since the baseline.", ""]
        noun = "finding" if comparison.persisting == 1 else "findings"
        lines += [
            f"{comparison.persisting} {noun} persist from the baseline "
            f"({md_text(comparison.baseline, 200)}).",
            "",
        ]
        return lines

    def _finding_table(self, findings: Sequence[Finding], infos: dict[str, CheckInfo]) -> list[str]:
        rows = [
            f"| {_title(f.check_id, infos)} | {f.impact.value} | "
            f"{md_text(page_key(f.page_url))} | {md_code(f.node.selector)} |"
            for f in findings
        ]
        return ["| Check | Impact | Page | Element |", "|---|---|---|---|", *rows, ""]

    def _known_table(self, known: Sequence[KnownFinding], infos: dict[str, CheckInfo]) -> list[str]:
        rows = [
            f"| {_title(k.check_id, infos)} | {k.impact.value} | "
            f"{md_text(k.page)} | {md_code(k.selector)} |"
            for k in known
        ]
        return ["| Check | Impact | Page | Element |", "|---|---|---|---|", *rows, ""]

    def _top_failing(self, run: Run) -> list[str]:
        failing = [c for c in build_report(run).checks if c.pages_failed]
        if not failing:
            journeys = sum(1 for f in journey_problems(run.journeys) if f.outcome is Outcome.FAIL)
            said = (
                f"No check failed on the pages audited; the journeys found {journeys} problem(s)."
                if journeys
                else "No check failed."
            )
            return ["### Failing checks", "", said, ""]
        failing.sort(key=lambda c: (-c.deduction, _impact_rank(c.impact), c.id))
        rows = [
            f"| {md_text(c.title)} | {c.impact.value} | {c.pages_failed} of {c.pages_judged} "
            f"| {c.elements_failed} |"
            for c in failing[:TOP_CHECKS]
        ]
        return [
            f"### Top failing checks ({min(len(failing), TOP_CHECKS)} of {len(failing)})",
            "",
            "| Check | Impact | Pages failing | Elements |",
            "|---|---|---|---|",
            *rows,
            "",
        ]

    def _categories(self, run: Run) -> list[str]:
        if run.score is None or not run.score.by_category:
            return []
        rows = [
            f"| {md_text(CATEGORY_NAMES.get(category, category))} | {_score(value)} |"
            for category, value in run.score.by_category.items()
        ]
        return ["### Scores by category", "", "| Category | Score |", "|---|---|", *rows, ""]

    def _counts(self, run: Run) -> list[str]:
        summary = run.summary
        parts = [
            f"{summary.pages_audited} pages audited",
            f"{summary.pages_failed_to_load} failed to load",
            f"{summary.failures} failing elements",
            f"{summary.needs_review} to review",
        ]
        return [" · ".join(parts), ""]
