"""Migration corridors (UN DESA International Migrant Stock 2024, origin by destination): where a
country's emigrants live, where its immigrants come from, and the region's main corridors."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.queries import run_sql

LATEST_YEAR = 2024  # the 2024 edition's latest mid-year


def country_destinations(
    con: duckdb.DuckDBPyConnection, iso3: str, year: int = LATEST_YEAR, limit: int = 10
) -> pd.DataFrame:
    """A country's emigrants by country of destination, largest first, with the share of all its
    emigrants (columns destination, place_group, in_region, migrants, share, emigrants)."""
    return run_sql(con, "country_destinations", iso3=iso3, year=year, limit=limit)


def country_origins(
    con: duckdb.DuckDBPyConnection, iso3: str, year: int = LATEST_YEAR, limit: int = 10
) -> pd.DataFrame:
    """The international migrants living in a country by country of origin, largest first, with
    the share of them all (columns origin, place_group, in_region, migrants, share, immigrants)."""
    return run_sql(con, "country_origins", iso3=iso3, year=year, limit=limit)


def corridor_groups(
    con: duckdb.DuckDBPyConnection, iso3: str, year: int = LATEST_YEAR
) -> pd.DataFrame:
    """A country's emigrants and immigrants by group of places (SEEECA region, European Union,
    rest of the world, other or unknown), with shares."""
    return run_sql(con, "corridor_groups", iso3=iso3, year=year)


def main_corridors(
    con: duckdb.DuckDBPyConnection,
    iso3: tuple[str, ...],
    year: int = LATEST_YEAR,
    limit: int = 15,
) -> pd.DataFrame:
    """The largest corridors starting or ending in the selected countries (UN DESA's unspecified
    origins left out), with their direction relative to the selection."""
    return run_sql(con, "main_corridors", iso3=list(iso3), year=year, limit=limit)


def corridor_years(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The years with corridor figures, latest first."""
    return run_sql(con, "corridor_years")


def main_corridors_grouped(
    con: duckdb.DuckDBPyConnection,
    iso3: tuple[str, ...],
    year: int = LATEST_YEAR,
    limit: int = 15,
) -> pd.DataFrame:
    """main_corridors() with places grouped: SEEECA subregions, the European Union (27), other
    countries by name (e.g. Central Asia to the Russian Federation, Ukraine to the EU)."""
    return run_sql(con, "main_corridors_grouped", iso3=list(iso3), year=year, limit=limit)
