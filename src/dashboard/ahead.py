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

from dashboard import i18n
from dashboard.changes import format_amount, place
from dashboard.i18n import N_, _, d_, pgettext
from dashboard.outlook import Link, Statement

STRATEGY = "iom_seeeca_strategy_2020_2024"
FROM_YEAR, TO_YEAR = 2024, 2030
NET_MIGRATION, POPULATION = "wpp2024.net_migration", "wpp2024.population"
# indicator family of a test -> (projection series, how the projection bears on the family)
SPEAKS_TO: dict[str, tuple[str, str]] = {
    "population": (POPULATION, N_("the projected population")),
    "net_migration": (NET_MIGRATION, N_("the projected net migration")),
    "emigrants": (
        NET_MIGRATION,
        N_(
            "net emigration continues where projected net migration stays below zero (it nets "
            "out immigration, so it understates emigration)"
        ),
    ),
    "migrant_stock": (
        NET_MIGRATION,
        N_(
            "an immigrant stock grows where more people arrive than leave (projected net "
            "migration above zero), though returns and deaths count too"
        ),
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
    if len(link.scope_iso3) == 1 and i18n.language() == i18n.DEFAULT_LANGUAGE:
        return place(link.scope_label)
    return link.scope_label


def _country(name: str) -> str:
    """A country in a sentence: 'the Russian Federation' in English, its Russian name."""
    return place(name) if i18n.language() == i18n.DEFAULT_LANGUAGE else d_(name)


def _persons(value: float) -> str:
    if i18n.language() != i18n.DEFAULT_LANGUAGE:
        return i18n.format_number(value)
    return format_amount(value, "persons")


def _percent(change: float) -> str:
    if i18n.language() != i18n.DEFAULT_LANGUAGE:
        return f"{change:+.1f}".replace(".", ",") + i18n.NBSP + "%"
    return f"{change:+.1f}%"


def _interval(bound: str) -> str:
    """The heading of an interval column: '80% interval 2030, lower'."""
    if bound == "lower":
        return _("80% interval {year}, lower").format(year=TO_YEAR)
    return _("80% interval {year}, upper").format(year=TO_YEAR)


def _population(rows: pd.DataFrame, link: Link) -> tuple[str, pd.DataFrame]:
    start = rows[rows["year"] == FROM_YEAR].set_index("iso3")
    end = rows[rows["year"] == TO_YEAR].set_index("iso3")
    table = pd.DataFrame(
        {
            _("country"): end["country"].map(d_),
            _("end-{year}").format(year=FROM_YEAR): start["value"],
            _("end-{year}").format(year=TO_YEAR): end["value"],
            _("change (%)"): ((end["value"] - start["value"]) / start["value"] * 100).round(1),
            _interval("lower"): end["lower_80"],
            _interval("upper"): end["upper_80"],
        }
    ).reset_index(drop=True)
    before, after = float(start["value"].sum()), float(end["value"].sum())
    falling = int((end["value"] < start["value"]).sum())
    text = _(
        "WPP 2024 projects the population of {where} to go from {before} at the end of {start} "
        "to {after} at the end of {end} ({change}, medium variant)"
    ).format(
        where=_where(link),
        before=_persons(before),
        start=FROM_YEAR,
        after=_persons(after),
        end=TO_YEAR,
        change=_percent((after - before) / before * 100),
    )
    if len(end) == 1:
        row = end.iloc[0]
        text += _("; 80% interval {lower} to {upper} in {year}.").format(
            lower=_persons(row["lower_80"]), upper=_persons(row["upper_80"]), year=TO_YEAR
        )
    elif falling == 0:
        text += _("; it grows in every one of the {count} countries.").format(count=len(end))
    else:
        text += _("; it falls in {falling} of the {count} countries.").format(
            falling=falling, count=len(end)
        )
    return text, table


def _signed(value: float) -> str:
    """A net figure with its sign: '+2.28 million', '-65,775'."""
    return ("+" if value > 0 else "") + _persons(value)


def _year_span(years: Sequence[int]) -> str:
    """'2024' or '2024-2025'; in Russian '2024 г.' or '2024–2025 гг.' (a bare year after «за»
    does not read as a year)."""
    first, last = min(years), max(years)
    if first == last:
        return pgettext("one year in a sentence", "{year}").format(year=first)
    return pgettext("years in a sentence", "{first}-{last}").format(first=first, last=last)


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
    values = {
        "country": _country(driver),
        "years": _year_span(own["year"].astype(int).tolist()),
        "amount": _signed(float(own["value"].sum())),
    }
    if sign > 0:
        text = " " + _("The total is above zero because of {country} in {years} ({amount})")
    else:
        text = " " + _("The total is below zero because of {country} in {years} ({amount})")
    text = text.format(**values)
    if after and after[-1] == TO_YEAR:
        start = after[-1]
        while start - 1 in after:
            start -= 1
        several = by_country.size > 1
        if sign > 0:
            every = (
                _("; from {year} the countries' sum is below zero every year")
                if several
                else _("; from {year} it is below zero every year")
            )
        else:
            every = (
                _("; from {year} the countries' sum is above zero every year")
                if several
                else _("; from {year} it is above zero every year")
            )
        text += every.format(year=start)
    return text + "."


def _net_migration(rows: pd.DataFrame, link: Link) -> tuple[str, pd.DataFrame]:
    years = rows[(rows["year"] >= FROM_YEAR) & (rows["year"] <= TO_YEAR)]
    total = years.groupby("iso3", sort=False)["value"].sum()
    end = rows[rows["year"] == TO_YEAR].set_index("iso3")
    table = pd.DataFrame(
        {
            _("country"): end["country"].map(d_),
            _("net migration {start}-{end} (sum)").format(
                start=FROM_YEAR, end=TO_YEAR
            ): total.reindex(end.index),
            _("net migration {year}").format(year=TO_YEAR): end["value"],
            _interval("lower"): end["lower_80"],
            _interval("upper"): end["upper_80"],
        }
    ).reset_index(drop=True)
    negative = int((end["value"] < 0).sum())
    overall, at_end = float(total.sum()), float(end["value"].sum())
    text = _(
        "WPP 2024 projects net migration of {overall} in total over {start}-{end} for {where} "
        "(medium variant), and {at_end} in {end} alone"
    ).format(
        overall=_signed(overall),
        start=FROM_YEAR,
        end=TO_YEAR,
        where=_where(link),
        at_end=_signed(at_end),
    )
    if len(end) == 1:
        row = end.iloc[0]
        text += _(" (80% interval {lower} to {upper}).").format(
            lower=_persons(row["lower_80"]), upper=_persons(row["upper_80"])
        )
    else:
        text += _("; below zero in {year} in {negative} of the {count} countries.").format(
            year=TO_YEAR, negative=negative, count=len(end)
        )
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
            found.append(Evidence(statement, link, code, _(bearing), sentence, table))
    return found
