"""Figures of the trends and outlook pages: country lines with the regional aggregate, a ranked
bar, and the small chart beside each outlook statement (the map of one year is a pydeck map,
maps.trend_deck, which can draw names offline). Pure."""

from __future__ import annotations

import functools
import math
import textwrap
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import plotly.io as pio

from dashboard import i18n, speedups
from dashboard.content.trends import (
    Aggregate,
    indicator_name,
    is_percent,
    partial_years,
    unit_label,
)
from dashboard.i18n import _, d_, ngettext
from dashboard.style import MUTED, PALETTE, REGION_COLOUR, TEMPLATE_NAME

AGGREGATE_COLOURS = (REGION_COLOUR, "#6B6B6B")
# Beyond eight countries the palette repeats, so the dash pattern tells the lines apart.
LINE_DASHES = ("solid", "dot", "dashdot")
RANKING_TITLE_WRAP = 40  # characters per title line of the ranking, in its 2:5 column


def hover_value(unit: str, field: str = "y") -> str:
    """A plotly hover template fragment giving the exact value in the indicator's unit."""
    lowered = unit.lower()
    if is_percent(unit):
        if i18n.language() != i18n.DEFAULT_LANGUAGE:
            return f"%{{{field}:,.2f}}{i18n.NBSP}%"
        return f"%{{{field}:,.2f}}%"
    if "us$ million" in lowered:
        return _("US$ {value} million").format(value=f"%{{{field}:,.1f}}")
    if "us$" in lowered:
        return _("US$ {value}").format(value=f"%{{{field}:,.0f}}")
    return f"%{{{field}:,.0f}}"


