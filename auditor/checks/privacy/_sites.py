"""Hosts, sites and origins: which requests and cookies are first-party.

"Same site" is the browser's notion: the same registrable domain (eTLD+1). The public suffixes
that matter here are built in (the UK's second-level ones and the commonest elsewhere) rather than
the whole Public Suffix List, which would need downloading; a host under a suffix we do not know
falls back to its last two labels, which is right for .com, .net, .org, .uk and most others.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

# Suffixes under which each label is a separate site (from the Public Suffix List).
MULTI_LABEL_SUFFIXES = frozenset(
    {
        # United Kingdom
        "ac.uk", "co.uk", "gov.uk", "ltd.uk", "me.uk", "mod.uk", "net.uk", "nhs.uk", "nic.uk",
        "org.uk", "plc.uk", "police.uk", "sch.uk", "gov.scot", "gov.wales", "llyw.cymru",
        # Elsewhere, the commonest
        "com.au", "net.au", "org.au", "gov.au", "co.nz", "org.nz", "co.za", "co.jp", "co.in",
        "com.br", "com.cn", "github.io", "gitlab.io", "netlify.app", "vercel.app",
        "azurewebsites.net", "cloudfront.net", "herokuapp.com", "appspot.com", "web.app",
        "firebaseapp.com", "pages.dev", "workers.dev", "blogspot.com", "wordpress.com",
    }
)  # fmt: skip


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
    labels = host.split(".")
    for size in (3, 2):
        if len(labels) > size and ".".join(labels[-size:]) in MULTI_LABEL_SUFFIXES:
            return ".".join(labels[-size - 1 :])
    return ".".join(labels[-2:])


def same_site(url: str, page_url: str) -> bool:
    """Whether a request or cookie of `url` is first-party to the page at `page_url`."""
    return registrable_domain(host_of(url)) == registrable_domain(host_of(page_url))
