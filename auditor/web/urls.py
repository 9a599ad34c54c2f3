"""URL checking and normalisation, so one page is audited once whatever form its links take."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

from auditor.errors import ConfigError

DEFAULT_PORTS = {"http": 80, "https": 443}
TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga"})
DOCUMENT_SUFFIXES = {
    ".pdf": "pdf",
    ".doc": "word",
    ".docx": "word",
    ".odt": "odf",
    ".ods": "odf",
    ".odp": "odf",
    ".xls": "spreadsheet",
    ".xlsx": "spreadsheet",
    ".csv": "csv",
    ".ppt": "presentation",
    ".pptx": "presentation",
    ".rtf": "rtf",
    ".zip": "archive",
}
SKIPPED_SUFFIXES = frozenset(
    {
        ".jpg",
        ".jpeg",
        ".png",
        ".gif",
        ".svg",
        ".webp",
        ".ico",
        ".mp3",
        ".mp4",
        ".webm",
        ".css",
        ".js",
        ".json",
        ".xml",
        ".woff",
        ".woff2",
        ".ttf",
        ".ics",
        ".exe",
        ".dmg",
    }
)


def check_seed(url: str) -> str:
    """A seed URL the user gave, normalised; ConfigError naming what is wrong otherwise."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        _ = parts.hostname
    except ValueError as exc:
        raise ConfigError(f"not a valid web address: {url!r} ({exc})") from None
    if parts.scheme not in ("http", "https"):
        raise ConfigError(f"not a web address: {url!r} (expected http:// or https://)")
    if not parts.hostname:
        raise ConfigError(f"no host in {url!r}")
    if any(c.isspace() or c in '<>"{}|\\^`' for c in parts.hostname):
        raise ConfigError(f"bad host in {url!r}: {parts.hostname!r}")
    try:
        _ = parts.port
    except ValueError as exc:
        raise ConfigError(f"bad port in {url!r}: {exc}") from None
    return normalise(text)


# What ends of a URL are not part of it: C0 controls and space (as browsers strip them) and any
# other whitespace.
_EDGES = "".join(chr(c) for c in range(0x3001) if c <= 0x20 or chr(c).isspace())


def normalise(url: str) -> str:
    """Canonical form: lower-case scheme and host, no default port or fragment,
    tracking parameters dropped, query sorted, empty path as `/`."""
    # Without its fragment, stripped again: `/a\x0c#top` and `/a` are one page.
    parts = urlsplit(url.strip(_EDGES).split("#", 1)[0].strip(_EDGES))
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port is None or DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    query = urlencode(
        sorted(
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if k not in TRACKING_PARAMS and not k.startswith(TRACKING_PREFIXES)
        )
    )
    plain = urlunsplit((scheme, netloc, parts.path or "/", query, ""))
    # w3lib resolves `/a/../b`, decodes unreserved escapes (`%7E` → `~`) and encodes IDN hosts
    # and non-ASCII paths as browsers send them; a URL it cannot read is kept as it is.
    try:
        return canonicalize_url(plain, keep_blank_values=True)
    except (ValueError, UnicodeError):
        return plain


def safe_normalise(url: str) -> str | None:
    """`normalise`, or None for a URL that cannot be parsed: pages and sitemaps are untrusted
    (`http://[::1` raises in urllib)."""
    try:
        return normalise(url)
    except ValueError:
        return None


def origin(url: str) -> str:
    parts = urlsplit(normalise(url))
    return f"{parts.scheme}://{parts.netloc}"


def document_kind(url: str) -> str | None:
    """The kind of document a URL names by its suffix (pdf, word…), or None for a page."""
    path = urlsplit(url).path.lower()
    for suffix, kind in DOCUMENT_SUFFIXES.items():
        if path.endswith(suffix):
            return kind
    return None


def is_asset(url: str) -> bool:
    path = urlsplit(url).path.lower()
    return any(path.endswith(s) for s in SKIPPED_SUFFIXES)
