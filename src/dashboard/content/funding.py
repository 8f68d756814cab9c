"""The funding page's tables, shaped from query results (pure: DataFrames in, DataFrames out).

Kept apart from the queries so the page fetches each SQL result once (through the cache) and
shapes it as often as it needs: the matrix, its regional programmes line, the area totals and
the largest countries all come from the same cells.

A published "-" is NULL (no requirement) all the way to the screen: sums skip it and a row or
column of "-" only sums to NULL, never to 0.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from dashboard import i18n
from dashboard.i18n import N_, _, d_, ngettext
from dashboard.queries.funding import SEEECA
from dashboard.style import format_number

# Column headings, translated where a table is made (`_(TOTAL_COLUMN)`): the language of the run.
COUNTRY_COLUMN = N_("Country or programme")
PUBLISHED_COLUMN = N_("Name as published")
TOTAL_COLUMN = N_("Total (USD)")
SHARE_COLUMN = N_("Share of total shown (%)")
AREA_COLUMN = N_("Programmatic area")
REQUIREMENT_COLUMN = N_("Requirement (USD)")
AREA_SHARE_COLUMN = N_("Share (%)")


def localised(cells: pd.DataFrame) -> pd.DataFrame:
    """Cells of the funding queries with their row and area names in the current language (the
    warehouse holds English display names; a name data.po does not know stays as it is)."""
    names = [c for c in ("country_or_programme", "area_name", "region_name") if c in cells]
    if i18n.language() == i18n.DEFAULT_LANGUAGE or not names:
        return cells
    return cells.assign(**{c: [d_(v) for v in cells[c].tolist()] for c in names})


def grouped(value: float) -> str:
    """A whole number with thousands separators, as the document prints it: 118,075,000
    (Russian 118 075 000, no-break spaces)."""
    text = f"{value:,.0f}"
    return text.replace(",", i18n.NBSP) if i18n.language() == "ru" else text


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
        columns={
            "country_or_programme": _(COUNTRY_COLUMN),
            "name_as_published": _(PUBLISHED_COLUMN),
        }
    )
    area_columns = list(columns["area_name"])
    total = _(TOTAL_COLUMN)
    matrix[total] = matrix[area_columns].sum(axis=1, min_count=1).astype("Int64")
    matrix[_(SHARE_COLUMN)] = _share(matrix[total], matrix[total].sum())
    return matrix


def regional_programmes(matrix: pd.DataFrame, cells: pd.DataFrame) -> pd.DataFrame:
    """The matrix's regional programmes line (no row when the selection leaves it out)."""
    regional = set(cells.loc[cells["is_regional_programmes"], "country_or_programme"])
    return matrix[matrix[_(COUNTRY_COLUMN)].isin(regional)].reset_index(drop=True)


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
        columns={
            "area_name": _(AREA_COLUMN),
            "usd": _(REQUIREMENT_COLUMN),
            "share": _(AREA_SHARE_COLUMN),
        }
    ).drop(columns="area_order")


def top_countries(matrix: pd.DataFrame, regional: pd.DataFrame, count: int) -> pd.DataFrame:
    """The countries with the largest requirement (regional programmes left out), with shares."""
    country, total = _(COUNTRY_COLUMN), _(TOTAL_COLUMN)
    countries = matrix[~matrix[country].isin(regional[country]) & matrix[total].notna()]
    return countries.nlargest(count, total)[[country, total, _(SHARE_COLUMN)]]


def overview_column(overview: pd.DataFrame, region: str) -> pd.DataFrame:
    """One region's column of the overview table (queries.funding.funding_overview_by_area), as shown
    when the region has no table of its own."""
    column = overview[overview["region"] == region]
    return pd.DataFrame(
        {
            _(AREA_COLUMN): column["area_name"],
            _(REQUIREMENT_COLUMN): column["usd"].astype("Int64"),
            _(AREA_SHARE_COLUMN): _share(column["usd"], column["usd"].sum()),
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
            _("Region"): by_region["region_name"],
            _("Requirement, overview cells (USD)"): by_region["overview_usd"].astype("Int64"),
            _("Share of all regions (%)"): by_region["share"],
            _("Requirement, region's own table (USD)"): by_region["table_usd"].astype("Int64"),
            _("Printed overview total, all areas (USD)"): by_region["printed"].astype("Int64"),
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
            _("SEEECA (USD)"): mix["seeeca"],
            _("Share of SEEECA total (%)"): _share(mix["seeeca"], mix["seeeca"].sum()),
            _("Other regions (USD)"): mix["others"],
            _("Share of other regions' total (%)"): _share(mix["others"], mix["others"].sum()),
            _("SEEECA share of the area (%)"): (
                mix["seeeca"].astype("Float64") / world.where(world > 0) * 100
            ).round(1),
        }
    )
    return table.rename_axis(_(AREA_COLUMN)).reset_index()


def page_caption(selection: str, english: Callable[[str], str] = str) -> str:
    """The line under the title: the sidebar selection and why the year filter does not apply
    (`english` marks the document's title, which stays English: ui.english on a page)."""
    return _(
        "Showing {selection}. {document} is one edition, so the year filter does not apply."
    ).format(selection=selection, document=english("Migration Initiatives 2016"))


def scope_caption(
    area_count: int, themed: bool, seeeca: bool, whole_region: bool, countries: int
) -> str:
    """What the region's table covers: the programmatic areas (all, or the `area_count` under
    the chosen theme) and how the country filters apply (to SEEECA only)."""
    # English keeps "area(s)" and "countries" for any count; Russian needs its three forms.
    areas = (
        ngettext(
            "the {count} programmatic area(s) under the chosen theme",
            "the {count} programmatic area(s) under the chosen theme",
            area_count,
        ).format(count=area_count)
        if themed
        else _("every programmatic area")
    )
    if seeeca and not whole_region:
        countries_text = ngettext(
            "{count} selected countries; regional programmes are left out, as no country "
            "carries them",
            "{count} selected countries; regional programmes are left out, as no country "
            "carries them",
            countries,
        ).format(count=countries)
        return _("Showing {areas}; {countries}.").format(areas=areas, countries=countries_text)
    if not seeeca:
        return _(
            "Showing {areas}; country and subregion filters apply to SEEECA only, so every row "
            "of this table is shown."
        ).format(areas=areas)
    return _("Showing {areas}.").format(areas=areas)


def which_total(totals: Mapping[str, Any], name: str) -> str | None:
    """Why the dashboard uses the sum of the cells when the overview prints another total for
    the region (queries.funding.funding_region_totals); None when the two agree."""
    printed, cells = totals["overview_printed_total"], totals["cells_usd"]
    if printed == cells:
        return None
    return _(
        "**Which total?** The overview prints **{printed}** USD for {name}, but the cells of the "
        "region's own table add up to **{cells}** USD (that table prints {table_printed}). The "
        "overview's own {name} cells add up to {overview_cells}. The dashboard therefore uses "
        "the sum of the cells ({cells}) and shows the printed {printed} only beside it."
    ).format(
        printed=grouped(printed),
        name=name,
        cells=grouped(cells),
        table_printed=grouped(totals["table_printed_total"]),
        overview_cells=grouped(totals["overview_cells_usd"]),
    )


def regional_sentence(regional: pd.DataFrame) -> str:
    """The regional programmes line of the matrix in words: its requirement and share."""
    return _(
        "**Regional programmes** (not attributed to a country): {usd}, {share} of the "
        "requirement shown."
    ).format(
        usd=format_number(regional[_(TOTAL_COLUMN)].sum(), "usd"),
        share=i18n.format_percent(regional[_(SHARE_COLUMN)].sum()),
    )
