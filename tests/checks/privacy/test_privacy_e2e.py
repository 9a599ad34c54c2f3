"""Privacy and security checks in real audits of the fixture council sites (ruleset "council").

The bad site's seeded privacy faults (defects-privacy.toml) must all be found, and nothing else
of privacy/ may fail but what any plain-HTTP local server gives (`[[local_server]]`: the HTTPS
check on the home page and the security headers on every page), which the clean twin gives too.
Desktop only: no privacy check depends on the viewport.
"""

from __future__ import annotations

import asyncio
import json
import tomllib
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import pytest

from auditor.audit import audit
from auditor.config import AuditConfig
from auditor.models import DESKTOP, Outcome, Run, Snapshot
from auditor.ruleset import load_ruleset
from auditor.web.static_site import StaticSite
from tests.conftest import SITES, run_audit, seeded_defects

pytestmark = pytest.mark.browser

DEFECTS = [d for d in seeded_defects(ruleset="council") if d["check"].startswith("privacy/")]
LOCAL_SERVER = tomllib.loads(
    (SITES / "council" / "defects-privacy.toml").read_text(encoding="utf-8")
)["local_server"]


def _path(url: str) -> str:
    return urlsplit(url).path


def _privacy_failures(run: Run) -> list[tuple[str, str, str, str]]:
    return [
        (f.check_id, _path(f.page_url), f.node.selector, f.message)
        for f in run.findings()
        if f.outcome is Outcome.FAIL and f.check_id.startswith("privacy/")
    ]


def _local_server(check: str, path: str) -> bool:
    return any(e["check"] == check and e["path"] in ("*", path) for e in LOCAL_SERVER)


@pytest.fixture(scope="module")
def council_run() -> Iterator[Run]:
    with StaticSite(SITES / "council") as site:
        yield run_audit([site.url], ruleset="council", viewports=[DESKTOP], concurrency=2)


@pytest.fixture(scope="module")
def clean_run() -> Iterator[Run]:
    with StaticSite(SITES / "council-clean") as site:
        yield run_audit([site.url], ruleset="council", viewports=[DESKTOP], concurrency=2)


def test_seeded_privacy_faults_are_listed() -> None:
    checks = {d["check"] for d in DEFECTS}
    assert {
        "privacy/cookies-before-consent",
        "privacy/trackers-before-consent",
        "privacy/reject-option",
        "privacy/privacy-notice-linked",
        "privacy/autocomplete-personal-data",
        "privacy/security-txt",
    } <= checks


@pytest.mark.parametrize("defect", DEFECTS, ids=[d["id"] for d in DEFECTS])
def test_every_seeded_privacy_fault_is_found(council_run: Run, defect: dict[str, str]) -> None:
    assert any(
        check == defect["check"]
        and path == defect["path"]
        and selector.endswith(defect.get("selector", ""))
        for check, path, selector, _ in _privacy_failures(council_run)
    ), defect["id"]


def test_no_privacy_failure_beyond_the_seeded_and_local_server_ones(council_run: Run) -> None:
    seeded = {(d["check"], d["path"]) for d in DEFECTS}
    unexpected = [
        f
        for f in _privacy_failures(council_run)
        if f[:2] not in seeded and not _local_server(f[0], f[1])
    ]
    assert unexpected == []


def test_clean_twin_fails_only_where_any_local_server_does(clean_run: Run) -> None:
    failures = _privacy_failures(clean_run)
    assert [f for f in failures if not _local_server(f[0], f[1])] == []
    outcomes: dict[str, set[Outcome]] = {}
    for page in clean_run.pages:
        for result in page.results:
            if result.check_id.startswith("privacy/"):
                outcomes.setdefault(result.check_id, set()).add(result.outcome)
    # The clean twin is judged, not skipped: cookies, requests and links were all looked at.
    assert outcomes["privacy/cookies-before-consent"] == {Outcome.PASS}
    assert outcomes["privacy/trackers-before-consent"] == {Outcome.PASS}
    assert outcomes["privacy/privacy-notice-linked"] == {Outcome.PASS}
    assert Outcome.PASS in outcomes["privacy/autocomplete-personal-data"]
    assert outcomes["privacy/hsts"] == {Outcome.INAPPLICABLE}  # plain HTTP
    # Its security.txt is valid; its far-off Expires is only a review item.
    assert Outcome.FAIL not in outcomes["privacy/security-txt"]
    assert Outcome.NEEDS_REVIEW in outcomes["privacy/security-txt"]


