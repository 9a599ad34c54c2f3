"""HTTPS pages load nothing over plain HTTP (mixed content; LGDSS point 6).

On each HTTPS page, every `http:` subresource fails: the elements of the rendered page that
load one (`script`, `link rel=stylesheet`, `iframe`, `img`, `audio`, `video`, `source`,
`object`, `embed`, and forms that post to `http:`), and any other `http:` request the page made
(from script). Browsers block or upgrade most mixed content today, so the request itself may
never leave: the element still shows what is broken. Scripts, styles, frames, forms and
requests from script are active content (serious); images and media are passive (moderate).
Plain-HTTP pages are inapplicable (`privacy/https` reports them).

## Why it matters
A script, style sheet or frame fetched over HTTP can be replaced by anyone on the network
path, and then controls the whole "secure" page; images and media leak what people are reading
and can be swapped. Browsers block active mixed content, so the page also breaks: a map or
payment frame that never appears.

## How to fix
Load every resource over `https:` (or a relative address), and post forms to `https:`
addresses. `Content-Security-Policy: upgrade-insecure-requests` is a safety net, not a fix.

## Example
    <script src="http://cdn.example.com/app.js">   on an https page → fail
    <img src="https://www.ashworth.gov.uk/logo.png">                → pass
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urljoin

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.checks.privacy._headers import request_node
from auditor.models import Finding, Impact

# Element → the attribute that loads a subresource, and whether it is active content.
LOADERS: tuple[tuple[str, str, bool], ...] = (
    ("script", "src", True),
    ("iframe", "src", True),
    ("frame", "src", True),
    ("object", "data", True),
    ("embed", "src", True),
    ("form", "action", True),
    ("img", "src", False),
    ("audio", "src", False),
    ("video", "src", False),
    ("video", "poster", False),
    ("source", "src", False),
    ("track", "src", False),
    ("input", "src", False),
)
PASSIVE_REQUESTS = frozenset({"image", "media"})
MOST_FINDINGS = 50


@register
class MixedContent(Check):
    meta = CheckMeta(
        id="privacy/mixed-content",
        title="HTTPS pages load nothing over plain HTTP",
        failure_title="HTTPS page loads resources over plain HTTP (mixed content)",
        help_url="https://developer.mozilla.org/en-US/docs/Web/Security/Mixed_content",
        tags=("cat.security", "best-practice", "lgdss6"),
        impact=Impact.SERIOUS,
        requires=("dom", "requests"),
        description="No http: scripts, styles, frames, forms, images or media on HTTPS pages.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        page_url = ctx.snapshot.final_url
        if not page_url.startswith("https:"):
            raise self.inapplicable()
        reported: set[str] = set()
        count = 0
        for tag, attribute, active in LOADERS:
            for element in ctx.soup.find_all(tag, attrs={attribute: True}):
                if tag == "link" or (tag == "input" and element.get("type") != "image"):
                    continue
                url = urljoin(page_url, str(element.get(attribute, "")).strip())
                if not url.lower().startswith("http:") or count >= MOST_FINDINGS:
                    continue
                reported.add(url)
                count += 1
                finding = self.fail(ctx, element, _message(tag, url, active))
                yield finding if active else finding.model_copy(update={"impact": Impact.MODERATE})
        for element in ctx.soup.find_all("link", href=True):
            rel = " ".join(element.get_attribute_list("rel") or []).lower()
            url = urljoin(page_url, str(element["href"]).strip())
            if ("stylesheet" in rel or "preload" in rel or "icon" in rel) and url.startswith(
                "http:"
            ):
                if url in reported or count >= MOST_FINDINGS:
                    continue
                reported.add(url)
                count += 1
                yield self.fail(ctx, element, _message("link", url, True))
        for request in ctx.snapshot.requests or []:
            if not request.url.lower().startswith("http:"):
                continue
            if request.url in reported or count >= MOST_FINDINGS:
                continue
            reported.add(request.url)
            count += 1
            active = request.resource_type not in PASSIVE_REQUESTS
            kind = request.resource_type or "request"
            finding = self.fail(
                ctx, request_node("", request.url), _message(kind, request.url, active)
            )
            yield finding if active else finding.model_copy(update={"impact": Impact.MODERATE})


def _message(kind: str, url: str, active: bool) -> str:
    if kind == "form":
        return f"A form on an HTTPS page sends what people type over plain HTTP: {url[:200]}"
    what = "active content: browsers block it" if active else "passive content"
    return f"{kind} loaded over plain HTTP on an HTTPS page ({what}): {url[:200]}"
