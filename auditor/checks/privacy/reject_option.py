"""A cookie banner that offers "accept" offers "reject" just as plainly (ICO; LGDSS point 6).

A cookie banner is the outermost visible element whose id, class or `aria-label` says
"cookie" or "consent" and that holds an accept control (a button, `role=button`, an input
button, or a link) whose words accept cookies ("Accept all cookies", "Allow all", "I agree",
"OK"). Its reject control ("Reject additional cookies", "Decline", "Only necessary cookies")
must be there too:

- no visible reject control in the banner fails, also when it hides behind "Cookie
  settings" or "Manage preferences" (a second layer, or a hidden panel);
- a reject control of another kind than accept (a link beside a button) fails: it is harder
  to see and to press;
- a reject control of the same kind elsewhere in the banner (not beside accept) needs review.

The home page's first visit is captured with the banner showing; on other pages the gatherer
clicks a consent button first, so banners are judged mostly there. Pages without a visible
banner are inapplicable.

## Why it matters
The ICO's guidance (and its 2023 letters to the UK's largest websites) is that rejecting
non-essential cookies must be as easy as accepting them: a one-click "accept all" next to a
"settings" link nudges people into consent that is not freely given, so it is not valid consent
under PECR and UK GDPR.

## How to fix
Put a reject button next to the accept button, as the GOV.UK cookie banner does:

    <button value="accept">Accept additional cookies</button>
    <button value="reject">Reject additional cookies</button>

## Example
    Accept button and a "Cookie settings" link                  → fail
    Accept button and a "Reject" link                           → fail
    Accept and reject buttons side by side                      → pass
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import Tag

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.models import Finding, Impact

BANNER = re.compile(r"cookie|consent|gdpr|cc-window|onetrust|cybotcookiebot", re.IGNORECASE)
ACCEPT = re.compile(
    r"^(yes,? )?(i )?(accept|allow|agree|consent)\b(?!.*\b(selected|selection|chosen)\b)"
    r"|^(ok(ay)?|got it)\b|^i('m| am) (happy|ok)\b",
    re.IGNORECASE,
)
REJECT = re.compile(
    r"\b(reject|decline|deny|refuse|disallow)\b|^no,? thanks?\b|^no\b"
    r"|\b(only|just) (use )?(essential|necessary|required|strictly necessary)\b"
    r"|\b(essential|necessary|required) (cookies )?only\b"
    r"|\bdo(n't| not) (accept|allow|agree)\b|\bcontinue without (accepting|agreeing)\b",
    re.IGNORECASE,
)
CONTROLS = ["button", "a", "input"]


@register
class RejectOption(Check):
    meta = CheckMeta(
        id="privacy/reject-option",
        title="Cookie banners offer reject as plainly as accept",
        failure_title="Cookie banner offers accept without an equal reject option",
        help_url="https://ico.org.uk/for-organisations/direct-marketing-and-privacy-and-electronic-communications/guide-to-pecr/cookies-and-similar-technologies/",
        tags=("cat.privacy", "best-practice", "lgdss6"),
        impact=Impact.SERIOUS,
        description="A reject control of the same kind, beside accept, in every cookie banner.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        judged = False
        for banner in _banners(ctx):
            controls = [c for c in banner.find_all(CONTROLS) if _is_control(c)]
            accepts = [c for c in controls if ACCEPT.search(_words(c)) and not _hidden(c, banner)]
            if not accepts:
                continue
            judged = True
            accept = accepts[0]
            rejects = [c for c in controls if REJECT.search(_words(c))]
            visible = [c for c in rejects if not _hidden(c, banner)]
            said = _words(accept)
            if not visible:
                hidden = " (only behind another layer or a hidden panel)" if rejects else ""
                yield self.fail(
                    ctx, accept, f'The cookie banner offers "{said}" but no reject option{hidden}'
                )
                continue
            same_kind = [c for c in visible if _kind(c) == _kind(accept)]
            if not same_kind:
                yield self.fail(
                    ctx,
                    visible[0],
                    f'Reject is a {_kind(visible[0])} while "{said}" is a {_kind(accept)}: '
                    "offer both the same way",
                )
            elif not any(c.parent is accept.parent for c in same_kind):
                yield self.review(
                    ctx,
                    same_kind[0],
                    f'Reject is not beside "{said}" in the cookie banner: check it is as easy '
                    "to find and press",
                )
        if not judged:
            raise self.inapplicable()


def _banners(ctx: CheckContext) -> list[Tag]:
    """The outermost elements that look like a cookie banner and are not hidden."""
    found: list[Tag] = []
    seen: set[int] = set()
    for element in ctx.soup.find_all(True):
        if not isinstance(element, Tag) or element.name in ("html", "body", "head", "script"):
            continue
        if element.name in ("style", "template", "noscript", "meta", "link"):
            continue
        marker = " ".join(
            [
                str(element.get("id") or ""),
                " ".join(str(c) for c in element.get_attribute_list("class") or [] if c),
                str(element.get("aria-label") or ""),
                str(element.get("data-module") or ""),
            ]
        )
        if not BANNER.search(marker) or _self_hidden(element):
            continue
        if any(isinstance(p, Tag) and _self_hidden(p) for p in element.parents):
            continue
        if any(id(parent) in seen for parent in element.parents):
            continue
        seen.add(id(element))
        found.append(element)
    return found


def _is_control(element: Tag) -> bool:
    if element.name == "input":
        return str(element.get("type", "")).lower() in ("button", "submit")
    return True


def _words(element: Tag) -> str:
    text = element.get("value") if element.name == "input" else element.get_text(" ", strip=True)
    words = " ".join(str(text or element.get("aria-label") or "").split())
    return words[:80]


def _kind(element: Tag) -> str:
    role = str(element.get("role") or "").lower()
    if element.name in ("button", "input") or role == "button":
        return "button"
    return "link"


def _self_hidden(element: Tag) -> bool:
    style = re.sub(r"\s+", "", str(element.get("style") or "")).lower()
    return (
        element.has_attr("hidden")
        or str(element.get("aria-hidden") or "").lower() == "true"
        or "display:none" in style
        or "visibility:hidden" in style
    )


def _hidden(element: Tag, banner: Tag) -> bool:
    """Hidden in the banner: itself, an ancestor up to the banner, or a closed <details>."""
    node: Tag | None = element
    while node is not None and node is not banner:
        if _self_hidden(node):
            return True
        parent = node.parent
        closed = isinstance(parent, Tag) and parent.name == "details" and "open" not in parent.attrs
        if closed and node.name != "summary":
            return True
        node = parent if isinstance(parent, Tag) else None
    return False
