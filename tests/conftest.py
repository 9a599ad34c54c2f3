"""Shared test fixtures: fixture sites served on 127.0.0.1, snapshots from HTML, a real Chromium."""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from auditor.audit import audit
from auditor.config import AuditConfig
from auditor.models import Run, Snapshot, Target
from auditor.ruleset import load_ruleset
from auditor.web.static_site import StaticSite

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SITES = FIXTURES / "sites"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--full",
        action="store_true",
        help="also run the tests marked `full` (whole conformance suites; minutes each)",
    )
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite tests/golden/* from the current output.",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Browser tests skip when no Chromium is installed, unless AUDITOR_REQUIRE_BROWSER is set
    (as in CI), where a missing browser must fail loudly instead. Tests marked `full` run only
    with --full: CI runs their focused counterparts."""
    if not config.getoption("--full"):
        later = pytest.mark.skip(reason="a whole suite: run with --full (bash scripts/test --full)")
        for item in items:
            if "full" in item.keywords:
                item.add_marker(later)
    if shutil.which("chromium") or os.environ.get("AUDITOR_REQUIRE_BROWSER"):
        return
    skip = pytest.mark.skip(reason="Chromium not installed (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def serve_site() -> Iterator[Callable[[str | Path], str]]:
    """Serve a folder (a name under fixtures/sites, or a path) and return its root URL."""
    servers: list[StaticSite] = []

    def serve(name: str | Path) -> str:
        folder = name if isinstance(name, Path) else SITES / name
        site = StaticSite(folder).__enter__()
        servers.append(site)
        return site.url

    yield serve
    for site in servers:
        site.__exit__(None, None, None)


def snapshot_from_html(html: str, url: str = "http://127.0.0.1/page") -> Snapshot:
    """A Snapshot as the gatherer would record it, for pure check tests without a browser."""
    return Snapshot(
        target=Target(url=url),
        final_url=url,
        status=200,
        content_type="text/html",
        html=html,
        captured_at=datetime(2026, 1, 1, tzinfo=UTC),
    )


def run_audit(urls: list[str], **settings: Any) -> Run:
    """A real audit in Chromium, synchronously, with test-friendly defaults."""
    settings.setdefault("settle_ms", 300)
    config = AuditConfig(urls=urls, **settings)
    return asyncio.run(audit(config, load_ruleset(config.ruleset)))


SNAPSHOTS = FIXTURES / "snapshots"
GOLDEN = Path(__file__).resolve().parent / "golden"
FIXED_TIME = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with tests/golden/NAME, or rewrite it under --update-golden."""

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if request.config.getoption("--update-golden"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        assert path.exists(), f"no golden file {path}: run pytest --update-golden"
        assert text == path.read_text(encoding="utf-8"), f"{name} drifted (pytest --update-golden)"

    return check


def run_from_snapshots(folder: Path, ruleset: str = "wcag21aa") -> Run:
    """A Run checked from recorded snapshots, without a browser, with fixed id and times."""
    from auditor.pipeline.assemble import assemble_run
    from auditor.pipeline.evaluate import pages_from_snapshots

    loaded = [
        Snapshot.model_validate_json(f.read_text(encoding="utf-8"))
        for f in sorted(folder.glob("*.json"))
    ]
    rules = load_ruleset(ruleset)
    checks = [c for c in rules.selected_checks().values() if not c.site_level]
    pages = pages_from_snapshots(loaded, checks)
    seeds = [s.target.url for s in loaded if s.target.source == "seed"]
    return assemble_run(
        pages=pages,
        config=AuditConfig(urls=seeds),
        ruleset=rules,
        started_at=FIXED_TIME,
        finished_at=FIXED_TIME,
        run_id="20260101T000000Z-sample",
        seeds=seeds,
        browser_version="156.0.0.0",
        axe_version="4.14.1",
    )


def seeded_defects(site: str = "council", ruleset: str = "wcag21aa") -> list[dict[str, str]]:
    """Every seeded defect of a fixture site (defects.toml plus defects-*.toml) that a check of
    the ruleset looks for: statement faults, say, only the council ruleset finds."""
    import tomllib

    found: list[dict[str, str]] = []
    for path in sorted((SITES / site).glob("defects*.toml")):
        found += tomllib.loads(path.read_text(encoding="utf-8"))["defect"]
    selected = load_ruleset(ruleset).selected_checks()
    return [d for d in found if d["check"] in selected]
