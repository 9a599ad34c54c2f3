"""What an accessibility statement page says, read the way GDS monitoring reads it by hand.

`read_statement(soup, url, title)` decides whether a page is the accessibility statement (its
title or main heading says "accessibility statement", or its address does) and, if so, returns a
`Statement`: the page's content cut into blocks (paragraphs, list items, cells, headings) that
know the headings they sit under, and the facts the statement checks judge: the compliance
status claimed, the WCAG criteria listed as failed, every date with what it dates (a fix
promised, the statement prepared or reviewed, the site tested), the feedback contacts and the
enforcement links. Pure: no browser, no clock.

The wording it looks for comes from GOV.UK's sample accessibility statement (the model statement
that PSBAR 2018 requires).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString

from auditor.checks.statement._dates import FoundDate, find_dates

# A compliance-status finding carries this node label when the statement claims full compliance,
# so that the site check statement/compliance-contradicted can weigh the claim against the run.
FULLY_COMPLIANT = "fully compliant"

Status = Literal["fully", "partially", "not", "unclear"]
DateKind = Literal["prepared", "reviewed", "tested", "planned", "other"]

STATEMENT_PHRASE = re.compile(r"\baccessibility\s+statement\b", re.IGNORECASE)
_STATEMENT_PATH = re.compile(r"accessibility[-_ ]?statement", re.IGNORECASE)
_ACCESSIBILITY_PAGE = re.compile(r"^accessibility(?:\.\w{2,5})?$", re.IGNORECASE)

REGULATIONS = re.compile(
    r"public\s+sector\s+bodies\s*\(\s*websites\s+and\s+mobile\s+applications\s*\)\s*"
    r"(?:\(\s*no\.?\s*2\s*\)\s*)?accessibility\s+regulations,?\s*2018",
    re.IGNORECASE,
)
COMMITMENT = re.compile(
    r"\bcommitted\s+to\s+making\s+(?:its|our|their|the|this|these)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:websites?|sites?|apps?|applications?|services?)\b[^.]{0,80}?\baccessible\b",
    re.IGNORECASE,
)
_STATUS = re.compile(
    r"\b(not\s+fully|not\s+yet|fully|partially|partly|not|non)[\s-]*compliant\b", re.IGNORECASE
)
_SITE_STATUS = re.compile(
    r"\b(?:website|site|app|application|service|portal|it)\s+(?:is|are)\s+(?:currently\s+|now\s+)?"
    r"(?:not\s+fully|not\s+yet|fully|partially|partly|not|non)[\s-]*compliant\b",
    re.IGNORECASE,
)
_STATUS_WORDS: dict[str, Status] = {
    "fully": "fully",
    "partially": "partially",
    "partly": "partially",
    "not": "not",
    "non": "not",
    "not yet": "not",
    "not fully": "unclear",
}
_WCAG = (
    r"(?:web\s+content\s+accessibility\s+guidelines|wcag)\s*(?:\(\s*wcag\s*\)\s*)?"
    r"(?:version\s*)?(2\.[0-2])"
)
WCAG_STANDARD = re.compile(_WCAG + r"\s*(?:level\s*)?(?:aa|double[- ]a)\b", re.IGNORECASE)
# "WCAG 2.1", "Web Content Accessibility Guidelines (WCAG) version 2.2": group 1 is the version.
WCAG_VERSION = re.compile(_WCAG + r"(?!\.?\d)", re.IGNORECASE)
_COMPLIANCE_HEADING = re.compile(r"compliance\s+status", re.IGNORECASE)
_NON_ACCESSIBLE_HEADING = re.compile(
    r"non[- ]?accessible|not\s+accessible|inaccessible|non[- ]?complian|disproportionate\s+burden"
    r"|within\s+the\s+scope|outside\s+the\s+scope",
    re.IGNORECASE,
)
_CRITERION = re.compile(r"(?<![\d.])([1-4])\.(\d{1,2})\.(\d{1,2})(?![\d.]*\d)")
# Success criteria per guideline in WCAG 2.2 (A, AA and AAA; 4.1.1 kept, as 2.1 has it).
_CRITERIA_PER_GUIDELINE = {
    "1.1": 1,
    "1.2": 9,
    "1.3": 6,
    "1.4": 13,
    "2.1": 4,
    "2.2": 6,
    "2.3": 3,
    "2.4": 13,
    "2.5": 8,
    "3.1": 6,
    "3.2": 6,
    "3.3": 9,
    "4.1": 3,
}

# What a date in a sentence dates, from the nearest of these words before it.
_KIND_SOURCES: tuple[tuple[DateKind, str], ...] = (
    (
        "reviewed",
        r"\b(?:reviewed|updated|revised|amended|re-?checked|re-?assessed)\b"
        r"|\blast\s+review\b|\breview(?:ed)?\s+(?:date|on)\b",
    ),
    ("prepared", r"\b(?:prepared|created|written|produced|drafted)\b"),
    (
        "tested",
        r"\b(?:tested|testing|test|audit|audited|assessed|assessment|evaluated|evaluation)\b",
    ),
    (
        "planned",
        r"\b(?:will|shall|plan|plans|planned|planning|aim|aims|aiming|intend|intends|expect"
        r"|expects|expected|fix|resolve|remediate|replace|deadline|target|targets|due"
        r"|scheduled|next\s+review|going\s+to|hope\s+to|working\s+to)\b",
    ),
)
_KINDS = tuple((kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _KIND_SOURCES)
_PUBLISHED = re.compile(r"\bpublished\b", re.IGNORECASE)
_DEADLINE_BEFORE = re.compile(r"\b(?:by|no\s+later\s+than)\s+(?:the\s+)?(?:end\s+of\s+)?$", re.I)

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?:\+44\s?\(?0?\)?\s?|\b0)\d(?:[\s-]?\d){8,10}\b")
_CONTACT_LINK = re.compile(
    r"contact|feedback|complain|report|get\s+in\s+touch|tell\s+us|enquir|form", re.IGNORECASE
)
ENFORCEMENT_HOSTS = {
    "EHRC": "equalityhumanrights.com",
    "EASS": "equalityadvisoryservice.com",
    "ECNI": "equalityni.org",
}
ENFORCEMENT_NAMES = {
    "EHRC": re.compile(r"equality\s+and\s+human\s+rights\s+commission|\behrc\b", re.I),
    "EASS": re.compile(r"equality\s+advisory\s+(?:and|&)\s+support\s+service|\beass\b", re.I),
    "ECNI": re.compile(r"equality\s+commission\s+for\s+northern\s+ireland|\becni\b", re.I),
}

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_BLOCKS = frozenset(
    {
        *_HEADINGS,
        *("p", "li", "dt", "dd", "td", "th", "caption", "figcaption", "blockquote", "address"),
        *("summary", "legend", "pre", "div", "section", "article", "aside", "details", "form"),
        *("ul", "ol", "dl", "table", "tr", "main", "body"),
    }
)
_SKIPPED = frozenset({"script", "style", "template", "noscript", "svg"})
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'])")


def clean(text: str) -> str:
    """Text with typographic quotes made plain and white space collapsed."""
    text = text.replace("\u00a0", " ").replace("\u2018", "'").replace("\u2019", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split())


def names_statement(text: str) -> bool:
    """Whether a title, heading or link text says "accessibility statement"."""
    return bool(STATEMENT_PHRASE.search(clean(text)))


def is_statement_url(url: str) -> bool:
    """An address that says it is the statement: `/accessibility-statement`, `/a11y_statement`…"""
    return bool(_STATEMENT_PATH.search(unquote(urlsplit(url).path)))


def is_accessibility_url(url: str) -> bool:
    """An address whose last part is "accessibility": often the statement, sometimes a help page."""
    parts = [p for p in unquote(urlsplit(url).path).split("/") if p]
    return bool(parts) and bool(_ACCESSIBILITY_PAGE.match(parts[-1]))


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s]


@dataclass(frozen=True)
class Block:
    """A paragraph, list item, cell or heading: its own text, and the headings it sits under."""

    element: Tag
    text: str
    headings: tuple[str, ...] = ()

    @property
    def is_heading(self) -> bool:
        return self.element.name in _HEADINGS

    def under(self, pattern: re.Pattern[str]) -> bool:
        return any(pattern.search(h) for h in self.headings)


@dataclass(frozen=True)
class StatusClaim:
    """A compliance status as the statement words it."""

    status: Status
    phrase: str
    sentence: str
    block: Block


@dataclass(frozen=True)
class Criterion:
    number: str
    block: Block

    @property
    def exists(self) -> bool:
        """Whether WCAG 2.x has this success criterion."""
        guideline, _, last = self.number.rpartition(".")
        return 1 <= int(last) <= _CRITERIA_PER_GUIDELINE.get(guideline, 0)


@dataclass(frozen=True)
class DatedClaim:
    """A date in the statement and what it dates."""

    date: FoundDate
    kind: DateKind
    sentence: str
    block: Block


@dataclass
class Statement:
    """An accessibility statement page, cut into blocks, with the facts its checks judge."""

    url: str
    title: str
    title_tag: Tag | None
    h1: Tag | None
    root: Tag
    blocks: list[Block] = field(default_factory=list)

    @property
    def h1_text(self) -> str:
        return clean(self.h1.get_text(" ")) if self.h1 else ""

    @cached_property
    def text(self) -> str:
        return " ".join(b.text for b in self.blocks)

    def blocks_matching(self, pattern: re.Pattern[str]) -> list[Block]:
        return [b for b in self.blocks if pattern.search(b.text)]

    @cached_property
    def statuses(self) -> list[StatusClaim]:
        """Compliance statuses: those in the "Compliance status" section, else any sentence
        saying the website (or app, or service) is fully, partially or not compliant."""
        section = [b for b in self.blocks if not b.is_heading and b.under(_COMPLIANCE_HEADING)]
        found = self._statuses(section, _STATUS)
        return found or self._statuses([b for b in self.blocks if not b.is_heading], _SITE_STATUS)

    @staticmethod
    def _statuses(blocks: list[Block], pattern: re.Pattern[str]) -> list[StatusClaim]:
        found = []
        for block in blocks:
            for sentence in sentences(block.text):
                for match in pattern.finditer(sentence):
                    word = _STATUS.search(match.group(0))
                    assert word is not None  # both patterns end in _STATUS
                    key = " ".join(word.group(1).lower().split())
                    status = _STATUS_WORDS[key]
                    found.append(StatusClaim(status, word.group(0), sentence, block))
        return found

    @property
    def non_accessible_blocks(self) -> list[Block]:
        """The blocks of the "Non-accessible content" section (and its subsections)."""
        return [b for b in self.blocks if b.under(_NON_ACCESSIBLE_HEADING)]

    @cached_property
    def criteria(self) -> list[Criterion]:
        """WCAG success criteria named in the non-accessible content, in order."""
        return [
            Criterion(".".join(m.groups()), block)
            for block in self.non_accessible_blocks
            if not block.is_heading
            for m in _CRITERION.finditer(block.text)
        ]

    @cached_property
    def dates(self) -> list[DatedClaim]:
        """Every date in the statement, with what the words before it say it dates."""
        found = []
        for block in self.blocks:
            if block.is_heading:
                continue
            for sentence in sentences(block.text):
                previous_end = 0
                for when in find_dates(sentence):
                    kind = _date_kind(sentence, previous_end, when)
                    found.append(DatedClaim(when, kind, sentence, block))
                    previous_end = when.end
        return found

    @cached_property
    def links(self) -> list[tuple[Tag, str]]:
        """Every link in the statement's content with its absolute address."""
        found = []
        for anchor in self.root.find_all("a", href=True):
            if isinstance(anchor, Tag):
                found.append((anchor, urljoin(self.url, str(anchor["href"]).strip())))
        return found

    @cached_property
    def emails(self) -> list[str]:
        mailto = [
            href.removeprefix("mailto:").split("?")[0]
            for _, href in self.links
            if href.lower().startswith("mailto:")
        ]
        return sorted({*mailto, *EMAIL.findall(self.text)})

    @cached_property
    def contact_links(self) -> list[Tag]:
        """Links to a contact or feedback form (not the enforcement bodies)."""
        found = []
        for anchor, href in self.links:
            parts = urlsplit(href)
            if parts.scheme not in ("http", "https"):
                continue
            host = (parts.hostname or "").lower()
            if any(host.endswith(domain) for domain in ENFORCEMENT_HOSTS.values()):
                continue
            text = clean(anchor.get_text(" "))
            if names_statement(text):
                continue
            if _CONTACT_LINK.search(text) or _CONTACT_LINK.search(unquote(parts.path)):
                found.append(anchor)
        return found

    @cached_property
    def forms(self) -> list[Tag]:
        """Forms in the statement's content (a feedback form on the page itself)."""
        return [
            f
            for f in self.root.find_all("form")
            if isinstance(f, Tag) and f.get("role") != "search"
        ]

    @cached_property
    def phones(self) -> list[str]:
        tel = [href.removeprefix("tel:") for _, href in self.links if href.startswith("tel:")]
        return [*tel, *PHONE.findall(self.text)]

    @cached_property
    def enforcement_links(self) -> dict[str, Tag]:
        """The first link to each enforcement body (EHRC, EASS, ECNI) by abbreviation."""
        found: dict[str, Tag] = {}
        for anchor, href in self.links:
            host = (urlsplit(href).hostname or "").lower()
            for body, domain in ENFORCEMENT_HOSTS.items():
                if (host == domain or host.endswith("." + domain)) and body not in found:
                    found[body] = anchor
        return found


