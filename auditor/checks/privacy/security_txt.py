"""The site publishes a valid /.well-known/security.txt (RFC 9116; LGDSS point 6).

A site check, judged once per origin and filed under the origin's home page (its shortest
audited address). The file must answer 200 as `text/plain`, with at least one `Contact:` and
an `Expires:` date that has not passed when it was fetched. An `Expires` more than a year
ahead needs review: the RFC recommends less, so that stale contacts do not linger. Needs the
site facts the run gathers (one request per origin); without them it is inapplicable.

## Why it matters
People who find a security problem in a council website need to know whom to tell. Without a
security.txt, reports go to a general enquiries inbox or nowhere, and problems stay open.
The NCSC's vulnerability disclosure toolkit, the Cabinet Office and GOV.UK ask every public
sector body to publish one.

## How to fix
Publish `/.well-known/security.txt` as plain text, for example:

    Contact: mailto:security@ashworth.gov.uk
    Contact: https://www.ashworth.gov.uk/report-a-vulnerability
    Expires: 2026-12-31T23:00:00.000Z
    Policy: https://www.ashworth.gov.uk/vulnerability-disclosure-policy

and renew `Expires` before it passes.

## Example
    /.well-known/security.txt answers 404                       → fail
    Contact and an Expires date next year                        → pass
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from auditor.checks.base import (
    CheckMeta,
    PageFacts,
    SiteCheck,
    SiteContext,
    make_finding,
    register,
)
from auditor.models import Finding, Impact, Node, Outcome, SecurityTxt
from auditor.web.security_txt import is_plain_text

LONGEST_EXPIRY = timedelta(days=366)


@register
class SecurityTxtPublished(SiteCheck):
    meta = CheckMeta(
        id="privacy/security-txt",
        title="The site publishes a valid security.txt",
        failure_title="No valid /.well-known/security.txt",
        help_url="https://www.ncsc.gov.uk/information/vulnerability-disclosure-toolkit",
        tags=("cat.security", "best-practice", "lgdss6"),
        impact=Impact.MODERATE,
        requires=("site-facts",),
        description="/.well-known/security.txt with Contact and an Expires date not passed.",
    )

    def evaluate_site(self, site: SiteContext) -> Iterator[Finding]:
        for _, page, facts in site.origins_read():
            if facts.security_txt is None:
                continue
            for outcome, field, message in problems(facts.security_txt):
                node = Node(
                    selector=f'security-txt[field="{field}"]' if field else "security-txt",
                    label=f"security.txt {field.capitalize()}".strip(),
                )
                yield make_finding(self.meta, outcome, page.url, message, node, page.viewport)

    def applies_to(self, page: PageFacts, site: SiteContext) -> bool:
        """The pages that stand for an origin whose security.txt was looked for."""
        return any(
            stands_for.url == page.url and facts.security_txt is not None
            for _, stands_for, facts in site.origins_read()
        )


def problems(found: SecurityTxt) -> list[tuple[Outcome, str, str]]:
    """What is wrong with an origin's security.txt, each with the field concerned ("" for the
    whole file)."""
    where = found.url
    if found.error is not None:
        return [(Outcome.FAIL, "", f"{where} could not be fetched ({found.error})")]
    if found.status != 200:
        return [(Outcome.FAIL, "", f"No security.txt: {where} answers HTTP {found.status}")]
    if not is_plain_text(found.content_type):
        kind = (found.content_type or "no content type").split(";")[0]
        return [(Outcome.FAIL, "", f"{where} is {kind}, not a text/plain security.txt")]
    found_problems = []
    if not found.contacts:
        found_problems.append((Outcome.FAIL, "contact", f"{where} has no Contact: field"))
    if found.expires is None:
        found_problems.append((Outcome.FAIL, "expires", f"{where} has no Expires: field"))
    elif found.expires_at is None:
        found_problems.append(
            (Outcome.FAIL, "expires", f"{where} has an Expires: value that is not a date")
        )
    elif found.expires_at <= found.fetched_at:
        found_problems.append((Outcome.FAIL, "expires", f"{where} expired on {found.expires}"))
    elif found.expires_at - found.fetched_at > LONGEST_EXPIRY:
        found_problems.append(
            (
                Outcome.NEEDS_REVIEW,
                "expires",
                f"{where} expires on {found.expires}, more than a year ahead (RFC 9116 "
                "recommends less, so that stale contacts do not linger)",
            )
        )
    return found_problems
