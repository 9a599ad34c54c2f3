"""axe-core rules as checks, one per rule, generated from axe's own metadata (no file per rule).

violations → fail, incomplete → needs review, passes → pass,
inapplicable (or not run) → inapplicable. Rules axe-core tags `experimental` are not settled
enough to promise a failure: their violations are review items that say so. So are violations
on a design-system component the rule is known to disagree with (checks/known_patterns.py),
required ARIA states the browser gives a default value (checks/aria_defaults.py), a label the
W3C's label-in-name algorithm finds in the name (checks/label_in_name.py), and contrast of text
that has no letter or digit (checks/symbol_text.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import ClassVar

from auditor.checks.aria_defaults import defaulted_states_note
from auditor.checks.base import Check, CheckContext, CheckMeta, make_finding
from auditor.checks.known_patterns import known_pattern
from auditor.checks.label_in_name import label_in_name_note
from auditor.checks.symbol_text import symbol_text_note
from auditor.models import AxeNode, AxeRuleResult, Finding, Impact, Node, Outcome

AXE_DIR = Path(__file__).resolve().parent.parent / "vendor" / "axe-core"
FRAME_SEPARATOR = " >>> "
EXPERIMENTAL = "experimental"
_EXPERIMENTAL_NOTE = (
    "axe-core marks this rule experimental, so a person should confirm it: does the element "
    "really have this problem?"
)


@cache
def axe_rule_metadata() -> tuple[str, list[dict[str, object]]]:
    """The vendored axe-core version and its rules' metadata (made by scripts/update-axe)."""
    data = json.loads((AXE_DIR / "rules.json").read_text(encoding="utf-8"))
    return str(data["version"]), list(data["rules"])


def axe_selector(node: AxeNode) -> str:
    """One string for axe's per-frame target list (shadow DOM parts joined the same way)."""
    parts: list[str] = []
    for part in node.target:
        parts.extend(part if isinstance(part, list) else [part])
    return FRAME_SEPARATOR.join(parts)


class AxeRuleCheck(Check):
    """Reads one rule's buckets from the snapshot's axe run."""

    rule_id: ClassVar[str]
    meta: ClassVar[CheckMeta]

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        axe = ctx.snapshot.axe
        if axe is None:
            raise self.inapplicable()
        violation = _find(axe.violations, self.rule_id)
        incomplete = _find(axe.incomplete, self.rule_id)
        if violation is None and incomplete is None:
            if _find(axe.passes, self.rule_id) is None:
                raise self.inapplicable()
            return
        experimental = EXPERIMENTAL in self.meta.tags
        buckets = (
            (violation, Outcome.NEEDS_REVIEW if experimental else Outcome.FAIL, experimental),
            (incomplete, Outcome.NEEDS_REVIEW, False),
        )
        for bucket, outcome, unsettled in buckets:
            if bucket is None:
                continue
            for node in bucket.nodes:
                note = self._review_note(node) if bucket is violation else None
                if note is not None:
                    yield self._axe_finding(ctx, bucket, node, Outcome.NEEDS_REVIEW, note=note)
                else:
                    yield self._axe_finding(ctx, bucket, node, outcome, unsettled)

    def _review_note(self, node: AxeNode) -> str | None:
        """Why this violation is not a sure failure, when it is one of the known kinds."""
        pattern = known_pattern(self.rule_id, node.html)
        if pattern is not None:
            return pattern.explain()
        return (
            defaulted_states_note(self.rule_id, node.html, node.failure_summary)
            or label_in_name_note(self.rule_id, node.html)
            or symbol_text_note(self.rule_id, node.html)
        )

    def _axe_finding(
        self,
        ctx: CheckContext,
        rule: AxeRuleResult,
        node: AxeNode,
        outcome: Outcome,
        unsettled: bool = False,
        note: str = "",
    ) -> Finding:
        summary = " ".join(node.failure_summary.split())
        message = rule.help or self.meta.failure_title
        if summary:
            message = f"{message}. {summary}"
        if unsettled:
            message = f"{message} ({_EXPERIMENTAL_NOTE})"
        if note:
            message = f"{message} ({note})"
        return make_finding(
            self.meta,
            outcome,
            ctx.page_url,
            message,
            Node(selector=axe_selector(node), snippet=node.html[:300]),
            ctx.snapshot.viewport.name,
            impact=node.impact or rule.impact or self.meta.impact,
        )


def _find(bucket: list[AxeRuleResult], rule_id: str) -> AxeRuleResult | None:
    return next((r for r in bucket if r.id == rule_id), None)


# axe rules about phones and keyboards score with the project's own such checks.
MOBILE_KEYBOARD_RULES = frozenset(
    {
        "meta-viewport",
        "meta-viewport-large",
        "css-orientation-lock",
        "scrollable-region-focusable",
        "target-size",
    }
)


def build_axe_checks() -> dict[str, type[Check]]:
    """One AxeRuleCheck subclass per vendored axe rule, keyed `axe/<rule-id>`."""
    _, rules = axe_rule_metadata()
    checks: dict[str, type[Check]] = {}
    for rule in rules:
        rule_id = str(rule["id"])
        tags = tuple(str(t) for t in rule["tags"])  # type: ignore[attr-defined]
        meta = CheckMeta(
            id=f"axe/{rule_id}",
            title=str(rule["help"]),
            failure_title=str(rule["help"]),
            help_url=str(rule["help_url"]),
            tags=tags,
            impact=Impact(str(rule["impact"])),
            requires=("axe",),
            description=str(rule["description"]),
            category="mobile-keyboard" if rule_id in MOBILE_KEYBOARD_RULES else "",
        )
        cls = type(
            f"Axe_{rule_id.replace('-', '_')}",
            (AxeRuleCheck,),
            {"rule_id": rule_id, "meta": meta, "__doc__": _doc(meta)},
        )
        checks[meta.id] = cls
    return checks


def _doc(meta: CheckMeta) -> str:
    wcag = ", ".join(meta.wcag) or "none (best practice)"
    return (
        f"{meta.title} (axe-core rule).\n\n{meta.description}.\n\n"
        f"## Why it matters\nWCAG success criteria: {wcag}. "
        f"Impact when it fails: {meta.impact}.\n\n"
        f"More: {meta.help_url}\n"
    )
