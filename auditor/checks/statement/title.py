"""The accessibility statement's title and main heading name it as the statement.

On the statement page, the `<h1>` and the `<title>` must both say "Accessibility statement",
as the model statement does ("Accessibility statement for [website name]"). When neither says
which website it covers (nothing but "Accessibility statement"), a person should check that
users can tell; a council with several websites needs it.

## Why it matters
People look for the statement by its name, in search results, in the browser tab and in a
screen reader's list of headings. GDS monitoring checks that the page is titled as the
accessibility statement; one titled "Accessibility" or "Help" is easily taken for a help page.

## How to fix
Title the page and its main heading as the sample statement does:

    <title>Accessibility statement for Ashworth Borough Council website</title>
    <h1>Accessibility statement for Ashworth Borough Council website</h1>

## Example
    /accessibility-statement/ with <h1>Accessibility</h1>        → fail (the h1)
    <title>Help - Ashworth Borough Council</title>                 → fail (the title)
    <h1>Accessibility statement for Ashworth Borough Council</h1>  → pass
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.checks.base import CheckContext, CheckMeta, register
from auditor.checks.statement._page import SAMPLE_URL, StatementCheck, quote
from auditor.checks.statement._statement import STATEMENT_PHRASE, Statement, names_statement
from auditor.models import Finding, Impact, Node

_LEFT_OVER = re.compile(r"[\W_]+")


@register
class StatementTitle(StatementCheck):
    meta = CheckMeta(
        id="statement/title",
        title="The statement's title and main heading name it",
        failure_title="The statement's title or main heading does not name it",
        help_url=SAMPLE_URL,
        tags=("cat.statement", "best-practice", "psbar", "lgdss12"),
        impact=Impact.MINOR,
        description='The statement\'s <h1> and <title> must say "Accessibility statement".',
    )

    def judge(self, ctx: CheckContext, statement: Statement) -> Iterator[Finding]:
        if statement.h1 is None:
            yield self.fail(
                ctx,
                statement.root,
                'The statement has no main heading (<h1>); give it one: "Accessibility '
                'statement for [website name]"',
            )
        elif not names_statement(statement.h1_text):
            yield self.fail(
                ctx,
                statement.h1,
                f'The main heading "{quote(statement.h1_text)}" does not name the page as the '
                'accessibility statement: "Accessibility statement for [website name]"',
            )
        if not names_statement(statement.title):
            element = statement.title_tag or Node(selector="title", snippet="")
            yield self.fail(
                ctx,
                element,
                f'The page title "{quote(statement.title)}" does not name the page as the '
                "accessibility statement",
            )
        named = [t for t in (statement.h1_text, statement.title) if names_statement(t)]
        if named and all(not _LEFT_OVER.sub("", STATEMENT_PHRASE.sub("", t)) for t in named):
            yield self.review(
                ctx,
                statement.h1 or statement.root,
                "Neither the title nor the main heading says which website the statement "
                'covers; the model says "Accessibility statement for [website name]"',
            )
