"""Every page is served over HTTPS, and plain HTTP redirects to HTTPS (LGDSS point 6).

A site check, judged once per origin and filed under the origin's home page (its shortest
audited address): an origin whose pages are served over plain `http:` fails, and so does an
HTTPS origin whose `http://` address answers without redirecting to `https://`. (An HTTPS
origin with nothing listening on port 80 passes: there is nothing to downgrade to.) Needs the
site facts the run gathers; re-checked stored snapshots leave it inapplicable.

A local test server on a loopback address (127.0.0.1, localhost) is plain HTTP, so it fails
here truthfully; the message says so, and the live site is what to judge.

## Why it matters
Pages sent over plain HTTP can be read and changed by anyone on the network path: the
personal data people type into council forms, and the pages themselves (an attacker can inject
script or swap a bank account number). GOV.UK and NCSC guidance require HTTPS for every
public sector service, with plain HTTP only redirecting.

## How to fix
Serve everything over HTTPS and answer every `http://` request with a permanent redirect
(301 or 308) to the same address on `https://`; then add HSTS (see `privacy/hsts`).

## Example
    http://www.ashworth.gov.uk/ serves the home page              → fail
    https://… and http://www.ashworth.gov.uk/ → 301 https://…      → pass
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from auditor.checks.base import CheckMeta, PageFacts, SiteCheck, SiteContext, register
from auditor.checks.privacy._headers import origin_node
from auditor.models import Finding, Impact
from auditor.web.sites import is_loopback

LOOPBACK_NOTE = (
    " (a local test server on a loopback address: expected there, so judge the live site)"
)


@register
class Https(SiteCheck):
    meta = CheckMeta(
        id="privacy/https",
        title="Pages are served over HTTPS, and HTTP redirects to HTTPS",
        failure_title="Pages are served over plain HTTP, or HTTP does not redirect to HTTPS",
        help_url="https://www.gov.uk/service-manual/technology/using-https",
        tags=("cat.security", "best-practice", "lgdss6"),
        impact=Impact.SERIOUS,
        requires=("site-facts",),
        description="Each origin serves HTTPS only; its http:// address redirects to https://.",
    )

    def evaluate_site(self, site: SiteContext) -> Iterator[Finding]:
        for origin, page, facts in site.origins_read():
            host = urlsplit(origin).hostname or ""
            note = LOOPBACK_NOTE if is_loopback(host) else ""
            if origin.startswith("http:"):
                yield self.finding(
                    page, origin_node(origin), f"Pages on {origin} are served over plain HTTP{note}"
                )
                continue
            redirect = facts.http_redirect
            if redirect is None or redirect.error is not None:
                continue  # another port, or nothing answers plain HTTP: nothing to downgrade to
            location = redirect.location or ""
            if redirect.status is not None and 300 <= redirect.status < 400:
                if location.startswith("https://"):
                    continue
                message = f"{redirect.url} redirects to {location or 'nowhere'}, not to HTTPS"
            else:
                message = f"{redirect.url} answers HTTP {redirect.status} instead of redirecting"
            yield self.finding(page, origin_node(redirect.url), message + note)

    def applies_to(self, page: PageFacts, site: SiteContext) -> bool:
        """The pages that stand for an origin whose facts were read."""
        return any(stands_for.url == page.url for _, stands_for, _ in site.origins_read())
