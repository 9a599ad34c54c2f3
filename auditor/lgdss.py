"""The Local Government Digital Service Standard scorecard: what a crawl can show for each of the
15 points, with evidence and how far that evidence goes.

A pure function of a Run. Each point gets a status and a confidence:

- `met`, `partly met`, `not met`: a verdict from signals the tool observes reliably (`strong`,
  e.g. privacy and security checks for point 6) or through a proxy (`proxy`, e.g. a service-status
  page for point 9);
- `signals only`: the tool saw something relevant but it cannot judge the point (`weak`);
- `needs self-assessment`: the website cannot show it (points 2, 3, 15 and most of 1). Never a
  pass the tool cannot know.

The scorecard's score (docs/scoring.md) counts verdicts only: met 100, partly met 50, not met 0,
weighted 1 for strong evidence and 0.5 for a proxy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from auditor.models import (
    Confidence,
    Evidence,
    LgdssPoint,
    LgdssScorecard,
    LgdssStatus,
    Link,
    Outcome,
    PageResult,
    Run,
)

TITLES = {
    1: "Understand user needs",
    2: "Put in place a sustainable multidisciplinary team",
    3: "Use agile, iterative and user-centred methods",
    4: "Build a service that can be iterated and improved",
    5: "Evaluate tools and systems",
    6: "Understand security and privacy issues",
    7: "Use open standards and common platforms",
    8: "Test the end-to-end service in all common browsers and devices",
    9: "Plan for the service being taken temporarily offline",
    10: "Make sure users succeed first time, unaided",
    11: "Make the user experience consistent with GOV.UK",
    12: "Encourage maximum usage of the digital service",
    13: "Identify performance indicators",
    14: "Carry out ongoing user research and usability testing",
    15: (
        "Test the service from beginning to end with the appropriate council member or "
        "senior manager"
    ),
}
VERDICT_VALUE = {"met": 100.0, "partly met": 50.0, "not met": 0.0}
CONFIDENCE_WEIGHT = {"strong": 1.0, "proxy": 0.5}
MAX_EVIDENCE = 8


# Link texts and URLs that evidence a point, matched case-insensitively on "text url".
_LINK_SIGNALS: dict[str, re.Pattern[str]] = {
    "consultation": re.compile(r"\bconsultations?\b|have your say|get involved|\bsurveys?\b"),
    "roadmap": re.compile(r"\broadmap\b|digital strategy|\bblog\b|weeknotes"),
    "status": re.compile(
        r"service status|service disruption|\bdisruptions?\b|\balerts?\b|"
        r"\boutages?\b|service updates|\bincidents?\b"
    ),
    "contact": re.compile(r"contact us|\bcontact\b"),
    "assisted": re.compile(
        r"opening hours|relay uk|\bbsl\b|british sign language|translat|\binterpret|"
        r"help using (this|our) (web)?site|textphone|easy read|visit us|in person"
    ),
    "performance": re.compile(
        r"performance (data|indicators|report)|\bkpis?\b|\btransparency\b|"
        r"our performance|service performance|statistics"
    ),
    "open data": re.compile(r"open data|data\.gov\.uk|\bdatasets?\b"),
    "feedback": re.compile(
        r"feedback|was this page (useful|helpful)|report a problem with this page|"
        r"is this page useful|tell us what you think|rate this"
    ),
}
_OPEN_FORMATS = ("opendocument", ".odt", ".ods", ".odp", "text/csv", ".csv")
_CLOSED_FORMATS = ("officedocument", "msword", "ms-excel", ".docx", ".xlsx", ".doc", ".xls")


def scorecard(run: Run) -> LgdssScorecard:
    """The scorecard of a run; every point appears, in order."""
    pages = [p for p in run.pages if not p.load_error and not p.duplicate_of]
    links = _links(pages)
    results = {
        1: _self_assessed(1, links, "consultation", "consultation or have-your-say pages"),
        2: LgdssPoint(number=2, title=TITLES[2], status="needs self-assessment", confidence="none"),
        3: _self_assessed(3, links, "roadmap", "a public roadmap, strategy or team blog"),
        4: _iterate(run),
        5: _platforms(run),
        6: _from_checks(6, run, pages, ("privacy/",), "privacy and security checks", "strong"),
        7: _open_standards(run, pages, links),
        8: _from_checks(8, run, pages, _MOBILE_PREFIXES, "phone and keyboard checks", "strong"),
        9: _found(9, links, "status", "a service-status or disruption page"),
        10: _from_checks(
            10,
            run,
            pages,
            ("forms/", "documents/pdf-only-form"),
            "form and journey checks",
            "proxy",
        ),
        11: _from_checks(11, run, pages, ("govuk/",), "GOV.UK pattern checks", "strong"),
        12: _assisted(links),
        13: _found(13, links, "performance", "published performance or transparency data"),
        14: _found(14, links, "feedback", "a feedback link or page-usefulness widget"),
        15: LgdssPoint(
            number=15, title=TITLES[15], status="needs self-assessment", confidence="none"
        ),
    }
    points = [results[n] for n in sorted(results)]
    weighted = [
        (CONFIDENCE_WEIGHT[p.confidence], VERDICT_VALUE[p.status])
        for p in points
        if p.status in VERDICT_VALUE and p.confidence in CONFIDENCE_WEIGHT
    ]
    total = sum(w for w, _ in weighted)
    value = round(sum(w * v for w, v in weighted) / total, 1) if total else None
    return LgdssScorecard(points=points, score=value)


_MOBILE_PREFIXES = (
    "custom/reflow",
    "custom/zoom-blocked",
    "custom/text-resize",
    "custom/text-spacing",
    "custom/target-size",
    "custom/orientation-lock",
    "custom/keyboard-",
    "custom/focus-",
    "axe/meta-viewport",
    "custom/broken-link",
)


def _links(pages: Iterable[PageResult]) -> dict[str, list[tuple[str, Link]]]:
    """Links by the signal they match: (page url, link)."""
    found: dict[str, list[tuple[str, Link]]] = {name: [] for name in _LINK_SIGNALS}
    for page in pages:
        for link in page.links:
            haystack = f"{link.text} {urlsplit(link.url).path.replace('-', ' ')}".lower()
            for name, pattern in _LINK_SIGNALS.items():
                if pattern.search(haystack):
                    found[name].append((page.target.url, link))
    return found


def _link_evidence(items: list[tuple[str, Link]]) -> list[Evidence]:
    seen: dict[str, Evidence] = {}
    for page_url, link in items:
        if link.url not in seen:
            label = link.text.strip() or link.url
            seen[link.url] = Evidence(text=f"“{label[:80]}” linked from {page_url}", url=link.url)
    return list(seen.values())[:MAX_EVIDENCE]


def _self_assessed(
    number: int, links: dict[str, list[tuple[str, Link]]], signal: str, what: str
) -> LgdssPoint:
    return LgdssPoint(
        number=number,
        title=TITLES[number],
        status="needs self-assessment",
        confidence="weak" if links[signal] else "none",
        signals=[f"{what} (shown for context; the website cannot show this point)"],
        evidence=_link_evidence(links[signal]),
    )


def _found(
    number: int, links: dict[str, list[tuple[str, Link]]], signal: str, what: str
) -> LgdssPoint:
    items = links[signal]
    return LgdssPoint(
        number=number,
        title=TITLES[number],
        status="met" if items else "not met",
        confidence="proxy",
        signals=[f"links to {what}"],
        evidence=_link_evidence(items) or [Evidence(text=f"no link to {what} was found")],
    )


def _assisted(links: dict[str, list[tuple[str, Link]]]) -> LgdssPoint:
    contact, assisted = links["contact"], links["assisted"]
    phones = [(u, link) for u, link in contact if link.url.startswith("tel:")]
    status: LgdssStatus = "met" if contact and assisted else "partly met" if contact else "not met"
    evidence = _link_evidence(contact[:4] + phones[:2] + assisted)
    return LgdssPoint(
        number=12,
        title=TITLES[12],
        status=status,
        confidence="proxy",
        signals=[
            "a contact page and alternatives to the website (phone, opening hours, "
            "Relay UK / BSL, translation, help using the website)"
        ],
        evidence=evidence or [Evidence(text="no contact page or assisted-digital help found")],
    )


def _results(
    pages: Iterable[PageResult], prefixes: tuple[str, ...]
) -> Iterator[tuple[str, str, Outcome]]:
    for page in pages:
        for result in page.results:
            if result.check_id.startswith(prefixes):
                yield page.target.url, result.check_id, result.outcome


def _from_checks(
    number: int,
    run: Run,
    pages: list[PageResult],
    prefixes: tuple[str, ...],
    what: str,
    confidence: Confidence,
) -> LgdssPoint:
    judged: dict[str, bool] = {}  # check id → failed anywhere
    failing_pages: dict[str, list[str]] = {}
    outcomes = list(_results(pages, prefixes))
    outcomes += [
        (d.resource.url, r.check_id, r.outcome)
        for d in run.documents
        for r in d.results
        if r.check_id.startswith(prefixes)
    ]
    outcomes += [
        (step.url, r.check_id, r.outcome)
        for journey in run.journeys
        for step in journey.steps
        for page in ([step.page] if step.page is not None else [])
        for r in page.results
        if r.check_id.startswith(prefixes)
    ]
    for url, check_id, outcome in outcomes:
        if outcome not in (Outcome.PASS, Outcome.FAIL):
            continue
        judged[check_id] = judged.get(check_id, False) or outcome is Outcome.FAIL
        if outcome is Outcome.FAIL:
            failing_pages.setdefault(check_id, []).append(url)
    titles = {c.id: c.title for c in run.checks}
    if not judged:
        return LgdssPoint(
            number=number,
            title=TITLES[number],
            status="signals only",
            confidence="none",
            signals=[f"{what} (none could be judged in this run; is the council ruleset on?)"],
        )
    failed = sorted(c for c, bad in judged.items() if bad)
    share = len(failed) / len(judged)
    status: LgdssStatus = "met" if not failed else "partly met" if share <= 0.5 else "not met"
    evidence = [
        Evidence(
            text=f"{titles.get(c, c)}: fails on {len(failing_pages[c])} page(s)",
            url=failing_pages[c][0],
        )
        for c in failed
    ][:MAX_EVIDENCE]
    if not failed:
        evidence = [Evidence(text=f"{len(judged)} {what} judged; none failed")]
    return LgdssPoint(
        number=number,
        title=TITLES[number],
        status=status,
        confidence=confidence,
        signals=[f"{what}: {len(judged) - len(failed)} of {len(judged)} pass everywhere"],
        evidence=evidence,
    )


def _iterate(run: Run) -> LgdssPoint:
    changed = [p for p in run.pages if not p.carried_over and not p.load_error]
    carried = [p for p in run.pages if p.carried_over]
    evidence = []
    if carried:
        evidence.append(
            Evidence(
                text=f"{len(changed)} pages changed and {len(carried)} unchanged since the last run"
            )
        )
    return LgdssPoint(
        number=4,
        title=TITLES[4],
        status="signals only",
        confidence="weak" if carried else "none",
        signals=["content changes between nightly runs (see history trend)"],
        evidence=evidence,
    )


def _platforms(run: Run) -> LgdssPoint:
    hosts: dict[str, str] = {}
    for link in run.external_links:
        host = urlsplit(link.url).hostname or ""
        if host:
            hosts.setdefault(host, link.found_on)
    systems = sorted(
        {f"{d.name} {d.version or ''}".strip() for p in run.pages for d in p.design_systems}
    )
    evidence = [Evidence(text=f"design system: {s}") for s in systems]
    evidence += [
        Evidence(text=f"hands off to {host} (linked from {page})", url=page)
        for host, page in sorted(hosts.items())
    ]
    return LgdssPoint(
        number=5,
        title=TITLES[5],
        status="signals only",
        confidence="weak" if evidence else "none",
        signals=["platform fingerprints and the third-party domains journeys hand off to"],
        evidence=evidence[:MAX_EVIDENCE],
    )


def _open_standards(
    run: Run, pages: list[PageResult], links: dict[str, list[tuple[str, Link]]]
) -> LgdssPoint:
    lang_failed = [
        page.target.url
        for page in pages
        for r in page.results
        if r.check_id in ("axe/html-has-lang", "axe/html-lang-valid", "axe/valid-lang")
        and r.outcome is Outcome.FAIL
    ]
    kinds = [f"{r.content_type or ''} {r.url}".lower() for r in run.resources]
    open_docs = sum(1 for k in kinds if any(m in k for m in _OPEN_FORMATS))
    closed_docs = sum(1 for k in kinds if any(m in k for m in _CLOSED_FORMATS))
    open_data = links["open data"]
    good = [not lang_failed, closed_docs == 0 or open_docs > 0, bool(open_data)]
    status: LgdssStatus = "met" if all(good) else "partly met" if any(good) else "not met"
    evidence = [
        Evidence(
            text=f"{len(pages) - len(set(lang_failed))} of {len(pages)} pages declare a "
            "valid language"
        ),
        Evidence(text=f"{open_docs} documents in open formats, {closed_docs} in proprietary ones"),
        *_link_evidence(open_data),
    ]
    return LgdssPoint(
        number=7,
        title=TITLES[7],
        status=status,
        confidence="proxy",
        signals=["a valid page language, documents in open formats, open-data pages"],
        evidence=evidence[:MAX_EVIDENCE],
    )
