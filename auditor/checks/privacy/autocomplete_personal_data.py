"""Fields that ask for the user's personal details say so with `autocomplete` (WCAG 1.3.5).

A text field (`input` of a text-like type, `textarea` or `select`) that asks for a name, email
address, telephone number, postal address, postcode or date of birth, judged by its type
(`email`, `tel`), `name`, `id`, label, `aria-label` and placeholder, fails when it has no
`autocomplete` attribute; `autocomplete="off"` on such a field (or on its form) needs review.
Hidden, read-only and disabled fields, search boxes and fields that ask about someone else
("the deceased's name") are left alone.

This is not axe's `autocomplete-valid`, which only checks that the tokens present are valid:
a field with no `autocomplete` at all passes it.

## Why it matters
WCAG 1.3.5 Identify Input Purpose (AA) asks that fields collecting information about the user
name their purpose in code. Browsers and assistive tools then fill them in, or show familiar
icons: a large help for people with motor impairments, memory or cognitive difficulties and
dyslexia, who otherwise type the same details into every council form. It also means fewer
typing errors in the data the council receives.

## How to fix
Add the token for each field's purpose (the GOV.UK Design System's components show them):

    <input id="full-name" name="full-name" autocomplete="name">
    <input id="email" name="email" type="email" autocomplete="email">
    <input id="postcode" name="postcode" autocomplete="postal-code">
    <input id="dob-day" name="dob-day" autocomplete="bday-day">

## Example
    <label for="email">Email address</label> <input id="email">       → fail
    … <input id="email" autocomplete="email">                          → pass
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import BeautifulSoup, Tag

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.models import Finding, Impact

TEXT_TYPES = frozenset({"", "text", "email", "tel", "number", "date"})
# Purpose → words in the field's name, id, label or placeholder (hyphens and underscores read
# as spaces). Address first: "house number or name" is an address, not a person's name.
PURPOSES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("date of birth", re.compile(r"\b(date of birth|birth ?date|birthday|dob|bday)\b")),
    ("email address", re.compile(r"\be ?mail\b")),
    ("telephone number", re.compile(r"\b(tele?phone|phone|mobile|tel|landline)\b")),
    (
        "postcode",
        re.compile(r"\b(post ?code|postal ?code|zip( code)?)\b"),
    ),
    (
        "address",
        re.compile(
            r"\b(address( line)?( \d)?|street|house (number|name)|building (number|name)"
            r"|flat|town|city|county|addr\d?)\b"
        ),
    ),
    (
        "name",
        re.compile(
            r"^(your )?(full )?name$|\b(full|first|given|last|family|middle|fore|sur|your) ?"
            r"names?\b|\bsurname\b|\b(f|l)name\b"
        ),
    ),
)
SOMEONE_ELSE = re.compile(
    r"\b(their|his|her|deceased|child'?s?|partner'?s?|landlord|agent|business|company"
    r"|organisation|organization|employer|school|event|venue|property|site|file"
    r"|user ?name|account)\b"
)


@register
class AutocompletePersonalData(Check):
    meta = CheckMeta(
        id="privacy/autocomplete-personal-data",
        title="Personal-data fields have autocomplete",
        failure_title="Personal-data field without autocomplete",
        help_url="https://www.w3.org/WAI/WCAG21/Understanding/identify-input-purpose.html",
        tags=("cat.forms", "wcag21aa", "wcag135", "lgdss6"),
        impact=Impact.SERIOUS,
        description="Name, email, phone, address, postcode and date of birth fields name their "
        "purpose with autocomplete.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        judged = False
        for field in ctx.soup.find_all(["input", "textarea", "select"]):
            if not isinstance(field, Tag) or not _is_text_field(field):
                continue
            purpose = purpose_of(field, ctx.soup)
            if purpose is None:
                continue
            judged = True
            value = field.get("autocomplete")
            form = field.find_parent("form")
            form_value = form.get("autocomplete") if isinstance(form, Tag) else None
            if value is None and str(form_value or "").strip().lower() == "off":
                yield self.review(
                    ctx,
                    field,
                    f"Field asking for a {purpose} has no autocomplete, and its form turns "
                    "autofill off",
                )
            elif value is None:
                yield self.fail(
                    ctx, field, f"Field asking for a {purpose} has no autocomplete attribute"
                )
            elif str(value).strip().lower() in ("off", "on", ""):
                yield self.review(
                    ctx,
                    field,
                    f'Field asking for a {purpose} has autocomplete="{value}": name the '
                    "purpose (WCAG 1.3.5) unless the field is not about the user",
                )
        if not judged:
            raise self.inapplicable()


def _is_text_field(field: Tag) -> bool:
    if field.name == "input":
        kind = str(field.get("type") or "").strip().lower()
        if kind not in TEXT_TYPES:
            return False
    return not any(field.has_attr(a) for a in ("hidden", "readonly", "disabled")) and (
        str(field.get("aria-hidden") or "").lower() != "true"
    )


def purpose_of(field: Tag, soup: BeautifulSoup) -> str | None:
    """The personal detail a field asks for, or None."""
    kind = str(field.get("type") or "").strip().lower()
    label = _words(_label_text(field, soup))
    parts = [label] + [
        _words(str(field.get(attribute) or ""))
        for attribute in ("name", "id", "aria-label", "placeholder", "title")
    ]
    parts = [part for part in parts if part]
    if any(SOMEONE_ELSE.search(part) for part in ([label] if label else parts)):
        return None
    if kind == "email":
        return "email address"
    if kind == "tel":
        return "telephone number"
    for purpose, pattern in PURPOSES:
        if any(pattern.search(part) for part in parts):
            return purpose
    return None


def _words(text: str) -> str:
    """Lower-case words: `full_name`, `fullName` and `full-name` all read `full name`."""
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text)
    return " ".join(re.sub(r"[^a-z0-9']+", " ", text.lower()).split())


def _label_text(field: Tag, soup: BeautifulSoup) -> str:
    texts = []
    ident = field.get("id")
    if ident:
        for label in soup.find_all("label", attrs={"for": str(ident)}):
            texts.append(label.get_text(" ", strip=True))
    wrapping = field.find_parent("label")
    if wrapping is not None:
        texts.append(wrapping.get_text(" ", strip=True))
    for ref in str(field.get("aria-labelledby") or "").split():
        labelled = soup.find(id=ref)
        if isinstance(labelled, Tag):
            texts.append(labelled.get_text(" ", strip=True))
    fieldset = field.find_parent("fieldset")
    if isinstance(fieldset, Tag):  # a date input's "Date of birth" lives in its legend
        legend = fieldset.find("legend")
        if isinstance(legend, Tag) and "date" in " ".join(
            str(c) for c in field.get_attribute_list("class") or [] if c
        ) + str(field.get("name") or ""):
            texts.append(legend.get_text(" ", strip=True))
    return " ".join(texts)