@pytest.mark.parametrize("run_name", ["council_run", "clean_run"])
def test_local_server_failures_are_truthful_and_say_so(
    run_name: str, request: pytest.FixtureRequest
) -> None:
    run: Run = request.getfixturevalue(run_name)
    failures = _privacy_failures(run)
    https = [f for f in failures if f[0] == "privacy/https"]
    assert [(f[1], f[2]) for f in https] == [("/", ":root")], "one finding for the origin"
    assert "loopback" in https[0][3]
    loaded = {_path(p.target.url) for p in run.pages if not p.load_error and not p.duplicate_of}
    headers = {f[1] for f in failures if f[0] == "privacy/security-headers"}
    assert headers == loaded
    assert all("local test server" in f[3] for f in failures if f[0] == "privacy/security-headers")


def test_site_facts_are_recorded_on_the_run(council_run: Run, clean_run: Run) -> None:
    assert council_run.site_facts is not None and clean_run.site_facts is not None
    (bad,) = council_run.site_facts.origins
    (good,) = clean_run.site_facts.origins
    assert bad.security_txt is not None and bad.security_txt.status == 404
    assert good.security_txt is not None and good.security_txt.status == 200
    assert good.security_txt.contacts == ["mailto:security@ashworth.example"]
    assert good.security_txt.expires_at is not None
    assert bad.http_redirect is None and good.http_redirect is None  # http origins


def test_snapshot_records_facts_but_no_secrets(
    serve_site: Callable[[str], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = serve_site("council")
    monkeypatch.setenv("PRIVACY_TEST_SESSION", "s3cret-session-value")
    snapshots: list[Snapshot] = []
    config = AuditConfig(
        urls=[root + "news/"],
        max_depth=1,
        include=[r"/news/(residents-survey\.html)?$"],
        concurrency=1,
        settle_ms=300,
        viewports=[DESKTOP],
        cookies=[{"name": "council_login", "value": "env:PRIVACY_TEST_SESSION"}],
    )
    asyncio.run(audit(config, load_ruleset("council"), on_snapshot=snapshots.append))
    survey = next(s for s in snapshots if s.target.url.endswith("residents-survey.html"))
    start = next(s for s in snapshots if _path(s.target.url) == "/news/")

    assert survey.cookies is not None
    names = {c.name for c in survey.cookies}
    assert {"_ga", "_gid"} <= names
    assert "council_login" not in names, "login cookies are never recorded"
    ga = next(c for c in survey.cookies if c.name == "_ga")
    assert ga.domain == "127.0.0.1" and ga.expires is not None

    assert survey.requests is not None
    beacon = [r for r in survey.requests if "/g/collect" in r.url]
    assert beacon and urlsplit(beacon[0].url).hostname == "localhost"
    assert not beacon[0].same_site and not beacon[0].failed and not beacon[0].after_consent
    document = survey.requests[0]
    assert document.resource_type == "document" and document.same_site

    assert survey.response_headers is not None
    assert survey.response_headers["content-type"].startswith("text/html")
    assert all(name == name.lower() for name in survey.response_headers)
    # The start page's first visit is audited as it comes; on the survey page (found by a link)
    # the banner's accept button was clicked, after the cookies and requests above were taken.
    assert survey.consent_dismissed and not start.consent_dismissed
    assert [s.target.url for s in snapshots].count(survey.target.url) == 1

    for snapshot in snapshots:
        stored = snapshot.model_dump_json()
        assert "s3cret-session-value" not in stored
        assert "617001851" not in stored, "cookie values are never recorded"
    assert "s3cret" not in json.dumps([s.model_dump(mode="json") for s in snapshots])
