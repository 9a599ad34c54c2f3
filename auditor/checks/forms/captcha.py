"""CAPTCHA gates on forms need a person to look: is there another way through?

Markers of the common CAPTCHAs: Google reCAPTCHA (`.g-recaptcha`, recaptcha scripts and
frames), hCaptcha (`.h-captcha`), Cloudflare Turnstile (`.cf-turnstile`,
challenges.cloudflare.com) and elements with a `data-sitekey`. Each one found needs review;
a page without one is inapplicable.

## Why it matters
A CAPTCHA is a test designed to be hard. Image puzzles shut out blind people, audio ones deaf
people, and both are hard for people with cognitive impairments; WCAG 1.1.1 asks for an
alternative in another sense, and the LGDSS (point 10) asks that users succeed first time
unaided. A service behind a CAPTCHA-only gate fails its users where it matters most.

## How to fix
Prefer invisible measures (rate limits, honeypot fields, server-side scoring). If a CAPTCHA
stays, offer a way round it, such as a phone number or an email link.

## Example
    <div class="g-recaptcha" data-sitekey="…"></div>   → needs review
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import Tag

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.checks.forms._controls import attr
from auditor.models import Finding, Impact

_CLASSES = {
    "g-recaptcha": "reCAPTCHA",
    "h-captcha": "hCaptcha",
    "cf-turnstile": "Cloudflare Turnstile",
    "frc-captcha": "Friendly Captcha",
}
_SOURCES = re.compile(
    r"(google\.com/recaptcha|recaptcha\.net|gstatic\.com/recaptcha|hcaptcha\.com|"
    r"challenges\.cloudflare\.com/turnstile)",
    re.I,
)


def captcha_kind(tag: Tag) -> str | None:
    for name in tag.get("class") or []:
        if name in _CLASSES:
            return _CLASSES[name]
    if tag.name in ("script", "iframe") and (match := _SOURCES.search(attr(tag, "src"))):
        source = match.group(1).lower()
        return (
            "hCaptcha"
            if "hcaptcha" in source
            else "Turnstile"
            if "cloudflare" in source
            else "reCAPTCHA"
        )
    if tag.has_attr("data-sitekey"):
        return "CAPTCHA"
    return None


@register
class Captcha(Check):
    meta = CheckMeta(
        id="forms/captcha",
        title="No CAPTCHA gates the form",
        failure_title="A CAPTCHA gates the form",
        help_url="https://www.w3.org/TR/turingtest/",
        tags=("cat.forms", "wcag2a", "wcag111"),
        impact=Impact.SERIOUS,
        description="A CAPTCHA needs review: is there an accessible way round it?",
        review_only=True,
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        found = [(t, k) for t in ctx.soup.find_all(True) if (k := captcha_kind(t))]
        # One finding per CAPTCHA: a widget's own script or frame inside it is the same gate.
        found = [(t, k) for t, k in found if not any(p in [f for f, _ in found] for p in t.parents)]
        if not found:
            raise self.inapplicable()
        for tag, kind in found:
            yield self.review(
                ctx,
                tag,
                f"A {kind} gates this form: check that people who cannot solve it have another "
                "way through (WCAG 1.1.1; LGDSS point 10)",
            )
