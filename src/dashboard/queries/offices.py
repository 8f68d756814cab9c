"""Queries behind the offices map: the offices shown, their counts and findings, and the
indicator that can colour the countries."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.queries import run_sql


def offices_on_map(con: duckdb.DuckDBPyConnection, iso3: tuple[str, ...]) -> pd.DataFrame:
    """The Regional Office and every office in the selected countries, with contacts and sources."""
    return run_sql(con, "offices_on_map", iso3=list(iso3))


def office_directory(con: duckdb.DuckDBPyConnection, iso3: tuple[str, ...]) -> pd.DataFrame:
    """The same offices as offices_on_map, as the table under the map shows and exports them."""
    return run_sql(con, "office_directory", iso3=list(iso3))


def office_type_counts(con: duckdb.DuckDBPyConnection, iso3: tuple[str, ...]) -> pd.DataFrame:
    """Offices per type shown for the selection and in the whole region, with their document."""
    return run_sql(con, "office_type_counts", iso3=list(iso3))


def office_findings(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Data-quality findings on office names, towns and contact details."""
    return run_sql(con, "office_findings")


def map_indicators(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Indicators that can colour the map, with source and the Kosovo-in-Serbia flag."""
    return run_sql(con, "map_indicators")


def map_indicator_years(
    con: duckdb.DuckDBPyConnection, code: str, year_from: int, year_to: int
) -> pd.DataFrame:
    """The indicator's years within the range (all its years, flagged, when none falls in it)."""
    return run_sql(con, "map_indicator_years", code=code, year_from=year_from, year_to=year_to)


def map_indicator_values(con: duckdb.DuckDBPyConnection, code: str, year: int) -> pd.DataFrame:
    """Each country's value of the indicator in exactly that year (iso3, value, year)."""
    return run_sql(con, "map_indicator_values", code=code, year=year)
