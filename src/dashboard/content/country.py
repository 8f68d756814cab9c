"""What a country profile is made of, and the small reshaping it needs. Pure (no streamlit).

Shared by the country profile page and the briefing (on screen and in exports), so a number reads
the same wherever a manager meets it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard import i18n
from dashboard.content import overview as headlines
from dashboard.i18n import N_, _, d_, place_name
from dashboard.style import format_number
from dashboard.warehouse import mark_kosovo

KOSOVO = "XKX"
ISRAEL = "ISR"

# Headline indicators of a profile, in the order the cards are shown.
PROFILE_INDICATORS = (
    "undesa2020.migrant_stock",
    "undesa2020.migrant_share",
    "undesa2020.emigrants",
    "wdi.net_migration",
    "wdi.remittances_usd",
    "wdi.remittances_gdp",
    "unhcr.refugees_hosted",
    "unhcr.refugees_originating",
    "unhcr.asylum_seekers_originating",
    "unhcr.idps",
)


@dataclass(frozen=True)
class TrendGroup:
    """Indicators drawn on one chart: same unit, same publisher, so one axis is honest."""

    key: str
    codes: tuple[str, ...]
    subject: str  # the chart's title, "{place}" standing for the country or selection
    country_only: bool = False  # no regional figure exists (a ratio without its denominator)
    label: str = ""  # its name in the profile's chart picker

    def title(self, place: str) -> str:
        """The chart's title for `place`, in the current language."""
        return _(self.subject).format(place=place)


TREND_GROUPS = (
    TrendGroup(
        "migrants",
        ("undesa2020.migrant_stock", "undesa2020.emigrants"),
        N_("Immigrants and emigrants, {place}"),
        label=N_("Immigrants and emigrants"),
    ),
    TrendGroup(
        "remittances",
        ("wdi.remittances_usd",),
        N_("Personal remittances received, {place}"),
        label=N_("Remittances (US$)"),
    ),
    TrendGroup(
        "remittances-gdp",
        ("wdi.remittances_gdp",),
        N_("Personal remittances received as % of GDP, {place}"),
        country_only=True,
        label=N_("Remittances (% of GDP)"),
    ),
    TrendGroup(
        "displacement",
        ("unhcr.refugees_originating", "unhcr.asylum_seekers_originating", "unhcr.idps"),
        N_("Refugees and asylum-seekers from {place}, and IDPs"),
        label=N_("Refugees from it, IDPs"),
    ),
    TrendGroup(
        "refugees-hosted",
        ("unhcr.refugees_hosted", "unhcr.asylum_seekers_hosted"),
        N_("Refugees and asylum-seekers hosted in {place}"),
        label=N_("Refugees hosted"),
    ),
)
TREND_CODES = tuple(dict.fromkeys(code for group in TREND_GROUPS for code in group.codes))


def records(frame: pd.DataFrame, columns: tuple[str, ...] | None = None) -> list[dict]:
    """The frame's rows as dicts (of the given columns, default all), read column by column:
    iterrows/itertuples and to_dict read a small frame cell by cell, which cost more than what
    the briefing then does with the rows."""
    columns = list(frame.columns) if columns is None else list(columns)
    values = zip(*(frame[c].tolist() for c in columns), strict=True)
    return [dict(zip(columns, row, strict=True)) for row in values]


def definitions_by_code(definitions: pd.DataFrame) -> dict[str, dict]:
    """Each indicator_definitions row as a dict, by code (a .loc on the frame costs ~0.1 ms)."""
    return {row["indicator_code"]: row for row in records(definitions)}


def document_source(document: str, file: str, section: str) -> str:
    """'Document title, section': the source line of a figure read from a document (the file it
    was transcribed from is named on the Data and sources page only)."""
    del file  # kept in the signature: callers pass the row's file column with the others
    return f"{document}, {section}"


def dataset_source(definition: Mapping) -> str:
    """'Publisher, dataset (vintage), licence': the source line of an official-data figure."""
    return (
        f"{definition['publisher']}, {definition['source_title']} "
        f"({definition['vintage'] or definition['edition']}), {definition['licence']}"
    )


def not_published_separately(definition: Mapping, iso3: str) -> str | None:
    """Why a Kosovo figure is missing where the publisher counts Kosovo within Serbia, else None."""
    if iso3 != KOSOVO or "Serbia includes Kosovo" not in str(definition.get("caveat") or ""):
        return None
    return _(
        "{publisher} counts Kosovo (UNSCR 1244) within Serbia and publishes no separate figure."
    ).format(publisher=d_(definition["publisher"]))


