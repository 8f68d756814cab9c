"""Charts of the briefing as plain data, for the exports to draw natively. Pure.

A slide's bar or line chart is described once here, from the same query results as the on-screen
plotly figure: the PowerPoint draws it as a native, editable chart and the PDF as vector graphics,
so both carry the warehouse's numbers (not pixels) and every category label.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import N_, _, d_, format_percent, language, ngettext
from dashboard.i18n.names import place_name
from dashboard.style import IOM_BLUE, MUTED, PALETTE, TEMPLATE_NAME, format_number

if TYPE_CHECKING:
    from dashboard.content.overview import IndicatorLine


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]  # one per category; None where there is no value
    colour: str


@dataclass(frozen=True)
class ChartSpec:
    """A horizontal bar chart (categories top to bottom) or a line chart (categories are years)."""

    kind: str  # "bar" | "line"
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str  # as format_number reads it: "usd", "percent", "persons"...
    axis_title: str
    divisor: float = 1.0  # the axis counts in thousands, millions or billions
    labels: tuple[str, ...] = ()  # bar: the printed amount beside each bar
    colours: tuple[str, ...] = ()  # bar: each bar's colour (the highlighted ones in IOM blue)

    @property
    def alt_text(self) -> str:
        """A one-sentence text alternative: what is drawn and its largest values."""
        if self.kind == "bar":
            pairs = sorted(
                (
                    (v, c)
                    for c, v in zip(self.categories, self.series[0].values, strict=True)
                    if v is not None
                ),
                reverse=True,
            )[:3]
            top = "; ".join(f"{c} {format_number(v, self.unit)}" for v, c in pairs)
            return ngettext(
                "Bar chart: {title}, {n} category; largest: {top}.",
                "Bar chart: {title}, {n} categories; largest: {top}.",
                len(self.categories),
            ).format(title=self.title, n=len(self.categories), top=top)
        parts = []
        for series in self.series:
            points = [
                (year, v) for year, v in zip(self.categories, series.values, strict=True) if v
            ]
            if points:
                (first_year, first), (last_year, last) = points[0], points[-1]
                parts.append(
                    _("{series} from {first} in {first_year} to {last} in {last_year}").format(
                        series=series.name,
                        first=format_number(first, self.unit),
                        first_year=first_year,
                        last=format_number(last, self.unit),
                        last_year=last_year,
                    )
                )
        return _("Line chart: {title}. {lines}.").format(title=self.title, lines="; ".join(parts))


SCALE_WORDS = ((1e9, N_("billion")), (1e6, N_("million")), (1e3, N_("thousand")))
# Units an axis names in the dashboard's words; any other is the catalogue's unit (d_).
AXIS_UNITS = {"current US$": N_("US$ (current)"), "USD": N_("USD"), "persons": N_("persons")}


def scale(peak: float) -> tuple[float, str]:
    """Divisor and axis word so that ticks read '12 million' rather than '12M' or '0.012G'."""
    for divisor, word in SCALE_WORDS:
        if peak >= divisor:
            return divisor, _(word)
    return 1.0, ""


def _axis_title(unit: str, word: str) -> str:
    shown = _(AXIS_UNITS[unit]) if unit in AXIS_UNITS else d_(unit)
    return _("{unit}, {scale}").format(unit=shown, scale=word) if word else shown


def _display_unit(unit: str) -> str:
    if "US$" in unit or unit.upper().startswith("USD"):
        return "usd"
    return "percent" if unit.lower().startswith("percent") else unit


def trend_chart(
    lines: Mapping[str, IndicatorLine],
    definitions: Mapping[str, Mapping],
    codes: tuple[str, ...],
    title: str,
) -> ChartSpec:
    """One line per indicator with a value, on the years any of them has (lines:
    headlines.indicator_lines, definitions: profile.definitions_by_code)."""
    drawn = [(position, code) for position, code in enumerate(codes) if code in lines]
    years = sorted({int(y) for _position, code in drawn for y in lines[code].years.tolist()})
    series = []
    for position, code in drawn:
        line = lines[code]
        by_year: dict[int, float] = {}
        for year, value in zip(line.years.tolist(), line.values.tolist(), strict=True):
            by_year.setdefault(int(year), float(value))
        series.append(
            Series(
                d_(definitions[code]["name"]) if code in definitions else code,
                tuple(by_year.get(year) for year in years),
                PALETTE[position % len(PALETTE)],
            )
        )
    peak = max((abs(v) for s in series for v in s.values if v is not None), default=0.0)
    divisor, word = scale(peak)
    unit = definitions[codes[0]]["unit"] if codes[0] in definitions else ""
    return ChartSpec(
        kind="line",
        title=title,
        categories=tuple(str(year) for year in years),
        series=tuple(series),
        unit=_display_unit(unit),
        axis_title=_axis_title(unit, word),
        divisor=divisor,
    )


def funding_by_area_chart(areas: pd.DataFrame, title: str) -> ChartSpec:
    """The requirement per programmatic area; a '-' cell (no requirement) is labelled, not 0."""
    amounts = [None if pd.isna(v) else float(v) for v in areas["usd"].astype("Float64").tolist()]
    peak = max((v for v in amounts if v is not None), default=0.0)
    divisor, word = scale(peak)
    return ChartSpec(
        kind="bar",
        title=title,
        categories=tuple(d_(str(a)) for a in areas["area"].tolist()),
        series=(Series(_("Requirement 2016"), tuple(amounts), IOM_BLUE),),
        unit="usd",
        axis_title=_axis_title("USD", word),
        divisor=divisor,
        labels=tuple(
            _("- no requirement") if v is None else format_number(v, "usd") for v in amounts
        ),
        colours=tuple(IOM_BLUE for _amount in amounts),
    )


def funding_by_country_chart(
    by_country: pd.DataFrame, highlight: tuple[str, ...], title: str
) -> ChartSpec:
    """The region's countries with a 2016 requirement, largest first, the highlighted in blue."""
    usd = by_country["usd"].to_numpy(dtype="float64", na_value=np.nan)
    shown = np.flatnonzero(~np.isnan(usd))
    rows = shown[np.argsort(-usd[shown], kind="stable")].tolist()
    names, codes = by_country["name"].tolist(), by_country["iso3"].tolist()
    amounts = [float(usd[r]) for r in rows]
    divisor, word = scale(max(amounts, default=0.0))
    wanted = set(highlight)
    return ChartSpec(
        kind="bar",
        title=title,
        categories=tuple(place_name(str(names[r])) for r in rows),
        series=(Series(_("Requirement 2016"), tuple(amounts), MUTED),),
        unit="usd",
        axis_title=_axis_title("USD", word),
        divisor=divisor,
        labels=tuple(format_number(v, "usd") for v in amounts),
        colours=tuple(IOM_BLUE if codes[r] in wanted else MUTED for r in rows),
    )


