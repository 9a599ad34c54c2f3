"""Reading security response headers: HSTS, CSP, X-Frame-Options, Referrer-Policy and the
pseudo-nodes that findings about headers, cookies and requests point at.

Findings need a selector that tells them apart and stays stable across runs. Headers, cookies
and requests are not elements, so they get readable pseudo-selectors (`http-header[name=…]`,
`cookie[name=…]`) and a one-tag snippet whose `name` attribute identifies them for the
fingerprint (`auditor.models.element_identity`); a request's host goes in the snippet, since
fingerprints drop everything after a dot in a selector.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from auditor.models import Node, Snapshot

ONE_YEAR = 31_536_000  # seconds; the HSTS preload list and NCSC ask for at least this
REFERRER_POLICIES = frozenset(
    {
        "no-referrer",
        "no-referrer-when-downgrade",
        "origin",
        "origin-when-cross-origin",
        "same-origin",
        "strict-origin",
        "strict-origin-when-cross-origin",
        "unsafe-url",
    }
)


@dataclass(frozen=True)
class Hsts:
    max_age: int | None  # None when missing or not a number
    include_subdomains: bool
    preload: bool


def first_value(value: str) -> str:
    """A repeated header arrives joined by newlines; browsers obey the first."""
    return value.split("\n", 1)[0].strip()


def parse_hsts(value: str) -> Hsts:
    max_age = None
    include_subdomains = preload = False
    for directive in first_value(value).split(";"):
        name, _, argument = directive.strip().partition("=")
        name = name.strip().lower()
        if name == "max-age":
            digits = argument.strip().strip('"')
            max_age = int(digits) if digits.isdigit() else None
        elif name == "includesubdomains":
            include_subdomains = True
        elif name == "preload":
            preload = True
    return Hsts(max_age, include_subdomains, preload)


def csp_directives(value: str) -> dict[str, str]:
    """Directives of a Content-Security-Policy (every policy of a repeated header), by name;
    the first occurrence of a name wins, as in browsers."""
    found: dict[str, str] = {}
    for policy in re.split(r"[\n,]", value):
        for directive in policy.split(";"):
            parts = directive.strip().split(None, 1)
            if parts:
                found.setdefault(parts[0].lower(), parts[1].strip() if len(parts) > 1 else "")
    return found


def frames_blocked(headers: dict[str, str]) -> bool:
    """Whether framing by other sites is restricted: CSP frame-ancestors (only in a header:
    browsers ignore it in a meta tag) or X-Frame-Options DENY / SAMEORIGIN."""
    if "frame-ancestors" in csp_directives(headers.get("content-security-policy", "")):
        return True
    option = first_value(headers.get("x-frame-options", "")).lower()
    return option in ("deny", "sameorigin")


def referrer_policy(value: str) -> str | None:
    """The policy a browser applies: the last token it knows (fallbacks come first)."""
    known = [
        token.strip().lower()
        for token in value.replace("\n", ",").split(",")
        if token.strip().lower() in REFERRER_POLICIES
    ]
    return known[-1] if known else None


def meta_http_equiv(snapshot: Snapshot, name: str) -> str | None:
    """The content of `<meta http-equiv=name>` in the page (rendered DOM), if any."""
    pattern = re.compile(
        rf"<meta\s[^>]*http-equiv\s*=\s*[\"']?{re.escape(name)}[\"']?[^>]*>", re.IGNORECASE
    )
    match = pattern.search(snapshot.html)
    if match is None:
        return None
    content = re.search(r"content\s*=\s*(\"[^\"]*\"|'[^']*')", match.group(0), re.IGNORECASE)
    return content.group(1)[1:-1] if content else ""


def header_node(name: str) -> Node:
    return Node(
        selector=f'http-header[name="{name}"]',
        snippet=f'<http-header name="{escape(name)}">',
        label=name,
    )


def cookie_node(name: str, domain: str) -> Node:
    return Node(
        selector=f'cookie[name="{escape(name)}"]',
        snippet=f'<cookie name="{escape(name)}" domain="{escape(domain)}">',
        label=f"{name} ({domain})",
    )


def request_node(host: str, url: str = "") -> Node:
    """A request, by host; with `url`, the request itself (its URL identifies it)."""
    snippet = f'<request src="{escape(url)}">' if url else f'<request name="{escape(host)}">'
    return Node(selector="request", snippet=snippet[:300], label=url or host)


def origin_node(origin: str) -> Node:
    return Node(selector=":root", snippet="", label=origin)
