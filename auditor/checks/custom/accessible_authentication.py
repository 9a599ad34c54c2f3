"""Signing in does not depend on remembering or transcribing (WCAG 2.2 3.3.8 Accessible
Authentication (Minimum)).

The check looks at the fields of a sign-in or verification step: password fields, and fields for
a username or a one-time code (by `autocomplete`, or by a name such as "otp" or "passcode").

- A field whose `onpaste` handler cancels the paste (`return false`, `preventDefault()`) fails:
  people who cannot remember or retype a password rely on a password manager or on pasting, and
  3.3.8 counts copying a code by hand as a cognitive test.
- `autocomplete="off"` on such a field needs review: browsers still offer saved passwords for
  most password fields, but a password manager may not fill it.
- A CAPTCHA that is an image or a sum to solve (an element named "captcha" that is not one of
  the object-recognition services WCAG excepts) needs review: transcribing distorted text is a
  cognitive function test, allowed only with another way to pass.

Handlers added by script (`addEventListener("paste", …)`) are not seen: a person should try
pasting.

## Why it matters
Remembering a password, retyping a code from a text message, or solving a puzzle are exactly
what people with memory, dyslexia or learning disabilities cannot always do. Letting the browser
or a password manager fill the fields, and letting people paste, removes the test.

## How to fix
Allow paste, and say what each field is so it can be filled for them:

    <input type="password" id="password" autocomplete="current-password">
    <input id="code" inputmode="numeric" autocomplete="one-time-code">

## Example
    <input type="password" onpaste="return false">        → fail
    <input type="password" autocomplete="off">            → needs review
    <input type="password" autocomplete="current-password"> → pass
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import Tag

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.models import Finding, Impact

_CREDENTIAL_AUTOCOMPLETE = {"current-password", "new-password", "one-time-code", "username"}
_CODE_NAME = re.compile(
    r"(^|[\W_])(otp|passcode|pin|(verification|security|access)[\W_]?code)($|[\W_])", re.I
)
_CANCELS = re.compile(r"return\s+false|preventDefault\s*\(", re.I)
_CAPTCHA = re.compile(r"captcha", re.I)
# Object-recognition services (reCAPTCHA, hCaptcha, Turnstile): 3.3.8 excepts object recognition.
_EXCEPTED = re.compile(r"g-recaptcha|recaptcha|h-captcha|hcaptcha|cf-turnstile", re.I)


def _identity(tag: Tag) -> str:
    return " ".join(str(tag.get(a, "")) for a in ("id", "name"))


def _is_credential(tag: Tag) -> bool:
    if tag.name != "input":
        return False
    kind = str(tag.get("type", "text")).lower()
    if kind == "password":
        return True
    if kind not in ("text", "tel", "number", "email", ""):
        return False
    tokens = set(str(tag.get("autocomplete", "")).lower().split())
    return bool(tokens & _CREDENTIAL_AUTOCOMPLETE) or bool(_CODE_NAME.search(_identity(tag)))


def _captchas(soup: Tag) -> list[Tag]:
    found: list[Tag] = []
    for tag in soup.find_all(["img", "input", "canvas", "div"]):
        if not isinstance(tag, Tag):
            continue
        classes = " ".join(str(c) for c in tag.get_attribute_list("class") if c)
        names = f"{_identity(tag)} {classes}"
        if tag.name == "img":
            names += f" {tag.get('src', '')} {tag.get('alt', '')}"
        inside_another = any(p is f for p in tag.parents for f in found)
        if _CAPTCHA.search(names) and not _EXCEPTED.search(names) and not inside_another:
            found.append(tag)
    return found


def _one_per_form(tags: list[Tag]) -> list[Tag]:
    """The first of several CAPTCHA parts in one form (its image and its answer field)."""
    seen: set[int] = set()
    chosen = []
    for tag in tags:
        form = tag.find_parent("form")
        key = id(form) if form is not None else id(tag)
        if key not in seen:
            seen.add(key)
            chosen.append(tag)
    return chosen


@register
class AccessibleAuthentication(Check):
    meta = CheckMeta(
        id="custom/accessible-authentication",
        title="Signing in does not block paste or rely on a puzzle",
        failure_title="Sign-in fields block pasting a password or a code",
        help_url="https://www.w3.org/WAI/WCAG22/Understanding/accessible-authentication-minimum.html",
        tags=("cat.forms", "wcag22aa", "wcag338"),
        impact=Impact.SERIOUS,
        description="Password and code fields allow paste and filling, without a puzzle to solve.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        fields = [t for t in ctx.soup.find_all("input") if isinstance(t, Tag) and _is_credential(t)]
        captchas = _captchas(ctx.soup)
        if not fields and not captchas:
            raise self.inapplicable()
        for field in fields:
            handler = str(field.get("onpaste", ""))
            if _CANCELS.search(handler):
                yield self.fail(
                    ctx,
                    field,
                    f'Pasting into this field is blocked (onpaste="{handler[:80]}"): people who '
                    "use a password manager or paste a code cannot sign in this way",
                )
            elif str(field.get("autocomplete", "")).strip().lower() == "off":
                yield self.review(
                    ctx,
                    field,
                    'autocomplete="off" on a sign-in field: check that a password manager can '
                    'still fill it (say autocomplete="current-password" or "one-time-code")',
                )
        for captcha in _one_per_form(captchas):
            yield self.review(
                ctx,
                captcha,
                "This looks like a CAPTCHA: if it asks people to read distorted text or solve a "
                "sum, is there another way to pass it (WCAG 3.3.8)?",
            )
