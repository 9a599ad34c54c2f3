"""Which language a page's text is in, for the language checks (WCAG 3.1.1 and 3.1.2).

The text is split by the language the markup declares for it: each text node (and `alt`,
`title` and `aria-label` text) belongs to its nearest ancestor's `lang`. A detector then says
which language each run of text is in. A short text cannot be judged surely, so a verdict needs
MIN_WORDS words, and a failure needs the detector to be SURE; closer calls need review.

The detector is py3langid (a maintained port of langid.py: 97 languages, a bundled model, no
network, under a millisecond per paragraph), loaded once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from bs4 import BeautifulSoup, NavigableString, Tag

MIN_WORDS = 15
SURE = 0.99
LIKELY = 0.9

# Text that is not in a human language, or not shown.
_SKIP = {"script", "style", "noscript", "template", "code", "pre", "kbd", "samp", "var", "svg"}
_WORD = re.compile(r"[^\W\d_]{2,}")
# Languages the detector confuses with each other: a mix-up within one is never sure.
_CLOSE = [
    {"da", "no", "nb", "nn"},
    {"ms", "id"},
    {"hr", "sr", "bs", "sh"},
    {"gl", "pt"},
    {"cs", "sk"},
    {"be", "ru", "uk"},
]


def primary(tag: str) -> str:
    """The primary language subtag of a `lang` value: `en-GB` → `en`."""
    return tag.strip().lower().split("-", 1)[0]


def same_language(declared: str, detected: str) -> bool:
    a, b = primary(declared), primary(detected)
    return a == b or any(a in group and b in group for group in _CLOSE)


def words(text: str) -> int:
    return len(_WORD.findall(text))


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float]:
    """The language `text` is most likely in, and how likely."""
    language, probability = _identifier().classify(text)
    return str(language), float(probability)


# Languages a page is almost never in but text often reads as: placeholder "lorem ipsum" is
# Latin to the detector. A mismatch with one of them is never sure.
NEVER_SURE = {"la"}


def mismatch(declared: str, text: str) -> tuple[str, float] | None:
    """The language `text` is likely (LIKELY or more) in, and how likely, when that is not the
    declared one; None when it matches, or the detector cannot tell. The likelihood of a
    NEVER_SURE language is capped below SURE."""
    detected, probability = detect(text)
    if same_language(declared, detected) or probability < LIKELY:
        return None
    if detected in NEVER_SURE:
        probability = min(probability, LIKELY)
    return detected, probability


@dataclass
class Run:
    """The text of one element that declares a language (the page's root: `html`)."""

    element: Tag
    lang: str
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def _hidden(tag: Tag) -> bool:
    style = str(tag.get("style", "")).replace(" ", "").lower()
    return (
        tag.has_attr("hidden")
        or str(tag.get("aria-hidden", "")).lower() == "true"
        or "display:none" in style
        or "visibility:hidden" in style
    )


def language_runs(soup: BeautifulSoup) -> tuple[Run | None, list[Run]]:
    """The page's own run (text inheriting `<html lang>`, with the title) and one run per
    other element with a `lang` attribute (the page's parsed DOM, read only). None for the
    page when `<html>` declares none."""
    root = soup.find("html")
    if not isinstance(root, Tag):
        return None, []
    page = Run(root, str(root.get("lang", "")).strip()) if root.get("lang") else None
    runs: list[Run] = []

    def walk(tag: Tag, run: Run | None) -> None:
        for child in tag.children:
            if isinstance(child, NavigableString):
                if run is not None and type(child) is NavigableString:
                    run.parts.append(str(child))
                continue
            if not isinstance(child, Tag) or child.name in _SKIP or _hidden(child):
                continue
            own = run
            if child.has_attr("lang"):
                own = Run(child, str(child.get("lang", "")).strip())
                runs.append(own)
            if own is not None:
                for attribute in ("alt", "aria-label"):
                    value = child.get(attribute)
                    if isinstance(value, str):
                        own.parts.append(value)
            walk(child, own)

    walk(root, page)
    return page, [r for r in runs if r.lang]
