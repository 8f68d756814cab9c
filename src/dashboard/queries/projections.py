"""Queries of the UN projections (WPP 2024): the series continuing a family, each country's
estimates and projection with its bounds, and the sum of a selection's projections."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.queries import run_sql


def projection_series_for_family(con: duckdb.DuckDBPyConnection, family: str) -> pd.DataFrame:
    """The projection series (with source) that continue an indicator family; none for most."""
    return run_sql(con, "projection_series_for_family", family=family)


def projection_by_country(
    con: duckdb.DuckDBPyConnection, code: str, iso3: tuple[str, ...], year_from: int, year_to: int
) -> pd.DataFrame:
    """iso3, country, year, value (estimate or median), is_estimate and the bounds."""
    return run_sql(
        con,
        "projection_by_country",
        code=code,
        iso3=list(iso3),
        year_from=year_from,
        year_to=year_to,
    )


def projection_sum(
    con: duckdb.DuckDBPyConnection, code: str, iso3: tuple[str, ...], year_from: int, year_to: int
) -> pd.DataFrame:
    """Per year, the sum of the countries' estimates or medians, with the countries counted."""
    return run_sql(
        con, "projection_sum", code=code, iso3=list(iso3), year_from=year_from, year_to=year_to
    )