@dataclass(frozen=True)
class IndicatorCard:
    headline: headlines.Headline
    display: str
    note: str | None  # shown instead of a value, or as help beside it


def indicator_cards(
    lines: Mapping[str, headlines.IndicatorLine],
    definitions: Mapping[str, Mapping],
    codes: tuple[str, ...],
    iso3: str,
) -> list[IndicatorCard]:
    """Latest value and series per indicator for one country, saying why a value is absent
    (lines from headlines.indicator_lines, definitions from definitions_by_code)."""
    cards = []
    for code in codes:
        if code not in definitions:
            continue
        definition = definitions[code]
        item = headlines.headline_of(lines.get(code), definition)
        included = not_published_separately(definition, iso3) if item.value is None else None
        if included:
            display = _("Included in Serbia")
        elif item.value is None:
            display = _("no data")
        else:
            display = format_number(item.value, display_unit(item.unit))
        cards.append(IndicatorCard(item, display, included))
    return cards


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """'1 sub-office', '6 sub-offices', 'no sub-offices'."""
    if count == 0:
        return f"no {nouns or noun + 's'}"
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


def ordinal(number: int) -> str:
    """'1st', '22nd' ('1-е', '22-е' in Russian: the ordinal of "место", neuter)."""
    if i18n.language() != i18n.DEFAULT_LANGUAGE:
        return _("{number}th").format(number=number)
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


@dataclass(frozen=True)
class FundingRank:
    """A country's 2016 SEEECA requirement and where it stands among the countries in the table."""

    iso3: str
    name: str
    in_table: bool
    usd: float | None
    rank: int | None
    countries_ranked: int
    tied_with: tuple[str, ...]
    printed_row_total: float | None
    source: str

    @property
    def display(self) -> str:
        if not self.in_table:
            return _("not in the table")
        return format_number(self.usd, "usd") if self.usd is not None else _("no requirement")

    @property
    def rank_text(self) -> str:
        if self.rank is None:
            return _("not ranked")
        if self.tied_with:
            return _("{rank} of {count} in the region, tied with {others}").format(
                rank=ordinal(self.rank),
                count=self.countries_ranked,
                others=", ".join(place_name(name) for name in self.tied_with),
            )
        return _("{rank} of {count} in the region").format(
            rank=ordinal(self.rank), count=self.countries_ranked
        )

    @property
    def sentence(self) -> str:
        if not self.in_table:
            return _(
                "{name} has no row in the Migration Initiatives 2016 SEEECA funding table, so no "
                "2016 requirement was published for it."
            ).format(name=place_name(self.name))
        return _("{name} asked for {amount} in 2016 ({exact}), {rank}.").format(
            name=place_name(self.name),
            amount=self.display,
            exact=headlines.whole_usd(self.usd),
            rank=self.rank_text,
        )


def funding_rank(by_country: pd.DataFrame, iso3: str, region_source: str) -> FundingRank:
    """The country's row of seeeca_funding_by_country as a FundingRank."""
    rows = records(by_country)
    row = {row["iso3"]: row for row in rows}[iso3]
    in_table = bool(row["in_table"])
    usd = None if pd.isna(row["usd"]) else float(row["usd"])
    rank = None if pd.isna(row["rank"]) else int(row["rank"])
    tied = (
        [
            r["name"]
            for r in rows
            if not pd.isna(r["rank"]) and r["rank"] == rank and r["iso3"] != iso3
        ]
        if rank
        else []
    )
    source = (
        document_source(row["document"], row["file"], row["source_section"])
        if in_table
        else region_source
    )
    ranked = [r["countries_ranked"] for r in rows if not pd.isna(r["countries_ranked"])]
    return FundingRank(
        iso3=iso3,
        name=str(row["name"]),
        in_table=in_table,
        usd=usd,
        rank=rank,
        countries_ranked=int(ranked[0]) if ranked else 0,
        tied_with=tuple(tied),
        printed_row_total=None
        if pd.isna(row["printed_row_total"])
        else float(row["printed_row_total"]),
        source=source,
    )


def funding_area_table(areas: pd.DataFrame) -> pd.DataFrame:
    """Requirement per programmatic area as printed: '-' where the table has no requirement."""
    ru = i18n.language() != i18n.DEFAULT_LANGUAGE
    return pd.DataFrame(
        {
            _("Programmatic area"): [d_(area) for area in areas["area"].tolist()],
            _("Requirement 2016 (USD)"): [
                "-" if pd.isna(v) else f"{int(v):,}".replace(",", i18n.NBSP if ru else ",")
                for v in areas["usd"]
            ],
        }
    )


