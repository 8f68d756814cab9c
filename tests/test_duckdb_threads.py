"""Each replica's DuckDB connections use its share of the cores (DASHBOARD_DUCKDB_THREADS, set by
scripts/serve.sh): a real connection to the built warehouse reports the configured threads."""

from __future__ import annotations

import pytest

from dashboard import config, db


def _threads(warehouse_path) -> int:
    con = db.connect_read_only(warehouse_path)
    try:
        return int(con.execute("select current_setting('threads')").fetchone()[0])
    finally:
        con.close()


def test_connections_use_the_configured_threads(warehouse_path, monkeypatch):
    monkeypatch.setenv(config.DUCKDB_THREADS_ENV, "1")
    assert _threads(warehouse_path) == 1
    monkeypatch.setenv(config.DUCKDB_THREADS_ENV, "3")
    assert _threads(warehouse_path) == 3


def test_unset_leaves_duckdb_its_default(warehouse_path, monkeypatch):
    monkeypatch.delenv(config.DUCKDB_THREADS_ENV, raising=False)
    assert config.duckdb_threads() is None
    assert _threads(warehouse_path) >= 1


@pytest.mark.parametrize("setting", ["0", "two", "-1", "1.5"])
def test_a_bad_setting_is_named_in_words(monkeypatch, setting):
    monkeypatch.setenv(config.DUCKDB_THREADS_ENV, setting)
    with pytest.raises(ValueError, match=f"{config.DUCKDB_THREADS_ENV} must be a whole number"):
        config.duckdb_threads()
