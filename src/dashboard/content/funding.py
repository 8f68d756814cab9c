"""The funding page's tables, shaped from query results (pure: DataFrames in, DataFrames out).

Kept apart from the queries so the page fetches each SQL result once (through the cache) and
shapes it as often as it needs: the matrix, its regional programmes line, the area totals and
the largest countries all come from the same cells.

A published "-" is NULL (no requirement) all the way to the screen: sums skip it and a row or
column of "-" only sums to NULL, never to 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from dashboard.queries.funding import SEEECA
from dashboard.style import format_number

COUNTRY_COLUMN = "Country or programme"
PUBLISHED_COLUMN = "Name as published"
TOTAL_COLUMN = "Total (USD)"
SHARE_COLUMN = "Share of total shown (%)"


def _share(part: pd.Series, whole: float | None) -> pd.Series:
    """Percent of a whole, rounded to 0.1; NULL where the part is NULL or the whole is empty."""
    if not whole:
        return pd.Series([pd.NA] * len(part), index=part.index, dtype="Float64")
    return (part.astype("Float64") / float(whole) * 100).round(1)


def requirement_matrix(cells: pd.DataFrame) -> pd.DataFrame:
    """The table as shown and downloaded, from queries.funding.funding_region_cells: one row per country
    or programme, one USD column per programmatic area (blank = "-", no requirement), its total
    and share of the total shown."""
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


def regional_programmes(matrix: pd.DataFrame, cells: pd.DataFrame) -> pd.DataFrame:
    """The matrix's regional programmes line (no row when the selection leaves it out)."""
    regional = set(cells.loc[cells["is_regional_programmes"], "country_or_programme"])
    return matrix[matrix[COUNTRY_COLUMN].isin(regional)].reset_index(drop=True)


def area_totals(cells: pd.DataFrame) -> pd.DataFrame:
    """Per programmatic area: the requirement of the rows shown and its share of their total."""
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


def top_countries(matrix: pd.DataFrame, regional: pd.DataFrame, count: int) -> pd.DataFrame:
    """The countries with the largest requirement (regional programmes left out), with shares."""
    countries = matrix[
        ~matrix[COUNTRY_COLUMN].isin(regional[COUNTRY_COLUMN]) & matrix[TOTAL_COLUMN].notna()
    ]
    return countries.nlargest(count, TOTAL_COLUMN)[[COUNTRY_COLUMN, TOTAL_COLUMN, SHARE_COLUMN]]


def overview_column(overview: pd.DataFrame, region: str) -> pd.DataFrame:
    """One region's column of the overview table (queries.funding.funding_overview_by_area), as shown
    when the region has no table of its own."""
    column = overview[overview["region"] == region]
    return pd.DataFrame(
        {
            "Programmatic area": column["area_name"],
            "Requirement (USD)": column["usd"].astype("Int64"),
            "Share (%)": _share(column["usd"], column["usd"].sum()),
        }
    ).reset_index(drop=True)


def region_comparison(overview: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Per region, largest first: the overview cells summed over the areas shown, their share of
    all regions, the region's own table summed the same way, and the overview's printed total."""
    by_region = overview.groupby(["region", "region_name"], as_index=False, sort=False).agg(
        overview_usd=("usd", lambda s: s.sum(min_count=1)),
        table_usd=("region_table_usd", lambda s: s.sum(min_count=1)),
    )
    printed = regions.set_index("region")["overview_printed_total"]
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


def area_mix_comparison(overview: pd.DataFrame) -> pd.DataFrame:
    """Per area: SEEECA's requirement and share of its total beside all other regions together,
    and SEEECA's share of what all regions require in the area (overview cells)."""
    overview = overview.assign(is_seeeca=overview["region"] == SEEECA)
    seeeca = (
        overview[overview["is_seeeca"]].groupby("area_name", sort=False)["usd"].sum(min_count=1)
    )
    others = (
        overview[~overview["is_seeeca"]].groupby("area_name", sort=False)["usd"].sum(min_count=1)
    )
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


def page_caption(selection: str) -> str:
    """The line under the title: the sidebar selection and why the year filter does not apply."""
    return (
        f"Showing {selection}. Migration Initiatives 2016 is one edition, so the year filter "
        "does not apply."
    )


def scope_caption(
    area_count: int, themed: bool, seeeca: bool, whole_region: bool, countries: int
) -> str:
    """What the region's table covers: the programmatic areas (all, or the `area_count` under
    the chosen theme) and how the country filters apply (to SEEECA only)."""
    scope = [
        f"the {area_count} programmatic area(s) under the chosen theme"
        if themed
        else "every programmatic area"
    ]
    if seeeca and not whole_region:
        scope.append(
            f"{countries} selected countries; regional programmes are left out, as no country "
            "carries them"
        )
    elif not seeeca:
        scope.append(
            "country and subregion filters apply to SEEECA only, so every row of this table is "
            "shown"
        )
    return "Showing " + "; ".join(scope) + "."


def which_total(totals: Mapping[str, Any], name: str) -> str | None:
    """Why the dashboard uses the sum of the cells when the overview prints another total for
    the region (queries.funding.funding_region_totals); None when the two agree."""
    printed, cells = totals["overview_printed_total"], totals["cells_usd"]
    if printed == cells:
        return None
    return (
        f"**Which total?** The overview prints **{printed:,.0f}** USD for {name}, but the cells "
        f"of the region's own table add up to **{cells:,.0f}** USD (that table prints "
        f"{totals['table_printed_total']:,.0f}). The overview's own {name} cells add up to "
        f"{totals['overview_cells_usd']:,.0f}. The dashboard therefore uses the sum of the cells "
        f"({cells:,.0f}) and shows the printed {printed:,.0f} only beside it."
    )


def regional_sentence(regional: pd.DataFrame) -> str:
    """The regional programmes line of the matrix in words: its requirement and share."""
    return (
        f"**Regional programmes** (not attributed to a country): "
        f"{format_number(regional[TOTAL_COLUMN].sum(), 'usd')}, "
        f"{regional[SHARE_COLUMN].sum():.1f}% of the requirement shown."
    )
