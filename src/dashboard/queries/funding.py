"""Queries behind the funding page: Migration Initiatives 2016 requirements by region, country and
programmatic area, the printed totals beside the sums, and the data-quality findings on them.

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
COUNTRY_COLUMN = "Country or programme"
PUBLISHED_COLUMN = "Name as published"
TOTAL_COLUMN = "Total (USD)"
SHARE_COLUMN = "Share of total shown (%)"


def _share(part: pd.Series, whole: float | None) -> pd.Series:
    """Percent of a whole, rounded to 0.1; NULL where the part is NULL or the whole is empty."""
    if not whole:
        return pd.Series([pd.NA] * len(part), index=part.index, dtype="Float64")
    return (part.astype("Float64") / float(whole) * 100).round(1)


def regions(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The IOM regions of the overview (published order), whether each has its own table."""
    return run_sql(con, "funding_regions", edition=EDITION)


def region_cells(
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


def requirement_matrix(
    con: duckdb.DuckDBPyConnection,
    region: str,
    iso3: tuple[str, ...],
    whole_region: bool,
    areas: tuple[str, ...],
) -> pd.DataFrame:
    """The table as shown and downloaded: one row per country or programme, one USD column per
    programmatic area (blank = "-", no requirement), its total and share of the total shown."""
    cells = region_cells(con, region, iso3, whole_region, areas)
    rows = cells[["country_or_programme", "name_as_published"]].drop_duplicates()
    columns = cells[["area_name", "area_order"]].drop_duplicates().sort_values("area_order")
    wide = cells.pivot(
        index=["country_or_programme", "name_as_published"], columns="area_name", values="usd"
    )
    wide = wide.reindex(index=pd.MultiIndex.from_frame(rows), columns=list(columns["area_name"]))
    matrix = wide.astype("Int64").reset_index()
    matrix.columns.name = None
    matrix = matrix.rename(
        columns={"country_or_programme": COUNTRY_COLUMN, "name_as_published": PUBLISHED_COLUMN}
    )
    area_columns = list(columns["area_name"])
    matrix[TOTAL_COLUMN] = matrix[area_columns].sum(axis=1, min_count=1).astype("Int64")
    matrix[SHARE_COLUMN] = _share(matrix[TOTAL_COLUMN], matrix[TOTAL_COLUMN].sum())
    return matrix


def regional_programmes(
    con: duckdb.DuckDBPyConnection,
    region: str,
    iso3: tuple[str, ...],
    whole_region: bool,
    areas: tuple[str, ...],
) -> pd.DataFrame:
    """The table's regional programmes line as shown (no row when the selection leaves it out)."""
    matrix = requirement_matrix(con, region, iso3, whole_region, areas)
    cells = region_cells(con, region, iso3, whole_region, areas)
    regional = set(cells.loc[cells["is_regional_programmes"], "country_or_programme"])
    return matrix[matrix[COUNTRY_COLUMN].isin(regional)].reset_index(drop=True)


def area_totals(
    con: duckdb.DuckDBPyConnection,
    region: str,
    iso3: tuple[str, ...],
    whole_region: bool,
    areas: tuple[str, ...],
) -> pd.DataFrame:
    """Per programmatic area: the requirement of the rows shown and its share of their total."""
    cells = region_cells(con, region, iso3, whole_region, areas)
    totals = (
        cells.groupby(["area_order", "area_name"], as_index=False)["usd"]
        .sum(min_count=1)
        .sort_values("area_order")
    )
    totals["usd"] = totals["usd"].astype("Int64")
    totals["share"] = _share(totals["usd"], totals["usd"].sum())
    return totals.rename(
        columns={"area_name": "Programmatic area", "usd": "Requirement (USD)", "share": "Share (%)"}
    ).drop(columns="area_order")


def top_countries(
    con: duckdb.DuckDBPyConnection,
    region: str,
    iso3: tuple[str, ...],
    whole_region: bool,
    areas: tuple[str, ...],
    count: int,
) -> pd.DataFrame:
    """The countries with the largest requirement (regional programmes left out), with shares."""
    matrix = requirement_matrix(con, region, iso3, whole_region, areas)
    regional = regional_programmes(con, region, iso3, whole_region, areas)[COUNTRY_COLUMN]
    countries = matrix[~matrix[COUNTRY_COLUMN].isin(regional) & matrix[TOTAL_COLUMN].notna()]
    return countries.nlargest(count, TOTAL_COLUMN)[[COUNTRY_COLUMN, TOTAL_COLUMN, SHARE_COLUMN]]


def region_totals(con: duckdb.DuckDBPyConnection, region: str) -> pd.DataFrame:
    """One row: the sum of the region table's cells beside the totals printed for the region."""
    return run_sql(con, "funding_region_totals", edition=EDITION, region=region)


def overview_by_area(con: duckdb.DuckDBPyConnection, areas: tuple[str, ...]) -> pd.DataFrame:
    """Overview cells per region and area, beside the sum of each region's own table."""
    return run_sql(con, "funding_overview_by_area", edition=EDITION, areas=list(areas))


def overview_column(
    con: duckdb.DuckDBPyConnection, region: str, areas: tuple[str, ...]
) -> pd.DataFrame:
    """One region's column of the overview table, as shown when the region has no table."""
    overview = overview_by_area(con, areas)
    column = overview[overview["region"] == region]
    return pd.DataFrame(
        {
            "Programmatic area": column["area_name"],
            "Requirement (USD)": column["usd"].astype("Int64"),
            "Share (%)": _share(column["usd"], column["usd"].sum()),
        }
    ).reset_index(drop=True)


def region_comparison(con: duckdb.DuckDBPyConnection, areas: tuple[str, ...]) -> pd.DataFrame:
    """Per region, largest first: the overview cells summed over the areas shown, their share of
    all regions, the region's own table summed the same way, and the overview's printed total."""
    overview = overview_by_area(con, areas)
    by_region = overview.groupby(["region", "region_name"], as_index=False, sort=False).agg(
        overview_usd=("usd", lambda s: s.sum(min_count=1)),
        table_usd=("region_table_usd", lambda s: s.sum(min_count=1)),
    )
    printed = regions(con).set_index("region")["overview_printed_total"]
    by_region["printed"] = by_region["region"].map(printed)
    by_region["share"] = _share(by_region["overview_usd"], by_region["overview_usd"].sum())
    by_region = by_region.sort_values("overview_usd", ascending=False, na_position="last")
    return pd.DataFrame(
        {
            "region": by_region["region"],
            "Region": by_region["region_name"],
            "Requirement, overview cells (USD)": by_region["overview_usd"].astype("Int64"),
            "Share of all regions (%)": by_region["share"],
            "Requirement, region's own table (USD)": by_region["table_usd"].astype("Int64"),
            "Printed overview total, all areas (USD)": by_region["printed"].astype("Int64"),
        }
    ).reset_index(drop=True)


def area_mix_comparison(con: duckdb.DuckDBPyConnection, areas: tuple[str, ...]) -> pd.DataFrame:
    """Per area: SEEECA's requirement and share of its total beside all other regions together,
    and SEEECA's share of what all regions require in the area (overview cells)."""
    overview = overview_by_area(con, areas)
    overview = overview.assign(is_seeeca=overview["region"] == SEEECA)
    seeeca = overview[overview["is_seeeca"]].groupby("area_name", sort=False)["usd"].sum(min_count=1)
    others = overview[~overview["is_seeeca"]].groupby("area_name", sort=False)["usd"].sum(min_count=1)
    mix = pd.DataFrame({"seeeca": seeeca, "others": others}).astype("Int64")
    world = (mix["seeeca"].fillna(0) + mix["others"].fillna(0)).astype("Float64")
    table = pd.DataFrame(
        {
            "SEEECA (USD)": mix["seeeca"],
            "Share of SEEECA total (%)": _share(mix["seeeca"], mix["seeeca"].sum()),
            "Other regions (USD)": mix["others"],
            "Share of other regions' total (%)": _share(mix["others"], mix["others"].sum()),
            "SEEECA share of the area (%)": (
                mix["seeeca"].astype("Float64") / world.where(world > 0) * 100
            ).round(1),
        }
    )
    return table.rename_axis("Programmatic area").reset_index()


def region_findings(con: duckdb.DuckDBPyConnection, region: str) -> pd.DataFrame:
    """Data-quality findings about one region's table and overview column."""
    return run_sql(con, "funding_findings_for_region", region=region)


def overview_findings(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Data-quality findings about the printed totals of the overview table."""
    return run_sql(con, "funding_overview_findings", edition=EDITION)
