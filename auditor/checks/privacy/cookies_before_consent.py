"""No analytics or advertising cookies before consent (PECR regulation 6; LGDSS point 6).

The gatherer wipes every cookie between pages, so each page is a first visit, and records the
cookies present once the page has loaded, before any consent button is clicked (never their
values, and never the cookies of a configured login). Each is then listed by name and domain:

- a known analytics or advertising cookie (`_ga`, `_gid`, `_gcl_*`, `_fbp`, `_hj*`, `__utm*`,
  `_clck`, `IDE` on doubleclick.net, `MUID` on bing.com… see `_trackers.py`) fails;
- a cookie known to be strictly necessary (sessions, CSRF tokens, load balancers, the consent
  choice itself) passes;
- any other cookie needs review: a person must judge whether it is strictly necessary.

Snapshots recorded without cookies are inapplicable.

## Why it matters
PECR allows a site to set only strictly necessary cookies before the visitor agrees. Analytics
and advertising cookies set on arrival follow people who never agreed, and a council must not
make them pay for a service in privacy. The ICO names analytics cookies as needing consent, and
has written to councils whose sites set them on arrival.

## How to fix
Load analytics and advertising scripts only after the visitor accepts them (for example with
the GOV.UK cookie banner pattern, or a consent platform's prior-blocking mode); set nothing but
strictly necessary cookies until then.

## Example
    `_ga` set on the first visit, nothing clicked        → fail
    `PHPSESSID` (a session cookie)                       → pass
    `visitor_pref` on a third-party domain               → needs review
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.checks.privacy._headers import cookie_node
from auditor.checks.privacy._trackers import classify_cookie, is_essential_cookie
from auditor.models import CookieRecord, Finding, Impact
from auditor.web.sites import registrable_domain, same_site


@register
class CookiesBeforeConsent(Check):
    meta = CheckMeta(
        id="privacy/cookies-before-consent",
        title="No analytics or advertising cookies before consent",
        failure_title="Analytics or advertising cookies set before consent",
        help_url="https://ico.org.uk/for-organisations/direct-marketing-and-privacy-and-electronic-communications/guide-to-pecr/cookies-and-similar-technologies/",
        tags=("cat.privacy", "best-practice", "lgdss6"),
        impact=Impact.SERIOUS,
        requires=("cookies",),
        description="Cookies set on a first visit with nothing clicked, by name and domain.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        cookies = ctx.snapshot.cookies
        if cookies is None:
            raise self.inapplicable()
        page_url = ctx.snapshot.final_url
        for cookie in cookies:
            domain = cookie.domain.lstrip(".")
            node = cookie_node(cookie.name, domain)
            tracker = classify_cookie(cookie.name, domain)
            if tracker is not None:
                yield self.fail(
                    ctx,
                    node,
                    f"{cookie.name} on {domain}: {_article(tracker.purpose)} {tracker.purpose} "
                    f"cookie ({tracker.vendor}) set before consent{_lifetime(cookie, ctx)}",
                )
            elif not is_essential_cookie(cookie.name):
                party = (
                    "first-party"
                    if same_site(f"http://{domain}/", page_url)
                    else f"third-party ({registrable_domain(domain)})"
                )
                yield self.review(
                    ctx,
                    node,
                    f"Unknown {party} cookie {cookie.name} set on {domain} before consent"
                    f"{_lifetime(cookie, ctx)}: check it is strictly necessary",
                )


def _lifetime(cookie: CookieRecord, ctx: CheckContext) -> str:
    if cookie.expires is None:
        return " (a session cookie)"
    captured = ctx.snapshot.captured_at
    now = captured if captured.tzinfo else captured.replace(tzinfo=UTC)
    days = (datetime.fromtimestamp(cookie.expires, UTC) - now).days
    if days < 1:
        return ""
    return f", kept for {days} day{'s' if days > 1 else ''}"


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"
