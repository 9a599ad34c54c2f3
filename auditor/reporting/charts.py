"""Inline SVG charts drawn on the server, so a report is one file that works offline.

A chart is decoration for sighted readers: the report puts a data table with the same numbers
beside each one, and the SVG names itself (`role="img"` with a title) rather than reading out its
parts. Every text in it is escaped; the numbers are formatted here, never taken as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH, HEIGHT = 640, 220
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 40, 44, 16, 36


@dataclass(frozen=True)
class Point:
    """One run on a trend line: its label (a date), score (None: nothing judged) and whether its
    score is not comparable with the point before (tool, engine, ruleset or model changed)."""

    label: str
    value: float | None
    break_before: bool = False


def trend_chart(title: str, points: Sequence[Point], chart_id: str) -> Markup:
    """A 0–100 line chart of the points, with a dashed marker where comparability breaks."""
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    step = plot_w / max(len(points) - 1, 1)

    def x(i: int) -> float:
        return PAD_LEFT + (i * step if len(points) > 1 else plot_w / 2)

    def y(value: float) -> float:
        return PAD_TOP + plot_h * (1 - max(0.0, min(100.0, value)) / 100)

    parts = [
        f'<svg id="{escape(chart_id)}" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{escape(chart_id)}-title" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
    ]
    for level in (0, 50, 100):
        parts.append(
            f'<line x1="{PAD_LEFT}" x2="{WIDTH - PAD_RIGHT}" y1="{y(level):.1f}" '
            f'y2="{y(level):.1f}" class="grid"/>'
            f'<text x="{PAD_LEFT - 6}" y="{y(level) + 4:.1f}" text-anchor="end">{level}</text>'
        )
    segment: list[str] = []
    segments: list[list[str]] = []
    for i, point in enumerate(points):
        if point.break_before and i:
            parts.append(
                f'<line x1="{x(i) - step / 2:.1f}" x2="{x(i) - step / 2:.1f}" y1="{PAD_TOP}" '
                f'y2="{HEIGHT - PAD_BOTTOM}" class="break"/>'
            )
        if point.value is None or point.break_before:
            if segment:
                segments.append(segment)
            segment = []
        if point.value is not None:
            segment.append(f"{x(i):.1f},{y(point.value):.1f}")
    if segment:
        segments.append(segment)
    for line in segments:
        parts.append(f'<polyline points="{" ".join(line)}" class="line"/>')
    for i, point in enumerate(points):
        if point.value is not None:
            parts.append(f'<circle cx="{x(i):.1f}" cy="{y(point.value):.1f}" r="4" class="dot"/>')
    for i in _label_positions(len(points)):
        parts.append(
            f'<text x="{x(i):.1f}" y="{HEIGHT - PAD_BOTTOM + 18}" text-anchor="middle">'
            f"{escape(points[i].label)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every interpolated text above is escaped


def _label_positions(count: int, most: int = 6) -> list[int]:
    """Which x labels to print: all of them when few, else evenly spaced with the last."""
    if count <= most:
        return list(range(count))
    stride = (count - 1) / (most - 1)
    return sorted({round(i * stride) for i in range(most)})