def office_columns_as_published() -> tuple[str, ...]:
    """The office table's columns that stay as published (the document's own name of the
    office, the address as printed, the email): marked English on a page in another language."""
    return (_("Printed as"), _("Address"), _("Email"))


def status_columns_as_published() -> tuple[str, ...]:
    """The status table's columns as published: the document's title, the name it prints and
    its section heading."""
    return (_("Document"), _("Printed name"), _("Where"))


def office_table(offices: pd.DataFrame) -> pd.DataFrame:
    """Offices with their contacts, as a manager would look them up (blank = not published)."""
    kinds = {
        "regional": _("Regional Office"),
        "country": _("Country office"),
        "sub-office": _("Sub-office"),
    }

    def text(values: list) -> pd.api.extensions.ExtensionArray:
        return pd.array(values, dtype="str")

    def blank(column: str) -> pd.api.extensions.ExtensionArray:
        return text([v if isinstance(v, str) else "" for v in offices[column].tolist()])

    # Built from arrays: Series would be aligned on their index again, and fillna/map each cost
    # more than these few rows.
    return pd.DataFrame(
        {
            _("Office"): text([d_(name) for name in offices["name"].tolist()]),
            _("Type"): text([kinds.get(kind, np.nan) for kind in offices["office_type"].tolist()]),
            _("City"): text([place_name(city) for city in offices["city"].tolist()]),
            _("Printed as"): offices["name_as_published"].array,
            _("Address"): blank("address"),
            _("Telephone"): blank("telephone"),
            _("Email"): blank("email"),
        },
        index=offices.index,
    )


def contact_source(offices: pd.DataFrame) -> str | None:
    """Source line of the addresses and telephones (a different document from the office list)."""
    rows = offices.dropna(subset=["contact_document"])
    if rows.empty:
        return None
    row = rows.iloc[0]
    return document_source(
        row["contact_document"], row["contact_file"], row["contact_source_section"]
    )


def status_table(names: pd.DataFrame) -> pd.DataFrame:
    """Per document: the name it prints and the IOM status it marks (most mark none)."""
    return pd.DataFrame(
        {
            _("Document"): names["document"],
            # the name as printed, with the UNSCR 1244 footnote marker where it names Kosovo
            _("Printed name"): names["name_as_published"].map(mark_kosovo),
            _("IOM status"): [
                d_(status) if isinstance(status, str) else _("not marked in this document")
                for status in names["iom_status"].tolist()
            ],
            _("Where"): names["source_section"],
        }
    )


def statement_scope(row: Mapping) -> str:
    """'countries named: Belarus, Ukraine' for a statement about given countries, else
    'region-wide' (said beside the quoted statement, so a bare verb would read as its text)."""
    named = row.get("named_countries")
    if isinstance(named, str) and named:
        names = ", ".join(place_name(name) for name in named.split(", "))
        return _("countries named: {names}").format(names=names)
    return _("region-wide")


def display_unit(unit: str) -> str:
    """The unit format_number understands: catalogue units in US$ are money."""
    if "US$" in unit:
        return "usd"
    return "percent" if unit.lower().startswith("percent") else unit


# A first value this small against the last makes a ratio or a percentage meaningless.
NEAR_ZERO_RATIO = 3.0


def change_is_span(first_value: float, last_value: float, unit: str) -> bool:
    """Whether change_text gives the two figures ('from 64 in 2000 to 149,324 in 2025') rather
    than a percentage: a share, or a near-zero (or zero, or negative) base."""
    if display_unit(unit) == "percent":
        return True
    return first_value <= 0 or last_value / first_value >= NEAR_ZERO_RATIO


def change_text(
    first_value: float, first_year: int, last_value: float, last_year: int, unit: str
) -> str:
    """'up 12% from 2000 to 2025', or 'from 64 in 2000 to 149,324 in 2025' where a percentage
    would be read off a near-zero (or zero, or negative) base."""
    shown = display_unit(unit)
    first, last = format_number(first_value, shown), format_number(last_value, shown)
    # a change of a share is said in points, not in percent of itself
    if change_is_span(first_value, last_value, unit):
        return _("from {first} in {first_year} to {last} in {last_year}").format(
            first=first, first_year=first_year, last=last, last_year=last_year
        )
    change = last_value / first_value - 1
    if round(change * 100) == 0:
        return _("about the same in {last_year} as in {first_year}").format(
            first_year=first_year, last_year=last_year
        )
    text = (
        _("up {change} from {first_year} to {last_year}")
        if change > 0
        else _("down {change} from {first_year} to {last_year}")
    )
    percent = f"{abs(change):.0%}"
    if i18n.language() != i18n.DEFAULT_LANGUAGE:
        percent = i18n.format_percent(round(abs(change) * 100), digits=0)
    return text.format(change=percent, first_year=first_year, last_year=last_year)


