"""Sound must not play automatically, and moving content must be stoppable (WCAG 1.4.2, 2.2.2).

After the page has loaded, an `audio` or `video` that is playing with sound (not muted, volume
above 0) for more than 3 seconds (or of unknown length) fails when it has no `controls`; with
controls, or beside the page's own buttons that say they play, pause or mute (a custom
player), it needs review (is the control easy to reach first?). A media fragment
(`video.mp4#t=8,10`) plays only its stretch, so that is its length. An `autoplay` element with
sound and no controls fails even if the browser's autoplay policy held it back, since other browsers
play it. `<marquee>`, `<blink>` and visible CSS animations of at least 100 × 20 px that repeat
for ever need review for WCAG 2.2.2 Pause, Stop, Hide. Only the desktop viewport is tested.

## Why it matters
Sound that starts on its own drowns out screen readers, so their users cannot find the control
to stop it. Content that moves without end distracts people with attention or reading
difficulties and makes the rest of the page hard to read.

## How to fix
Do not autoplay sound; let people start it. If media must autoplay, mute it and give visible
controls. Give moving content a pause button, or stop it after 5 seconds.

## Example
    <video src="intro.mp4" autoplay>               → fail
    <video src="intro.mp4" autoplay muted controls> → pass
    <marquee>Road closures</marquee>               → needs review
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks._layout import Item, flag, items, node, number, text
from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.models import Finding, Impact

MAX_SECONDS = 3.0


@register
class AutoplayMedia(Check):
    meta = CheckMeta(
        id="custom/autoplay-media",
        title="No sound plays automatically",
        failure_title="Sound plays automatically",
        help_url="https://www.w3.org/WAI/WCAG22/Understanding/audio-control.html",
        tags=("cat.time-and-media", "wcag2a", "wcag142", "wcag222"),
        impact=Impact.SERIOUS,
        probes=("media",),
        description="Audio must not play for over 3 seconds by itself; motion must be stoppable.",
        desktop_only=True,
        act_rules=("80f0bf",),
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        data = ctx.probe("media")
        media, moving = items(data, "media"), items(data, "moving")
        if not media and not moving:
            raise self.inapplicable()
        for item in media:
            yield from self._media(ctx, item)
        for item in moving:
            kind = text(item, "kind")
            what = f"This <{kind}>" if kind in ("marquee", "blink") else "This animation"
            yield self.review(
                ctx,
                node(item),
                f"{what} moves without end: check there is a way to pause, stop or hide it "
                "(WCAG 2.2.2)",
            )

    def _media(self, ctx: CheckContext, item: Item) -> Iterator[Finding]:
        if flag(item, "muted"):
            return
        seconds = number(item, "duration", -1.0)
        if isinstance(item.get("plays_for"), int | float):  # a media fragment: only that stretch
            seconds = number(item, "plays_for", -1.0)
        if 0 <= seconds <= MAX_SECONDS:
            return
        length = f"{seconds:g} s" if seconds >= 0 else "of unknown length"
        controls = flag(item, "controls")
        listed = item.get("page_controls")
        own = [str(name) for name in listed] if isinstance(listed, list) else []
        if own and not controls:
            names = ", ".join(f'"{name}"' for name in own)
            yield self.review(
                ctx,
                node(item),
                f"This {item.get('tag')} ({length}) plays sound by itself; the page's own "
                f"buttons {names} may stop it: check one pauses or mutes it and is easy to reach",
            )
            return
        if flag(item, "playing"):
            message = f"This {item.get('tag')} ({length}) plays sound by itself after load"
            if controls:
                yield self.review(
                    ctx,
                    node(item),
                    message + ": check its pause control is easy to reach before other content",
                )
            else:
                yield self.fail(ctx, node(item), message + " and has no controls to stop it")
        elif flag(item, "autoplay") and not controls:
            yield self.fail(
                ctx,
                node(item),
                f"This {item.get('tag')} ({length}) is set to autoplay with sound and has no "
                "controls to stop it",
            )
