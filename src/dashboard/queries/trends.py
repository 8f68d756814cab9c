"""Queries behind the indicator trends page: the indicator choices, each country's series, and
the values of one year for the map and the ranking (the selection's aggregate is
queries.overview.indicator_aggregate, shared with the overview and the briefing)."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.queries import run_sql


def indicator_choices_by_family(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every indicator code with its family, source and licence; one default code per family."""
    return run_sql(con, "indicator_choices_by_family")


def indicator_series_by_country(
    con: duckdb.DuckDBPyConnection, code: str, iso3: tuple[str, ...], year_from: int, year_to: int
) -> pd.DataFrame:
    """iso3, country, year, value of one indicator for the selected countries and years."""
    return run_sql(
        con,
        "indicator_series_by_country",
        code=code,
        iso3=list(iso3),
        year_from=year_from,
        year_to=year_to,
    )


def indicator_values_in_year(
    con: duckdb.DuckDBPyConnection,
    code: str,
    iso3: tuple[str, ...],
    year: int,
    year_from: int,
    year_to: int,
) -> pd.DataFrame:
    """Each selected country's value in one year (NULL if none) and its coverage of the range."""
    return run_sql(
        con,
        "indicator_values_in_year",
        code=code,
        iso3=list(iso3),
        year=year,
        year_from=year_from,
        year_to=year_to,
    )


def indicator_years_with_data(
    con: duckdb.DuckDBPyConnection, code: str, iso3: tuple[str, ...], year_from: int, year_to: int
) -> pd.DataFrame:
    """The years of the range in which any selected country has a value."""
    return run_sql(
        con,
        "indicator_years_with_data",
        code=code,
        iso3=list(iso3),
        year_from=year_from,
        year_to=year_to,
    )
