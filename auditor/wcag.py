"""WCAG success criteria at levels A and AA: those of 2.1 (what PSBAR 2018 requires) and of 2.2
(what GDS monitoring has tested against since October 2024: six criteria added, 4.1.1 Parsing
obsolete); and which checks cover each one: a failing check, a review item only, or nothing (a
person must test it)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from auditor.checks.base import BaseCheck

CRITERIA: dict[str, tuple[str, str]] = {
    "1.1.1": ("Non-text Content", "A"),
    "1.2.1": ("Audio-only and Video-only (Prerecorded)", "A"),
    "1.2.2": ("Captions (Prerecorded)", "A"),
    "1.2.3": ("Audio Description or Media Alternative (Prerecorded)", "A"),
    "1.2.4": ("Captions (Live)", "AA"),
    "1.2.5": ("Audio Description (Prerecorded)", "AA"),
    "1.3.1": ("Info and Relationships", "A"),
    "1.3.2": ("Meaningful Sequence", "A"),
    "1.3.3": ("Sensory Characteristics", "A"),
    "1.3.4": ("Orientation", "AA"),
    "1.3.5": ("Identify Input Purpose", "AA"),
    "1.4.1": ("Use of Color", "A"),
    "1.4.2": ("Audio Control", "A"),
    "1.4.3": ("Contrast (Minimum)", "AA"),
    "1.4.4": ("Resize Text", "AA"),
    "1.4.5": ("Images of Text", "AA"),
    "1.4.10": ("Reflow", "AA"),
    "1.4.11": ("Non-text Contrast", "AA"),
    "1.4.12": ("Text Spacing", "AA"),
    "1.4.13": ("Content on Hover or Focus", "AA"),
    "2.1.1": ("Keyboard", "A"),
    "2.1.2": ("No Keyboard Trap", "A"),
    "2.1.4": ("Character Key Shortcuts", "A"),
    "2.2.1": ("Timing Adjustable", "A"),
    "2.2.2": ("Pause, Stop, Hide", "A"),
    "2.3.1": ("Three Flashes or Below Threshold", "A"),
    "2.4.1": ("Bypass Blocks", "A"),
    "2.4.2": ("Page Titled", "A"),
    "2.4.3": ("Focus Order", "A"),
    "2.4.4": ("Link Purpose (In Context)", "A"),
    "2.4.5": ("Multiple Ways", "AA"),
    "2.4.6": ("Headings and Labels", "AA"),
    "2.4.7": ("Focus Visible", "AA"),
    "2.4.11": ("Focus Not Obscured (Minimum), WCAG 2.2", "AA"),
    "2.5.1": ("Pointer Gestures", "A"),
    "2.5.2": ("Pointer Cancellation", "A"),
    "2.5.3": ("Label in Name", "A"),
    "2.5.4": ("Motion Actuation", "A"),
    "2.5.7": ("Dragging Movements, WCAG 2.2", "AA"),
    "2.5.8": ("Target Size (Minimum), WCAG 2.2", "AA"),
    "3.1.1": ("Language of Page", "A"),
    "3.1.2": ("Language of Parts", "AA"),
    "3.2.1": ("On Focus", "A"),
    "3.2.2": ("On Input", "A"),
    "3.2.3": ("Consistent Navigation", "AA"),
    "3.2.4": ("Consistent Identification", "AA"),
    "3.3.1": ("Error Identification", "A"),
    "3.3.2": ("Labels or Instructions", "A"),
    "3.3.3": ("Error Suggestion", "AA"),
    "3.3.4": ("Error Prevention (Legal, Financial, Data)", "AA"),
    "3.2.6": ("Consistent Help, WCAG 2.2", "A"),
    "3.3.7": ("Redundant Entry, WCAG 2.2", "A"),
    "3.3.8": ("Accessible Authentication (Minimum), WCAG 2.2", "AA"),
    "4.1.1": ("Parsing", "A"),
    "4.1.2": ("Name, Role, Value", "A"),
    "4.1.3": ("Status Messages", "AA"),
}
ADDED_IN_2_2 = frozenset({"2.4.11", "2.5.7", "2.5.8", "3.2.6", "3.3.7", "3.3.8"})
OBSOLETE_IN_2_2 = frozenset({"4.1.1"})


def criteria(wcag_version: str = "2.1") -> dict[str, tuple[str, str]]:
    """The A and AA criteria of a WCAG version (2.1 or 2.2), in numbering order."""
    if wcag_version >= "2.2":
        chosen = {sc: v for sc, v in CRITERIA.items() if sc not in OBSOLETE_IN_2_2}
    else:
        chosen = {sc: v for sc, v in CRITERIA.items() if sc not in ADDED_IN_2_2}
    return dict(sorted(chosen.items(), key=lambda item: tuple(int(p) for p in item[0].split("."))))


@dataclass(frozen=True)
class Coverage:
    criterion: str
    name: str
    level: str
    failing: tuple[str, ...]
    review: tuple[str, ...]

    @property
    def status(self) -> str:
        if self.failing:
            return "fail"
        return "review" if self.review else "none"


def coverage(checks: Iterable[type[BaseCheck]], wcag_version: str = "2.1") -> list[Coverage]:
    """For each criterion of the WCAG version, the checks that can fail it and those that only
    ask for review."""
    failing: dict[str, list[str]] = {}
    review: dict[str, list[str]] = {}
    for cls in checks:
        for criterion in cls.meta.wcag:
            bucket = review if cls.meta.review_only else failing
            bucket.setdefault(criterion, []).append(cls.meta.id)
    return [
        Coverage(
            sc, name, level, tuple(sorted(failing.get(sc, []))), tuple(sorted(review.get(sc, [])))
        )
        for sc, (name, level) in criteria(wcag_version).items()
    ]
