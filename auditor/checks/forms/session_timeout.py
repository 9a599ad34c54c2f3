"""Session time-outs without a warning need a person to look (WCAG 2.2.1 Timing Adjustable).

A script on the page that sends the visitor elsewhere, reloads or submits after a delay of a
minute or more (`setTimeout(… location … , 20 * 60 * 1000)`), or that names a session time-out
(`sessionTimeout`, `idleTimeout`, "session will expire"), needs review, unless the page has a
time-out warning (an element whose class or id names `timeout-warning`, or a `<dialog>`
mentioning the time-out). `<meta http-equiv="refresh">` is left to `axe/meta-refresh`.

## Why it matters
People who read slowly, use a screen reader or switch device, or who have to find a document
to answer a question, need more time. A session that ends without warning throws away what they
typed, often more than once.

## How to fix
Warn before the time-out with a modal that takes focus and lets people extend their session
(at least 20 seconds to respond, and 10 extensions), or make the session long enough (20 hours).

## Example
    <script>setTimeout(() => location.href = "/start", 1200000)</script>   → needs review
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.checks.forms._controls import attr, text_of
from auditor.models import Finding, Impact

_NAMED = re.compile(
    r"session[\s_-]?(time[\s_-]?out|expir)|idle[\s_-]?time[\s_-]?out|"
    r"auto[\s_-]?logout|your session will",
    re.I,
)
_TIMER = re.compile(r"set(?:Timeout|Interval)\s*\(", re.I)
_LEAVES = re.compile(r"location(\.href|\.replace|\.assign|\s*=)|\.submit\(\)|\.reload\(", re.I)
_DELAY = re.compile(r",\s*(\d[\d\s*.]*)\s*\)")
_WARNING = re.compile(r"time[\s_-]?out[\s_-]?warning|session[\s_-]?warning", re.I)
MIN_DELAY_MS = 60_000


def _delay_ms(call: str) -> float | None:
    match = _DELAY.search(call)
    if not match:
        return None
    total = 1.0
    try:
        for part in match.group(1).split("*"):
            total *= float(part.strip())
    except ValueError:
        return None
    return total


def times_out(script: str) -> bool:
    if _NAMED.search(script):
        return True
    for match in _TIMER.finditer(script):
        call = script[match.end() : match.end() + 500]
        delay = _delay_ms(call)
        if _LEAVES.search(call) and delay is not None and delay >= MIN_DELAY_MS:
            return True
    return False


@register
class SessionTimeout(Check):
    meta = CheckMeta(
        id="forms/session-timeout",
        title="No session time-out without a warning",
        failure_title="A session time-out may end the visit without a warning",
        help_url="https://www.w3.org/WAI/WCAG21/Understanding/timing-adjustable.html",
        tags=("cat.time-and-media", "wcag2a", "wcag221"),
        impact=Impact.SERIOUS,
        description="Scripts that end a session after a delay need review (WCAG 2.2.1).",
        review_only=True,
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        scripts = [s for s in ctx.soup.find_all("script") if not attr(s, "src")]
        timing = [s for s in scripts if times_out(s.string or "")]
        if not timing:
            raise self.inapplicable()
        warned = any(
            _WARNING.search(f"{attr(t, 'class')} {attr(t, 'id')}") for t in ctx.soup.find_all(True)
        ) or any(_NAMED.search(text_of(d)) for d in ctx.soup.find_all("dialog"))
        if warned:
            return
        for script in timing:
            yield self.review(
                ctx,
                script,
                "This script ends the session or leaves the page after a delay, and the page "
                "has no time-out warning: check people can extend their time (WCAG 2.2.1)",
            )
