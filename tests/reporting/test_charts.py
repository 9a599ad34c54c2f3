"""Server-drawn SVG trend charts: escaped, named, broken where scores are not comparable."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from auditor.reporting.charts import Point, _label_positions, trend_chart

SVG = "{http://www.w3.org/2000/svg}"


def test_chart_is_well_formed_named_and_escaped() -> None:
    svg = trend_chart('WCAG A <script>alert("x")</script>', [Point("1 Jan", 50.0)], "c1")
    root = ET.fromstring(str(svg))  # noqa: S314 - our output
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == 'WCAG A <script>alert("x")</script>'
    assert "<script>" not in str(svg)


def test_line_breaks_where_scores_are_not_comparable_or_missing() -> None:
    points = [
        Point("a", 60.0),
        Point("b", 70.0),
        Point("c", 80.0, break_before=True),
        Point("d", None),
        Point("e", 90.0),
    ]
    root = ET.fromstring(str(trend_chart("x", points, "c2")))  # noqa: S314 - our output
    lines = root.findall(f"{SVG}polyline")
    assert [len(line.get("points", "").split()) for line in lines] == [2, 1, 1]
    assert len(root.findall(f"{SVG}line[@class='break']")) == 1
    assert len(root.findall(f"{SVG}circle")) == 4


def test_scores_map_to_height_and_are_clamped() -> None:
    root = ET.fromstring(str(trend_chart("x", [Point("a", 100.0), Point("b", 150.0)], "c3")))  # noqa: S314 - our output
    ys = {c.get("cy") for c in root.findall(f"{SVG}circle")}
    assert len(ys) == 1  # 150 is drawn at 100


def test_labels_thin_out_on_long_histories() -> None:
    assert _label_positions(4) == [0, 1, 2, 3]
    positions = _label_positions(30)
    assert positions[0] == 0 and positions[-1] == 29 and len(positions) <= 6
