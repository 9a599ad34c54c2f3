"""The house rules that import-linter's contracts (.importlinter, run in CI) do not cover: module
size, Playwright kept to gathering and probes (import-linter forbids only the packages it lists),
and no cycles between top-level packages. Private modules are a contract (lint/private_modules)."""

from __future__ import annotations

from pathlib import Path

import grimp
import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "auditor"
MAX_LINES = 500
# Where Playwright may be imported: the gather stage and the in-page probes.
PLAYWRIGHT_HOMES = ("auditor.gather", "auditor.probes")


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("auditor", "playwright", cache_dir=None)


def _modules() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if "vendor" not in p.relative_to(PACKAGE).parts]


def test_no_module_is_over_500_lines() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in _modules()
        if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_playwright_is_imported_only_by_gathering_and_probes(graph: grimp.ImportGraph) -> None:
    importers = {
        importer
        for importer in graph.find_modules_that_directly_import("playwright.async_api")
        if importer.startswith("auditor")
    }
    assert importers, "the gather stage imports Playwright"
    assert sorted(m for m in importers if not m.startswith(PLAYWRIGHT_HOMES)) == []


def test_no_import_cycles_between_packages(graph: grimp.ImportGraph) -> None:
    """No two top-level packages of auditor import each other, directly or not."""
    tops = sorted({".".join(m.split(".")[:2]) for m in graph.modules if m.startswith("auditor.")})
    cycles = [
        (a, b)
        for i, a in enumerate(tops)
        for b in tops[i + 1 :]
        if graph.chain_exists(a, b, as_packages=True) and graph.chain_exists(b, a, as_packages=True)
    ]
    assert cycles == []
