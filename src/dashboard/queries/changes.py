"""Queries behind "what changed": the declared series breaks, and the headline indicators'
history per country for the notable-changes rule (dashboard.changes)."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.queries import run_sql


def series_breaks(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every declared series break: indicator_code, iso3, country, year, kind, note."""
    return run_sql(con, "series_breaks")


def series_breaks_moving_totals(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The breaks another country's break causes: indicator_code, iso3, year,
    cause_indicator_code, cause_iso3, cause_value_before, cause_value_after."""
    return run_sql(con, "series_breaks_moving_totals")


def indicator_history_by_country(
    con: duckdb.DuckDBPyConnection, codes: tuple[str, ...], iso3: tuple[str, ...], year_to: int
) -> pd.DataFrame:
    """indicator_code, iso3, country, year, value of the given indicators up to a year."""
    return run_sql(
        con, "indicator_history_by_country", codes=list(codes), iso3=list(iso3), year_to=year_to
    )
