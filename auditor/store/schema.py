"""The history database's tables (SQLAlchemy Core) and the SQL helpers shared by their users.

The tables are those at the newest migration (`auditor/migrations/` builds them; a test keeps the
two equal). Other packages keep their own tables on their own `MetaData` in the same database.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Select,
    Table,
    Text,
    false,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.dml import Insert

metadata = MetaData()


def _run_header() -> list[Column[Any]]:
    """A RunHeader's columns (and the score), which `runs` and `run_summaries` both hold."""
    return [
        Column("site", Text, nullable=False),
        Column("started_at", Text, nullable=False),
        Column("finished_at", Text, nullable=False),
        Column("tool_version", Text, nullable=False),
        Column("axe_version", Text),
        Column("browser_version", Text),
        Column("ruleset_id", Text, nullable=False),
        Column("ruleset_sha256", Text, nullable=False),
        Column("wcag_version", Text),  # null in runs stored before it was: WCAG 2.1
        Column("score_model_version", Text, nullable=False),
        Column("score", Float),
    ]


runs = Table(
    "runs",
    metadata,
    Column("id", Text, primary_key=True),
    *_run_header(),
    Column("pages", Integer, nullable=False),
    Column("failures", Integer, nullable=False),
    Column("run_json", Text, nullable=False),
    Index("runs_site", "site", "started_at"),
)
pages = Table(
    "pages",
    metadata,
    Column("run_id", Text, ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column("url", Text, primary_key=True),
    Column("final_url", Text, nullable=False),
    Column("status", Integer),
    Column("load_error", Text),
    Column("score", Float),
)
findings = Table(
    "findings",
    metadata,
    Column("run_id", Text, ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
    Column("fingerprint", Text, nullable=False),
    Column("check_id", Text, nullable=False),
    Column("url", Text, nullable=False),
    Column("selector", Text, nullable=False),
    Column("impact", Text, nullable=False),
    Column("outcome", Text, nullable=False),
    Column("viewport", Text, nullable=False),
    Index("findings_run", "run_id", "fingerprint"),
)
crawls = Table(
    "crawls",
    metadata,
    Column("run_id", Text, primary_key=True),
    Column("site", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("started_at", Text, nullable=False),
    Column("config_json", Text, nullable=False),
    Column("seeds_json", Text, nullable=False),
)


def _crawl_id() -> Column[str]:
    return Column("run_id", Text, ForeignKey("crawls.run_id", ondelete="CASCADE"), primary_key=True)


frontier = Table(
    "frontier",
    metadata,
    _crawl_id(),
    Column("seq", Integer, nullable=False),
    Column("url", Text, primary_key=True),
    Column("depth", Integer, nullable=False),
    Column("found_on", Text),
    Column("source", Text, nullable=False),
    Column("state", Text, nullable=False),
    Column("reason", Text),
    Index("frontier_next", "run_id", "state", "seq"),
)
crawl_pages = Table(
    "crawl_pages",
    metadata,
    _crawl_id(),
    Column("url", Text, primary_key=True),
    Column("content_hash", Text),
    Column("page_json", Text, nullable=False),
)
crawl_resources = Table(
    "crawl_resources",
    metadata,
    _crawl_id(),
    Column("url", Text, primary_key=True),
    Column("resource_json", Text, nullable=False),
)
crawl_external = Table(
    "crawl_external",
    metadata,
    _crawl_id(),
    Column("url", Text, primary_key=True),
    Column("found_on", Text, nullable=False),
)
run_summaries = Table(
    "run_summaries",
    metadata,
    Column("run_id", Text, primary_key=True),
    *_run_header(),
    Column("by_category_json", Text, nullable=False),
    Column("pages", Integer, nullable=False),
    Column("failures", Integer, nullable=False),
    Column("needs_review", Integer, nullable=False),
    Column("failures_by_impact_json", Text, nullable=False),
    Column("pruned", Boolean, nullable=False, server_default=false()),
    Index("run_summaries_site", "site", "started_at"),
)


@cache
def insert_ignoring_duplicates(dialect: str, table: Table) -> Insert:
    """INSERT that leaves a row already there alone (ON CONFLICT DO NOTHING)."""
    if dialect == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing()
    return sqlite.insert(table).on_conflict_do_nothing()


@cache
def compiled_sql(statement: Select[Any], dialect: Dialect) -> tuple[str, list[str], dict[str, Any]]:
    """SQL text, positional parameter names and literal values of a prebuilt statement."""
    compiled = statement.compile(dialect=dialect)
    return str(compiled), list(compiled.positiontup or ()), dict(compiled.params)