# The profile's chart blocks beyond the funding charts, one drawn at a time on screen (a picker
# chooses) and all of them in the print view: the trend groups, the UN projections, the corridors.
PROJECTIONS, CORRIDORS = "projections", "corridors"
CHART_BLOCKS: dict[str, str] = {
    **{f"trend-{group.key}": group.label for group in TREND_GROUPS},
    PROJECTIONS: N_("UN projections to 2050"),
    CORRIDORS: N_("Migration corridors"),
}
DEFAULT_CHART_BLOCK = next(iter(CHART_BLOCKS))


def chart_blocks_drawn(chosen: str | None, print_view: bool) -> tuple[str, ...]:
    """The chart blocks a run draws: every one in the print view, else the chosen one."""
    if print_view:
        return tuple(CHART_BLOCKS)
    return (chosen if chosen in CHART_BLOCKS else DEFAULT_CHART_BLOCK,)


def introduction(country: Mapping, years: tuple[int, int]) -> str:
    """The line under the profile's title: where the country is, and the years shown."""
    return _("{subregion} · capital {capital} · indicators {year_from}-{year_to}.").format(
        subregion=d_(country["subregion"]),
        capital=place_name(country["capital"]),
        year_from=years[0],
        year_to=years[1],
    )


def office_sources(office_source: str, contact_source: str | None) -> str:
    """The source line of the office list: the annex, and where the contacts come from (both
    citations as given: markup on a Russian page, see ui.english)."""
    if not contact_source:
        return office_source
    return _("{offices}; contacts: {contacts}").format(
        offices=office_source, contacts=contact_source
    )


def covered_from_vienna(name: str) -> str:
    return _(
        "{name} has no IOM office; the Regional Office in Vienna covers it (shown here)."
    ).format(name=name)


def funding_scope(name: str) -> str:
    """What the funding figures add up, under them."""
    return _(
        "Sum of {name}'s cells in the Migration Initiatives 2016 SEEECA table, all programmatic "
        "areas (the sidebar's theme filter does not apply here). '-' in the table means no "
        "requirement."
    ).format(name=name)


def no_key_figures(name: str) -> str:
    return _(
        "No document states a figure specific to {name}; region-wide figures are on the overview."
    ).format(name=name)


def outlook_order(name: str, named: int) -> str:
    """The line under the outlook heading: the statements naming the country come first."""
    if named:
        return _(
            "Statements of the IOM strategies that name {name} first; the region-wide ones open "
            "below."
        ).format(name=name)
    return _(
        "No statement of the IOM strategies names {name}; the region-wide ones open below."
    ).format(name=name)


def no_findings(name: str) -> str:
    return _("No data-quality finding names {name} or one of its offices.").format(name=name)


def findings_title(name: str) -> str:
    return _("What to know about the published figures for {name}").format(name=name)


def split_by_scope(statements: list[Mapping]) -> tuple[list[Mapping], list[Mapping]]:
    """Outlook statements that name countries, then the region-wide ones (each in its order)."""
    named = [row for row in statements if statement_scope(row) != "region-wide"]
    return named, [row for row in statements if statement_scope(row) == "region-wide"]


def region_wide_statements(count: int) -> str:
    """The title of the expander holding the region-wide statements."""
    return _("Region-wide statements ({count})").format(count=count)


# What an outlook statement expects of its indicators (bridge_outlook_indicator.expectation).
EXPECTATIONS = {
    "increase": N_("increase"),
    "decrease": N_("decrease"),
    "persist": N_("persist"),
    "stay_high": N_("stay high"),
    "stay_low": N_("stay low"),
}


def expectations_text(expectations: str) -> str:
    """'increase, stay high' from the query's comma-separated expectation codes."""
    return ", ".join(
        _(EXPECTATIONS[code]) if code in EXPECTATIONS else code.replace("_", " ")
        for code in expectations.split(", ")
    )


def indicator_detail(card: IndicatorCard) -> str:
    """Under a headline card's value: its year, else why there is none."""
    item = card.headline
    if item.year:
        return str(item.year)
    return _("no separate figure") if card.note else _("no data")
