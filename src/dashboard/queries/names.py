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
    """Every row of the names table: kind (country|city), key, display_name, label, basis,
    on_map, and the Russian display_name_ru, label_ru, basis_ru."""
    return run_sql(con, "display_names")


# Source documents the pages cite by id (the ids of data/sources/sources.csv).
STRATEGY_2020 = "iom_seeeca_strategy_2020_2024"
STRATEGY_2015 = "iom_seeeca_strategy_2015_2020"
MIGRATION_INITIATIVES_2016 = "iom_migration_initiatives_2016"


def source_citation(con: duckdb.DuckDBPyConnection, source_id: str) -> pd.DataFrame:
    """The human citation of one source (dim_source.cite_as): publisher, title, edition."""
    return run_sql(con, "source_citation", source_id=source_id)


def first_citation(rows: pd.DataFrame) -> str:
    """The cite_as text of a source_citation result (pages: cache.shaped(first_citation, ...))."""
    return str(rows["cite_as"].iat[0])
