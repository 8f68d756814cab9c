"""Query functions: a DuckDB connection and parameters in, a DataFrame out; never streamlit.

SQL lives in sql/queries/<name>.sql, named after the result it returns. Values are always bound
as named parameters ($name); nothing from the UI is ever formatted into SQL text.
"""

from __future__ import annotations

from functools import cache

import duckdb
import pandas as pd

from dashboard import config


@cache
def query_text(name: str) -> str:
    """The SQL of sql/queries/<name>.sql (read once per process)."""
    path = config.SQL_DIR / "queries" / f"{name}.sql"
    return path.read_text(encoding="utf-8")


def run_sql(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run a named query with bound parameters and return its rows."""
    cursor = con.cursor()
    try:
        if params:
            return cursor.execute(query_text(name), params).df()
        return cursor.execute(query_text(name)).df()
    finally:
        cursor.close()
