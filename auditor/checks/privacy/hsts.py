"""HTTPS pages send Strict-Transport-Security with a max-age of at least a year (LGDSS point 6).

Judged on each HTTPS page from its response headers: the header must be there and its
`max-age` must be at least 31536000 seconds (one year). Plain-HTTP pages are inapplicable
(browsers ignore HSTS sent over HTTP; `privacy/https` reports them), as are snapshots recorded
without headers.

## Why it matters
Without HSTS, the first request a browser makes to the site (a typed address, an old
bookmark) can go over plain HTTP, where an attacker on the network can intercept it and keep
the visitor on an HTTP copy of the site ("SSL stripping"). HSTS tells browsers to use HTTPS
only; a short max-age lets that protection lapse between visits. NCSC and the GOV.UK Service
Manual recommend at least a year.

## How to fix
Send, on every HTTPS response:

    Strict-Transport-Security: max-age=31536000; includeSubDomains

## Example
    no Strict-Transport-Security header              → fail
    Strict-Transport-Security: max-age=86400         → fail (one day)
    Strict-Transport-Security: max-age=31536000      → pass
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.checks.privacy._facts import loopback_note
from auditor.checks.privacy._headers import ONE_YEAR, header_node, parse_hsts
from auditor.models import Finding, Impact

HEADER = "strict-transport-security"


@register
class Hsts(Check):
    meta = CheckMeta(
        id="privacy/hsts",
        title="HTTPS pages send HSTS with a max-age of at least a year",
        failure_title="HTTPS page without HSTS, or with a max-age under a year",
        help_url="https://www.gov.uk/service-manual/technology/using-https",
        tags=("cat.security", "best-practice", "lgdss6"),
        impact=Impact.MODERATE,
        requires=("response_headers",),
        description="Strict-Transport-Security with max-age ≥ 31536000 on every HTTPS page.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        headers = ctx.snapshot.response_headers
        if headers is None or not ctx.snapshot.final_url.startswith("https:"):
            raise self.inapplicable()
        note = loopback_note(ctx.snapshot.final_url)
        node = header_node("Strict-Transport-Security")
        if HEADER not in headers:
            yield self.fail(ctx, node, f"No Strict-Transport-Security header{note}")
            return
        hsts = parse_hsts(headers[HEADER])
        if hsts.max_age is None:
            yield self.fail(ctx, node, f"Strict-Transport-Security has no valid max-age{note}")
        elif hsts.max_age < ONE_YEAR:
            yield self.fail(
                ctx,
                node,
                f"Strict-Transport-Security max-age is {hsts.max_age} seconds "
                f"({hsts.max_age / 86400:g} days), under a year ({ONE_YEAR}){note}",
            )
