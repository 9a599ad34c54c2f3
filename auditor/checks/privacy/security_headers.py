"""Pages send the basic security headers (LGDSS point 6): one finding per header missing.

Judged on each page from its response headers:

- `Content-Security-Policy` (a header, or a `<meta http-equiv>` in the page; a Report-Only
  policy enforces nothing and does not count);
- `X-Content-Type-Options: nosniff`;
- `Referrer-Policy` with a policy browsers know (or `<meta name="referrer">`), and not
  `unsafe-url`, which sends full addresses, query strings and all, to every other site;
- framing restricted: `frame-ancestors` in the CSP header, or `X-Frame-Options: DENY` or
  `SAMEORIGIN`.

Snapshots recorded without headers are inapplicable. A local test server (127.0.0.1) sends none
of these, so every page of a local build fails here truthfully; the message notes it.

## Why it matters
These headers are cheap defences the NCSC and OWASP recommend for every public sector site: a
CSP limits what injected script can do, `nosniff` stops a file being run as a script it is not,
a referrer policy keeps the address of a page (which can hold a postcode or a reference
number) from leaking to other sites, and frame restrictions stop another site framing the page
to trick people into clicking (clickjacking).

## How to fix
Send, on every HTML response (adjust the CSP to what the site loads):

    Content-Security-Policy: default-src 'self'; frame-ancestors 'self'
    X-Content-Type-Options: nosniff
    Referrer-Policy: strict-origin-when-cross-origin

## Example
    none of the four                                  → four failures
    all four, with frame-ancestors in the CSP         → pass
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.checks.privacy._facts import loopback_note
from auditor.checks.privacy._headers import (
    first_value,
    frames_blocked,
    header_node,
    meta_http_equiv,
    referrer_policy,
)
from auditor.models import Finding, Impact

_META_REFERRER = re.compile(
    r"<meta\s[^>]*name\s*=\s*[\"']?referrer[\"']?[^>]*content\s*=\s*[\"']([^\"']*)[\"']"
    r"|<meta\s[^>]*content\s*=\s*[\"']([^\"']*)[\"'][^>]*name\s*=\s*[\"']?referrer[\"']?",
    re.IGNORECASE,
)


@register
class SecurityHeaders(Check):
    meta = CheckMeta(
        id="privacy/security-headers",
        title="Pages send CSP, nosniff, Referrer-Policy and framing headers",
        failure_title="Page is missing a basic security header",
        help_url="https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers",
        tags=("cat.security", "best-practice", "lgdss6"),
        impact=Impact.MODERATE,
        requires=("response_headers",),
        description="CSP, X-Content-Type-Options: nosniff, Referrer-Policy, frame-ancestors.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        headers = ctx.snapshot.response_headers
        if headers is None:
            raise self.inapplicable()
        note = loopback_note(ctx.snapshot.final_url)
        csp = headers.get("content-security-policy") or meta_http_equiv(
            ctx.snapshot, "content-security-policy"
        )
        if not csp:
            yield self.fail(
                ctx,
                header_node("Content-Security-Policy"),
                f"No Content-Security-Policy{note}",
            )
        if first_value(headers.get("x-content-type-options", "")).lower() != "nosniff":
            yield self.fail(
                ctx,
                header_node("X-Content-Type-Options"),
                f"No X-Content-Type-Options: nosniff{note}",
            )
        yield from self._referrer(ctx, headers, note)
        if not frames_blocked(headers):
            yield self.fail(
                ctx,
                header_node("X-Frame-Options"),
                "Framing by other sites is not restricted: no frame-ancestors in the "
                f"Content-Security-Policy header and no X-Frame-Options DENY or SAMEORIGIN{note}",
            )

    def _referrer(self, ctx: CheckContext, headers: dict[str, str], note: str) -> Iterator[Finding]:
        value = headers.get("referrer-policy")
        if value is None:
            match = _META_REFERRER.search(ctx.snapshot.html)
            value = (match.group(1) or match.group(2)) if match else None
        policy = referrer_policy(value or "")
        node = header_node("Referrer-Policy")
        if policy is None:
            yield self.fail(ctx, node, f"No Referrer-Policy a browser understands{note}")
        elif policy == "unsafe-url":
            yield self.fail(
                ctx,
                node,
                "Referrer-Policy: unsafe-url sends each page's full address to other sites",
            )
