"""A passage's declared language is the language of its text (WCAG 3.1.2 Language of Parts).

Each element with its own `lang` is judged on the text that inherits it (not the text of
descendants that declare another). With at least 15 words, it fails when a language detector is
sure (99%) the text is in another language, and needs review when that is likely (90%). Shorter
passages are not judged: a detector cannot be sure of a phrase, and a phrase can be in two
languages at once.

## Why it matters
A passage marked as French but written in English is read aloud with French pronunciation:
screen reader users hear nonsense.

## How to fix
Give the passage the `lang` of the language it is written in, or remove a wrong one so it
inherits the page's.

## Example
    <p lang="cy">Dyddiadau casglu biniau ...</p>      → pass
    <p lang="fr">Find out when your bins ...</p>      → fail
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.checks.custom._language import MIN_WORDS, SURE, language_runs, mismatch, words
from auditor.models import Finding, Impact


@register
class PartsLanguage(Check):
    meta = CheckMeta(
        id="custom/parts-language",
        title="Passages are marked with the language they are in",
        failure_title="A passage declares a language its text is not in",
        help_url="https://www.w3.org/WAI/WCAG22/Understanding/language-of-parts.html",
        tags=("cat.language", "wcag2aa", "wcag312"),
        impact=Impact.SERIOUS,
        description="Text inside an element with a lang attribute is in that language.",
        act_rules=("off6ek",),
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        _, runs = language_runs(ctx.soup)
        judged = [r for r in runs if words(r.text) >= MIN_WORDS]
        if not judged:
            raise self.inapplicable()
        for run in judged:
            found = mismatch(run.lang, run.text)
            if found is None:
                continue
            detected, probability = found
            said = (
                f'This passage declares lang="{run.lang}" but reads as "{detected}" '
                f"({probability:.0%} sure)"
            )
            if probability >= SURE:
                yield self.fail(ctx, run.element, said)
            else:
                yield self.review(ctx, run.element, f"{said}: check which language it is in")
