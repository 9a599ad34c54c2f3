"""Hostile page content for the reports, and one assertion per output format that none of it
runs, breaks out or reaches a terminal, a spreadsheet or a CI log as anything but text.

`hostile_run(run)` returns the run with every page-derived string (titles, URLs, selectors,
snippets, messages, link text, labels, load errors, warnings, document facts) made hostile.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from typing import Any

from bs4 import BeautifulSoup, Tag

from auditor.models import ExternalLink, Resource, Run

# A marker a script writes only when it runs: the source spells it in two halves.
EXECUTED = "EXECUTED"
INJECTION = (
    '"><script>window.__pwned=1;document.write("EXE"+"CUTED")</script>'
    "<img src=x onerror=\"window.__pwned=2;document.body.append('EXE'+'CUTED')\">"
    "</textarea></title></style><svg onload=alert(1)><iframe src=javascript:alert(2)>"
    "{{7*7}}${7*7}"
    "\x1b[2J\x1b]0;pwned\x07\x00\r\n::error::forged\u202e\u2028"
    '=HYPERLINK("http://evil.example","x")'
)
JAVASCRIPT_URL = "javascript:window.__pwned=4"
OVERSIZED = "O" * 100_000

# Keys whose string values come from the site under audit (see Run's JSON).
_TEXT_KEYS = frozenset(
    {
        "title",
        "text",
        "selector",
        "snippet",
        "label",
        "message",
        "load_error",
        "action",
        "submit",
        "xpath",
        "error",
        "contacts",
        "expires",
        "author",
        "subject",
        "language",
    }
)
_URL_KEYS = frozenset(
    {"url", "final_url", "page_url", "found_on", "site", "seeds", "redirects", "duplicate_of"}
)


def _poison(value: Any, key: str, payload: str) -> Any:
    if isinstance(value, dict):
        return {k: _poison(v, k, payload) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v, key, payload) for v in value]
    if isinstance(value, str):
        if key in _URL_KEYS:
            return value + "?" + payload  # still distinct per page, so pages stay apart
        if key in _TEXT_KEYS:
            return payload + value
    return value


def poisoned_run(run: Run, payload: str = INJECTION, final_url: str = JAVASCRIPT_URL) -> Run:
    """The run with `payload` in every page-derived string, one page's final URL replaced and
    its title 100,000 characters longer; plus a document, a hand-off and a warning carrying it.
    The same call with a plain payload gives a twin to compare the report's structure with."""
    data = json.loads(run.model_dump_json())
    for key in ("pages", "documents", "lgdss", "site", "seeds", "design_systems"):
        if key in data:
            data[key] = _poison(data[key], key, payload)
    data["pages"][0]["final_url"] = final_url
    data["pages"][0]["title"] = payload + OVERSIZED
    poisoned = Run.model_validate(data)
    url = "http://council.test/a?q=" + payload
    resource = Resource(url=url + ".pdf", found_on=url, kind="pdf", error=payload, status=200)
    return poisoned.model_copy(
        update={
            "resources": [*poisoned.resources, resource],
            "external_links": [ExternalLink(url=url, found_on=url)],
            "warnings": [payload],
        }
    )


def hostile_run(run: Run) -> Run:
    return poisoned_run(run)


def benign_twin(run: Run) -> Run:
    return poisoned_run(run, "plain words", "http://council.test/plain")


def _live_parts(html: str) -> tuple[list[str], set[tuple[str, str, str]], set[str], list[str]]:
    """Script bodies; event-handler attributes; tag names; URLs in href/src/action."""
    soup = BeautifulSoup(html, "html.parser")
    scripts = [s.get_text() for s in soup.find_all("script")]
    handlers: set[tuple[str, str, str]] = set()
    names: set[str] = set()
    urls: list[str] = []
    for tag in soup.find_all(True):
        if not isinstance(tag, Tag):
            continue
        names.add(tag.name)
        for attr, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if attr.lower().startswith("on"):
                handlers.add((tag.name, attr, text))
            if attr.lower() in ("href", "src", "action", "formaction", "data", "srcdoc"):
                urls.append(text)
    return scripts, handlers, names, urls


_ACTIVE = frozenset({"script", "img", "svg", "iframe", "object", "embed", "textarea", "style"})


def assert_html_inert(html: str, benign: str, twin: bool = True) -> None:
    """The hostile report has exactly its benign twin's scripts, event handlers and element
    names, and no javascript:/data: URL anywhere a browser would follow one. Without a `twin`
    (another run's report), only elements that can run or load something are compared."""
    scripts, handlers, names, urls = _live_parts(html)
    own_scripts, own_handlers, own_names, _ = _live_parts(benign)
    assert sorted(set(scripts)) == sorted(set(own_scripts)), "a script came from page content"
    assert handlers <= own_handlers, handlers - own_handlers
    if twin:
        assert len(scripts) == len(own_scripts)
        assert names == own_names, names ^ own_names
    else:
        assert names & _ACTIVE <= own_names, (names & _ACTIVE) - own_names
    for url in urls:
        assert not re.match(r"\s*(javascript|data|vbscript):", url, re.IGNORECASE), url
    assert html.lower().count("<title") == 1


_TERMINAL_UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]")


def assert_terminal_safe(text: str) -> None:
    """No escape sequence, bell, NUL, carriage return or bidi override: only printable lines."""
    found = _TERMINAL_UNSAFE.findall(text)
    assert not found, sorted({hex(ord(c)) for c in found})


def assert_xml_well_formed(text: str) -> ET.Element:
    root = ET.fromstring(text.encode("utf-8"))  # noqa: S314 - our own output
    assert "\x1b" not in text and "\x00" not in text
    return root


def assert_csv_defused(text: str) -> int:
    """Every cell that a spreadsheet would run as a formula starts with a quote instead;
    returns the number of cells checked."""
    cells = 0
    for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))):
        for cell in row:
            cells += 1
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell[:80]
    return cells


def assert_markdown_inert(text: str) -> None:
    lowered = text.lower()
    for raw in ("<script", "<img", "<svg", "<iframe", "</textarea", "\x1b", "\x00", "\u202e"):
        assert raw not in lowered, raw


def assert_workflow_commands_only(text: str, expected_lines: int) -> None:
    """GitHub annotations: one command per finding; page content never starts a line."""
    lines = text.splitlines()
    assert len(lines) == expected_lines
    for line in lines:
        assert re.match(r"::(error|warning|notice)( title=[^:]*)?::", line), line[:120]
    if expected_lines:
        assert "%0D%0A::error::forged" in text  # the page's line break is escaped, not obeyed
    assert_terminal_safe(text)
