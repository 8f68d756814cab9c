"""What the overview headlines are made of, and the small reshaping they need. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard import i18n
from dashboard.i18n import _, d_, ngettext
from dashboard.style import format_number

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

# Official-data indicators shown with a sparkline, and the one coloured on the overview map:
# each the headline rule's preferred (current) edition, so a card shows the figure and year of
# the Latest year sentence above it, not a superseded edition's.
HEADLINE_INDICATORS = (
    "undesa2024.migrant_stock",
    "undesa2024.emigrants",
    "wdi2026.remittances_usd",
    "unhcr.refugees_hosted",
)
MAP_INDICATOR = "undesa2024.migrant_share"


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


@dataclass(frozen=True, eq=False)
class IndicatorLine:
    """One indicator's indicator_aggregate rows that have a value, oldest year first."""

    years: np.ndarray  # in the query's dtype, so a chart's x axis encodes exactly as the column
    values: np.ndarray  # float64
    countries_reporting: list[int]
    countries_selected: list[int]


def indicator_lines(aggregate: pd.DataFrame) -> dict[str, IndicatorLine]:
    """indicator_aggregate split by indicator once, for the cards, sentences, tables and charts
    that each read one indicator (a mask, dropna and sort per indicator cost ~1 ms each time)."""
    years = aggregate["year"].to_numpy()
    values = aggregate["value"].to_numpy(dtype="float64", na_value=np.nan)
    reporting = aggregate["countries_reporting"].tolist()
    selected = aggregate["countries_selected"].tolist()
    rows_of: dict[str, list[int]] = {}
    for row, (code, missing) in enumerate(
        zip(aggregate["indicator_code"].tolist(), aggregate["value"].isna().tolist(), strict=True)
    ):
        if not missing:
            rows_of.setdefault(code, []).append(row)
    year_of = years.tolist()
    lines = {}
    for code, rows in rows_of.items():
        rows.sort(key=year_of.__getitem__)  # stable: a repeated year keeps the query's order
        lines[code] = IndicatorLine(
            years[rows], values[rows], [reporting[r] for r in rows], [selected[r] for r in rows]
        )
    return lines


def headline_of(line: IndicatorLine | None, definition: Mapping) -> Headline:
    """Latest value, the one before it and the series of one indicator line (None: no value in
    the scope and years)."""
    code, name, unit = definition["indicator_code"], definition["name"], definition["unit"]
    source, caveat = definition["cite_as"], definition["caveat"]
    if line is None:
        return Headline(code, name, unit, None, None, None, None, [], 0, 0, source, caveat)
    years, values = line.years.tolist(), line.values.tolist()
    return Headline(
        code=code,
        name=name,
        unit=unit,
        year=int(years[-1]),
        value=float(values[-1]),
        previous_year=int(years[-2]) if len(years) > 1 else None,
        previous_value=float(values[-2]) if len(values) > 1 else None,
        series=[float(v) for v in values],
        countries_reporting=int(line.countries_reporting[-1]),
        countries_selected=int(line.countries_selected[-1]),
        source=source,
        caveat=caveat,
    )


def headline(aggregate: pd.DataFrame, definition: Mapping) -> Headline:
    """headline_of() the indicator_aggregate rows of one code."""
    return headline_of(indicator_lines(aggregate).get(definition["indicator_code"]), definition)


def headlines_of(
    aggregate: pd.DataFrame, definitions: pd.DataFrame, codes: tuple[str, ...]
) -> list[Headline]:
    """headline() for each code, in order (definitions indexed by indicator_code)."""
    return [headline(aggregate, definitions.loc[code]) for code in codes]


def figures_by_id(figures: pd.DataFrame) -> dict[str, dict]:
    """Key figure rows (queries.overview.key_figures_with_source) as dicts by figure_id, for the KPI cards."""
    columns = list(figures.columns)
    rows = (
        dict(zip(columns, values, strict=True))
        for values in zip(*(figures[c].tolist() for c in columns), strict=True)
    )
    return {row["figure_id"]: row for row in rows}


def offices_by_type(counts: pd.DataFrame) -> dict[str, int]:
    """Offices per office_type (queries.overview.office_counts)."""
    return dict(
        zip(
            counts["office_type"].tolist(),
            (int(n) for n in counts["offices"].tolist()),
            strict=True,
        )
    )


def figure_source(row: Mapping) -> str:
    """'Document, section' for a key figure row (the file name is on the Data and sources page)."""
    return f"{row['document']}, {row['source_section']}"


def figure_display(row: Mapping) -> str:
    """A key figure as the card shows it, qualified as the document does: "> 1,600", "≈ 29M"."""
    number = format_number(row["value"], row["unit"], compact=True)
    qualifier = row.get("qualifier")
    return f"{qualifier} {number}" if isinstance(qualifier, str) and qualifier else number


@dataclass(frozen=True)
class RegionWideFigure:
    """A figure the documents give for the whole region only, as a card: its key figure id, its
    label and the glossary term its help defines (None: the figure's own label explains it)."""

    figure_id: str
    label: str
    term: str | None = None


