"""security.txt and the HTTP redirect, read once per origin (pipeline.discovery.gather_site_facts)
from sites served on 127.0.0.1."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx

from auditor.pipeline.discovery import gather_site_facts
from auditor.web.static_site import StaticSite
from tests.conftest import SITES


def test_security_txt_is_read(tmp_path: Path) -> None:
    (tmp_path / ".well-known").mkdir()
    (tmp_path / ".well-known" / "security.txt").write_text(
        "# comment\nContact: mailto:security@ashworth.example\n"
        "Contact: https://ashworth.example/report\nExpires: 2030-01-01T00:00:00Z\n",
        encoding="utf-8",
    )
    with StaticSite(tmp_path) as site, StaticSite(SITES / "council") as bad:
        origin, bad_origin = site.url.rstrip("/"), bad.url.rstrip("/")
        facts = asyncio.run(gather_site_facts([origin, bad_origin, origin]))
    assert [o.origin for o in facts.origins] == [origin, bad_origin], "once per origin"
    good = facts.origins[0].security_txt
    assert good is not None
    assert (good.status, good.content_type) == (200, "text/plain; charset=utf-8")
    assert good.contacts == ["mailto:security@ashworth.example", "https://ashworth.example/report"]
    assert good.expires == "2030-01-01T00:00:00Z"
    assert good.expires_at is not None and good.expires_at.year == 2030
    missing = facts.origins[1].security_txt
    assert missing is not None and missing.status == 404 and missing.contacts == []
    assert facts.origins[0].http_redirect is None, "plain-HTTP origins have nothing to redirect"


def test_an_unreachable_origin_is_recorded_not_raised() -> None:
    with StaticSite(SITES / "council") as site:
        closed = site.url.rstrip("/")
    facts = asyncio.run(gather_site_facts([closed]))
    (found,) = facts.origins
    assert found.security_txt is not None and found.security_txt.error == "ConnectError"
    assert found.security_txt.status is None


def _https_site(http_answer: httpx.Response) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.scheme == "http":
            assert "authorization" not in request.headers, "no credentials over plain HTTP"
            return http_answer
        if request.url.path == "/.well-known/security.txt":
            return httpx.Response(
                200,
                headers={"content-type": "text/plain; charset=utf-8"},
                text="Contact: mailto:security@ashworth.example\nExpires: 2030-01-01T00:00:00Z\n",
            )
        return httpx.Response(404)

    return httpx.MockTransport(handler)


def test_https_origin_http_redirect_is_read() -> None:
    site = "https://www.ashworth.example"
    moved = httpx.Response(301, headers={"location": site + "/"})
    facts = asyncio.run(gather_site_facts([site], transport=_https_site(moved)))
    (found,) = facts.origins
    assert found.http_redirect is not None
    assert found.http_redirect.url == "http://www.ashworth.example/"
    assert (found.http_redirect.status, found.http_redirect.location) == (301, site + "/")
    assert found.security_txt is not None and found.security_txt.contacts

    served = asyncio.run(gather_site_facts([site], transport=_https_site(httpx.Response(200))))
    assert served.origins[0].http_redirect is not None
    assert served.origins[0].http_redirect.status == 200


def test_https_origin_on_another_port_is_not_probed_over_http() -> None:
    facts = asyncio.run(
        gather_site_facts(
            ["https://preview.ashworth.example:8443"], transport=_https_site(httpx.Response(200))
        )
    )
    assert facts.origins[0].http_redirect is None
