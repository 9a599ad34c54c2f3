"""The check registry: axe rules generated from metadata, plus custom checks, one file each.

`all_checks()` is the one discovery point; it imports `auditor.checks.custom` once.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from auditor.checks import custom
from auditor.checks.axe import build_axe_checks
from auditor.checks.base import REGISTRY, BaseCheck

# Old id → new id, so rulesets and history keep working after a rename. Never reuse an id.
REDIRECTS: dict[str, str] = {}


@cache
def all_checks() -> dict[str, type[BaseCheck]]:
    """Every known check by id, sorted by id."""
    for module in pkgutil.iter_modules(custom.__path__):
        importlib.import_module(f"{custom.__name__}.{module.name}")
    found: dict[str, type[BaseCheck]] = {**build_axe_checks(), **REGISTRY}
    return dict(sorted(found.items()))


def get(check_id: str) -> type[BaseCheck]:
    """The check with this id (following redirects); KeyError if unknown."""
    return all_checks()[REDIRECTS.get(check_id, check_id)]
