"""Queries behind the Data and sources page and the glossary: the build, tables, sources,
data-quality findings, indicator coverage and glossary terms."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.queries import run_sql


def build_info(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The one build_log row: built_at, git_revision, build_seconds, duckdb_version."""
    return run_sql(con, "build_info")


def table_coverage(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per counted table: row count (from the build), region countries and year span covered."""
    return run_sql(con, "table_coverage")


def table_sources(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per table, each source its rows cite, with publisher, edition, vintage and licence."""
    return run_sql(con, "table_sources")


def source_catalog(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every source document and official dataset with edition, vintage, licence and citation."""
    return run_sql(con, "source_catalog")


def dq_finding_checks(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Topics and checks that have data-quality findings, with their counts."""
    return run_sql(con, "dq_finding_checks")


def dq_findings_with_source(
    con: duckdb.DuckDBPyConnection, topics: tuple[str, ...] = (), checks: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Data-quality findings with their document, limited to topics and checks (empty = all)."""
    return run_sql(con, "dq_findings_with_source", topics=list(topics), checks=list(checks))


def indicator_catalog_with_source(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every official indicator with its caveat, coverage and source vintage, in family order."""
    return run_sql(con, "indicator_catalog_with_source")


def indicator_coverage_grid(
    con: duckdb.DuckDBPyConnection, code: str, iso3: tuple[str, ...], year_from: int, year_to: int
) -> pd.DataFrame:
    """Every selected country x year of one indicator within the range, value or null."""
    return run_sql(
        con,
        "indicator_coverage_grid",
        code=code,
        iso3=list(iso3),
        year_from=year_from,
        year_to=year_to,
    )


def indicator_coverage_by_country(
    con: duckdb.DuckDBPyConnection, code: str, iso3: tuple[str, ...], year_from: int, year_to: int
) -> pd.DataFrame:
    """Per selected country: years with data of one indicator in the range, first, last, latest."""
    return run_sql(
        con,
        "indicator_coverage_by_country",
        code=code,
        iso3=list(iso3),
        year_from=year_from,
        year_to=year_to,
    )


def official_downloads(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The official dataset files the ingest reads (paths under --public-dir), with vintage."""
    return run_sql(con, "official_downloads")


def glossary_terms_with_source(con: duckdb.DuckDBPyConnection, search: str = "") -> pd.DataFrame:
    """Glossary terms whose term or definition contains `search` (all when empty), with source."""
    return run_sql(con, "glossary_terms_with_source", search=search)


def source_citations(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every source's title, short title and full citation."""
    return run_sql(con, "source_citations")
