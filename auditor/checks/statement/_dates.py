"""Dates as UK councils write them in prose, found and parsed without guessing.

`find_dates(text)` returns every date in a piece of text with its span, in the forms seen on
council accessibility statements: "1 March 2024", "1st March 2024", "Monday 1st of March, 2024",
"March 1, 2024", "01/03/2024" (day first, as in the UK), "01/03/24", "2024-03-01", "1 Mar 2024",
"Sept 2024", "March 2024", and a bare year only after "by" ("by 2025", "by the end of 2025").
A date written to the month or the year covers the whole period: `last_day` is its end, so
"by March 2024" is overdue only once March 2024 is over.

Pure and deterministic: "now" is always passed in, never read from the clock.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

Precision = Literal["day", "month", "year"]

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"

# Longest form first: where two forms overlap, the earliest and longest match wins.
_SOURCES: tuple[tuple[str, Precision], ...] = (
    (r"\b(?P<year>(?:19|20)\d\d)-(?P<num_month>[01]?\d)-(?P<day>[0-3]?\d)\b", "day"),
    # Day first, as written in the UK. "." and "-" only with a four-digit year, so that WCAG
    # criteria such as "1.4.10" are never read as dates.
    (r"\b(?P<day>[0-3]?\d)/(?P<num_month>[0-3]?\d)/(?P<year>(?:19|20)?\d\d)\b", "day"),
    (r"\b(?P<day>[0-3]?\d)[.-](?P<num_month>[01]?\d)[.-](?P<year>(?:19|20)\d\d)\b", "day"),
    (rf"\b{_WEEKDAY}{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b", "day"),
    (rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", "day"),
    (rf"\b{_MONTH},?\s+{_YEAR}\b", "month"),
    (r"(?<=\bby\s)(?:the\s+end\s+of\s+)?(?P<year>(?:19|20)\d\d)\b(?![/.-]\d)", "year"),
)
_PATTERNS = tuple((re.compile(p, re.IGNORECASE), kind) for p, kind in _SOURCES)


@dataclass(frozen=True)
class FoundDate:
    """A date as written in a text: its first day, how precise it is, and where it stands."""

    value: date
    precision: Precision
    text: str
    start: int = 0
    end: int = 0

    @property
    def last_day(self) -> date:
        """The last day the written date covers: "March 2024" → 31 March 2024."""
        if self.precision == "year":
            return date(self.value.year, 12, 31)
        if self.precision == "month":
            days = calendar.monthrange(self.value.year, self.value.month)[1]
            return date(self.value.year, self.value.month, days)
        return self.value


def find_dates(text: str) -> list[FoundDate]:
    """Every date in `text`, in order, each span used once (invalid dates like 31/02 skipped)."""
    candidates: list[FoundDate] = []
    for pattern, precision in _PATTERNS:
        for match in pattern.finditer(text):
            found = _to_date(match, precision)
            if found is not None:
                candidates.append(found)
    candidates.sort(key=lambda d: (d.start, -(d.end - d.start)))
    chosen: list[FoundDate] = []
    for candidate in candidates:
        if not chosen or candidate.start >= chosen[-1].end:
            chosen.append(candidate)
    return chosen


def parse_date(text: str) -> FoundDate | None:
    """`text` read as one date (surrounding spaces and a full stop allowed), else None."""
    stripped = text.strip().rstrip(".").strip()
    found = find_dates(stripped)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(stripped):
        return found[0]
    return None


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier, clamped to the month's end (29 Feb → 28 Feb)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _to_date(match: re.Match[str], precision: Precision) -> FoundDate | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if year < 100:
        year += 2000
    if groups.get("month"):
        month = _MONTHS[groups["month"][:3].lower()]
    elif groups.get("num_month"):
        month = int(groups["num_month"])
    else:
        month = 1
    day = int(groups["day"]) if groups.get("day") else 1
    if groups.get("num_month") and month > 12 and day <= 12:
        day, month = month, day  # "03/25/2024" can only be month first
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return FoundDate(value, precision, match.group(0), match.start(), match.end())
