"""Viewports by name: `desktop`, `mobile`, or WIDTHxHEIGHT (named by its size)."""

from __future__ import annotations

from collections.abc import Iterable

from auditor.models import MOBILE_USER_AGENT, VIEWPORT_PRESETS, Viewport

PHONE_BELOW = 768  # a WIDTHxHEIGHT narrower than this emulates a phone


def parse_viewport(value: str) -> Viewport:
    """One viewport from its name; ValueError saying what is accepted."""
    if value in VIEWPORT_PRESETS:
        return VIEWPORT_PRESETS[value]
    try:
        width, height = (int(v) for v in value.lower().split("x"))
    except ValueError:
        raise ValueError(
            f"{value!r} is not desktop, mobile or WIDTHxHEIGHT (e.g. 1280x800)"
        ) from None
    mobile = width < PHONE_BELOW
    return Viewport(
        name=f"{width}x{height}",
        width=width,
        height=height,
        mobile=mobile,
        user_agent=MOBILE_USER_AGENT if mobile else None,
        device_scale_factor=2 if mobile else 1,
    )


def parse_viewports(values: Iterable[str]) -> list[Viewport] | None:
    """The viewports a command line names (`--viewport`, repeatable), None when it names none;
    ValueError, as `parse_viewport`'s, at the first one that is not a viewport."""
    return [parse_viewport(value) for value in values] or None
