"""An import-linter contract: a `_private` module is imported only from inside its own package.

What several packages share belongs in a public module of a lower layer (`auditor.web` for
URLs, domains and HTML helpers); a private module reached from elsewhere hides that sharing.
"""

from __future__ import annotations

from typing import Any

from grimp import ImportGraph
from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


def is_private(module: str) -> bool:
    name = module.rsplit(".", 1)[-1]
    return name.startswith("_") and not name.startswith("__")


def outside_imports(graph: ImportGraph, root: str) -> list[tuple[str, str, int]]:
    """(importer, private module, line) for every import of a private module from outside the
    package that holds it."""
    found: list[tuple[str, str, int]] = []
    for module in sorted(graph.modules):
        if not module.startswith(root + ".") or not is_private(module):
            continue
        package = module.rsplit(".", 1)[0]
        for importer in sorted(graph.find_modules_that_directly_import(module)):
            if importer == package or importer.startswith(package + "."):
                continue
            for detail in graph.get_import_details(importer=importer, imported=module):
                found.append((importer, module, int(detail["line_number"])))
    return found


class PrivateModulesContract(Contract):
    """Options: `root` (the package whose private modules are guarded)."""

    root = fields.StringField()

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        imports = outside_imports(graph, str(self.root))
        return ContractCheck(kept=not imports, metadata={"imports": imports})

    def render_broken_contract(self, check: ContractCheck) -> None:
        imports: list[Any] = check.metadata["imports"]
        for importer, module, line in imports:
            output.print_error(f"{importer} imports {module} (line {line}), private to its package")
            output.new_line()
