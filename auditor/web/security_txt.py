"""Reading `/.well-known/security.txt` (RFC 9116): its fields, and what the file answered.

Pure functions, used by the runner when it fetches the file once per origin and by the
security-txt check's tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

PATH = "/.well-known/security.txt"
BODY_LIMIT = 32_000  # characters read: a real security.txt is a few hundred
_FIELD = re.compile(r"^([A-Za-z][A-Za-z0-9-]*)\s*:\s*(.*?)\s*$")


@dataclass(frozen=True)
class SecurityTxtFields:
    """The fields of a security.txt, names lower-cased, each with every value in order."""

    fields: dict[str, list[str]] = field(default_factory=dict)

    @property
    def contacts(self) -> list[str]:
        return self.fields.get("contact", [])

    @property
    def expires(self) -> str | None:
        values = self.fields.get("expires", [])
        return values[0] if values else None


def parse_security_txt(text: str) -> SecurityTxtFields:
    """Fields of a security.txt; comments, blank lines and an OpenPGP signature's armour are
    skipped (a signed file's fields are its cleartext)."""
    fields: dict[str, list[str]] = {}
    in_signature = False
    for raw in text[:BODY_LIMIT].splitlines():
        line = raw.strip()
        if line.startswith("-----BEGIN PGP SIGNATURE"):
            in_signature = True
        elif line.startswith("-----END PGP SIGNATURE"):
            in_signature = False
            continue
        if in_signature or not line or line.startswith(("#", "-----", "Hash:")):
            continue
        line = line.removeprefix("- ")  # dash-escaping in signed cleartext
        match = _FIELD.match(line)
        if match:
            fields.setdefault(match.group(1).lower(), []).append(match.group(2))
    return SecurityTxtFields(fields)


def parse_expires(value: str | None) -> datetime | None:
    """An Expires value (RFC 3339 / ISO 8601 date-time) as an aware datetime, or None."""
    if not value:
        return None
    text = value.strip().replace("z", "Z")
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def is_plain_text(content_type: str | None) -> bool:
    return (content_type or "").split(";")[0].strip().lower() == "text/plain"