def read_statement(soup: BeautifulSoup, url: str, title: str = "") -> Statement | None:
    """The page as an accessibility statement, or None when it is not one.

    A page is the statement when its title or first `<h1>` says "accessibility statement", when
    its address does (`/accessibility-statement`), or when its address ends in `/accessibility`
    and its content names the accessibility regulations or a compliance status.
    """
    title_tag = soup.find("title")
    title_tag = title_tag if isinstance(title_tag, Tag) else None
    title = clean(title or (title_tag.get_text(" ") if title_tag else ""))
    by_address = is_statement_url(url)
    maybe = is_accessibility_url(url)
    first_h1 = soup.find("h1")
    named = names_statement(title) or (
        isinstance(first_h1, Tag) and names_statement(first_h1.get_text(" "))
    )
    # Most pages are not the statement: they are told apart before the content is read.
    if not (named or by_address or maybe):
        return None
    root = _content_root(soup)
    h1 = root.find("h1") or first_h1
    h1 = h1 if isinstance(h1, Tag) else None
    statement = Statement(url, title, title_tag, h1, root, _blocks(root))
    if named or by_address:
        return statement
    if REGULATIONS.search(statement.text) or _COMPLIANCE_HEADING.search(statement.text):
        return statement
    return None


def _content_root(soup: BeautifulSoup) -> Tag:
    main = soup.find("main")
    if not isinstance(main, Tag):
        main = soup.find(attrs={"role": "main"})
    if isinstance(main, Tag):
        return main
    return soup.body if isinstance(soup.body, Tag) else soup


