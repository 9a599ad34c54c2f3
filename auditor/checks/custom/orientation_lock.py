"""The page must work in both portrait and landscape (WCAG 1.3.4 Orientation).

At the phone viewport the check looks for CSS inside `(orientation: portrait)` or
`(orientation: landscape)` media queries that hides the `html`, `body` or main element
(`display: none`, `visibility: hidden`) or turns it a quarter (`transform: rotate(90deg)`); each
fails. It also turns the phone (swaps the window's width and height) and compares: main content
that is visible in one orientation but hidden, or shows under a fifth of its text, in the other
fails; text behind a collapsed menu toggle (`aria-expanded="false"` with `aria-controls`, the
phone menu of a responsive header) counts as shown, since one press reveals it. A "rotate your
device" message visible in only one orientation needs review. The window
is put back afterwards.

## Why it matters
Some people have their phone or tablet mounted in a fixed orientation, on a wheelchair for
example. A page that only works in the other orientation is unusable to them.

## How to fix
Remove orientation locks; design the layout to work in both orientations. Lock only where an
orientation is essential (a piano app, a bank cheque).

## Example
    @media (orientation: landscape) { main { display: none } }   → fail
    @media (orientation: landscape) { main { columns: 2 } }      → pass
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks._layout import Item, items, node, number, section, text
from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.models import Finding, Impact

MIN_TEXT = 50  # characters of main content that count as "content is shown"


def _name(view: Item) -> str:
    wide = number(view, "width") > number(view, "height")
    return "landscape" if wide else "portrait"


@register
class OrientationLock(Check):
    meta = CheckMeta(
        id="custom/orientation-lock",
        category="mobile-keyboard",
        title="The page works in portrait and landscape",
        failure_title="The page is locked to one orientation",
        help_url="https://www.w3.org/WAI/WCAG22/Understanding/orientation.html",
        tags=("cat.structure", "wcag21aa", "wcag134"),
        impact=Impact.SERIOUS,
        probes=("orientation",),
        description="Content must not be restricted to portrait or landscape.",
        mobile_only=True,
        act_rules=("b33eff",),
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        data = ctx.probe("orientation")
        named: set[str] = set()
        for item in items(data, "locks"):
            if text(item, "selector") in named:
                continue
            named.add(text(item, "selector"))
            effect = "hides" if text(item, "effect") == "hidden" else "rotates"
            yield self.fail(
                ctx,
                node(item),
                f"A CSS rule for {text(item, 'media')} {effect} this element "
                f"(`{text(item, 'rule')}`)",
            )
        views = (section(data, "current"), section(data, "rotated"))
        main = section(data, "main")
        for shown, gone in (views, views[::-1]):
            had = number(shown, "main_text")
            has = number(gone, "main_text") + number(gone, "collapsed_text")
            if had >= MIN_TEXT and has < had / 5 and text(main, "selector") not in named:
                named.add(text(main, "selector"))
                yield self.fail(
                    ctx,
                    node(main),
                    f"The main content shows {had:g} characters in {_name(shown)} but "
                    f"{has:g} in {_name(gone)}",
                )
        # A message visible in one orientation only ("rotate your device") needs a look.
        now, turned = ({text(m, "selector") for m in items(v, "messages")} for v in views)
        for view, only in ((views[0], now - turned), (views[1], turned - now)):
            for message in items(view, "messages"):
                if text(message, "selector") in only:
                    yield self.review(
                        ctx,
                        node(message),
                        f"This message shows only in {_name(view)}: check the page does not "
                        "ask people to turn their device",
                    )
