"""Keyboard probe: tab through the page with real key presses (WCAG 2.1.1, 2.1.2, 2.4.1, 2.4.3,
2.4.7).

1. List the tab stops the page should have, in DOM order (visible, enabled, not inert,
   `tabIndex >= 0`), with each one's unfocused style.
2. From the start of the page, press Tab until focus leaves the page, wraps round, or repeats a
   stop without leaving (a cycle). Each stop records where it is; the first time an element is
   focused its drawn style (outline, borders, shadow, colours, underline…) is compared with its
   unfocused style, and when nothing differs, a screenshot of its area focused is compared with
   one unfocused.
3. A cycle is confirmed by going round it again, then Escape and Shift+Tab are tried; it is a
   trap when tab stops after it can never be reached. The page's own words on leaving it ("press
   Ctrl+M to exit") are collected for the person who must try them.
4. Each tab stop the walk never reached is tried once more from the stop before it.
5. The first tab stop, if it is an in-page link that says "skip", is checked: visible when
   focused, target present, and Enter moves focus (or the focus starting point) into the target.

Focus, scroll position and the URL fragment are put back at the end.
"""

from __future__ import annotations

import contextlib
import re
import time
from pathlib import Path
from typing import Any, cast

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page
from pydantic import JsonValue

from auditor.models import Viewport
from auditor.probes import Probe, register_probe

MAX_PRESSES = 120  # Tab presses in the walk at most
MAX_JUDGED = 60  # distinct tab stops whose focus indicator is judged
MAX_RETRIES = 20  # unreached tab stops tried again
MAX_IN_FRAME = 50  # presses inside one frame whose focus cannot be seen (cross-origin)
MAX_CONFIRM = 30  # presses to go round a cycle a second time
SETTLE_TRIES, SETTLE_MS = 4, 25  # looks again when focus seems not to have moved
MAX_ADVISED = 2  # key combinations named by the page's exit instructions, tried each
MAX_SHOTS = 30  # tab stops whose pixels are compared (two screenshots each)
WALK_SECONDS = 12.0  # the walk and retries stop here, well inside timeout_s, with what they have

_SOURCE = "\n".join(
    line
    for line in (Path(__file__).parent / "keyboard.js").read_text("utf-8").splitlines()
    if not line.startswith("//")
)
_INTERNAL = ("key", "inner")
_CALL = "r => window.__auditorKeyboard[r.op](r)"

Stop = dict[str, Any]
Ident = tuple[int, int | None] | None  # (element key, inner key) of a press; None = left the page


_MODIFIERS = {"ctrl": "Control", "control": "Control", "alt": "Alt", "shift": "Shift"}
_MODIFIERS |= {"cmd": "Meta", "command": "Meta", "meta": "Meta", "option": "Alt"}
_COMBINATION = re.compile(
    r"\b(ctrl|control|alt|shift|cmd|command|meta|option)\s*\+\s*([a-z0-9]|f\d{1,2}|esc|escape"
    r"|enter|tab|home|end)\b",
    re.IGNORECASE,
)


def advised_keys(instructions: list[str]) -> list[str]:
    """The key combinations the page's words name ("Press Ctrl+M to exit" -> "Control+M"), in
    Playwright's spelling."""
    found = []
    for line in instructions:
        for modifier, key in _COMBINATION.findall(line):
            name = {"esc": "Escape", "escape": "Escape"}.get(key.lower(), key)
            name = name.upper() if len(name) == 1 else name[0].upper() + name[1:].lower()
            found.append(f"{_MODIFIERS[modifier.lower()]}+{name}")
    return list(dict.fromkeys(found))


@register_probe
class KeyboardProbe(Probe):
    """Tab stops, the Tab walk, traps, focus indicators and the skip link."""

    name = "keyboard"
    order = 90  # moves focus and presses keys: after the probes that only look
    timeout_s = 20.0

    async def collect(self, page: Page, viewport: Viewport) -> JsonValue:
        started = time.perf_counter()
        await page.evaluate(_SOURCE)
        try:
            result = await _Walk(page).run()
        finally:
            with contextlib.suppress(PlaywrightError):
                await _call(page, "restore")
        result["ms"] = int((time.perf_counter() - started) * 1000)
        return cast("JsonValue", result)


async def _call(page: Page, op: str, **args: Any) -> Any:
    return await page.evaluate(_CALL, {"op": op, **args})


