"""What the overview headlines are made of, and the small reshaping they need. Pure."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

# Document figures shown as region-wide KPIs (fct_key_figure ids).
FIGURE_COUNTRIES = "s2020_a1_countries_areas"
FIGURE_OFFICES = "s2020_a1_offices"
FIGURE_STAFF = "s2020_a1_staff"
FIGURE_BUDGET = "s2020_a1_budget_2019"
FIGURE_PROJECTS = "s2020_a1_projects_2019"
FIGURE_DONORS = "s2020_a1_donors_2019"
FIGURE_MIGRANTS_2013 = "s2015_kf_migrant_stock"
FIGURE_EMIGRANTS_2013 = "s2015_kf_emigrants"
KPI_FIGURES = (
    FIGURE_COUNTRIES,
    FIGURE_OFFICES,
    FIGURE_STAFF,
    FIGURE_BUDGET,
    FIGURE_PROJECTS,
    FIGURE_DONORS,
    FIGURE_MIGRANTS_2013,
    FIGURE_EMIGRANTS_2013,
)

# Official-data indicators shown with a sparkline, and the one coloured on the overview map.
HEADLINE_INDICATORS = (
    "undesa2020.migrant_stock",
    "undesa2020.emigrants",
    "wdi.remittances_usd",
    "unhcr.refugees_hosted",
)
MAP_INDICATOR = "undesa2020.migrant_share"


@dataclass(frozen=True)
class Headline:
    code: str
    name: str
    unit: str
    year: int | None
    value: float | None
    previous_year: int | None
    previous_value: float | None
    series: list[float]
    countries_reporting: int
    countries_selected: int
    source: str
    caveat: str | None


def headline(aggregate: pd.DataFrame, definition: pd.Series) -> Headline:
    """Latest value, the one before it and the series, from indicator_aggregate rows of one code."""
    rows = aggregate[aggregate["indicator_code"] == definition["indicator_code"]].dropna(
        subset=["value"]
    )
    rows = rows.sort_values("year")
    source = f"{definition['short_title']}, {definition['licence']}"
    if rows.empty:
        return Headline(
            definition["indicator_code"], definition["name"], definition["unit"], None, None,
            None, None, [], 0, 0, source, definition["caveat"],
        )
    last = rows.iloc[-1]
    before = rows.iloc[-2] if len(rows) > 1 else None
    return Headline(
        code=definition["indicator_code"],
        name=definition["name"],
        unit=definition["unit"],
        year=int(last["year"]),
        value=float(last["value"]),
        previous_year=None if before is None else int(before["year"]),
        previous_value=None if before is None else float(before["value"]),
        series=[float(v) for v in rows["value"]],
        countries_reporting=int(last["countries_reporting"]),
        countries_selected=int(last["countries_selected"]),
        source=source,
        caveat=definition["caveat"],
    )


def headlines_of(aggregate: pd.DataFrame, definitions: pd.DataFrame, codes: tuple[str, ...]) -> list[Headline]:
    """headline() for each code, in order (definitions indexed by indicator_code)."""
    return [headline(aggregate, definitions.loc[code]) for code in codes]


def figure_source(row: pd.Series) -> str:
    """'Document, section' for a key figure row (the file name is on the Data and sources page)."""
    return f"{row['document']}, {row['source_section']}"
