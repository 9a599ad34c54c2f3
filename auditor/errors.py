"""Domain errors. The CLI turns each into one line and exit code 1, in one place."""

from __future__ import annotations


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
