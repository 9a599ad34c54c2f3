"""Crawler-trap guard: caps on URLs per path pattern and per query-parameter family, and a
maximum URL length, so calendars and faceted search cannot generate pages without end.

The guard only counts what it is shown; it does no I/O. What it refuses is named in `capped`
so a report can say where the trap was.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

PATH_PATTERN = "trap: path pattern"
QUERY_PARAMETERS = "trap: query parameters"
TOO_LONG = "URL too long"

NUMBER = "{n}"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)
_HEX = re.compile(r"(?=.*\d)[0-9a-f]{8,}", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
# What is left of a date, time or version once its digit runs are {n}: `{n}-{n}-{n}`, `{n}.{n}`.
_NUMBERS_ONLY = re.compile(r"\{n\}(?:[-_.:T+]+\{n\})*")


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


@dataclass
class TrapGuard:
    """Admits at most `max_per_path_pattern` distinct paths per (host, path pattern) and at most
    `max_per_param_family` distinct queries per (host, path, parameter names).

    Asking again about an admitted URL admits it again without counting it twice."""

    max_per_path_pattern: int = 50
    max_per_param_family: int = 50
    max_url_length: int = 2000
    capped: Counter[str] = field(default_factory=Counter, init=False)
    _paths: dict[str, set[str]] = field(default_factory=dict, init=False, repr=False)
    _queries: dict[str, set[str]] = field(default_factory=dict, init=False, repr=False)

    def refusal(self, url: str) -> str | None:
        """Why the URL looks like part of a trap, or None (and the URL is counted) when not."""
        if len(url) > self.max_url_length:
            return TOO_LONG
        parts = urlsplit(url)
        host = parts.netloc.lower()
        path = parts.path or "/"
        pattern_key = f"{host}{path_pattern(path)}"
        paths = self._paths.setdefault(pattern_key, set())
        if path not in paths and len(paths) >= self.max_per_path_pattern:
            self.capped[pattern_key] += 1
            return PATH_PATTERN
        queries: set[str] | None = None
        if parts.query:
            family_key = f"{host}{path}?{'&'.join(param_names(parts.query))}"
            queries = self._queries.setdefault(family_key, set())
            if parts.query not in queries and len(queries) >= self.max_per_param_family:
                self.capped[family_key] += 1
                return QUERY_PARAMETERS
            queries.add(parts.query)
        # Counted only once both caps pass: a refused query must not use up its path's quota.
        paths.add(path)
        return None
