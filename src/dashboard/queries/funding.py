"""Queries behind the funding page: Migration Initiatives 2016 requirements by region, country and
programmatic area, the printed totals beside the sums, and the data-quality findings on them.
The tables the page shows are shaped from these results in dashboard.content.funding.

A published "-" is NULL (no requirement) all the way to the screen: sums skip it and a row or
column of "-" only sums to NULL, never to 0.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard import config
from dashboard.queries import run_sql

EDITION = config.FUNDING_EDITION
SEEECA = "seeeca"


def funding_regions(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The IOM regions of the overview (published order), whether each has its own table."""
    return run_sql(con, "funding_regions", edition=EDITION)


def funding_region_cells(
    con: duckdb.DuckDBPyConnection,
    region: str,
    iso3: tuple[str, ...],
    whole_region: bool,
    areas: tuple[str, ...],
) -> pd.DataFrame:
    """The cells of one region's table for the selection, largest rows first.

    The country selection only restricts the SEEECA table; regional programmes are kept only
    when the whole region is chosen, since they cannot be attributed to countries.
    """
    seeeca = region == SEEECA
    return run_sql(
        con,
        "funding_region_cells",
        edition=EDITION,
        region=region,
        areas=list(areas),
        iso3=list(iso3),
        restrict_countries=seeeca,
        include_regional=whole_region or not seeeca,
    )


def funding_region_totals(con: duckdb.DuckDBPyConnection, region: str) -> pd.DataFrame:
    """One row: the sum of the region table's cells beside the totals printed for the region."""
    return run_sql(con, "funding_region_totals", edition=EDITION, region=region)


def funding_overview_by_area(
    con: duckdb.DuckDBPyConnection, areas: tuple[str, ...]
) -> pd.DataFrame:
    """Overview cells per region and area, beside the sum of each region's own table."""
    return run_sql(con, "funding_overview_by_area", edition=EDITION, areas=list(areas))


def funding_findings_for_region(con: duckdb.DuckDBPyConnection, region: str) -> pd.DataFrame:
    """Data-quality findings about one region's table and overview column."""
    return run_sql(con, "funding_findings_for_region", region=region)


def funding_overview_findings(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Data-quality findings about the printed totals of the overview table."""
    return run_sql(con, "funding_overview_findings", edition=EDITION)
