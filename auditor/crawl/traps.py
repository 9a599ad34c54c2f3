"""Crawler-trap guard: tells a trap (a calendar, a faceted search) from a large family of real
pages (Drupal's `/node/N`, a news archive, ModernGov's meetings) by how its URLs were found.

A trap generates itself: each new member is found only on members of the same family (next
month, next month…; one more filter, one more filter…), and those members bring nothing new to
the crawl. A large family is found from hub pages (a listing, an A–Z, the sitemap) and its pages
lead elsewhere. So the guard caps only *self-generated* URLs, found on an unproductive member of
their own family, once the family is bigger than its cap; a URL found from anywhere else (another
family, a seed, the sitemap) is never a trap. A family the run has no budget for is cut by
`max pages` and reported as sampled, not here.

The guard only counts what it is shown; it does no I/O. What it refuses is named in `capped`
so a report can say where the trap was.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

PATH_PATTERN = "trap: pages that only lead to more of themselves (like a calendar)"
QUERY_PARAMETERS = "trap: endless filter or sort combinations (like a faceted search)"
TOO_LONG = "URL too long"
TRAP_REASONS = (PATH_PATTERN, QUERY_PARAMETERS)

NUMBER = "{n}"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)
_HEX = re.compile(r"(?=.*\d)[0-9a-f]{8,}", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
# What is left of a date, time or version once its digit runs are {n}: `{n}-{n}-{n}`, `{n}.{n}`.
_NUMBERS_ONLY = re.compile(r"\{n\}(?:[-_.:T+]+\{n\})*")
# Even a productive self-generating family stops somewhere: a calendar whose every month has
# fresh event links would otherwise never end.
PRODUCTIVE_CEILING = 20


def _segment_pattern(segment: str) -> str:
    if _UUID.fullmatch(segment) or _HEX.fullmatch(segment):
        return NUMBER
    generalised = _DIGITS.sub(NUMBER, segment)
    return NUMBER if _NUMBERS_ONLY.fullmatch(generalised) else generalised


def path_pattern(path: str) -> str:
    """The path with its numbers, dates, UUIDs and long hex ids as `{n}`; words stay literal.

    `/calendar/2026/11` → `/calendar/{n}/{n}`; `/events/2026-11-21` → `/events/{n}`;
    `/news/bin-day-changes` stays as it is."""
    return "/".join(_segment_pattern(s) for s in (path or "/").split("/"))


def param_names(query: str) -> tuple[str, ...]:
    """The query's parameter names, sorted and deduplicated, numbers as `{n}` (so the facets
    `f[0]`, `f[1]`… are one name)."""
    names = {_DIGITS.sub(NUMBER, k) for k, _ in parse_qsl(query, keep_blank_values=True)}
    return tuple(sorted(names))


def _pages_on(parent_query: str, query: str) -> bool:
    names, parent_names = param_names(query), param_names(parent_query)
    return names == parent_names or (not parent_names and len(names) == 1)


def family(url: str) -> str:
    """The URL's family: host and path pattern (`a.gov.uk/node/{n}`), query ignored."""
    parts = urlsplit(url)
    return f"{parts.netloc.lower()}{path_pattern(parts.path or '/')}"


@dataclass
class TrapGuard:
    """Admits every URL found from outside its family; of the URLs found on an unproductive
    member of their own family, admits them while the family has fewer than
    `max_per_path_pattern` distinct paths (or, when only the query changes, fewer than
    `max_per_param_family` distinct queries on that path).

    Asking again about an admitted URL admits it again without counting it twice."""

    max_per_path_pattern: int = 50
    max_per_param_family: int = 50
    max_url_length: int = 2000
    capped: Counter[str] = field(default_factory=Counter, init=False)
    _paths: dict[str, set[str]] = field(default_factory=dict, init=False, repr=False)
    _queries: dict[str, set[str]] = field(default_factory=dict, init=False, repr=False)
    _generated: Counter[str] = field(default_factory=Counter, init=False, repr=False)

    def refusal(
        self, url: str, found_on: str | None = None, productive: bool = False
    ) -> str | None:
        """Why the URL looks like part of a trap, or None (and the URL is counted) when not.

        `found_on` is the page the link was on (None for seeds and sitemap URLs, which are
        never traps); `productive` says that page led to new URLs outside its own family."""
        if len(url) > self.max_url_length:
            return TOO_LONG
        parts = urlsplit(url)
        host = parts.netloc.lower()
        path = parts.path or "/"
        pattern_key = f"{host}{path_pattern(path)}"
        paths = self._paths.setdefault(pattern_key, set())
        query_key = f"{host}{path}?"
        queries = self._queries.get(query_key, set())  # no entry for paths without queries
        known = path in paths and (not parts.query or parts.query in queries)
        if not known and found_on is not None and family(found_on) == pattern_key:
            parent = urlsplit(found_on)
            only_query_differs = parent.path == path
            if only_query_differs:
                # Paging keeps the parameter names (page 2 → page 3); facets add names.
                productive = productive and _pages_on(parent.query, parts.query)
            reason = self._self_generated(
                pattern_key,
                query_key,
                len(queries) if only_query_differs else len(paths),
                only_query_differs,
                productive,
            )
            if reason:
                self.capped[query_key if only_query_differs else pattern_key] += 1
                return reason
        if parts.query:
            self._queries.setdefault(query_key, set()).add(parts.query)
        paths.add(path)
        return None

    def _self_generated(
        self, pattern_key: str, query_key: str, members: int, by_query: bool, productive: bool
    ) -> str | None:
        cap = self.max_per_param_family if by_query else self.max_per_path_pattern
        key = query_key if by_query else pattern_key
        if members < cap:
            self._generated[key] += 1
            return None
        if productive and self._generated[key] < cap * PRODUCTIVE_CEILING:
            self._generated[key] += 1
            return None
        return QUERY_PARAMETERS if by_query else PATH_PATTERN

    def count(self, url: str) -> None:
        """Count an URL admitted earlier (a resumed crawl replays what it had admitted)."""
        self.refusal(url)
