"""The check registry: axe rules generated from metadata, plus our own checks, one file each.

Our checks live in one package per namespace: `custom/` (WCAG heuristics beyond axe), `govuk/`
(GOV.UK and LocalGov patterns), `statement/` (the accessibility statement), `privacy/` (privacy and
security), `documents/` (PDFs and office files) and `forms/` (form quality and error states).
`all_checks()` is the one discovery point; it imports those packages once.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from auditor.checks import custom, documents, forms, govuk, privacy, statement
from auditor.checks.axe import build_axe_checks
from auditor.checks.base import REGISTRY, BaseCheck

# Old id → new id, so rulesets and history keep working after a rename. Never reuse an id.
REDIRECTS: dict[str, str] = {}

# Namespace of our check ids → the package holding them, one file per check.
NAMESPACES = {
    "custom": custom,
    "govuk": govuk,
    "statement": statement,
    "privacy": privacy,
    "documents": documents,
    "forms": forms,
}


def module_name(check_id: str) -> str:
    """The module a check of ours lives in: `govuk/back-link` → `auditor.checks.govuk.back_link`."""
    namespace, _, name = check_id.partition("/")
    return f"{NAMESPACES[namespace].__name__}.{name.replace('-', '_')}"


def fixture_path(check_id: str) -> str:
    """A check's fixture folder under fixtures/checks: `custom/x` → `x`, `govuk/x` → `govuk/x`."""
    namespace, _, name = check_id.partition("/")
    return name if namespace == "custom" else f"{namespace}/{name}"


@cache
def all_checks() -> dict[str, type[BaseCheck]]:
    """Every known check by id, sorted by id."""
    for package in NAMESPACES.values():
        for module in pkgutil.iter_modules(package.__path__):
            if not module.name.startswith("_"):
                importlib.import_module(f"{package.__name__}.{module.name}")
    found: dict[str, type[BaseCheck]] = {**build_axe_checks(), **REGISTRY}
    return dict(sorted(found.items()))


def get(check_id: str) -> type[BaseCheck]:
    """The check with this id (following redirects); KeyError if unknown."""
    return all_checks()[REDIRECTS.get(check_id, check_id)]
