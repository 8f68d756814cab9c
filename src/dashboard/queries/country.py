"""Queries behind the country profile and the briefing: offices, status, funding rank, facts, outlook."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.queries import run_sql


def country_profile(con: duckdb.DuckDBPyConnection, iso3: str) -> pd.DataFrame:
    """One row: the country with subregion, capital and office counts (empty for an unknown code)."""
    return run_sql(con, "country_profile", iso3=iso3)


def country_names_by_document(con: duckdb.DuckDBPyConnection, iso3: str) -> pd.DataFrame:
    """Per document naming the country: the name and IOM status as printed there."""
    return run_sql(con, "country_names_by_document", iso3=iso3)


def membership_status_findings(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Data-quality findings on how the documents print IOM membership status."""
    return run_sql(con, "membership_status_findings")


def offices_with_contacts(
    con: duckdb.DuckDBPyConnection, iso3: tuple[str, ...], include_regional_office: bool
) -> pd.DataFrame:
    """The IOM offices in the given countries (and the Regional Office if asked), with contacts."""
    return run_sql(
        con,
        "offices_with_contacts",
        iso3=list(iso3),
        include_regional_office=include_regional_office,
    )


def seeeca_funding_by_country(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every country of the region with its 2016 SEEECA requirement and rank (NULL when absent)."""
    return run_sql(con, "seeeca_funding_by_country")


def seeeca_funding_by_area(
    con: duckdb.DuckDBPyConnection, iso3: tuple[str, ...], include_regional_programmes: bool
) -> pd.DataFrame:
    """The 2016 SEEECA requirement of the given countries per programmatic area (NULL = "-")."""
    return run_sql(
        con, "seeeca_funding_by_area", iso3=list(iso3), include_regional=include_regional_programmes
    )


def country_key_figures(con: duckdb.DuckDBPyConnection, iso3: str) -> pd.DataFrame:
    """The figures the documents state about the country, with quote, document and section."""
    return run_sql(con, "country_key_figures", iso3=iso3)


def outlook_statements_for_selection(
    con: duckdb.DuckDBPyConnection, iso3: tuple[str, ...]
) -> pd.DataFrame:
    """Outlook statements about the whole region or naming one of the given countries."""
    return run_sql(con, "outlook_statements_for_selection", iso3=list(iso3))


def country_findings(con: duckdb.DuckDBPyConnection, iso3: str) -> pd.DataFrame:
    """Data-quality findings whose subject names the country or one of its offices."""
    return run_sql(con, "country_findings", iso3=iso3)


def region_countries(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The region's countries and territories with their display names."""
    return run_sql(con, "region_countries")


def headline_ranks_in_region(
    con: duckdb.DuckDBPyConnection,
    concepts: tuple[str, ...],
    year_from: int,
    year_to: int,
    population_code: str,
) -> pd.DataFrame:
    """Per headline concept and country: the figure the headline rule picks in its latest year in
    the years and its rank in the region, absolute and per inhabitant, with the first figure of the
    same indicator in the years."""
    return run_sql(
        con,
        "headline_ranks_in_region",
        concepts=list(concepts),
        year_from=year_from,
        year_to=year_to,
        population_code=population_code,
    )
