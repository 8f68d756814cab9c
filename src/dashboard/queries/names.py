"""Display names (dim_display_name): what every map, chart, table and export calls a country,
territory or town. Current UN usage; the names as published stay in the source tables."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.queries import run_sql


def country_labels(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The region's countries with their map label ("Kosovo*"), stand-alone name ("Kosovo (UNSCR
    1244)"), capital and its position; pass to the maps' `places` argument."""
    return run_sql(con, "country_labels")


def display_names(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every row of the names table: kind (country|city), key, display_name, label, basis."""
    return run_sql(con, "display_names")
