"""Funding requirement charts (Migration Initiatives 2016): DataFrames in, plotly figures out.

A published "-" (NULL) is drawn as nothing: no bar segment, an empty heatmap cell whose hover
says "no requirement"; it is never drawn as 0.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import style
from dashboard.style import IOM_BLUE, MUTED, PALETTE, SEQUENTIAL, TEMPLATE_NAME

ROW_HEIGHT = 28
USD_HOVER = "USD %{x:,.0f}"


def _colour(area_order: int) -> str:
    return PALETTE[(int(area_order) - 1) % len(PALETTE)]


def _height(rows: int, base: int = 140) -> int:
    return base + ROW_HEIGHT * max(rows, 3)


def requirement_by_row(cells: pd.DataFrame, title: str) -> go.Figure:
    """Stacked horizontal bars: one bar per country or programme, one segment per area."""
    rows = list(dict.fromkeys(cells["country_or_programme"]))
    figure = go.Figure()
    for (order, area), part in cells.groupby(["area_order", "area_name"], sort=True):
        shown = part[part["usd"].notna()]
        figure.add_bar(
            name=area,
            y=shown["country_or_programme"],
            x=shown["usd"].astype(float),
            orientation="h",
            marker_color=_colour(order),
            hovertemplate=f"%{{y}}<br>{area}: {USD_HOVER}<extra></extra>",
        )
    figure.update_layout(
        template=TEMPLATE_NAME,
        title=title,
        barmode="stack",
        height=_height(len(rows), 220),
        xaxis={"title": "USD", "tickformat": "~s"},
        # largest first, read top-down
        yaxis={"categoryorder": "array", "categoryarray": rows[::-1], "title": None},
        legend={"orientation": "h", "y": -0.12 - 3 / max(len(rows), 3) * 0.1},
    )
    return figure


def requirement_heatmap(cells: pd.DataFrame, title: str) -> go.Figure:
    """Countries x areas coloured by requirement; "-" cells stay empty and hover "no requirement"."""
    rows = list(dict.fromkeys(cells["country_or_programme"]))
    areas = cells[["area_order", "area_name"]].drop_duplicates().sort_values("area_order")
    columns = list(areas["area_name"])
    grid = cells.pivot(index="country_or_programme", columns="area_name", values="usd")
    grid = grid.reindex(index=rows, columns=columns).astype("Float64")
    values = [[None if pd.isna(v) else float(v) for v in row] for row in grid.to_numpy()]
    labels = [["" if v is None else style.format_number(v, "") for v in row] for row in values]
    hover = [
        ["no requirement (\u201c-\u201d)" if v is None else f"USD {v:,.0f}" for v in row]
        for row in values
    ]
    figure = go.Figure(
        go.Heatmap(
            z=values,
            x=[
                name.replace(" and ", " and<br>", 1) if len(name) > 24 else name for name in columns
            ],
            y=rows,
            text=labels,
            customdata=hover,
            texttemplate="%{text}",
            colorscale=[[i / (len(SEQUENTIAL) - 1), c] for i, c in enumerate(SEQUENTIAL)],
            hovertemplate="%{y}<br>%{x}: %{customdata}<extra></extra>",
            colorbar={"title": "USD", "tickformat": "~s"},
            xgap=2,
            ygap=2,
        )
    )
    figure.update_layout(
        template=TEMPLATE_NAME,
        title=title,
        height=_height(len(rows), 260),
        yaxis={"autorange": "reversed", "title": None},
        xaxis={"side": "top", "title": None},
        plot_bgcolor="white",
    )
    return figure


def _share_bars(
    labels: pd.Series, usd: pd.Series, share: pd.Series, title: str, colours: list[str] | str
) -> go.Figure:
    values = usd.astype("Float64").fillna(0).astype(float)
    figure = go.Figure(
        go.Bar(
            y=labels,
            x=values,
            orientation="h",
            marker_color=colours,
            text=[
                "no requirement" if pd.isna(u) else f"{s:.1f}%"
                for u, s in zip(usd, share, strict=True)
            ],
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"%{{y}}: {USD_HOVER}<extra></extra>",
        )
    )
    figure.update_layout(
        template=TEMPLATE_NAME,
        title=title,
        height=_height(len(labels)),
        # room on the right for the share labels
        xaxis={"title": "USD", "tickformat": "~s", "range": [0, max(values.max(), 1) * 1.18]},
        yaxis={"autorange": "reversed", "title": None},
        showlegend=False,
    )
    return figure


def area_shares(totals: pd.DataFrame, title: str) -> go.Figure:
    """Each programmatic area's requirement, labelled with its share of the total."""
    return _share_bars(
        totals["Programmatic area"],
        totals["Requirement (USD)"],
        totals["Share (%)"],
        title,
        IOM_BLUE,
    )


def top_countries(top: pd.DataFrame, title: str) -> go.Figure:
    """The largest country requirements, labelled with their share of the total shown."""
    return _share_bars(top.iloc[:, 0], top.iloc[:, 1], top.iloc[:, 2], title, IOM_BLUE)


def region_comparison(comparison: pd.DataFrame, highlight: str, title: str) -> go.Figure:
    """Every region's requirement (overview cells), the highlighted region in IOM blue."""
    colours = [IOM_BLUE if region == highlight else MUTED for region in comparison["region"]]
    return _share_bars(
        comparison["Region"], comparison.iloc[:, 2], comparison.iloc[:, 3], title, colours
    )


def area_mix(mix: pd.DataFrame, title: str) -> go.Figure:
    """How SEEECA splits its requirement across areas, beside all other regions together."""
    figure = go.Figure()
    for column, name, colour in (
        ("Share of SEEECA total (%)", "SEEECA", IOM_BLUE),
        ("Share of other regions' total (%)", "All other regions", MUTED),
    ):
        figure.add_bar(
            name=name,
            y=mix["Programmatic area"],
            x=mix[column].astype("Float64").fillna(0).astype(float),
            orientation="h",
            marker_color=colour,
            hovertemplate=f"%{{y}}<br>{name}: %{{x:.1f}}% of its total<extra></extra>",
        )
    figure.update_layout(
        template=TEMPLATE_NAME,
        title=title,
        barmode="group",
        height=_height(len(mix) * 2),
        xaxis={"title": "% of the requirement", "ticksuffix": "%"},
        yaxis={"autorange": "reversed", "title": None},
    )
    return figure
