"""The page's declared language is the language of its text (WCAG 3.1.1 Language of Page).

The text that inherits `<html lang>` (the title, the body's text and `alt`/`aria-label` text
outside elements that declare a language of their own) is given to a language detector. With at
least 15 words, a page fails when the detector is sure (99%) the text is in another language,
and needs review when it is likely (90%). Shorter text, and text the detector is unsure of, is
not judged. Pages without a `lang` are axe-core's (`html-has-lang`).

## Why it matters
Screen readers pick their voice and pronunciation from `lang`. English read with Danish rules,
or Welsh read with English ones, is hard or impossible to follow.

## How to fix
Declare the language most of the page is in: `<html lang="en">`, `<html lang="cy">` for a Welsh
page. Mark passages in another language with their own `lang` (3.1.2).

## Example
    <html lang="en"> with English text   → pass
    <html lang="da"> with English text   → fail
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.checks.custom._language import MIN_WORDS, SURE, language_runs, mismatch, words
from auditor.models import Finding, Impact, Node
from auditor.web.html import css_selector


@register
class PageLanguage(Check):
    meta = CheckMeta(
        id="custom/page-language",
        title="The page's language is the language of its text",
        failure_title="The page declares a language its text is not in",
        help_url="https://www.w3.org/WAI/WCAG22/Understanding/language-of-page.html",
        tags=("cat.language", "wcag2a", "wcag311"),
        impact=Impact.SERIOUS,
        description="The text inheriting <html lang> is in the language it declares.",
        act_rules=("ucwvc8",),
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        page, _ = language_runs(ctx.soup)
        if page is None or words(page.text) < MIN_WORDS:
            raise self.inapplicable()
        found = mismatch(page.lang, page.text)
        if found is None:
            return
        detected, probability = found
        said = (
            f'The page declares lang="{page.lang}" but its text reads as "{detected}" '
            f"({probability:.0%} sure)"
        )
        root = Node(selector=css_selector(page.element), snippet=f'<html lang="{page.lang}">')
        if probability >= SURE:
            yield self.fail(ctx, root, said)
        else:
            yield self.review(ctx, root, f"{said}: check which language the page is in")
