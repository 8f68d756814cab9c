"""What the indicator trends page shows, apart from its figures: the indicator catalogue arranged
for the pickers, which indicator opens, the aggregate lines and their coverage, and the sentences
and notes around the charts. Pure: no streamlit.

The outlook tracker, the map and the country projection read the same menu, value formats and
source names, so a figure is written the same way on every page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard import i18n
from dashboard.i18n import N_, _, d_, ngettext, place_name

# A WDI series code in parentheses, " (SM.POP.NETM)" (the pattern dim_source.sql drops too).
SERIES_CODE = re.compile(r" \([A-Z]{2}\.[A-Z0-9]+(?:\.[A-Z0-9]+)*\)")
WHOLE_REGION = N_("Whole region")
SELECTED = N_("Selected countries")
NO_AGGREGATE = N_(
    "No regional aggregate: these are percentages and the warehouse holds no weight (population "
    "or GDP) for this source, and an average of percentages would misweight small and large "
    "countries."
)
# The families of the indicator catalogue as indicator_choices_by_family.sql names them (a test
# keeps the two the same), marked here so that their Russian is extracted.
FAMILY_LABELS = (
    N_("International migrant stock"),
    N_("Migrants as a share of the population"),
    N_("Female share of migrants"),
    N_("Emigrants living abroad"),
    N_("Remittance inflows (US$)"),
    N_("Remittance inflows (% of GDP)"),
    N_("Net migration"),
    N_("Refugees hosted"),
    N_("Refugees originating from the country"),
    N_("Asylum seekers"),
    N_("Internally displaced persons (IDPs)"),
    N_("Population"),
    N_("Other people in need of international protection"),
    N_("GDP (current US$)"),
)
# What a weighted mean is weighted by: the weight indicator's code without its edition.
WEIGHT_NAMES = (N_("population"), N_("migrant stock"))


def is_percent(unit: str) -> bool:
    return unit.lower().startswith("percent")


def family_label(label: str) -> str:
    """A family's label (as indicator_choices_by_family gives it) in the page's language."""
    return _(label)


def indicator_name(definition: Mapping) -> str:
    """The indicator's name in the page's language."""
    return d_(definition["name"])


def unit_label(unit: str) -> str:
    """The indicator's unit in the page's language (axis titles, table headings)."""
    return d_(unit)


def format_value(value: float, unit: str) -> str:
    """A value as written in text: exact counts, two decimals for shares, US$ with its scale."""
    lowered = unit.lower()
    if i18n.language() != i18n.DEFAULT_LANGUAGE:
        if is_percent(unit):
            return i18n.format_percent(value, digits=2)
        if "us$ million" in lowered:
            return i18n.format_money(value * 1e6)
        if "us$" in lowered:
            return i18n.format_money(value)
        return f"{value:,.0f}".replace(",", i18n.NBSP)
    if is_percent(unit):
        return f"{value:,.2f}%"
    if "us$ million" in lowered:
        return f"US$ {value:,.1f} million"
    if "us$" in lowered:
        if abs(value) >= 1e9:
            return f"US$ {value / 1e9:,.2f} billion"
        return f"US$ {value / 1e6:,.1f} million"
    return f"{value:,.0f}"


def source_name(definition: Mapping) -> str:
    """'Publisher, title (vintage)': how a line of text names the source, without the WDI series
    codes a dataset's title lists (technical details, as dim_source's cite_as leaves them out)."""
    vintage = definition["vintage"] or definition["edition"]
    title = SERIES_CODE.sub("", definition["source_title"])
    return f"{definition['publisher']}, {title} ({vintage})"


def source_text(definition: Mapping) -> str:
    """The source line under a chart: the source's human citation (dim_source.cite_as:
    publisher, title, edition, vintage, licence); no codes or file names."""
    cited = definition.get("cite_as") if hasattr(definition, "get") else None
    if isinstance(cited, str) and cited:
        return cited if cited.endswith(".") else f"{cited}."
    vintage = f", version of {definition['vintage']}" if definition["vintage"] else ""
    return (
        f"{definition['publisher']}, {definition['source_title']}{vintage}. "
        f"Licence: {definition['licence']}."
    )


# --- Choosing an indicator -------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorMenu:
    """The indicator catalogue (indicator_choices rows) arranged for the pickers.

    Built once per catalogue (see cache.shaped): with thousands of indicators, scanning the
    catalogue for each lookup on every rerun was the page's largest cost.
    """

    families: dict[str, str]  # family -> label, in catalogue order
    codes_by_family: dict[str, list[str]]  # in catalogue order, the family's default first
    defaults: dict[str, str]  # family -> its default code
    rows: dict[str, dict]  # code -> its catalogue row
    family_of: dict[str, str]  # code -> its family

    @classmethod
    def of(cls, choices: pd.DataFrame) -> IndicatorMenu:
        families: dict[str, str] = {}
        codes_by_family: dict[str, list[str]] = {}
        defaults: dict[str, str] = {}
        rows: dict[str, dict] = {}
        # Column by column: to_dict("records") reads cell by cell, 4x slower on 22,000 codes.
        columns = list(choices.columns)
        for values in zip(*(choices[column].tolist() for column in columns), strict=True):
            row = dict(zip(columns, values, strict=True))
            code, family = row["indicator_code"], row["family"]
            families[family] = row["family_label"]
            codes_by_family.setdefault(family, []).append(code)
            if row["is_family_default"]:
                defaults.setdefault(family, code)
            rows.setdefault(code, row)
        family_of = {code: row["family"] for code, row in rows.items()}
        return cls(families, codes_by_family, defaults, rows, family_of)

    def default_code(self, family: str | None = None) -> str:
        """The default code of a family (of the first family with a default when None)."""
        return self.defaults[family] if family is not None else next(iter(self.defaults.values()))

    def definition(self, code: str) -> dict:
        """The catalogue row of one code, as a mapping."""
        return self.rows[code]

    def label(self, code: str) -> str:
        """A code as the source-and-revision picker offers it: "name, first-last"."""
        row = self.rows[code]
        return f"{d_(row['name'])}, {row['first_year']}-{row['last_year']}"

    def family_name(self, family: str) -> str:
        """A family as the indicator picker offers it."""
        return family_label(self.families[family])

    def lead(self, family_order: Sequence[str], theme_families: Sequence[str]) -> str:
        """The code the page opens on: with a theme, the default of its first family shown;
        otherwise the catalogue's first default."""
        return self.default_code(family_order[0]) if theme_families else self.default_code()

    def settle(
        self, code: str, family: str | None, lead: str, theme_changed: bool
    ) -> tuple[str, str]:
        """The (code, family) the pickers show, from what they held: a new theme opens on its
        lead; a code a rebuilt warehouse dropped falls back to the lead; a code outside the
        family shown gives way to the family's default."""
        if theme_changed:
            code, family = lead, self.family_of[lead]
        if code not in self.rows:
            code = lead
        if family not in self.codes_by_family:
            family = self.family_of[code]
        if code not in self.codes_by_family[family]:
            code = self.default_code(family)
        return code, family