class _Walk:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.tabbables: list[dict[str, Any]] = []
        self.stops: list[Stop] = []
        self.idents: list[Ident] = []
        self.focus: dict[str, dict[str, Any]] = {}
        self.reached: set[int] = set()
        self.trap: dict[str, Any] | None = None
        self.end = "budget"
        self.shots = 0
        self.presses = 0
        self.deadline = time.monotonic() + WALK_SECONDS

    def late(self) -> bool:
        return time.monotonic() > self.deadline

    async def press(self, key: str = "Tab") -> None:
        await self.page.keyboard.press(key)

    async def run(self) -> dict[str, Any]:
        info = await _call(self.page, "init")
        self.tabbables = info["tabbables"]
        if not self.tabbables:
            return self.result(info, [], None)
        await self.walk(info)
        unreached = await self.retry_unreached()
        skip = await self.skip_link()
        return self.result(info, unreached, skip)

    def result(
        self, info: dict[str, Any], unreached: list[dict[str, Any]], skip: dict[str, Any] | None
    ) -> dict[str, Any]:
        truncated = self.end in ("budget", "unstable") or info["total"] > len(self.tabbables)
        return {
            "tabbables": self.tabbables,
            "tabbables_total": info["total"],
            "stops": [{k: v for k, v in s.items() if k not in _INTERNAL} for s in self.stops],
            "presses": self.presses,
            "end": self.end if self.tabbables else "empty",
            "trap": self.trap,
            "unreached": unreached,
            "focus": self.focus,
            "skip_link": skip,
            "truncated": bool(self.tabbables) and truncated,
            "viewport": info["viewport"],
        }

    async def walk(self, info: dict[str, Any]) -> None:
        budget = min(len(self.tabbables) + 10 + info["frame_items"], MAX_PRESSES)
        last = info["last_in_sequence"]
        seen: dict[tuple[int, int | None], int] = {}
        in_frame = 0
        for _ in range(budget):
            if self.late():
                return
            await self.press()
            self.presses += 1
            stop = await self.step(judge=len(self.focus) < MAX_JUDGED)
            if stop["kind"] == "body":
                after_last = not self.stops or self.stops[-1]["order"] >= last
                twice = bool(self.idents) and self.idents[-1] is None
                self.idents.append(None)
                if after_last or twice:
                    self.end = "left"
                    return
                continue  # focus was dropped mid-page: the next Tab goes on from there
            ident = (stop["key"], stop["inner"])
            same_box = (
                stop["kind"] != "element"
                and bool(self.idents)
                and self.idents[-1] is not None
                and self.idents[-1][0] == stop["key"]
            )
            if same_box and stop["inner"] is None:
                in_frame += 1  # inside a frame we cannot see into: count, do not compare
                if in_frame > MAX_IN_FRAME:
                    return
                continue
            in_frame = 0
            if ident in seen:
                first = seen[ident]
                # Headless Chromium has no browser UI to take focus after the last stop, so
                # focus may come straight back to the first stop without being seen to leave.
                wrapped = first == 0 and self.stops[-1]["order"] >= last
                if wrapped or None in self.idents[first:]:
                    self.end = "wrapped"
                else:
                    await self.cycle(self.idents[first:])
                return
            seen[ident] = len(self.idents)
            self.idents.append(ident)
            if "focus" in stop:
                await self.judge_focus(stop)
            if not same_box:
                self.stops.append(stop)
                if isinstance(stop["order"], int):
                    self.reached.add(stop["order"])

    async def step(self, judge: bool) -> Stop:
        """Where focus is after a press. Focus leaving the page, or entering a frame in another
        process, lands a moment later: if it seems not to have moved, look again."""
        stop: Stop = await _call(self.page, "step", judge=judge)
        previous = self.idents[-1] if self.idents else None
        for _ in range(SETTLE_TRIES):
            if stop["kind"] == "body" or previous != (stop["key"], stop["inner"]):
                break
            await self.page.wait_for_timeout(SETTLE_MS)
            stop = await _call(self.page, "step", judge=judge)
        return stop

    async def judge_focus(self, stop: Stop) -> None:
        facts = stop.pop("focus")
        pixels: bool | None = None
        if not facts["changes"] and facts["clip"] and self.shots < MAX_SHOTS:
            self.shots += 1
            pixels = await self.pixels_change(stop["key"], facts["clip"])
        self.focus[stop["selector"]] = {
            "style_changed": bool(facts["changes"]),
            "pixels_changed": pixels,
            "changes": facts["changes"],
            "text_entry": facts["text_entry"],
            "hidden": facts["hidden"],
            "offscreen": facts["offscreen"],
            "obscured": facts["obscured"],
        }

    async def pixels_change(self, key: int, clip: dict[str, float]) -> bool | None:
        """Whether the element's area looks different focused and unfocused."""
        try:
            focused = await self.shot(clip)
            await _call(self.page, "blurKey", key=key)
            unfocused = await self.shot(clip)
            await _call(self.page, "refocus", key=key)
        except PlaywrightError:
            return None
        return focused != unfocused

    async def shot(self, clip: dict[str, float]) -> bytes:
        return await self.page.screenshot(
            clip=clip,  # type: ignore[arg-type]
            animations="disabled",
            caret="hide",
            scale="css",
            timeout=5000,
        )

    async def cycle(self, idents: list[Ident]) -> None:
        """Focus came back to an earlier stop without leaving the page: go round again to be
        sure, try Escape, and decide whether it keeps focus from later tab stops."""
        keys = list(dict.fromkeys(i[0] for i in idents if i is not None))
        members = [s for s in self.stops if s["key"] in keys]
        for _ in range(min(len(idents), MAX_CONFIRM)):
            await self.press()
            stop = await self.step(judge=False)
            if stop["kind"] == "body" or stop["key"] not in keys:
                self.end = "unstable"  # it let go after all: not a trap we can vouch for
                return
        orders = [s["order"] for s in members]
        inside = {o for o in orders if isinstance(o, int)}
        after = [
            t["index"]
            for t in self.tabbables
            if t["index"] > max(orders) and t["index"] not in inside and not self.in_group(t)
        ]
        excluded = [
            t["index"]
            for t in self.tabbables
            if t["index"] not in inside and t["tag"] != "iframe" and not self.in_group(t)
        ]
        if not after and not excluded:
            self.end = "wrapped"  # the page cycles through all of itself
            return
        await self.press("Escape")
        escapes = await self.leaves_forward(keys, len(idents))
        backward = escapes or await self.leaves_backward(keys, len(idents))
        info = await _call(self.page, "cycleInfo", keys=keys)
        advised = [] if escapes or backward else advised_keys(info["instructions"])
        released_by = None
        for key in advised[:MAX_ADVISED]:
            if await self.key_releases(key, keys, len(idents)):
                released_by = key
                break
        self.end = "trap"
        self.trap = {
            "kind": "trap" if after else "loop",
            "cycle": [s["selector"] for s in members],
            "container": info["container"],
            "in_dialog": info["in_dialog"],
            "escape_exits": escapes,
            # Shift+Tab leaves it: focus can move away, so WCAG 2.1.2 (and ACT 80af7b) is met.
            "backward_exits": backward,
            # The page's own words on how to leave (2.1.2 allows an advised method).
            "instructions": info["instructions"],
            # Focus the page moved by itself, after a key press rather than in answer to it
            # (a timer): what the walk saw depends on timing, so a person must try it.
            "moved_by_page": info["moved_by_page"],
            "advised_keys": advised[:MAX_ADVISED],  # the keys those words name, each tried
            "released_by": released_by,  # the advised key that let focus go, if one did
            "after": after,
            "last_order": max(orders),
        }

    async def key_releases(self, key: str, keys: list[int], presses: int) -> bool:
        """Whether pressing `key` (then Tab) takes focus out of the cycle."""
        try:
            await self.press(key)
        except PlaywrightError:
            return False  # not a key Playwright knows
        stop = await _call(self.page, "step", judge=False)
        if stop["kind"] == "body" or stop["key"] not in keys:
            return True
        return await self.leaves_forward(keys, presses)

    async def leaves_forward(self, keys: list[int], presses: int) -> bool:
        for _ in range(min(presses, MAX_CONFIRM) + 1):
            await self.press()
            stop = await _call(self.page, "step", judge=False)
            if stop["kind"] == "body" or stop["key"] not in keys:
                return True
        return False

    async def leaves_backward(self, keys: list[int], presses: int) -> bool:
        """Whether Shift+Tab takes focus out of the cycle (its members are `keys`)."""
        for _ in range(min(presses, MAX_CONFIRM) + 1):
            await self.press("Shift+Tab")
            stop = await _call(self.page, "step", judge=False)
            if stop["kind"] == "body" or stop["key"] not in keys:
                return True
        return False

    def in_group(self, tabbable: dict[str, Any]) -> bool:
        """Whether a radio button's group was reached (Tab stops at one radio of a group)."""
        group = tabbable.get("group")
        return bool(group) and any(
            self.tabbables[i].get("group") == group for i in self.reached if i < len(self.tabbables)
        )

    async def retry_unreached(self) -> list[dict[str, Any]]:
        """Each tab stop the walk missed, tried once more from the stop before it."""
        limit: float = float("inf")
        if self.trap is not None:
            limit = self.trap["last_order"]
        elif self.end in ("budget", "unstable"):
            limit = max((s["order"] for s in self.stops), default=-1)
        unreached = []
        retries = 0
        for t in self.tabbables:
            index = t["index"]
            if index in self.reached or self.in_group(t):
                continue
            if index > limit:
                status = "after_trap" if self.trap is not None else "not_walked"
            elif t["tag"] == "iframe" or retries >= MAX_RETRIES or self.late():
                status = "unknown"
            else:
                retries += 1
                status = await _call(self.page, "prepareRetry", index=index)
                if status == "ready":
                    await self.press()
                    hit = await _call(self.page, "isActive", index=index)
                    status = "reached_on_retry" if hit else "unreachable"
            unreached.append({"index": index, "status": status})
        return unreached

    async def skip_link(self) -> dict[str, Any] | None:
        """The first tab stop as a skip link, or None when it is not one."""
        await _call(self.page, "reset")
        await self.press()
        facts: dict[str, Any] | None = await _call(self.page, "skipFacts")
        if facts is None or not facts["target_exists"]:
            return facts
        await self.press("Enter")
        facts.update(await _call(self.page, "skipAfterEnter"))
        facts["next_in_or_after_target"] = None
        if facts["same_document"] and not facts["focus_in_target"]:
            await self.press()
            facts.update(await _call(self.page, "skipAfterTab"))
        return facts
