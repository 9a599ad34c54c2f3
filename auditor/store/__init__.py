"""The run history and the crawl in progress, in SQLite (a file, the default) or PostgreSQL.

SQLAlchemy Core over one connection per `Store`; the schema comes from the Alembic migrations in
`auditor/migrations/`, applied when a store is opened. The full Run JSON is kept so that old runs
can be re-rendered; pages, findings and a compact per-run summary (what `history trend` reads,
and what `history prune` keeps) are normalised tables.

- `engine`: database URLs, engines, SQLite's locking and retries, error messages
- `schema`: the tables and the SQL helpers shared by their users
- `migrate`: bringing a database to the newest schema when it is opened
- `database`: `Database`, one open history database with its transactions and reads
- `run_history`: `Store`, the run history (the `runs` table and its kin)
- `crawl_state`: `CrawlState`, a crawl in progress, and what an incremental run carries over
"""

from __future__ import annotations

from auditor.crawl.frontier import FrontierEntry
from auditor.store.crawl_state import (
    CrawlRow,
    CrawlState,
    PreviousPages,
    find_unfinished,
    previous_pages,
)
from auditor.store.database import Database
from auditor.store.engine import database_url, make_engine
from auditor.store.migrate import HEAD, MIGRATIONS_DIR
from auditor.store.run_history import (
    HEADER_COLUMNS,
    RunRow,
    Store,
    header_columns,
    header_fields,
)
from auditor.store.schema import (
    crawl_external,
    crawl_pages,
    crawl_resources,
    crawls,
    findings,
    frontier,
    insert_ignoring_duplicates,
    metadata,
    pages,
    run_summaries,
    runs,
)

__all__ = [
    "HEAD",
    "HEADER_COLUMNS",
    "MIGRATIONS_DIR",
    "CrawlRow",
    "CrawlState",
    "Database",
    "FrontierEntry",
    "PreviousPages",
    "RunRow",
    "Store",
    "crawl_external",
    "crawl_pages",
    "crawl_resources",
    "crawls",
    "database_url",
    "find_unfinished",
    "findings",
    "frontier",
    "header_columns",
    "header_fields",
    "insert_ignoring_duplicates",
    "make_engine",
    "metadata",
    "pages",
    "previous_pages",
    "run_summaries",
    "runs",
]
