"""Every custom check that needs a probe, against its fixture folder, in a real Chromium.

Same convention as test_fixtures.py: in `fixtures/checks/<name>/*.html`, elements with id `fail*`
must fail, `pass*` must not be reported, `review*` must need review, and a file whose only marked
elements are `inapplicable*` must give `inapplicable`. Each file is served on 127.0.0.1 and
captured through the real gatherer (`PageWorker.capture`) at the check's viewport (MOBILE for
`mobile_only` checks, else DESKTOP) with every probe that viewport runs in a real audit, so a
probe that leaves the page changed breaks the probes after it. The checks are found by
`cls.meta.probes`, so a new probe check is covered by adding its fixture folder.

One Chromium serves the whole module, with one worker per viewport.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from auditor.checks import all_checks, fixture_path
from auditor.checks.base import Check, CheckContext
from auditor.gather.session import ChromiumSession, GatherOptions, find_chromium
from auditor.gather.worker import PageWorker
from auditor.models import DESKTOP, MOBILE, Outcome, Snapshot, Target, Viewport
from auditor.probes.axe import axe_options, axe_source
from auditor.web.static_site import StaticSite
from tests.checks.test_fixtures import _expected
from tests.conftest import FIXTURES

pytestmark = pytest.mark.browser

ROOT = FIXTURES / "checks"
PROBED: dict[str, type[Check]] = {
    cid: cls
    for cid, cls in all_checks().items()
    if not cid.startswith("axe/") and issubclass(cls, Check) and cls.meta.probes
}


def _folder(check_id: str) -> Path:
    return ROOT / fixture_path(check_id)


def _viewport(cls: type[Check]) -> Viewport:
    return MOBILE if cls.meta.mobile_only else DESKTOP


def _cases() -> list[tuple[str, Path]]:
    return [(cid, f) for cid in PROBED for f in sorted(_folder(cid).glob("*.html"))]


Capture = Callable[[type[Check], Path], Snapshot]


@pytest.fixture(scope="module")
def capture() -> Iterator[Capture]:
    """Render a fixture file for a check through the real gatherer (one Chromium for all)."""
    base = GatherOptions(
        viewports=(DESKTOP,),
        axe_source=axe_source(),
        axe_options=axe_options(["wcag2a"], []),
        settle_ms=100,
    )
    loop = asyncio.new_event_loop()
    session = ChromiumSession(find_chromium(None), base)
    workers: dict[str, PageWorker] = {}
    with StaticSite(ROOT) as site:
        loop.run_until_complete(session.__aenter__())

        def render(cls: type[Check], fixture: Path) -> Snapshot:
            viewport = _viewport(cls)
            worker = workers.get(viewport.name)
            if worker is None:
                probes = sorted(
                    {
                        p
                        for c in PROBED.values()
                        if c.meta.applies_in(viewport)
                        for p in c.meta.probes
                    }
                )
                options = dataclasses.replace(
                    base, viewports=(viewport,), probes={viewport.name: tuple(probes)}
                )
                worker = dataclasses.replace(session, options=options).worker()
                workers[viewport.name] = worker
            url = site.url + fixture.relative_to(ROOT).as_posix()
            return loop.run_until_complete(worker.capture(Target(url=url), viewport))

        try:
            yield render
        finally:
            for worker in workers.values():
                loop.run_until_complete(worker.close())
            loop.run_until_complete(session.__aexit__(None, None, None))
            loop.close()


@pytest.mark.parametrize(
    ("check_id", "fixture"), _cases(), ids=[f"{c}:{f.name}" for c, f in _cases()]
)
def test_probe_check_fixture(check_id: str, fixture: Path, capture: Capture) -> None:
    cls = PROBED[check_id]
    expected = _expected(fixture.read_text(encoding="utf-8"))
    assert any(expected.values()), f"{fixture} marks no element"
    snapshot = capture(cls, fixture)
    assert snapshot.load_error is None, snapshot.load_error
    for probe in cls.meta.probes:
        facts = snapshot.probes.get(probe)
        assert not (isinstance(facts, dict) and "error" in facts), facts
    result = cls().run(CheckContext(snapshot))
    assert result.error is None, result.error
    failed = {f.node.selector for f in result.findings if f.outcome is Outcome.FAIL}
    review = {f.node.selector for f in result.findings if f.outcome is Outcome.NEEDS_REVIEW}
    if not (expected["fail"] or expected["pass"] or expected["review"]):
        assert result.outcome is Outcome.INAPPLICABLE, result.findings
        return
    assert failed == expected["fail"], "elements that failed"
    assert review == expected["review"], "elements that need review"
    assert not (failed | review) & expected["pass"]


def test_every_probe_check_has_fixtures() -> None:
    for check_id in PROBED:
        assert list(_folder(check_id).glob("*.html")), f"no fixtures for {check_id}"
