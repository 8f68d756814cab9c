"""The outlook tracker's "Ahead" view: for each outlook statement of the 2020-2024 strategy that
a UN projection can speak to, what World Population Prospects 2024 projects to 2030 for the
statement's countries. Evidence beside the statement, never a verdict on it. Pure.

Which projection speaks to which indicator family of a statement's tests:

* population -> the projected population (WPP 2024, medium variant, 31 December);
* net migration -> the projected net migration;
* emigrants (labour emigration, youth emigration, brain drain) -> the projected net migration:
  net emigration continues where it stays below zero, although it nets out immigration;
* migrant stock (immigration, destination countries) -> the projected net migration: a stock of
  immigrants grows where more people arrive than leave, although returns and deaths also count.

Totals of several countries are sums of the countries' medium variants, without an interval (the
interval of a sum is not the sum of intervals); a single country gets its 80% interval.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard.changes import format_amount, place
from dashboard.outlook import Link, Statement

STRATEGY = "iom_seeeca_strategy_2020_2024"
FROM_YEAR, TO_YEAR = 2024, 2030
NET_MIGRATION, POPULATION = "wpp2024.net_migration", "wpp2024.population"
# indicator family of a test -> (projection series, how the projection bears on the family)
SPEAKS_TO: dict[str, tuple[str, str]] = {
    "population": (POPULATION, "the projected population"),
    "net_migration": (NET_MIGRATION, "the projected net migration"),
    "emigrants": (
        NET_MIGRATION,
        "net emigration continues where projected net migration stays below zero (it nets out "
        "immigration, so it understates emigration)",
    ),
    "migrant_stock": (
        NET_MIGRATION,
        "an immigrant stock grows where more people arrive than leave (projected net migration "
        "above zero), though returns and deaths count too",
    ),
}


@dataclass(frozen=True)
class Evidence:
    statement: Statement
    link: Link
    series_code: str
    bearing: str  # how the projection bears on the statement's indicator
    sentence: str
    table: pd.DataFrame  # per country: the figures the sentence sums up


def _where(link: Link) -> str:
    """The test's countries as a sentence names them ('the Russian Federation')."""
    return place(link.scope_label) if len(link.scope_iso3) == 1 else link.scope_label


def _persons(value: float) -> str:
    return format_amount(value, "persons")


