"""The privacy helpers: sites, tracker classification, header and security.txt parsing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from auditor.checks.privacy._headers import (
    csp_directives,
    frames_blocked,
    parse_hsts,
    referrer_policy,
)
from auditor.checks.privacy._trackers import (
    classify_cookie,
    classify_request,
    is_essential_cookie,
)
from auditor.web.security_txt import is_plain_text, parse_expires, parse_security_txt
from auditor.web.sites import is_loopback, registrable_domain, same_site


@pytest.mark.parametrize(
    ("host", "site"),
    [
        ("www.ashworth.gov.uk", "ashworth.gov.uk"),
        ("forms.ashworth.gov.uk", "ashworth.gov.uk"),
        ("www.gov.uk", "www.gov.uk"),  # gov.uk is a public suffix
        ("ssl.google-analytics.com", "google-analytics.com"),
        ("shop.example.co.uk", "example.co.uk"),
        ("council.github.io", "council.github.io"),
        ("127.0.0.1", "127.0.0.1"),
        ("localhost", "localhost"),
        ("WWW.Example.COM.", "example.com"),
    ],
)
def test_registrable_domain(host: str, site: str) -> None:
    assert registrable_domain(host) == site


def test_same_site_and_loopback() -> None:
    assert same_site("https://assets.ashworth.gov.uk/a.js", "https://www.ashworth.gov.uk/")
    assert not same_site("https://www.gov.uk/x", "https://www.ashworth.gov.uk/")
    assert not same_site("http://localhost:8000/g/collect", "http://127.0.0.1:8000/")
    assert same_site("http://127.0.0.1:9000/x", "http://127.0.0.1:8000/")  # ports do not matter
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("www.ashworth.gov.uk") and not is_loopback("10.0.0.1")


@pytest.mark.parametrize(
    ("name", "domain", "vendor"),
    [
        ("_ga", "www.ashworth.gov.uk", "Google Analytics"),
        ("_ga_1AB2CD3EF4", ".ashworth.gov.uk", "Google Analytics"),
        ("_gid", ".ashworth.gov.uk", "Google Analytics"),
        ("__utmz", ".ashworth.gov.uk", "Google Analytics"),
        ("_gcl_au", ".ashworth.gov.uk", "Google advertising"),
        ("_fbp", ".ashworth.gov.uk", "Meta (Facebook) Pixel"),
        ("_hjSessionUser_1234", "www.ashworth.gov.uk", "Hotjar"),
        ("_clck", ".ashworth.gov.uk", "Microsoft Clarity"),
        ("_clsk", ".ashworth.gov.uk", "Microsoft Clarity"),
        ("IDE", ".doubleclick.net", "Google advertising"),
        ("NID", ".google.com", "Google advertising"),
        ("MUID", ".bing.com", "Microsoft advertising"),
        ("MUID", ".clarity.ms", "Microsoft Clarity"),
        ("_pk_id.1.a1b2", "www.ashworth.gov.uk", "Matomo"),
        # Short names count only on the vendor's own domain.
        ("IDE", "www.ashworth.gov.uk", None),
        ("NID", "www.ashworth.gov.uk", None),
        ("SM", "www.ashworth.gov.uk", None),
        ("fr", "www.ashworth.gov.uk", None),
        ("PHPSESSID", "www.ashworth.gov.uk", None),
        ("gallery", "www.ashworth.gov.uk", None),
    ],
)
def test_classify_cookie(name: str, domain: str, vendor: str | None) -> None:
    tracker = classify_cookie(name, domain)
    assert (tracker.vendor if tracker else None) == vendor


@pytest.mark.parametrize(
    ("name", "essential"),
    [
        ("PHPSESSID", True),
        ("JSESSIONID", True),
        ("ASP.NET_SessionId", True),
        ("SESSd41d8cd98f00b204e9800998ecf8427e", True),
        ("XSRF-TOKEN", True),
        ("__Host-session", True),
        ("cookies_policy", True),
        ("AWSALB", True),
        ("_ga", False),
        ("visitor_pref", False),
    ],
)
def test_essential_cookies(name: str, essential: bool) -> None:
    assert is_essential_cookie(name) is essential


@pytest.mark.parametrize(
    ("url", "vendor"),
    [
        ("https://www.google-analytics.com/g/collect?v=2&tid=G-1", "Google Analytics"),
        ("https://region1.google-analytics.com/g/collect?v=2", "Google Analytics"),
        ("https://region1.analytics.google.com/g/collect?v=2", "Google Analytics"),
        ("https://www.googletagmanager.com/gtm.js?id=GTM-ABC", "Google Tag Manager"),
        ("https://stats.g.doubleclick.net/j/collect", "Google advertising"),
        ("https://connect.facebook.net/en_US/fbevents.js", "Meta (Facebook) Pixel"),
        ("https://static.hotjar.com/c/hotjar-123.js?sv=6", "Hotjar"),
        ("https://www.clarity.ms/tag/abc", "Microsoft Clarity"),
        ("https://bat.bing.com/bat.js", "Microsoft advertising"),
        # Collection endpoints on any host: first-party proxies, server-side tagging.
        ("https://metrics.ashworth.gov.uk/g/collect?v=2&tid=G-ABC", "Google Analytics"),
        ("https://www.ashworth.gov.uk/gtm.js?id=GTM-XYZ", "Google Tag Manager"),
        ("https://www.ashworth.gov.uk/tr?id=123456&ev=PageView", "Meta (Facebook) Pixel"),
        ("http://localhost:8123/g/collect?v=2&tid=G-FIXTURE", "Google Analytics"),
        # Not trackers.
        ("https://www.ashworth.gov.uk/collect?bin=blue", None),
        ("https://www.ashworth.gov.uk/assets/app.js", None),
        ("https://fonts.gstatic.com/s/font.woff2", None),
        ("https://notgoogle-analytics.com/x", None),
    ],
)
def test_classify_request(url: str, vendor: str | None) -> None:
    tracker = classify_request(url)
    assert (tracker.vendor if tracker else None) == vendor


def test_parse_hsts() -> None:
    hsts = parse_hsts("max-age=31536000; includeSubDomains; preload")
    assert (hsts.max_age, hsts.include_subdomains, hsts.preload) == (31536000, True, True)
    assert parse_hsts('MAX-AGE="600"').max_age == 600
    assert parse_hsts("includeSubDomains").max_age is None
    assert parse_hsts("max-age=abc").max_age is None
    # A repeated header: the browser obeys the first.
    assert parse_hsts("max-age=60\nmax-age=31536000").max_age == 60


def test_csp_and_framing() -> None:
    directives = csp_directives("default-src 'self'; Frame-Ancestors 'none' ;img-src *")
    assert directives == {
        "default-src": "'self'",
        "frame-ancestors": "'none'",
        "img-src": "*",
    }
    assert frames_blocked({"content-security-policy": "frame-ancestors 'self'"})
    assert frames_blocked({"x-frame-options": "DENY"})
    assert frames_blocked({"x-frame-options": "sameorigin"})
    assert not frames_blocked({"x-frame-options": "ALLOW-FROM https://x.example"})
    assert not frames_blocked({"content-security-policy": "default-src 'self'"})
    assert not frames_blocked({})


def test_referrer_policy() -> None:
    assert referrer_policy("strict-origin-when-cross-origin") == "strict-origin-when-cross-origin"
    assert referrer_policy("no-referrer, made-up-policy") == "no-referrer"  # unknown ignored
    assert referrer_policy("origin, unsafe-url") == "unsafe-url"  # the last known wins
    assert referrer_policy("nonsense") is None
    assert referrer_policy("") is None


SIGNED = """-----BEGIN PGP SIGNED MESSAGE-----
Hash: SHA256

