"""Report formats, each a pure function of a Run. `REPORTERS` is the one registry."""

from __future__ import annotations

from auditor.reporting.base import Reporter
from auditor.reporting.csv import FindingsCsvReporter, PagesCsvReporter
from auditor.reporting.github import GithubReporter
from auditor.reporting.html import HtmlReporter
from auditor.reporting.json import JsonReporter
from auditor.reporting.junit import JunitReporter
from auditor.reporting.markdown import MarkdownReporter
from auditor.reporting.sarif import SarifReporter

REPORTERS: dict[str, Reporter] = {
    r.name: r
    for r in (
        JsonReporter(),
        HtmlReporter(),
        JunitReporter(),
        SarifReporter(),
        MarkdownReporter(),
        GithubReporter(),
        FindingsCsvReporter(),
        PagesCsvReporter(),
    )
}
