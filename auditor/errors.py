"""Domain errors. The CLI turns each into one line and exit code 1, in one place."""

from __future__ import annotations

import importlib.util


class AuditorError(Exception):
    """Base of every error the tool reports to the user as one line."""


class ConfigError(AuditorError):
    """A bad option, config file or URL: nothing was started."""


class RulesetError(ConfigError):
    """A ruleset file that does not load or names unknown checks."""


class BrowserError(AuditorError):
    """Chromium is missing or would not start."""


class StoreError(AuditorError):
    """The history database could not be read or written."""


class MissingExtra(ConfigError):
    """An optional part (PostgreSQL, the fleet) was asked for without its dependencies."""


def require_extra(module: str, extra: str, what: str) -> None:
    """Stop with one line naming the extra to install when `module` is not installed."""
    if importlib.util.find_spec(module) is None:
        raise MissingExtra(f"{what} needs the {extra} extra: pip install 'auditor[{extra}]'")