def trend_figure(
    series: pd.DataFrame, aggregates: Sequence[Aggregate], definition: Mapping, title: str
) -> go.Figure:
    """One line per country (columns country, year, value) and optional aggregate lines.

    An aggregate is drawn as a line only through years with full coverage; years where a
    reporting country is missing are open markers, so a coverage gap never reads as a drop.
    """
    hover = hover_value(definition["unit"])
    figure = go.Figure()
    for index, (english_name, rows) in enumerate(series.groupby("country", sort=False)):
        country = d_(english_name)
        figure.add_trace(
            go.Scatter(
                x=rows["year"],
                y=rows["value"],
                name=country,
                mode="lines+markers",
                line={
                    "color": PALETTE[index % len(PALETTE)],
                    "width": 2,
                    "dash": LINE_DASHES[index // len(PALETTE) % len(LINE_DASHES)],
                },
                marker={"size": 5},
                hovertemplate=f"<b>{country}</b><br>%{{x}}: {hover}<extra></extra>",
            )
        )
    for index, aggregate in enumerate(aggregates):
        rows = aggregate.rows.dropna(subset=["value"])
        partial = set(partial_years(aggregate))
        coverage = [
            ngettext(
                "{reporting} of {selected} selected country reports",
                "{reporting} of {selected} selected countries report",
                int(r.countries_selected),
            ).format(reporting=r.countries_reporting, selected=r.countries_selected)
            for r in rows.itertuples()
        ]
        colour = AGGREGATE_COLOURS[index % len(AGGREGATE_COLOURS)]
        figure.add_trace(
            go.Scatter(
                x=rows["year"],
                y=rows["value"].where(~rows["year"].isin(partial)),
                name=aggregate.label,
                mode="lines+markers",
                connectgaps=False,
                customdata=coverage,
                line={"color": colour, "width": 4, "dash": "dash"},
                marker={"size": 7, "color": colour},
                hovertemplate=f"<b>{aggregate.label}</b><br>%{{x}}: {hover}<br>%{{customdata}}<extra></extra>",
            )
        )
        if partial:
            marked = rows["year"].isin(partial)
            figure.add_trace(
                go.Scatter(
                    x=rows.loc[marked, "year"],
                    y=rows.loc[marked, "value"],
                    name=_("{label}: partial coverage").format(label=aggregate.label),
                    mode="markers",
                    customdata=[c for c, m in zip(coverage, marked, strict=True) if m],
                    marker={"size": 10, "color": "white", "line": {"color": colour, "width": 2}},
                    hovertemplate=f"<b>{_('{label} (partial)').format(label=aggregate.label)}</b>"
                    f"<br>%{{x}}: {hover}<br>%{{customdata}}<extra></extra>",
                )
            )
    figure.update_layout(
        template=TEMPLATE_NAME,
        title=title,
        height=480,
        hovermode="closest",
        yaxis_title=unit_label(definition["unit"]),
        xaxis_title=None,
    )
    if is_percent(definition["unit"]):
        figure.update_yaxes(ticksuffix="%")
    return figure


def trend_table(
    series: pd.DataFrame, aggregates: Sequence[Aggregate], definition: Mapping
) -> pd.DataFrame:
    """The line chart's data as one long table: each country's values, then each aggregate's."""
    countries = series.assign(
        series=series["country"].map(d_), countries_reporting=pd.NA, partial_coverage=pd.NA
    )
    frames = [countries[["series", "year", "value", "countries_reporting", "partial_coverage"]]]
    for aggregate in aggregates:
        partial = set(partial_years(aggregate))
        rows = aggregate.rows.assign(
            series=aggregate.label,
            countries_reporting=[
                _("{reporting} of {selected}").format(reporting=reporting, selected=selected)
                for reporting, selected in zip(
                    aggregate.rows["countries_reporting"],
                    aggregate.rows["countries_selected"],
                    strict=True,
                )
            ],
            partial_coverage=aggregate.rows["year"].isin(partial),
        )
        frames.append(rows[["series", "year", "value", "countries_reporting", "partial_coverage"]])
    table = pd.concat([f for f in frames if not f.empty] or frames[:1], ignore_index=True)
    return table.rename(
        columns={
            "series": _("series"),
            "year": _("year"),
            "value": value_heading(definition["unit"]),
            "countries_reporting": _("countries_reporting"),
            "partial_coverage": _("partial_coverage"),
        }
    )


def value_heading(unit: str) -> str:
    """The heading of a table's value column: 'value (persons)'."""
    return _("value ({unit})").format(unit=unit_label(unit))


def ranking_figure(values: pd.DataFrame, definition: Mapping, year: int) -> go.Figure:
    """Countries with a value in the chosen year, largest at the top (columns country, value, rank)."""
    present = values.dropna(subset=["value"]).sort_values("value", ascending=True)
    present = present.assign(country=present["country"].map(d_))
    figure = px.bar(
        present,
        x="value",
        y="country",
        orientation="h",
        template=TEMPLATE_NAME,
        # In a narrow column: wrapped here, shorter than the shared style wraps a title.
        title="<br>".join(
            textwrap.wrap(
                _("{name}, {year}: ranking of the selection").format(
                    name=indicator_name(definition), year=year
                ),
                RANKING_TITLE_WRAP,
            )
        ),
    )
    figure.update_traces(
        marker_color=PALETTE[0],
        hovertemplate=f"<b>%{{y}}</b><br>{year}: {hover_value(definition['unit'], 'x')}<extra></extra>",
    )
    figure.update_layout(
        height=max(260, 34 * len(present) + 90),
        margin={"t": 80},
        xaxis_title=unit_label(definition["unit"]),
        yaxis_title=None,
    )
    if is_percent(definition["unit"]):
        figure.update_xaxes(ticksuffix="%")
    return figure


def ranking_table(values: pd.DataFrame, definition: Mapping) -> pd.DataFrame:
    """The ranked countries, with the selected countries that have no value listed after them."""
    table = values.sort_values(["rank", "country"], na_position="last")
    table = table.assign(country=table["country"].map(d_))
    return table[["rank", "country", "iso3", "year", "value"]].rename(
        columns={
            "rank": _("rank"),
            "country": _("country"),
            "iso3": "iso3",
            "year": _("year"),
            "value": value_heading(definition["unit"]),
        }
    )


@functools.cache
def _outlook_template() -> dict:
    """The chart template as a plain dict, for figures assembled without plotly's validation."""
    return pio.templates[TEMPLATE_NAME].to_plotly_json()


def outlook_figure(
    series: pd.DataFrame,
    definition: Mapping,
    label: str,
    baseline_year: int | None,
    latest_year: int | None,
) -> go.Figure:
    """The series behind one outlook test (outlook_link_series rows): one line per country, or the
    scope's aggregate (series NULL) named `label`, with the baseline and the latest year marked."""
    # The tracker draws a page of these on every rerun, so the figure is built from plain lists
    # and dicts and handed to plotly unvalidated (validation was most of the cost, and
    # st.plotly_chart copies the figure again). tests/test_outlook_logic.py checks that plotly's
    # validation leaves the figure unchanged.
    hover = hover_value(definition["unit"])
    missing = series["series"].isna()
    names = series["series"].tolist()
    years, values = series["year"].tolist(), series["value"].tolist()
    reporting = series["countries_reporting"].tolist()
    aggregate = bool(names) and bool(missing.all())
    groups: dict[str, list[int]] = {}
    for row, (name, unnamed) in enumerate(zip(names, missing.tolist(), strict=True)):
        groups.setdefault(label if unnamed else d_(name), []).append(row)
    traces: list[dict] = []
    for index, (name, rows) in enumerate(groups.items()):
        # An aggregate year missing a country that reports in other years is not joined to the
        # line: a coverage gap must not read as a change.
        most = max((reporting[r] for r in rows if reporting[r] == reporting[r]), default=None)
        partial = [aggregate and most is not None and reporting[r] < most for r in rows]
        colour = PALETTE[index % len(PALETTE)]
        traces.append(
            {
                "type": "scatter",
                "x": [years[r] for r in rows],
                "y": [math.nan if cut else values[r] for r, cut in zip(rows, partial, strict=True)],
                "name": name,
                "mode": "lines+markers",
                "line": {"color": colour, "width": 3},
                "marker": {"size": 5},
                "customdata": [reporting[r] for r in rows],
                "hovertemplate": f"<b>{name}</b><br>%{{x}}: {hover}"
                + (
                    "<br>" + _("{count} countries report").format(count="%{customdata}")
                    if aggregate
                    else ""
                )
                + "<extra></extra>",
            }
        )
        if any(partial):
            cut = [r for r, flag in zip(rows, partial, strict=True) if flag]
            traces.append(
                {
                    "type": "scatter",
                    "x": [years[r] for r in cut],
                    "y": [values[r] for r in cut],
                    "name": _("{label}: partial coverage").format(label=name),
                    "mode": "markers",
                    "customdata": [reporting[r] for r in cut],
                    "marker": {"size": 9, "color": "white", "line": {"color": colour, "width": 2}},
                    "hovertemplate": f"<b>{_('{label} (partial)').format(label=name)}</b>"
                    f"<br>%{{x}}: {hover}<br>"
                    + _("{count} countries report").format(count="%{customdata}")
                    + "<extra></extra>",
                }
            )
    marks = [
        (int(year), text)
        for year, text in (
            (baseline_year, _("baseline {year}")),
            (latest_year, _("latest {year}")),
        )
        if year is not None
    ]
    layout = {
        "template": _outlook_template(),
        "height": 300,
        "showlegend": len(traces) > 1,
        "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
        "yaxis": {
            "title": {"text": unit_label(definition["unit"])},
            **({"ticksuffix": "%"} if is_percent(definition["unit"]) else {}),
        },
    }
    if marks:  # plotly drops empty lists when it validates; so does this figure
        layout["shapes"] = [
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": year,
                "x1": year,
                "y0": 0,
                "y1": 1,
                "line": {"color": MUTED, "dash": "dot", "width": 1.5},
            }
            for year, _text in marks
        ]
        layout["annotations"] = [
            {
                "xref": "x",
                "yref": "paper",
                "x": year,
                "y": 1,
                "text": text.format(year=year),
                "showarrow": False,
                "xanchor": "right",
                "yanchor": "bottom",
            }
            for year, text in marks
        ]
    return speedups.unvalidated_figure(traces, layout)


def outlook_table(series: pd.DataFrame, definition: Mapping, label: str) -> pd.DataFrame:
    """The outlook chart's data: per-country rows, or the scope's aggregate with its coverage."""
    # Built from the columns at once (assign/select/rename copied the frame three times, and
    # Series would be aligned on their index again).
    return pd.DataFrame(
        {
            _("series"): [
                d_(name) if isinstance(name, str) else label for name in series["series"]
            ],
            _("year"): series["year"].array,
            value_heading(definition["unit"]): series["value"].array,
            _("countries reporting"): series["countries_reporting"].array,
        },
        index=series.index,
    )
