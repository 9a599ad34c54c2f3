"""The base of the statement page checks: they judge the statement page and no other.

A subclass implements `judge(ctx, statement)`; on any page that is not the accessibility
statement (see `read_statement`) the check is inapplicable. "Now", for the date rules, is the
snapshot's `captured_at`, so stored snapshots re-check to the same results on any later day.
"""

from __future__ import annotations

import weakref
from abc import abstractmethod
from collections.abc import Iterator
from datetime import date

from bs4 import BeautifulSoup

from auditor.checks.base import Check, CheckContext
from auditor.checks.statement._statement import Statement, read_statement
from auditor.models import Finding

GUIDANCE_URL = (
    "https://www.gov.uk/guidance/"
    "make-your-website-or-app-accessible-and-publish-an-accessibility-statement"
)
SAMPLE_URL = (
    "https://www.gov.uk/government/publications/sample-accessibility-statement/"
    "sample-accessibility-statement-for-a-fictional-public-sector-website"
)


class StatementCheck(Check):
    """A page check of the accessibility statement; inapplicable on every other page."""

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        statement = statement_of(ctx)
        if statement is None:
            raise self.inapplicable()
        yield from self.judge(ctx, statement)

    @abstractmethod
    def judge(self, ctx: CheckContext, statement: Statement) -> Iterator[Finding]:
        """Yield findings about the statement; raise `inapplicable()` when there is nothing to
        judge."""


# The last page read, so the statement checks of one page read it once. The weak reference lets
# a page that was not a statement go; a Statement keeps its own page alive while cached.
_last_read: tuple[weakref.ref[BeautifulSoup], str, Statement | None] | None = None


def statement_of(ctx: CheckContext) -> Statement | None:
    """The page's statement (see `read_statement`), read once for all the checks of a page."""
    global _last_read
    soup = ctx.soup
    cached = _last_read
    if cached is not None and cached[0]() is soup and cached[1] == ctx.page_url:
        return cached[2]
    statement = read_statement(soup, ctx.page_url, ctx.snapshot.title)
    _last_read = (weakref.ref(soup), ctx.page_url, statement)
    return statement


def today(ctx: CheckContext) -> date:
    """The audit's date: when the page was captured, never the wall clock."""
    return ctx.snapshot.captured_at.date()


def quote(text: str, limit: int = 160) -> str:
    """Page text for a message, shortened."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def long_date(day: date) -> str:
    """A date as the statement would write it: "1 March 2024"."""
    return f"{day.day} {day:%B %Y}"