def region_wide_figures(offices_as_of: str) -> tuple[RegionWideFigure, ...]:
    """The region-wide cards, in the order shown (three to a row), labelled in the current
    language (`offices_as_of` as config.OFFICES_AS_OF, translated here)."""
    return (
        RegionWideFigure(FIGURE_STAFF, _("Staff ({as_of})").format(as_of=_(offices_as_of))),
        RegionWideFigure(FIGURE_BUDGET, _("Annual budget 2019")),
        RegionWideFigure(FIGURE_PROJECTS, _("Projects implemented 2019")),
        RegionWideFigure(FIGURE_DONORS, _("Donors 2019")),
        RegionWideFigure(FIGURE_MIGRANTS_2013, _("International migrants 2013"), "migrant stock"),
        RegionWideFigure(FIGURE_EMIGRANTS_2013, _("Emigrants 2013"), "emigrant"),
    )


def region_wide_label(card: RegionWideFigure) -> str:
    return _("{label} · region-wide").format(label=card.label)


def as_published(figure: Mapping, with_label: bool) -> str:
    """The help of a region-wide card: the document's own words (and the figure's label). The
    quotation stays English, marked as such on a Russian page; the label is translated."""
    if i18n.language() == i18n.DEFAULT_LANGUAGE:
        quote = f'As published: "{figure["quote"]}".'
        return f"{quote} {figure['label']}." if with_label else quote
    quote = _('As published (in English): "{quote}".').format(quote=figure["quote"])
    return f"{quote} {d_(figure['label'])}." if with_label else quote


def offices_shown(offices: Mapping[str, int]) -> int:
    """Country offices and sub-offices of the selection (the Regional Office comes on top)."""
    return sum(count for kind, count in offices.items() if kind != "regional")


def offices_label(offices_as_of: str) -> str:
    return _("Offices and sub-offices ({as_of})").format(as_of=_(offices_as_of))


def countries_help(countries: Mapping) -> str:
    return _("Table A1 prints {figure} for the region.").format(figure=figure_display(countries))


def offices_help(offices: Mapping) -> str:
    return _(
        "Counted from the Annex 1 list; Table A1 prints {figure} for the region. The Regional "
        "Office in Vienna comes on top; Israel is covered by it."
    ).format(figure=figure_display(offices))


def whole_usd(value: float) -> str:
    """An amount in whole US dollars, every digit shown: "USD 118,075,000" ("118 075 000 долл.
    США"), for sentences that compare printed totals."""
    if i18n.language() == i18n.DEFAULT_LANGUAGE:
        return f"USD {value:,.0f}"
    digits = f"{value:,.0f}".replace(",", i18n.NBSP)
    return f"{digits}{i18n.NBSP}{i18n.formats.RU_USD}"


def funding_label(whole_region: bool) -> str:
    """The funding card's label: what the requirement covers."""
    if whole_region:
        return _(
            "Migration Initiatives 2016 requirement for the whole region, including regional "
            "programmes"
        )
    return _(
        "Migration Initiatives 2016 requirement for the selected countries (regional programmes "
        "excluded)"
    )


def funding_help(areas: int) -> str:
    if i18n.language() == i18n.DEFAULT_LANGUAGE:  # as it always read
        return f"Sum of the cells of the SEEECA table over {areas} programmatic area(s)."
    return ngettext(
        "Sum of the cells of the SEEECA table over {n} programmatic area.",
        "Sum of the cells of the SEEECA table over {n} programmatic areas.",
        areas,
    ).format(n=areas)


def funding_mismatch(funding: Mapping, whole_region: bool) -> str | None:
    """Why the whole region's requirement differs from the overview table's figure, else None."""
    if not whole_region or funding["overview_total"] == funding["usd"]:
        return None
    return _(
        "The overview table of Migration Initiatives 2016 prints {overview} for this region, but "
        "the region's own table adds up to {cells} (its printed total is {printed}). The "
        "dashboard uses the table's cells, which carry the country detail."
    ).format(
        overview=whole_usd(funding["overview_total"]),
        cells=whole_usd(funding["usd"]),
        printed=whole_usd(funding["table_total"]),
    )


def priorities_by_pillar(strategy: pd.DataFrame) -> dict[str, list[str]]:
    """The 2020-2024 strategic priorities under their pillar, in the strategy's order, in the
    current language (the dashboard's own unofficial translation in Russian)."""
    grouped: dict[str, list[str]] = {}
    for pillar, priority in zip(
        strategy["pillar"].tolist(), strategy["priority"].tolist(), strict=True
    ):
        grouped.setdefault(d_(pillar), []).append(d_(priority))
    return grouped


def pillar_heading(pillar: str) -> str:
    return _("Pillar: {pillar}").format(pillar=pillar)


def headline_label(item: Headline) -> str:
    """A headline card's label: the indicator and its latest year."""
    if item.year:
        return _("{indicator}, {year}").format(indicator=d_(item.name), year=item.year)
    return _("{indicator}, no data").format(indicator=d_(item.name))


def headline_help(item: Headline) -> str:
    """How many selected countries report the card's year, then the indicator's caveat."""
    if i18n.language() == i18n.DEFAULT_LANGUAGE:  # as it always read, whatever the count
        reporting = (
            f"{item.countries_reporting} of {item.countries_selected} selected countries report "
            "this year."
        )
    else:
        reporting = ngettext(
            "{reporting} of {selected} selected country reports this year.",
            "{reporting} of {selected} selected countries report this year.",
            item.countries_selected,
        ).format(reporting=item.countries_reporting, selected=item.countries_selected)
    return f"{reporting} {d_(item.caveat)}" if item.caveat else reporting
