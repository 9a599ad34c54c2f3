"""What the crawl did not audit, by reason and URL family: "audited 120 of 3,334 pages like
/meetings/{n} (max pages)" instead of a bare count, so a sampled family is never mistaken for a
trap and a trap is never mistaken for a sample."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from urllib.parse import urlsplit

from auditor.crawl.traps import path_pattern
from auditor.models import NotAuditedFamily

FAMILIES_PER_REASON = 10
OTHERS = "other addresses"


def _family(url: str) -> str:
    parts = urlsplit(url)
    pattern = path_pattern(parts.path or "/")
    return f"{pattern}?…" if parts.query else pattern


def not_audited(fates: Iterable[tuple[str, str, str | None]]) -> list[NotAuditedFamily]:
    """Group refused URLs by (reason, family), largest first, the smallest families of each
    reason folded into one "other addresses" row. `fates` are (url, state, reason) rows."""
    audited: Counter[str] = Counter()
    refused: Counter[tuple[str, str]] = Counter()
    example: dict[tuple[str, str], str] = {}
    for url, state, reason in fates:
        family = _family(url)
        if state == "done":
            audited[family] += 1
        elif state == "refused" and reason:
            refused[(reason, family)] += 1
            example.setdefault((reason, family), url)
    rows: list[NotAuditedFamily] = []
    for reason in sorted({r for r, _ in refused}):
        families = sorted(
            ((f, n) for (r, f), n in refused.items() if r == reason), key=lambda x: (-x[1], x[0])
        )
        for family, count in families[:FAMILIES_PER_REASON]:
            rows.append(
                NotAuditedFamily(
                    reason=reason,
                    family=family,
                    not_audited=count,
                    audited=audited[family],
                    example=example[(reason, family)],
                )
            )
        rest = families[FAMILIES_PER_REASON:]
        if rest:
            rows.append(
                NotAuditedFamily(
                    reason=reason,
                    family=OTHERS,
                    not_audited=sum(n for _, n in rest),
                    audited=sum(audited[f] for f, _ in rest),
                    example=example[(reason, rest[0][0])],
                )
            )
    return rows