# --- Coverage --------------------------------------------------------------------------------


def countries_without_data(values: pd.DataFrame) -> list[str]:
    """Selected countries with no figure at all in the chosen years (indicator_values_in_year rows)."""
    return [d_(name) for name in values.loc[values["years_with_data"] == 0, "country"]]


def countries_without_value(values: pd.DataFrame) -> list[str]:
    """Selected countries with figures in the range but none in the chosen year."""
    missing = (values["years_with_data"] > 0) & values["value"].isna()
    return [d_(name) for name in values.loc[missing, "country"]]


def countries_with_data(values: pd.DataFrame) -> int:
    return int((values["years_with_data"] > 0).sum())


def aggregate_in_year(rows: pd.DataFrame, year: int) -> dict | None:
    """The aggregate row of one year, or None when no country reports that year."""
    found = rows[(rows["year"] == year) & rows["value"].notna()]
    return None if found.empty else found.iloc[0].to_dict()


def aggregate_label(definition: Mapping, scope: str) -> str:
    """'Whole region (sum)' or 'Selected countries (weighted by population)'."""
    if definition["aggregation"] == "sum":
        return _("{scope} (sum)").format(scope=_(scope))
    weight = str(definition["weight_indicator_code"] or "").split(".")[-1].replace("_", " ")
    return _("{scope} (weighted by {weight})").format(scope=_(scope), weight=_(weight))


@dataclass(frozen=True)
class Aggregate:
    """One aggregate line: its scope and label, indicator_aggregate rows, and the countries it
    should cover."""

    label: str
    rows: pd.DataFrame
    countries_expected: int
    weighted: bool = False
    scope: str = SELECTED

    @classmethod
    def of(
        cls, definition: Mapping, scope: str, rows: pd.DataFrame, values: pd.DataFrame
    ) -> Aggregate:
        """The aggregate of `scope` expected to cover every country with data in `values`
        (indicator_values_in_year rows of the same countries and years)."""
        return cls(
            aggregate_label(definition, scope),
            rows,
            countries_with_data(values),
            definition["aggregation"] == "weighted_mean",
            scope,
        )


