"""Queries behind the outlook tracker: the statements and their indicator links in the selection,
and, for all links at once, how each linked indicator moved since the strategy's baseline."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.queries import run_sql


def outlook_statement_links(
    con: duckdb.DuckDBPyConnection, theme: str | None, iso3: tuple[str, ...], whole_region: bool
) -> pd.DataFrame:
    """Statements under the theme with their links whose scope meets the selection (or the region)."""
    return run_sql(
        con, "outlook_statement_links", theme=theme, iso3=list(iso3), whole_region=whole_region
    )


def outlook_link_changes(
    con: duckdb.DuckDBPyConnection,
    codes: tuple[str, ...],
    scopes: tuple[tuple[str, ...], ...],
    target_years: tuple[int, ...],
    year_to: int,
    region_iso3: tuple[str, ...],
) -> pd.DataFrame:
    """One row per link (the i-th code, scope and baseline year), in request order: the indicator
    near the baseline year and at its latest year up to year_to over the same countries, and
    where the scope's countries stand in the region in the latest year."""
    return run_sql(
        con,
        "outlook_link_changes",
        codes=list(codes),
        scopes=[list(scope) for scope in scopes],
        targets=list(target_years),
        year_to=year_to,
        region_iso3=list(region_iso3),
    )


def outlook_link_series(
    con: duckdb.DuckDBPyConnection,
    codes: tuple[str, ...],
    scopes: tuple[tuple[str, ...], ...],
    aggregated: tuple[bool, ...],
    year_from: int,
    year_to: int,
) -> pd.DataFrame:
    """link_id, series, year, value, countries_reporting: each link's per-country values, or its
    scope's aggregate (series NULL) where `aggregated` says so."""
    return run_sql(
        con,
        "outlook_link_series",
        codes=list(codes),
        scopes=[list(scope) for scope in scopes],
        aggregated=list(aggregated),
        year_from=year_from,
        year_to=year_to,
    )
