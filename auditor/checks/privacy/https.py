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

from collections.abc import Iterator, Sequence
from urllib.parse import urlsplit

from auditor.checks.base import CheckMeta, PageFacts, SiteCheck, register
from auditor.checks.privacy._headers import origin_node
from auditor.checks.privacy._origins import representatives
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
    needs_site_facts = True

    def __init__(self) -> None:
        self._judged: set[str] = set()

    def evaluate_site(self, pages: Sequence[PageFacts]) -> Iterator[Finding]:
        if self.site_facts is None:
            return
        for site, page in sorted(representatives(pages).items()):
            facts = self.site_facts.for_origin(site)
            if facts is None:
                continue
            self._judged.add(page.url)
            host = urlsplit(site).hostname or ""
            note = LOOPBACK_NOTE if is_loopback(host) else ""
            if site.startswith("http:"):
                yield self.finding(
                    page, origin_node(site), f"Pages on {site} are served over plain HTTP{note}"
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

    def applies_to(self, page: PageFacts) -> bool:
        return page.url in self._judged
