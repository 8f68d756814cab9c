"""What the global filters may hold, from the warehouse."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.queries import run_sql


def filter_countries(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """iso3, name, subregion of the 20 countries and territories, in display order."""
    return run_sql(con, "filter_countries")


def filter_themes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Pillars, strategic priorities and thematic areas as one indented hierarchy."""
    return run_sql(con, "filter_themes")


def indicator_year_span(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """First and last year with any indicator value."""
    return run_sql(con, "indicator_year_span")
