"""Queries behind the regional overview: KPIs, funding, headline indicators and the strategy."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.queries import run_sql


def key_figures_with_source(
    con: duckdb.DuckDBPyConnection, figure_ids: tuple[str, ...]
) -> pd.DataFrame:
    """The named document figures with their document and section."""
    return run_sql(con, "key_figures_with_source", figure_ids=list(figure_ids))


def office_counts(con: duckdb.DuckDBPyConnection, iso3: tuple[str, ...]) -> pd.DataFrame:
    """Offices by type in the selected countries (the Regional Office always counted apart)."""
    return run_sql(con, "office_counts", iso3=list(iso3))


def seeeca_funding_total(
    con: duckdb.DuckDBPyConnection,
    iso3: tuple[str, ...],
    include_regional_programmes: bool,
    programmatic_areas: tuple[str, ...],
) -> pd.DataFrame:
    """SEEECA 2016 requirement: sum of table cells for the selection, and the printed totals."""
    return run_sql(
        con,
        "seeeca_funding_total",
        iso3=list(iso3),
        include_regional=include_regional_programmes,
        areas=list(programmatic_areas),
    )


def theme_programmatic_areas(con: duckdb.DuckDBPyConnection, theme: str | None) -> pd.DataFrame:
    """Programmatic funding areas under a pillar, priority or thematic area (all when None)."""
    return run_sql(con, "theme_programmatic_areas", theme=theme)


def indicator_aggregate(
    con: duckdb.DuckDBPyConnection,
    codes: tuple[str, ...],
    iso3: tuple[str, ...],
    year_from: int,
    year_to: int,
) -> pd.DataFrame:
    """Per indicator and year, the selection's aggregate (sum of counts, weighted mean of shares)."""
    return run_sql(
        con,
        "indicator_aggregate",
        codes=list(codes),
        iso3=list(iso3),
        year_from=year_from,
        year_to=year_to,
    )


def indicator_latest_by_country(
    con: duckdb.DuckDBPyConnection, code: str, year_to: int
) -> pd.DataFrame:
    """Each country's latest value of one indicator up to a year (for the overview map)."""
    return run_sql(con, "indicator_latest_by_country", code=code, year_to=year_to)


def indicator_definitions(con: duckdb.DuckDBPyConnection, codes: tuple[str, ...]) -> pd.DataFrame:
    """Catalogue rows of the given indicators with their source's publisher and vintage."""
    return run_sql(con, "indicator_definitions", codes=list(codes))


def strategy_2020_at_a_glance(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The 2020-2024 pillars with their strategic priorities."""
    return run_sql(con, "strategy_2020_at_a_glance")


def seeeca_funding_findings(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Data-quality findings on the SEEECA funding figures."""
    return run_sql(con, "seeeca_funding_findings")
