"""Optional parts (PostgreSQL, the fleet) asked for without their extra: one line naming it."""

from __future__ import annotations

import importlib.util

import pytest

from auditor.errors import MissingExtra, require_extra
from auditor.store import database_url


def test_a_missing_module_names_the_extra() -> None:
    with pytest.raises(
        MissingExtra, match=r"needs the fleet extra: pip install 'auditor\[fleet\]'"
    ):
        require_extra("no_such_module_for_auditor", "fleet", "the fleet's job queue")


def test_an_installed_module_passes() -> None:
    require_extra("sqlalchemy", "postgres", "anything")


def test_a_postgresql_url_without_psycopg_says_which_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "psycopg" else real(name, *a)
    )
    with pytest.raises(MissingExtra) as caught:
        database_url("postgresql://auditor@127.0.0.1/history")
    assert str(caught.value) == (
        "a PostgreSQL history database needs the postgres extra: pip install 'auditor[postgres]'"
    )
    assert "\n" not in str(caught.value)