# Ashworth Borough Council
Contact: mailto:security@ashworth.gov.uk
Contact: https://www.ashworth.gov.uk/report-a-vulnerability
Expires: 2026-12-31T23:00:00.000Z
Preferred-Languages: en, cy
Policy: https://www.ashworth.gov.uk/vulnerability-disclosure-policy
-----BEGIN PGP SIGNATURE-----

Contact: mailto:not-a-field@example.com
-----END PGP SIGNATURE-----
"""


def test_parse_security_txt() -> None:
    fields = parse_security_txt(SIGNED)
    assert fields.contacts == [
        "mailto:security@ashworth.gov.uk",
        "https://www.ashworth.gov.uk/report-a-vulnerability",
    ]
    assert fields.expires == "2026-12-31T23:00:00.000Z"
    assert fields.fields["preferred-languages"] == ["en, cy"]
    assert parse_security_txt("# only a comment\n\n").contacts == []
    assert parse_security_txt("Expires: soon").expires == "soon"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-12-31T23:00:00.000Z", datetime(2026, 12, 31, 23, tzinfo=UTC)),
        ("2026-12-31T23:00:00z", datetime(2026, 12, 31, 23, tzinfo=UTC)),
        ("2026-12-31T23:00:00+01:00", datetime(2026, 12, 31, 22, tzinfo=UTC)),
        ("2026-12-31", datetime(2026, 12, 31, tzinfo=UTC)),
        ("31 December 2026", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_expires(value: str | None, expected: datetime | None) -> None:
    assert parse_expires(value) == expected


def test_plain_text() -> None:
    assert is_plain_text("text/plain; charset=utf-8")
    assert is_plain_text("Text/Plain")
    assert not is_plain_text("text/html")
    assert not is_plain_text(None)