# Where a country's emigrants live: the region in IOM blue, the European Union in sky blue.
PLACE_COLOURS = {"SEEECA region": IOM_BLUE, "European Union": "#56B4E9"}


def destination_name(name: str, iso3: str) -> str:
    """A country of destination (UN DESA's name) in the current language: the region's from the
    names table, the rest of the world's from data.po, else (a place no page names otherwise)
    from pycountry's ISO 3166 Russian catalogue, as the names table's Russian is made."""
    shown = d_(place_name(name))
    if shown != name or language() == "en":
        return shown
    from dashboard.ingest.names_ru import iso3166_russian  # late: only another language needs it

    return iso3166_russian(iso3) or name


def destinations_chart(destinations: pd.DataFrame, title: str) -> ChartSpec:
    """A country's emigrants by country of destination (queries.corridors.country_destinations),
    largest first, each bar labelled with its count and share of all the country's emigrants."""
    migrants = [float(v) for v in destinations["migrants"].tolist()]
    shares = [float(v) for v in destinations["share"].tolist()]
    divisor, word = scale(max(migrants, default=0.0))
    return ChartSpec(
        kind="bar",
        title=title,
        categories=tuple(
            destination_name(str(name), str(iso3))
            for name, iso3 in zip(
                destinations["destination"].tolist(),
                destinations["destination_iso3"].tolist(),
                strict=True,
            )
        ),
        series=(Series(_("Emigrants"), tuple(migrants), IOM_BLUE),),
        unit="persons",
        axis_title=_axis_title("persons", word),
        divisor=divisor,
        labels=tuple(
            f"{format_number(m)} ({format_percent(s * 100, 0)})"
            for m, s in zip(migrants, shares, strict=True)
        ),
        colours=tuple(
            PLACE_COLOURS.get(group, MUTED) for group in destinations["place_group"].tolist()
        ),
    )


def bar_figure(spec: ChartSpec) -> go.Figure:
    """The bar chart of a spec as a plotly figure for the screen (first category at the top)."""
    values = [0 if v is None else v / spec.divisor for v in spec.series[0].values]
    figure = go.Figure(
        go.Bar(
            x=values[::-1],
            y=list(spec.categories)[::-1],
            orientation="h",
            marker={"color": list(spec.colours)[::-1] or spec.series[0].colour},
            text=list(spec.labels)[::-1],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    peak = max(values, default=0) or 1
    figure.update_layout(
        template=TEMPLATE_NAME,
        title=spec.title,
        showlegend=False,
        xaxis={"title": {"text": spec.axis_title}, "range": [0, peak * 1.35]},
        yaxis={"title": None},
    )
    return figure
