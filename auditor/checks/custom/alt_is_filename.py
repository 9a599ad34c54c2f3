"""An image's text alternative is not its file name (WCAG 1.1.1, failure F30).

An `img` (or `input type=image`, or an element with `role="img"` and `aria-label`) whose
alternative text is a file name, like "IMG_2041.JPG", "logo.png" or "hero-banner-final.webp",
fails: WCAG's failure technique F30 names exactly this, a text alternative that is not an
alternative. Camera names ("DSC01234", "IMG_2041") count as file names too. Images hidden
from assistive technology are left alone, and so is an image in a link to the very file it
names ("Download nyhavn.jpeg"), where the name is the relevant description (the examples of
ACT rule 9eb3f6, Image filename is accessible name for image).

## Why it matters
A screen reader reads the file name aloud ("image, I M G underscore two zero four one dot J P
G") instead of what the picture shows. Content management systems fill alt text in from the
upload's name, so a council site can have hundreds.

## How to fix
Write what the image shows or does, or `alt=""` when it is decoration:

    <img src="/img/IMG_2041.jpg" alt="The new recycling centre on Mill Lane">

## Example
    <img src="a.jpg" alt="IMG_2041.JPG">               → fail
    <img src="a.jpg" alt="The recycling centre">       → pass
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import Tag

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.models import Finding, Impact

_EXTENSION = re.compile(
    r"^[\w\-. ()]+\.(jpe?g|png|gif|webp|svg|bmp|tiff?|avif|heic|ico)$", re.IGNORECASE
)
_CAMERA = re.compile(r"^(img|dsc|dscn|dcim|pxl|image|photo|screenshot)[_\- ]?\d{3,}[\w\-]*$", re.I)


def looks_like_a_file_name(text: str) -> bool:
    text = " ".join(text.split())
    return bool(text) and bool(_EXTENSION.match(text) or _CAMERA.match(text))


def _hidden(tag: Tag) -> bool:
    return any(
        str(t.get("aria-hidden", "")).lower() == "true" or t.has_attr("hidden")
        for t in [tag, *tag.parents]
        if isinstance(t, Tag)
    )


@register
class AltIsFilename(Check):
    meta = CheckMeta(
        id="custom/alt-is-filename",
        title="Image text alternatives are not file names",
        failure_title="An image's text alternative is a file name",
        help_url="https://www.w3.org/WAI/WCAG22/Techniques/failures/F30",
        tags=("cat.text-alternatives", "wcag2a", "wcag111"),
        impact=Impact.SERIOUS,
        description="An image's alt text says what it shows, not the name of its file.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        images = [
            tag
            for tag in ctx.soup.find_all(True)
            if isinstance(tag, Tag) and _is_image(tag) and not _hidden(tag)
        ]
        if not images:
            raise self.inapplicable()
        for image in images:
            alternative = _alternative(image)
            if looks_like_a_file_name(alternative) and not _names_its_download(image, alternative):
                yield self.fail(
                    ctx,
                    image,
                    f'The text alternative of this image is a file name, "{alternative[:80]}": '
                    "screen readers read it aloud instead of what the image shows",
                )


def _is_image(tag: Tag) -> bool:
    if tag.name == "img" or tag.name == "area":
        return True
    if tag.name == "input":
        return str(tag.get("type", "")).lower() == "image"
    return str(tag.get("role", "")).lower() == "img"


def _names_its_download(image: Tag, alternative: str) -> bool:
    """In a link to the very file it names ("Download nyhavn.jpeg"), the file name is the
    relevant description (ACT rule 9eb3f6, passed example 2)."""
    link = image.find_parent("a")
    href = str(link.get("href", "")) if isinstance(link, Tag) else ""
    return bool(href) and href.split("?")[0].rsplit("/", 1)[-1].lower() == alternative.lower()


def _alternative(tag: Tag) -> str:
    for attribute in ("aria-label", "alt"):
        value = tag.get(attribute)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""
