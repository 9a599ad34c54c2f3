"""No requests to analytics or advertising services before consent (PECR; LGDSS point 6).

The gatherer records the requests each page makes (the first 300), noting those made after a
consent button was clicked; only the ones before count here. Grouped by host, one finding each:

- a request to a known tracker fails: by its registrable domain (google-analytics.com,
  googletagmanager.com, doubleclick.net, facebook.net, hotjar.com, clarity.ms… see
  `_trackers.py`), or by a known collection endpoint on any host (`/g/collect?…tid=G-…`,
  `/gtm.js?id=GTM-…`), which catches first-party proxies and server-side tag managers;
- any other third-party host (another registrable domain than the page's) needs review,
  listed by name: fonts, maps and video embeds can also track.

Snapshots recorded without requests are inapplicable.

## Why it matters
A request to an analytics or advertising service sends the visitor's address, the page they
are reading (which on a council site can be about debt, benefits or care) and an identifier
for them to another company. PECR and the ICO's guidance treat the tracking script and pixels
like cookies: they need consent first, and strictly necessary is the only exemption.

## How to fix
Do not load tag managers, analytics or pixels until the visitor accepts them; host fonts and
scripts on the council's own domain where you can.

## Example
    page requests www.google-analytics.com/g/collect on arrival     → fail
    page requests cdn.example.net/widget.js on arrival              → needs review
    page requests only its own domain                               → pass
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.checks.privacy._headers import request_node
from auditor.checks.privacy._trackers import Tracker, classify_request
from auditor.models import Finding, Impact, RequestRecord
from auditor.web.sites import host_of


@register
class TrackersBeforeConsent(Check):
    meta = CheckMeta(
        id="privacy/trackers-before-consent",
        title="No requests to analytics or advertising services before consent",
        failure_title="Requests to analytics or advertising services before consent",
        help_url="https://ico.org.uk/for-organisations/direct-marketing-and-privacy-and-electronic-communications/guidance-on-the-use-of-storage-and-access-technologies/",
        tags=("cat.privacy", "best-practice", "lgdss6"),
        impact=Impact.SERIOUS,
        requires=("requests",),
        description="Tracker requests on a first visit, by host; unknown third parties listed.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        requests = ctx.snapshot.requests
        if requests is None:
            raise self.inapplicable()
        trackers: dict[str, tuple[Tracker, list[RequestRecord]]] = {}
        others: dict[str, list[RequestRecord]] = {}
        for request in requests:
            if request.after_consent:
                continue
            host = host_of(request.url)
            tracker = classify_request(request.url)
            if tracker is not None:
                trackers.setdefault(host, (tracker, []))[1].append(request)
            elif not request.same_site and host:
                others.setdefault(host, []).append(request)
        for host, (tracker, made) in sorted(trackers.items()):
            yield self.fail(
                ctx,
                request_node(host),
                f"{tracker.vendor} ({tracker.purpose}) contacted before consent: "
                f"{_summary(host, made)}",
            )
        for host, made in sorted(others.items()):
            yield self.review(
                ctx,
                request_node(host),
                f"Third-party host contacted before consent: {_summary(host, made)}; check it "
                "does not track visitors",
            )


def _summary(host: str, made: list[RequestRecord]) -> str:
    kinds = ", ".join(sorted({r.resource_type or "other" for r in made}))
    first = made[0].url.split("?", 1)[0][:150]
    more = f" and {len(made) - 1} more" if len(made) > 1 else ""
    return f"{host}: {len(made)} request(s) ({kinds}), such as {first}{more}"