def _blocks(root: Tag) -> list[Block]:
    """The root's text cut at block elements: each string goes to its nearest block ancestor."""
    owners: dict[int, Tag] = {}
    texts: dict[int, list[str]] = {}
    for string in root.find_all(string=True):
        if not isinstance(string, NavigableString) or isinstance(string, PreformattedString):
            continue
        owner: Tag | None = None
        skipped = False
        for parent in string.parents:
            if parent.name in _SKIPPED or parent.get("hidden") is not None:
                skipped = True
                break
            if owner is None and parent.name in _BLOCKS:
                owner = parent
            if parent is root:
                break
        if skipped or owner is None:
            continue
        owners.setdefault(id(owner), owner)
        texts.setdefault(id(owner), []).append(str(string))
    blocks: list[Block] = []
    stack: dict[int, str] = {}
    for key, element in owners.items():
        text = clean(" ".join(texts[key]))
        if not text:
            continue
        if element.name in _HEADINGS:
            level = int(element.name[1])
            stack = {lvl: t for lvl, t in stack.items() if lvl < level}
            stack[level] = text
        blocks.append(Block(element, text, tuple(stack[lvl] for lvl in sorted(stack))))
    return blocks


def _date_kind(sentence: str, previous_end: int, when: FoundDate) -> DateKind:
    """What a date dates: a deadline right before it ("by March 2024") makes it planned; else
    the nearest telling word before it in the sentence, else the first one after it."""
    before = sentence[previous_end : when.start]
    if _DEADLINE_BEFORE.search(before):
        return "planned"
    for window, nearest_last in ((before, True), (sentence[: when.start], True)):
        kind = _nearest_kind(sentence, window, nearest_last)
        if kind:
            return kind
    return _nearest_kind(sentence, sentence[when.end :], nearest_last=False) or "other"


def _nearest_kind(sentence: str, window: str, nearest_last: bool) -> DateKind | None:
    best: tuple[int, DateKind] | None = None
    patterns = list(_KINDS)
    if STATEMENT_PHRASE.search(sentence) or re.search(r"\bstatement\b", sentence, re.I):
        patterns.append(("prepared", _PUBLISHED))
    for kind, pattern in patterns:
        for match in pattern.finditer(window):
            position = match.end() if nearest_last else -match.start()
            if best is None or position > best[0]:
                best = (position, kind)
    return best[1] if best else None
