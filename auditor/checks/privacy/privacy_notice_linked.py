"""Every page links to the privacy notice (UK GDPR articles 12 and 13; LGDSS point 6).

A page passes when it has a link whose text or address names the privacy notice or policy
("Privacy notice", "Privacy and cookies", "How we use your personal information",
`/privacy`, `/data-protection`), or when it is the privacy notice itself. A page with no such
link fails, pointing at its footer (where people look for it), or at the body when it has no
footer.

A page check rather than a site check: whether a page offers the link is a fact of that page's
rendered HTML, so it is judged the same way in a live audit and in a re-check of stored
snapshots, and its fixtures follow the usual convention.

## Why it matters
UK GDPR requires councils to tell people how their personal data is used, in a way that is
easy to find at the point it is collected. People look for the privacy notice in the footer;
when a page (often a form or a third-party platform page) has no link to it, they cannot find
out what happens to what they type.

## How to fix
Link to the privacy notice from the footer of every page template, with clear text:

    <footer> … <a href="/privacy">Privacy notice</a> … </footer>

## Example
    footer without a privacy link                    → fail
    <a href="/privacy/">Privacy notice</a>           → pass
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

from bs4 import Tag

from auditor.checks.base import Check, CheckContext, CheckMeta, register
from auditor.models import Finding, Impact

PRIVACY_TEXT = re.compile(
    r"\bprivacy\b|\bdata protection\b|\bhow we use (your )?(personal )?(data|information)\b"
    r"|\bpreifatrwydd\b|\bdiogelu data\b",  # Welsh: privacy, data protection
    re.IGNORECASE,
)
PRIVACY_PATH = re.compile(
    r"privacy|data-?protection|gdpr|personal-(data|information)|preifatrwydd", re.IGNORECASE
)


@register
class PrivacyNoticeLinked(Check):
    meta = CheckMeta(
        id="privacy/privacy-notice-linked",
        title="The page links to the privacy notice",
        failure_title="No link to the privacy notice on the page",
        help_url="https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/individual-rights/the-right-to-be-informed/",
        tags=("cat.privacy", "best-practice", "lgdss6"),
        impact=Impact.MODERATE,
        description="A link to the privacy notice (footer) on every page.",
    )

    def evaluate(self, ctx: CheckContext) -> Iterator[Finding]:
        body = ctx.soup.body
        if body is None:
            raise self.inapplicable()
        if is_privacy_notice(ctx):
            return
        for anchor in ctx.soup.find_all(["a", "area"], href=True):
            if isinstance(anchor, Tag) and links_to_privacy_notice(anchor, ctx.page_url):
                return
        footer = _footer(ctx)
        where = "in its footer or anywhere else" if footer else "(and no footer)"
        yield self.fail(ctx, footer or body, f"This page has no link to the privacy notice {where}")


def links_to_privacy_notice(anchor: Tag, page_url: str) -> bool:
    text = " ".join(anchor.get_text(" ", strip=True).split())
    label = str(anchor.get("aria-label") or anchor.get("title") or "")
    href = str(anchor.get("href", "")).strip()
    if href.startswith(("mailto:", "tel:", "javascript:", "#")):
        return False
    path = urlsplit(urljoin(page_url, href)).path
    return bool(PRIVACY_TEXT.search(f"{text} {label}") or PRIVACY_PATH.search(path))


def is_privacy_notice(ctx: CheckContext) -> bool:
    """The page is the privacy notice or policy itself (by address or main heading)."""
    if PRIVACY_PATH.search(urlsplit(ctx.snapshot.final_url).path):
        return True
    heading = ctx.soup.find("h1")
    return heading is not None and bool(PRIVACY_TEXT.search(heading.get_text(" ", strip=True)))


def _footer(ctx: CheckContext) -> Tag | None:
    for candidate in ctx.soup.select('footer, [role="contentinfo"]'):
        if isinstance(candidate, Tag) and candidate.find_parent(["main", "article"]) is None:
            return candidate
    return None
