"""Report formats, each a pure function of a Run. `REPORTERS` is the one registry."""

from __future__ import annotations

from auditor.reporting.base import Reporter
from auditor.reporting.html import HtmlReporter
from auditor.reporting.json import JsonReporter

REPORTERS: dict[str, Reporter] = {r.name: r for r in (JsonReporter(), HtmlReporter())}
