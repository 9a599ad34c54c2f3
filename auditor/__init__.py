"""auditor: accessibility and GOV.UK-standard compliance audits of UK council websites."""

__version__ = "0.1.0"
