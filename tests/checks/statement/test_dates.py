"""The date parser on the forms UK councils write dates in, and what it must never read as one."""

from __future__ import annotations

from datetime import date

import pytest

from auditor.checks.statement._dates import find_dates, months_before, parse_date


@pytest.mark.parametrize(
    ("written", "value", "precision"),
    [
        ("1 March 2024", date(2024, 3, 1), "day"),
        ("1st March 2024", date(2024, 3, 1), "day"),
        ("22nd March 2024", date(2024, 3, 22), "day"),
        ("3rd of March, 2024", date(2024, 3, 3), "day"),
        ("Friday 1 March 2024", date(2024, 3, 1), "day"),
        ("01/03/2024", date(2024, 3, 1), "day"),
        ("1/3/24", date(2024, 3, 1), "day"),
        ("01.03.2024", date(2024, 3, 1), "day"),
        ("2024-03-01", date(2024, 3, 1), "day"),
        ("1 Mar 2024", date(2024, 3, 1), "day"),
        ("1 Mar. 2024", date(2024, 3, 1), "day"),
        ("1 SEPT 2024", date(2024, 9, 1), "day"),
        ("March 1, 2024", date(2024, 3, 1), "day"),
        ("March 2024", date(2024, 3, 1), "month"),
        ("Sept 2024", date(2024, 9, 1), "month"),
        ("december, 2025", date(2025, 12, 1), "month"),
    ],
)
def test_parses_the_forms_councils_write(written: str, value: date, precision: str) -> None:
    found = parse_date(written)
    assert found is not None, written
    assert (found.value, found.precision, found.text) == (value, precision, written)


def test_day_first_unless_only_month_first_makes_sense() -> None:
    assert [d.value for d in find_dates("02/03/2024")] == [date(2024, 3, 2)]
    assert [d.value for d in find_dates("03/25/2024")] == [date(2024, 3, 25)]


@pytest.mark.parametrize(
    "text",
    [
        "This fails WCAG 2.1 success criterion 1.4.10 (reflow) and 2.1.1.",
        "Accessibility Regulations 2018",
        "(No. 2)",
        "31/02/2024",
        "phone 01632 960 000",
        "version 2.2 AA",
        "zoom in up to 400%",
        "in 2024",  # a bare year only counts after "by"
    ],
)
def test_never_reads_these_as_dates(text: str) -> None:
    assert find_dates(text) == []


def test_finds_every_date_in_prose_with_its_span() -> None:
    text = "This statement was prepared on 1st March 2024. It was last reviewed on 01/02/2025."
    found = find_dates(text)
    assert [d.value for d in found] == [date(2024, 3, 1), date(2025, 2, 1)]
    assert [text[d.start : d.end] for d in found] == ["1st March 2024", "01/02/2025"]


def test_a_bare_year_after_by_is_a_year_long_deadline() -> None:
    (found,) = find_dates("We will replace these PDFs by the end of 2025.")
    assert (found.value, found.last_day, found.precision) == (
        date(2025, 1, 1),
        date(2025, 12, 31),
        "year",
    )


def test_a_month_lasts_until_its_last_day() -> None:
    found = parse_date("February 2024")
    assert found is not None and found.last_day == date(2024, 2, 29)
    day = parse_date("1 February 2024")
    assert day is not None and day.last_day == date(2024, 2, 1)


def test_parse_date_wants_the_whole_text() -> None:
    assert parse_date("  1 March 2024. ") is not None
    assert parse_date("on 1 March 2024") is None
    assert parse_date("1 March 2024 and 2 March 2024") is None


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 1), 12, date(2025, 1, 1)),
        (date(2024, 2, 29), 12, date(2023, 2, 28)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2026, 1, 15), 13, date(2024, 12, 15)),
    ],
)
def test_months_before(day: date, months: int, expected: date) -> None:
    assert months_before(day, months) == expected
