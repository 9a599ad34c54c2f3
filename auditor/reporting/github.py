"""GitHub Actions annotations: workflow commands that `cat report.txt` in a workflow step turns
into error and warning annotations on the run's summary page.

One line per failing element: only the new ones when the run was compared with a baseline, else
every failure. Critical and serious findings are `::error`, the rest `::warning`; the worst come
first and the list stops at 50 with a `::notice` saying how many more there were.

Page content is escaped by GitHub's rules (`%`, CR and LF in messages; also `:` and `,` in
property values) and every other control or line-breaking character is dropped, so a hostile page
can never start a line of its own, which is what a second workflow command would need.
"""

from __future__ import annotations

import re

from auditor.models import IMPACT_ORDER, Finding, Impact, Outcome, Run, page_key

LINE_LIMIT = 50
MESSAGE_LIMIT = 1000
TITLE_LIMIT = 200

# C0 controls other than CR and LF (escaped instead), DEL, C1 (NEL is a line break to some
# readers), Unicode line and paragraph separators and bidi overrides.
_CONTROL = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]")


def _bounded(text: str, limit: int) -> str:
    clean = _CONTROL.sub("", text)
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


def escape_data(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """A workflow command's message."""
    clean = _bounded(text, limit)
    return clean.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str, limit: int = TITLE_LIMIT) -> str:
    """A workflow command's property value (title=…)."""
    return escape_data(text, limit).replace(":", "%3A").replace(",", "%2C")


def _command(finding: Finding) -> str:
    return "error" if finding.impact in (Impact.CRITICAL, Impact.SERIOUS) else "warning"


class GithubReporter:
    name = "github"
    suffix = ".txt"

    def render(self, run: Run) -> str:
        infos = {c.id: c for c in run.checks}
        comparison = run.gate.comparison if run.gate else None
        candidates = comparison.new if comparison is not None else run.findings()
        failing = sorted(
            (f for f in candidates if f.outcome is Outcome.FAIL),
            key=lambda f: (
                IMPACT_ORDER.index(f.impact),
                f.check_id,
                f.page_url,
                f.node.selector,
                f.fingerprint,
            ),
        )
        lines = []
        for finding in failing[:LINE_LIMIT]:
            info = infos.get(finding.check_id)
            title = f"{info.title if info else finding.check_id} ({finding.impact.value})"
            where = page_key(finding.page_url) or finding.page_url
            element = f" {finding.node.selector}" if finding.node.selector else ""
            message = f"{where}{element}: {finding.message}"
            lines.append(
                f"::{_command(finding)} title={escape_property(title)}::{escape_data(message)}"
            )
        if len(failing) > LINE_LIMIT:
            more = len(failing) - LINE_LIMIT
            scope = "new failures" if comparison is not None else "failures"
            lines.append(
                f"::notice::{more} more {scope} not annotated: see report.html for all of them"
            )
        return "".join(f"{line}\n" for line in lines)
