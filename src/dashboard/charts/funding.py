"""Funding requirement charts (Migration Initiatives 2016): DataFrames in, plotly figures out.

A published "-" (NULL) is drawn as nothing: no bar segment, an empty heatmap cell whose hover
says "no requirement"; it is never drawn as 0.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n, style
from dashboard.charts import style as chart_style
from dashboard.content import funding as content
from dashboard.i18n import _
from dashboard.style import IOM_BLUE, MUTED, PALETTE, SEQUENTIAL, TEMPLATE_NAME

ROW_HEIGHT = 28


def _usd_hover() -> str:
    """The hover text of an amount in US dollars, in the current language."""
    return _("USD {amount}").format(amount="%{x:,.0f}")


def _usd_axis(high: float) -> dict:
    """An axis (or colour bar) of US dollars up to `high`: SI ticks in English ("5M"); in
    Russian the ticks are written out ("5 млн"), since plotly's SI letters are Latin."""
    if i18n.language() == i18n.DEFAULT_LANGUAGE:
        return {"title": "USD", "tickformat": "~s"}
    ticks = chart_style.nice_ticks(0, max(float(high), 1.0))
    return {
        "title": _("USD"),
        "tickvals": ticks,
        "ticktext": [style.format_number(tick, compact=True) for tick in ticks],
    }


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
            hovertemplate=f"%{{y}}<br>{area}: {_usd_hover()}<extra></extra>",
        )
    figure.update_layout(
        template=TEMPLATE_NAME,
        title=title,
        barmode="stack",
        height=_height(len(rows), 220),
        xaxis=_usd_axis(cells.groupby("country_or_programme")["usd"].sum().max()),
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
        [
            _("no requirement (\u201c-\u201d)")
            if v is None
            else _("USD {amount}").format(amount=content.grouped(v))
            for v in row
        ]
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
            colorbar=_usd_axis(cells["usd"].max()),
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
                _("no requirement") if pd.isna(u) else i18n.format_percent(s)
                for u, s in zip(usd, share, strict=True)
            ],
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"%{{y}}: {_usd_hover()}<extra></extra>",
        )
    )
    figure.update_layout(
        template=TEMPLATE_NAME,
        title=title,
        height=_height(len(labels)),
        # room on the right for the share labels
        xaxis={**_usd_axis(values.max()), "range": [0, max(values.max(), 1) * 1.18]},
        yaxis={"autorange": "reversed", "title": None},
        showlegend=False,
    )
    return figure


def area_shares(totals: pd.DataFrame, title: str) -> go.Figure:
    """Each programmatic area's requirement, labelled with its share of the total (columns:
    area, requirement, share, as content.funding.area_totals makes them)."""
    return _share_bars(totals.iloc[:, 0], totals.iloc[:, 1], totals.iloc[:, 2], title, IOM_BLUE)


def top_countries(top: pd.DataFrame, title: str) -> go.Figure:
    """The largest country requirements, labelled with their share of the total shown."""
    return _share_bars(top.iloc[:, 0], top.iloc[:, 1], top.iloc[:, 2], title, IOM_BLUE)


def region_comparison(comparison: pd.DataFrame, highlight: str, title: str) -> go.Figure:
    """Every region's requirement (overview cells), the highlighted region in IOM blue (columns
    as content.funding.region_comparison makes them: code, name, requirement, share...)."""
    colours = [IOM_BLUE if region == highlight else MUTED for region in comparison["region"]]
    return _share_bars(
        comparison.iloc[:, 1], comparison.iloc[:, 2], comparison.iloc[:, 3], title, colours
    )


def area_mix(mix: pd.DataFrame, title: str) -> go.Figure:
    """How SEEECA splits its requirement across areas, beside all other regions together
    (columns as content.funding.area_mix_comparison makes them: area, SEEECA USD and share,
    other regions' USD and share...)."""
    figure = go.Figure()
    for position, name, colour in ((2, "SEEECA", IOM_BLUE), (4, _("All other regions"), MUTED)):
        figure.add_bar(
            name=name,
            y=mix.iloc[:, 0],
            x=mix.iloc[:, position].astype("Float64").fillna(0).astype(float),
            orientation="h",
            marker_color=colour,
            hovertemplate="%{y}<br>"
            + _("{name}: {share} of its total").format(name=name, share="%{x:.1f}%")
            + "<extra></extra>",
        )
    figure.update_layout(
        template=TEMPLATE_NAME,
        title=title,
        barmode="group",
        height=_height(len(mix) * 2),
        xaxis={"title": _("% of the requirement"), "ticksuffix": "%"},
        yaxis={"autorange": "reversed", "title": None},
    )
    return figure