def _names(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _population(rows: pd.DataFrame, link: Link) -> tuple[str, pd.DataFrame]:
    start = rows[rows["year"] == FROM_YEAR].set_index("iso3")
    end = rows[rows["year"] == TO_YEAR].set_index("iso3")
    table = pd.DataFrame(
        {
            "country": end["country"],
            f"end-{FROM_YEAR}": start["value"],
            f"end-{TO_YEAR}": end["value"],
            "change (%)": ((end["value"] - start["value"]) / start["value"] * 100).round(1),
            f"80% interval {TO_YEAR}, lower": end["lower_80"],
            f"80% interval {TO_YEAR}, upper": end["upper_80"],
        }
    ).reset_index(drop=True)
    before, after = float(start["value"].sum()), float(end["value"].sum())
    falling = int((end["value"] < start["value"]).sum())
    text = (
        f"WPP 2024 projects the population of {_where(link)} to go from {_persons(before)} at "
        f"the end of {FROM_YEAR} to {_persons(after)} at the end of {TO_YEAR} "
        f"({(after - before) / before * 100:+.1f}%, medium variant)"
    )
    if len(end) == 1:
        row = end.iloc[0]
        text += (
            f"; 80% interval {_persons(row['lower_80'])} to {_persons(row['upper_80'])} in "
            f"{TO_YEAR}."
        )
    else:
        text += (
            f"; it grows in every one of the {len(end)} countries."
            if falling == 0
            else f"; it falls in {falling} of the {len(end)} countries."
        )
    return text, table


def _signed(value: float) -> str:
    """A net figure with its sign: '+2.28 million', '-65,775'."""
    return ("+" if value > 0 else "") + _persons(value)


def _year_span(years: Sequence[int]) -> str:
    first, last = min(years), max(years)
    return str(first) if first == last else f"{first}-{last}"


def _why_the_total_differs(years: pd.DataFrame, total: float, at_end: float) -> str:
    """When the sum over the period and the last year's figure have opposite signs (WPP 2024
    projects large inflows to Ukraine in 2024-2025, then net emigration everywhere), the
    country and years that carry the total, and the years after which the sum changes sign."""
    if total == 0 or at_end == 0 or (total > 0) == (at_end > 0):
        return ""
    sign = 1 if total > 0 else -1
    by_country = years.groupby("country", sort=False)["value"].sum() * sign
    driver = str(by_country.idxmax())
    own = years[(years["country"] == driver) & (years["value"] * sign > 0)]
    yearly = years.groupby("year")["value"].sum()
    after = sorted(int(year) for year, value in yearly.items() if value * sign <= 0)
    direction = "above" if sign > 0 else "below"
    text = (
        f" The total is {direction} zero because of {place(driver)} in "
        f"{_year_span(own['year'].astype(int).tolist())} ({_signed(float(own['value'].sum()))})"
    )
    if after and after[-1] == TO_YEAR:
        start = after[-1]
        while start - 1 in after:
            start -= 1
        subject = "the countries' sum" if by_country.size > 1 else "it"
        text += f"; from {start} {subject} is {'below' if sign > 0 else 'above'} zero every year"
    return text + "."


def _net_migration(rows: pd.DataFrame, link: Link) -> tuple[str, pd.DataFrame]:
    years = rows[(rows["year"] >= FROM_YEAR) & (rows["year"] <= TO_YEAR)]
    total = years.groupby("iso3", sort=False)["value"].sum()
    end = rows[rows["year"] == TO_YEAR].set_index("iso3")
    table = pd.DataFrame(
        {
            "country": end["country"],
            f"net migration {FROM_YEAR}-{TO_YEAR} (sum)": total.reindex(end.index),
            f"net migration {TO_YEAR}": end["value"],
            f"80% interval {TO_YEAR}, lower": end["lower_80"],
            f"80% interval {TO_YEAR}, upper": end["upper_80"],
        }
    ).reset_index(drop=True)
    negative = int((end["value"] < 0).sum())
    overall, at_end = float(total.sum()), float(end["value"].sum())
    text = (
        f"WPP 2024 projects net migration of {_signed(overall)} in total over "
        f"{FROM_YEAR}-{TO_YEAR} for {_where(link)} (medium variant), and "
        f"{_signed(at_end)} in {TO_YEAR} alone"
    )
    if len(end) == 1:
        row = end.iloc[0]
        text += f" (80% interval {_persons(row['lower_80'])} to {_persons(row['upper_80'])})."
    else:
        text += f"; below zero in {TO_YEAR} in {negative} of the {len(end)} countries."
    return text + _why_the_total_differs(years, overall, at_end), table


def evidence(
    statements: Sequence[Statement], projections: Mapping[str, pd.DataFrame]
) -> list[Evidence]:
    """For each 2020-2024 statement test whose family a projection speaks to, the projection to
    TO_YEAR over the test's countries (`projections`: series code -> projection_by_country rows
    of the region from FROM_YEAR to TO_YEAR)."""
    found = []
    for statement in statements:
        if statement.source_id != STRATEGY:
            continue
        for link in statement.links:
            if link.family not in SPEAKS_TO:
                continue
            code, bearing = SPEAKS_TO[link.family]
            rows = projections[code]
            rows = rows[rows["iso3"].isin(link.scope_iso3)]
            if rows.empty:
                continue
            build = _population if code == POPULATION else _net_migration
            sentence, table = build(rows, link)
            found.append(Evidence(statement, link, code, bearing, sentence, table))
    return found
