"""Hosts, sites and origins: which requests and cookies are first-party.

"Same site" is the browser's notion: the same registrable domain (eTLD+1), from the Public
Suffix List (`*.sch.uk` schools are each their own site); a host under a suffix the list does not
know falls back to its last two labels.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

import tldextract

# The Public Suffix List as bundled with tldextract (a snapshot, never fetched: no network at run
# time), private domains included (github.io, azurewebsites.net), as browsers count them.
_EXTRACT = tldextract.TLDExtract(
    suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
)


def host_of(url: str) -> str:
    """The URL's host name, lower-case, without port or trailing dot ("" when none)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.rstrip(".").lower()


def is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and localhost: a local test server, not a published site."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def registrable_domain(host: str) -> str:
    """The site a host belongs to: `www.ashworth.gov.uk` → `ashworth.gov.uk`,
    `ssl.google-analytics.com` → `google-analytics.com`. IP addresses and single labels are
    their own site."""
    host = host.rstrip(".").lower()
    if not host or is_ip(host) or "." not in host:
        return host
    found = _EXTRACT(host)
    if found.suffix and found.domain:
        return f"{found.domain}.{found.suffix}"
    return ".".join(host.split(".")[-2:])  # a suffix the list does not know (.test, .example)


def same_site(url: str, page_url: str) -> bool:
    """Whether a request or cookie of `url` is first-party to the page at `page_url`."""
    return registrable_domain(host_of(url)) == registrable_domain(host_of(page_url))
