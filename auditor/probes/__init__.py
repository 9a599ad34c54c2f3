"""Probes: the only in-page code besides axe (Lighthouse's gatherers).

A probe collects facts from the rendered page into `Snapshot.probes[name]` as JSON; checks read
them and stay pure. A probe runs only when a selected check names it in `requires`
(`"probe:<name>"`) for the viewport being audited. Probes run after axe, in `order`; a probe that
changes the page (styles, focus, window size) must put it back before it returns. A probe that
fails records `{"error": "..."}` and the checks that need it report an error result.

Add a probe: one module in this package defining a subclass of `Probe` decorated with
`@register_probe`.
"""

from __future__ import annotations

import importlib
import pkgutil
from abc import ABC, abstractmethod
from functools import cache
from typing import ClassVar, TypeVar

from playwright.async_api import Page
from pydantic import JsonValue

from auditor.models import Viewport


class Probe(ABC):
    """Collects one kind of fact from a rendered page."""

    name: ClassVar[str]
    order: ClassVar[int] = 50  # lower runs first; page-changing probes run last
    timeout_s: ClassVar[float] = 20.0

    @abstractmethod
    async def collect(self, page: Page, viewport: Viewport) -> JsonValue:
        """The facts, as JSON. Leave the page as it was found."""


PROBES: dict[str, type[Probe]] = {}
P = TypeVar("P", bound=type[Probe])


def register_probe(cls: P) -> P:
    if cls.name in PROBES and PROBES[cls.name] is not cls:
        raise ValueError(f"duplicate probe {cls.name}")
    PROBES[cls.name] = cls
    return cls


@cache
def all_probes() -> dict[str, type[Probe]]:
    """Every probe, by name (imports this package's modules once)."""
    for module in pkgutil.iter_modules(__path__):
        if module.name != "axe":
            importlib.import_module(f"{__name__}.{module.name}")
    return dict(sorted(PROBES.items()))
