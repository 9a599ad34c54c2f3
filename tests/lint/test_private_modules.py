"""The private-modules contract: imports of a `_private` module from outside its package."""

from __future__ import annotations

from grimp import ImportGraph

from lint.private_modules import is_private, outside_imports


def _graph(*imports: tuple[str, str]) -> ImportGraph:
    graph = ImportGraph()
    for importer, imported in imports:
        graph.add_import(
            importer=importer, imported=imported, line_number=3, line_contents="import x"
        )
    return graph


def test_private_names() -> None:
    assert is_private("auditor.checks.custom._language")
    assert not is_private("auditor.checks.__init__")
    assert not is_private("auditor.checks.custom.reflow")


def test_an_import_from_another_package_is_reported_with_its_line() -> None:
    graph = _graph(("auditor.crawl.links", "auditor.checks._layout"))
    assert outside_imports(graph, "auditor") == [
        ("auditor.crawl.links", "auditor.checks._layout", 3)
    ]


def test_imports_from_inside_the_package_and_its_subpackages_are_allowed() -> None:
    graph = _graph(
        ("auditor.checks.custom.reflow", "auditor.checks._layout"),
        ("auditor.checks", "auditor.checks._layout"),
        ("auditor.checks.forms.errors", "auditor.checks.forms._controls"),
    )
    assert outside_imports(graph, "auditor") == []


def test_modules_outside_the_root_are_not_guarded() -> None:
    graph = _graph(("tests.checks.test_language", "auditor.checks.custom._language"))
    assert outside_imports(graph, "tests") == []
