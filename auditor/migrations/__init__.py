"""Alembic migrations of the history database (SQLite and PostgreSQL), applied by `Store` on
open. Append a revision for every schema change; never edit one that has shipped."""
