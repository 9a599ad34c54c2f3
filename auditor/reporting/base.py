"""A reporter is a name, a file suffix and a pure function of a Run.

Reporters never write files and never exit: the CLI writes what they return and owns the exit
code, so a report cannot disagree with another or hide a write failure.
"""

from __future__ import annotations

from typing import Protocol

from auditor.models import Run


class Reporter(Protocol):
    name: str
    suffix: str

    def render(self, run: Run) -> str:
        """The whole report as text."""
        ...
