"""The statement does not claim full compliance while the run found WCAG failures.

A site check on the statement page. When `statement/compliance-status` found the statement
saying the website is "fully compliant" (its finding carries that label), and any page of the
run failed a check mapped to a WCAG success criterion, the claim is contradicted: the check
fails on the status sentence, naming the criteria, the checks and an example page for each.
It needs `statement/compliance-status` in the same ruleset (the council ruleset has both).

## Why it matters
"Fully compliant" tells disabled users they will meet no barriers. GDS monitoring often finds
that claim on websites that fail WCAG, and asks the council to correct the statement as well as
the website. A machine-found failure is enough to show the claim is wrong.

## How to fix
Fix the failures, or change the status to "partially compliant" and list each failure under
"Non-accessible content" with the criterion it fails and when you will fix it.

## Example
    "This website is fully compliant…" and axe/image-alt fails on the home page → fail
    "This website is fully compliant…" and no WCAG check fails in the run       → pass
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from auditor.checks.base import CheckMeta, PageFacts, SiteCheck, SiteContext, register
from auditor.checks.statement._page import GUIDANCE_URL
from auditor.checks.statement._site import looks_like_statement
from auditor.checks.statement._statement import FULLY_COMPLIANT
from auditor.models import Finding, Impact, Outcome

_STATUS_CHECK = "statement/compliance-status"
_LISTED = 6  # criteria named in the message; the rest are counted


@register
class StatementComplianceContradicted(SiteCheck):
    meta = CheckMeta(
        id="statement/compliance-contradicted",
        title="The statement's compliance claim agrees with the audit",
        failure_title="The statement claims full compliance but the audit found WCAG failures",
        help_url=GUIDANCE_URL,
        tags=("cat.statement", "best-practice", "psbar", "lgdss8"),
        impact=Impact.SERIOUS,
        requires=("links",),
        description='A statement must not say "fully compliant" when pages fail WCAG checks.',
    )

    def applies_to(self, page: PageFacts, site: SiteContext) -> bool:
        return looks_like_statement(page) or _claim(page) is not None

    def evaluate_site(self, site: SiteContext) -> Iterator[Finding]:
        pages = site.pages
        failures: dict[str, tuple[str, str]] = {}  # criterion → (check, example page)
        pages_failing = set()
        for page in pages:
            for finding in page.findings:
                if finding.outcome is not Outcome.FAIL or not finding.wcag:
                    continue
                pages_failing.add(page.url)
                for criterion in finding.wcag:
                    failures.setdefault(criterion, (finding.check_id, page.url))
        if not failures:
            return
        ordered = sorted(failures, key=lambda sc: tuple(int(p) for p in sc.split(".")))
        listed = "; ".join(
            f"{sc} ({failures[sc][0]} on {urlsplit(failures[sc][1]).path or '/'})"
            for sc in ordered[:_LISTED]
        )
        more = f" and {len(ordered) - _LISTED} more" if len(ordered) > _LISTED else ""
        for page in pages:
            if not self.applies_to(page, site):
                continue
            claim = _claim(page)
            if claim is None:
                continue
            yield self.finding(
                page,
                claim.node,
                "The statement says the website is fully compliant, but this audit found WCAG "
                f"failures on {len(pages_failing)} page(s): {listed}{more}",
            )


def _claim(page: PageFacts) -> Finding | None:
    """The compliance-status finding that records a claim of full compliance, if any."""
    return next(
        (
            f
            for f in page.findings
            if f.check_id == _STATUS_CHECK and f.node.label == FULLY_COMPLIANT
        ),
        None,
    )
