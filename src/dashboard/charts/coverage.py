"""Charts of Data and sources: the coverage matrix (which countries have a value of an indicator
in which years) and how a newer edition revised the past."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.i18n import _, d_
from dashboard.style import PALETTE, TEMPLATE_NAME, format_number

HAS_VALUE_COLOUR = PALETTE[0]
NO_VALUE_COLOUR = "#E5E9F0"
ROW_HEIGHT = 30


def coverage_heatmap(grid: pd.DataFrame, title: str, unit: str) -> go.Figure:
    """Countries (rows, in the grid's order) x years, filled where the indicator has a value.

    `grid` has one row per country and year: country, year, value (null where missing).
    """
    no_value = _("no value")
    countries = list(dict.fromkeys(grid["country"]))
    years = sorted(grid["year"].unique())
    present = (
        grid.assign(has_value=grid["value"].notna().astype(int))
        .pivot(index="country", columns="year", values="has_value")
        .reindex(index=countries, columns=years)
        .fillna(0)
    )
    shown = (
        grid.assign(
            shown=[format_number(v, unit) if pd.notna(v) else no_value for v in grid["value"]]
        )
        .pivot(index="country", columns="year", values="shown")
        .reindex(index=countries, columns=years)
        .fillna(no_value)
    )
    figure = go.Figure(
        go.Heatmap(
            z=present.to_numpy(),
            x=[str(year) for year in years],
            y=[d_(country) for country in countries],
            customdata=shown.to_numpy(),
            zmin=0,
            zmax=1,
            colorscale=[
                [0, NO_VALUE_COLOUR],
                [0.5, NO_VALUE_COLOUR],
                [0.5, HAS_VALUE_COLOUR],
                [1, HAS_VALUE_COLOUR],
            ],
            showscale=False,
            xgap=1,
            ygap=1,
            hovertemplate="%{y}, %{x}: %{customdata}<extra></extra>",
        )
    )
    # Legend entries for the two fills (a heatmap has no legend of its own).
    for name, colour in ((_("Has a value"), HAS_VALUE_COLOUR), (_("No value"), NO_VALUE_COLOUR)):
        figure.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=name,
                showlegend=True,
                marker={
                    "symbol": "square",
                    "size": 14,
                    "color": colour,
                    "line": {"color": "#C0C7D2", "width": 1},
                },
            )
        )
    figure.update_layout(
        template=TEMPLATE_NAME,
        title=title,
        height=max(260, ROW_HEIGHT * len(countries) + 150),
        yaxis={"autorange": "reversed", "type": "category", "showgrid": False},
        xaxis={"type": "category", "showgrid": False, "tickangle": -45 if len(years) > 20 else 0},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"},
        plot_bgcolor="white",
    )
    return figure


def edition_lines(series: pd.DataFrame, title: str, unit: str) -> go.Figure:
    """One line per country and edition (queries.headline.edition_series): two editions of a
    country share its colour, the earlier one dashed, and are never joined into one line."""
    figure = go.Figure()
    countries = list(dict.fromkeys(series["country"].tolist()))
    codes = sorted(set(series["indicator_code"].tolist()), reverse=True)  # newer edition first
    for colour, country in zip(PALETTE, countries, strict=False):
        for rank, code in enumerate(codes):
            rows = series[(series["country"] == country) & (series["indicator_code"] == code)]
            if rows.empty:
                continue
            figure.add_trace(
                go.Scatter(
                    x=rows["year"].tolist(),
                    y=rows["value"].tolist(),
                    mode="lines+markers",
                    name=f"{d_(country)}, {d_(rows['indicator_name'].iloc[0])}",
                    line={"color": colour, "dash": "solid" if rank == 0 else "dash"},
                )
            )
    yaxis = {"title": d_(unit)}
    if i18n.language() != i18n.DEFAULT_LANGUAGE:  # plotly's SI letters ("12M") are Latin
        yaxis["tickformat"] = ",~r"
    figure.update_layout(template=TEMPLATE_NAME, title=title, yaxis=yaxis, height=460)
    return figure
