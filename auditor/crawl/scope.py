"""Which URLs belong to the audit: the seeds' origins, extra allowed hosts, a path prefix and
include/exclude regexes. Each refusal has a fixed reason that reports count."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from auditor.web.urls import normalise, origin

OUT_OF_SCOPE = "out of scope"
OUTSIDE_PREFIX = "outside path prefix"
NOT_INCLUDED = "not included"
EXCLUDED = "excluded"


def _host_name(text: str) -> str:
    """A host name from `www.council.gov.uk`, `https://forms.council.gov.uk/` or `Host:8080`."""
    text = text.strip()
    if "://" not in text:
        text = f"http://{text}"
    return (urlsplit(text).hostname or "").rstrip(".").lower()


def _clean_prefix(prefix: str) -> str:
    stripped = prefix.strip().strip("/")
    return f"/{stripped}" if stripped else ""


@dataclass(frozen=True)
class Scope:
    """The origins (`scheme://host[:port]`) of the seeds, plus host names allowed on any scheme or
    port. The path prefix applies to every host; regexes are searched in the normalised URL."""

    origins: frozenset[str]
    allow_hosts: frozenset[str] = frozenset()
    path_prefix: str = ""
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    _include: tuple[re.Pattern[str], ...] = field(init=False, repr=False, compare=False)
    _exclude: tuple[re.Pattern[str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # A frozen dataclass can only set its derived fields this way.
        set_ = object.__setattr__
        set_(self, "origins", frozenset(origin(o) for o in self.origins))
        set_(self, "allow_hosts", frozenset(filter(None, map(_host_name, self.allow_hosts))))
        set_(self, "path_prefix", _clean_prefix(self.path_prefix))
        set_(self, "include", tuple(self.include))
        set_(self, "exclude", tuple(self.exclude))
        set_(self, "_include", tuple(re.compile(p) for p in self.include))
        set_(self, "_exclude", tuple(re.compile(p) for p in self.exclude))

    @classmethod
    def from_seeds(
        cls,
        seeds: Iterable[str],
        allow_hosts: Iterable[str] = (),
        path_prefix: str = "",
        include: Iterable[str] = (),
        exclude: Iterable[str] = (),
    ) -> Scope:
        """A scope around the seeds' origins; a bad regex raises `re.error`."""
        return cls(
            origins=frozenset(origin(s) for s in seeds),
            allow_hosts=frozenset(allow_hosts),
            path_prefix=path_prefix,
            include=tuple(include),
            exclude=tuple(exclude),
        )

    def on_site(self, url: str) -> bool:
        """On one of the origins or allowed hosts, whatever the path."""
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https"):
            return False
        if (parts.hostname or "").rstrip(".").lower() in self.allow_hosts:
            return True
        return origin(url) in self.origins

    def is_external(self, url: str) -> bool:
        """An http(s) link off the site: recorded (where a journey hands off), never crawled."""
        return urlsplit(url).scheme.lower() in ("http", "https") and not self.on_site(url)

    def in_scope(self, url: str) -> bool:
        """On the site and under the path prefix (include/exclude are not considered)."""
        return self.on_site(url) and self._under_prefix(url)

    def refusal(self, url: str) -> str | None:
        """Why the URL is outside the audit, or None when it is inside."""
        if not self.on_site(url):
            return OUT_OF_SCOPE
        if not self._under_prefix(url):
            return OUTSIDE_PREFIX
        normal = normalise(url)
        if self._include and not any(p.search(normal) for p in self._include):
            return NOT_INCLUDED
        if any(p.search(normal) for p in self._exclude):
            return EXCLUDED
        return None

    def _under_prefix(self, url: str) -> bool:
        if not self.path_prefix:
            return True
        path = urlsplit(url).path or "/"
        # Whole segments only: `/services` covers `/services/bins`, not `/services-old`.
        return path == self.path_prefix or path.startswith(self.path_prefix + "/")