def partial_years(aggregate: Aggregate) -> list[int]:
    """Years in which the aggregate lacks a country that reports in other years of the range."""
    rows = aggregate.rows
    partial = rows["countries_reporting"] < aggregate.countries_expected
    if aggregate.weighted:
        partial |= rows["countries_weighted"] < rows["countries_reporting"]
    return [int(y) for y in rows.loc[partial, "year"]]


def year_ranges(years: Sequence[int]) -> str:
    """1995, 2000-2003, 2010: consecutive years joined into ranges."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)


def coverage_note(aggregate: Aggregate) -> str:
    """How many of the selected countries the aggregate covers, year by year, and which years
    are partial (open markers on the chart)."""
    rows = aggregate.rows.dropna(subset=["value"])
    if rows.empty:
        return _("{label}: no year with figures.").format(label=aggregate.label)
    selected = int(rows["countries_selected"].iloc[0])
    counts = rows.groupby("countries_reporting", sort=False)["year"].apply(list)
    parts = [
        _("{count} in {years}").format(count=int(count), years=year_ranges(years))
        for count, years in counts.items()
    ]
    note = ngettext(
        "{label} covers, of the {selected} selected country, {parts}.",
        "{label} covers, of the {selected} selected countries, {parts}.",
        selected,
    ).format(label=aggregate.label, selected=selected, parts="; ".join(parts))
    partial = partial_years(aggregate)
    if partial:
        note += " " + _(
            "In {years} a country that reports in other years is missing: those points are "
            "open markers, not joined to the line."
        ).format(years=year_ranges(partial))
    return note


def places_in_language(places: pd.DataFrame) -> pd.DataFrame:
    """country_labels rows with the names a map draws (country, capital) in the page's
    language."""
    return places.assign(
        **{column: places[column].map(place_name) for column in ("name", "display_name", "capital")}
    )


def values_in_language(values: pd.DataFrame) -> pd.DataFrame:
    """indicator_values_in_year rows with the countries named in the page's language."""
    return values.assign(country=values["country"].map(place_name))


# --- Sentences around the charts -------------------------------------------------------------


def base_caveats(definition: Mapping) -> list[str]:
    """The indicator's own caveat, and why there is no aggregate line when there is none."""
    caveats = [d_(definition["caveat"])] if definition["caveat"] else []
    if definition["aggregation"] == "none":
        caveats.append(_(NO_AGGREGATE))
    return caveats


def no_figure_note(
    definition: Mapping, years: tuple[int, int], countries: Sequence[str], coverage: bool
) -> str:
    """Which countries have no figure of the indicator in the chosen years (`coverage`: with the
    years the source covers, when no country has one)."""
    values = {
        "name": indicator_name(definition),
        "first": years[0],
        "last": years[1],
        "countries": ", ".join(countries),
        "source_first": definition["first_year"],
        "source_last": definition["last_year"],
    }
    if coverage:
        return _(
            "No {name} figure in {first}-{last} for: {countries} (this source covers "
            "{source_first}-{source_last})."
        ).format(**values)
    return _("No {name} figure in {first}-{last} for: {countries}.").format(**values)


def no_value_note(year: int, countries: Sequence[str]) -> str:
    """The countries drawn grey on the map and left off the ranking."""
    return ":material/visibility_off: " + _("No value in {year} for: {countries}.").format(
        year=year, countries=", ".join(countries)
    )


def heading(definition: Mapping, years: tuple[int, int]) -> str:
    return _("{name}, {first}-{last}").format(
        name=indicator_name(definition), first=years[0], last=years[1]
    )


def line_title(definition: Mapping) -> str:
    return _("{name} by country").format(name=indicator_name(definition))


def map_heading(year: int) -> str:
    return _("Map, {year}").format(year=year)


def ranking_heading(year: int) -> str:
    return _("Ranking, {year}").format(year=year)


def aggregate_kpi(aggregate: Aggregate, year: int, unit: str) -> dict | None:
    """The headline card over the lines: the first aggregate in the latest year with data, its
    label, value as written and how many countries report; None when no country reports."""
    latest = aggregate_in_year(aggregate.rows, year)
    if latest is None:
        return None
    return {
        "label": _("{label}, {year}").format(label=aggregate.label, year=year),
        "value": latest["value"],
        "display": format_value(latest["value"], unit),
        "help": ngettext(
            "{reporting} of {selected} selected country reports in {year}: {iso3}.",
            "{reporting} of {selected} selected countries report in {year}: {iso3}.",
            int(latest["countries_selected"]),
        ).format(
            reporting=latest["countries_reporting"],
            selected=latest["countries_selected"],
            year=year,
            iso3=latest["iso3_reporting"],
        ),
    }
