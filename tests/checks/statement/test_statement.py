"""The statement reader: which page is the statement, and the facts the page checks judge."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup

from auditor.checks import get
from auditor.checks.base import Check, CheckContext
from auditor.checks.statement._statement import Statement, read_statement
from auditor.models import Outcome, Snapshot, Target
from tests.conftest import FIXTURES, SITES

URL = "http://127.0.0.1/accessibility-statement/"


def _read(body: str, url: str = URL, title: str = "Accessibility statement") -> Statement:
    html = f"<html><head><title>{title}</title></head><body><main>{body}</main></body></html>"
    statement = read_statement(BeautifulSoup(html, "html.parser"), url)
    assert statement is not None
    return statement


@pytest.mark.parametrize(
    ("title", "h1", "url", "expected"),
    [
        ("Accessibility statement - Council", "Bins", "http://x/page", True),
        ("Council", "Accessibility statement for Council", "http://x/page", True),
        ("Council", "Accessibility", "http://x/accessibility-statement", True),
        ("Council", "Accessibility", "http://x/help/Accessibility_Statement.aspx", True),
        ("Accessibility", "Accessibility", "http://x/accessibility", False),
        ("Bins", "Bins and recycling", "http://x/bins/", False),
    ],
)
def test_which_page_is_the_statement(title: str, h1: str, url: str, expected: bool) -> None:
    html = f"<title>{title}</title><main><h1>{h1}</h1><p>Help using this website.</p></main>"
    assert (read_statement(BeautifulSoup(html, "html.parser"), url) is not None) is expected


def test_an_accessibility_page_is_the_statement_when_it_reads_like_one() -> None:
    html = (
        "<title>Accessibility</title><main><h1>Accessibility</h1><p>We are committed to the "
        "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility "
        "Regulations 2018.</p></main>"
    )
    assert read_statement(BeautifulSoup(html, "html.parser"), "http://x/accessibility")


def test_blocks_know_their_headings_and_skip_hidden_text() -> None:
    statement = _read(
        "<h2>Non-accessible content</h2><h3>Non-compliance</h3><ul><li>Maps fail 1.1.1"
        "<ul><li>and 1.4.3</li></ul></li></ul><script>var d = '1 March 2020'</script>"
        "<p hidden>This website is fully compliant.</p><h2>Preparation</h2><p>Done.</p>"
    )
    texts = {b.text: b.headings for b in statement.blocks}
    assert texts["Maps fail 1.1.1"] == ("Non-accessible content", "Non-compliance")
    assert texts["and 1.4.3"] == ("Non-accessible content", "Non-compliance")
    assert texts["Done."] == ("Preparation",)
    assert "1 March 2020" not in statement.text
    assert statement.statuses == []
    assert [c.number for c in statement.criteria] == ["1.1.1", "1.4.3"]


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("This website is fully compliant with the WCAG version 2.1 AA standard.", "fully"),
        ("This website is partially compliant with the WCAG 2.2 AA standard.", "partially"),
        ("This site is partly compliant with WCAG 2.1 AA.", "partially"),
        ("This website is not compliant with the WCAG version 2.2 AA standard.", "not"),
        ("This website is non-compliant with WCAG 2.1 AA.", "not"),
        ("This website is not fully compliant with WCAG 2.1 AA.", "unclear"),
    ],
)
def test_compliance_status_wording(sentence: str, status: str) -> None:
    statement = _read(f"<h2>Compliance status</h2><p>{sentence}</p>")
    assert [c.status for c in statement.statuses] == [status]


def test_status_outside_its_section_must_be_about_the_website() -> None:
    statement = _read(
        "<h2>Non-accessible content</h2><p>Some PDFs are not compliant with WCAG 2.1.</p>"
        "<p>Overall this website is partially compliant with WCAG 2.1 AA.</p>"
    )
    assert [c.status for c in statement.statuses] == ["partially"]


def test_unknown_criteria_are_told_apart() -> None:
    statement = _read(
        "<h2>Non-accessible content</h2><p>Fails 1.4.10, 2.5.8, 4.1.3, 1.4.33 and 5.1.1.</p>"
    )
    assert {c.number: c.exists for c in statement.criteria} == {
        "1.4.10": True,
        "2.5.8": True,
        "4.1.3": True,
        "1.4.33": False,
    }


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("This statement was prepared on 1 March 2024.", ["prepared"]),
        (
            "This statement was prepared on 1 March 2024. It was last reviewed on 2 May 2025.",
            ["prepared", "reviewed"],
        ),
        ("Last updated: 01/12/2024", ["reviewed"]),
        ("This statement was published on 3 June 2024.", ["prepared"]),
        ("This website was last tested on 1 September 2025.", ["tested"]),
        ("We plan to fix this by March 2024.", ["planned"]),
        ("We will replace these PDFs by the end of 2025.", ["planned"]),
        ("The maps should be accessible by 01/03/2026.", ["planned"]),
        ("This statement was prepared by our web team on 1 March 2024.", ["prepared"]),
        (
            "The site was last tested on 1 March 2024 and we will fix the issues by June 2024.",
            ["tested", "planned"],
        ),
        ("PDFs published before 23 September 2018 are exempt.", ["other"]),
        ("We will next review this statement in March 2027.", ["planned"]),
        ("On 4 April 2025 we reviewed the whole statement.", ["reviewed"]),
    ],
)
def test_what_each_date_dates(sentence: str, kinds: list[str]) -> None:
    statement = _read(f"<p>{sentence}</p>")
    assert [d.kind for d in statement.dates] == kinds


def test_contacts_and_enforcement_links() -> None:
    statement = _read(
        '<p>Email <a href="mailto:web@council.example?subject=a11y">us</a>, write to '
        'help@council.example, <a href="/contact/">contact us</a>, phone 01632 960 000. '
        '<a href="https://www.equalityhumanrights.com/en">EHRC</a> '
        '<a href="https://equalityadvisoryservice.com/">EASS</a> '
        '<a href="/accessibility-statement/">Accessibility statement</a></p>'
    )
    assert statement.emails == ["help@council.example", "web@council.example"]
    assert [a.get_text() for a in statement.contact_links] == ["contact us"]
    assert statement.phones == ["01632 960 000"]
    assert sorted(statement.enforcement_links) == ["EASS", "EHRC"]


def _run(check_id: str, html: str, day: datetime) -> tuple[Outcome, list[str]]:
    cls = get(check_id)
    assert issubclass(cls, Check)
    snapshot = Snapshot(target=Target(url=URL), final_url=URL, html=html, captured_at=day)
    result = cls().run(CheckContext(snapshot))
    assert result.error is None, result.error
    return result.outcome, [f.message for f in result.findings]


def test_now_is_the_capture_date_not_the_clock() -> None:
    html = (FIXTURES / "checks/statement/review-date/pass.html").read_text(encoding="utf-8")
    assert _run("statement/review-date", html, datetime(2026, 1, 1, tzinfo=UTC))[0] is (
        Outcome.PASS
    )
    outcome, messages = _run("statement/review-date", html, datetime(2027, 1, 1, tzinfo=UTC))
    assert outcome is Outcome.FAIL
    assert "3 December 2025" in messages[0] and "1 January 2027" in messages[0]


def test_fix_date_passes_on_its_last_day_and_fails_the_day_after() -> None:
    html = (FIXTURES / "checks/statement/fix-dates/pass.html").read_text(encoding="utf-8")
    assert "by March 2026" in html
    on_last_day = _run("statement/fix-dates", html, datetime(2026, 3, 31, 23, tzinfo=UTC))
    assert on_last_day[0] is Outcome.PASS
    outcome, messages = _run("statement/fix-dates", html, datetime(2026, 4, 1, tzinfo=UTC))
    assert outcome is Outcome.FAIL and '"March 2026" has passed' in messages[0]


def test_the_seeded_statement_fails_what_defects_statement_lists() -> None:
    """Browser-free: the bad council's statement page, judged on the snapshots' date."""
    import tomllib

    html = (SITES / "council/accessibility-statement/index.html").read_text(encoding="utf-8")
    listed = tomllib.loads((SITES / "council/defects-statement.toml").read_text(encoding="utf-8"))[
        "defect"
    ]
    page_checks = {d["check"] for d in listed if d["check"] != "statement/compliance-contradicted"}
    day = datetime(2026, 1, 1, tzinfo=UTC)
    failing = {
        cid
        for cid in (
            "statement/title",
            "statement/commitment",
            "statement/compliance-status",
            "statement/non-accessible-content",
            "statement/fix-dates",
            "statement/review-date",
            "statement/feedback-contact",
            "statement/enforcement",
        )
        if _run(cid, html, day)[0] is Outcome.FAIL
    }
    assert failing == page_checks
