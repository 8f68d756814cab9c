"""Charts of the country profile and the briefing: trends, funding 2016, and office maps.

Pure: DataFrames in, plotly figures (or a pydeck deck for the on-screen map) out. The static office
map draws the committed GeoJSON as plotly shapes, so exporting it needs no map tiles and no
topojson download (px.choropleth/scattergeo would fetch one from a CDN).
"""

from __future__ import annotations

import functools
import math

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from dashboard import geo, maps
from dashboard.style import IOM_BLUE, MUTED, PALETTE, TEMPLATE_NAME, format_number

# Frames the 20 countries and territories without the empty Siberian east.
REGION_BOX = (12.0, 29.0, 92.0, 62.0)
LAND_NEIGHBOUR = "#F2F4F7"
LAND_REGION = "#DCE3EC"
LAND_HIGHLIGHT = "#A9BCD6"
BORDER = "#9AA5B5"
# office_type -> (legend label, colour, marker size): the offices map's styles, sized for a slide.
OFFICE_STYLE = {
    office_type: (style.label, style.colour, round(style.radius * 1.7))
    for office_type, style in maps.OFFICE_STYLES.items()
}
NO_REQUIREMENT = "-"


def _scale(peak: float) -> tuple[float, str]:
    """Divisor and axis word so that ticks read '12 million' rather than '12M' or '0.012G'."""
    for divisor, word in ((1e9, "billion"), (1e6, "million"), (1e3, "thousand")):
        if peak >= divisor:
            return divisor, word
    return 1.0, ""


def _unit_label(unit: str, word: str) -> str:
    unit = unit.replace("current US$", "US$ (current)")
    return f"{unit}, {word}" if word else unit


def indicator_trend(
    series: pd.DataFrame, definitions: pd.DataFrame, codes: tuple[str, ...], title: str
) -> go.Figure:
    """One line per indicator (columns indicator_code, year, value) on a shared, readable scale."""
    rows = series[series["indicator_code"].isin(codes)].dropna(subset=["value"])
    names = definitions.set_index("indicator_code")["name"].to_dict()
    units = definitions.set_index("indicator_code")["unit"].to_dict()
    peak = float(rows["value"].abs().max()) if not rows.empty else 0.0
    divisor, word = _scale(peak)
    unit = units.get(codes[0], "")
    figure = go.Figure()
    for position, code in enumerate(codes):
        line = rows[rows["indicator_code"] == code].sort_values("year")
        if line.empty:
            continue
        figure.add_trace(
            go.Scatter(
                x=line["year"],
                y=line["value"] / divisor,
                name=names.get(code, code),
                mode="lines+markers",
                line={"width": 3, "color": PALETTE[position % len(PALETTE)]},
                marker={"size": 7},
                customdata=[format_number(v, units.get(code, "")) for v in line["value"]],
                hovertemplate="%{x}: %{customdata}<extra>%{fullData.name}</extra>",
            )
        )
    figure.update_layout(
        template=TEMPLATE_NAME,
        title=title,
        yaxis_title=_unit_label(unit, word),
        xaxis_title=None,
        showlegend=len(codes) > 1,
        hovermode="x unified",
    )
    figure.update_yaxes(rangemode="tozero" if peak >= 0 else "normal", tickformat=",~r")
    return figure


def funding_by_area(areas: pd.DataFrame, title: str) -> go.Figure:
    """Horizontal bars per programmatic area; a "-" cell (no requirement) is labelled, not drawn as 0."""
    rows = areas.iloc[::-1]  # plotly draws the first category at the bottom
    amounts = rows["usd"].astype("Float64")
    peak = float(amounts.max()) if amounts.notna().any() else 0.0
    divisor, word = _scale(peak)
    labels = [
        NO_REQUIREMENT + " no requirement" if pd.isna(v) else format_number(float(v), "usd")
        for v in amounts
    ]
    figure = go.Figure(
        go.Bar(
            x=[0 if pd.isna(v) else float(v) / divisor for v in amounts],
            y=rows["area"],
            orientation="h",
            marker_color=IOM_BLUE,
            text=labels,
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    figure.update_layout(template=TEMPLATE_NAME, title=title, showlegend=False)
    figure.update_xaxes(title=_unit_label("USD", word), range=[0, max(peak / divisor, 1) * 1.3])
    figure.update_yaxes(title=None)
    return figure


def funding_by_country(
    by_country: pd.DataFrame, highlight: tuple[str, ...], title: str
) -> go.Figure:
    """The region's countries by 2016 requirement, the highlighted ones in IOM blue."""
    rows = by_country.dropna(subset=["usd"]).sort_values("usd")
    divisor, word = _scale(float(rows["usd"].max()) if not rows.empty else 0.0)
    wanted = set(highlight)
    figure = go.Figure(
        go.Bar(
            x=rows["usd"] / divisor,
            y=rows["name"],
            orientation="h",
            marker_color=[IOM_BLUE if code in wanted else MUTED for code in rows["iso3"]],
            text=[format_number(float(v), "usd") for v in rows["usd"]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    figure.update_layout(template=TEMPLATE_NAME, title=title, showlegend=False, bargap=0.25)
    peak = float(rows["usd"].max() / divisor) if not rows.empty else 1.0
    figure.update_xaxes(title=_unit_label("USD", word), range=[0, peak * 1.3])
    figure.update_yaxes(title=None)
    return figure


def _outer_rings(feature: dict) -> list[list[list[float]]]:
    geometry = feature["geometry"]
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    return [polygon[0] for polygon in polygons]


def _land_trace(features: list[dict], fill: str) -> go.Scatter:
    xs: list[float | None] = []
    ys: list[float | None] = []
    for feature in features:
        for ring in _outer_rings(feature):
            xs.extend(point[0] for point in ring)
            ys.extend(point[1] for point in ring)
            xs.append(None)  # a gap starts the next polygon of the same filled trace
            ys.append(None)
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        fill="toself",
        fillcolor=fill,
        line={"color": BORDER, "width": 0.7},
        hoverinfo="skip",
        showlegend=False,
    )


def _frame(
    iso3: tuple[str, ...], whole_region: bool, offices: pd.DataFrame
) -> tuple[float, float, float, float]:
    bounds = None if whole_region else geo.bounds_of(iso3)
    if bounds is None:
        return REGION_BOX
    west, south, east, north = bounds
    if not offices.empty:  # the Regional Office can lie outside the selection
        west, east = min(west, offices["lon"].min()), max(east, offices["lon"].max())
        south, north = min(south, offices["lat"].min()), max(north, offices["lat"].max())
    pad_x, pad_y = max((east - west) * 0.12, 0.6), max((north - south) * 0.12, 0.4)
    return west - pad_x, south - pad_y, east + pad_x, north + pad_y


def office_map(
    offices: pd.DataFrame, highlight: tuple[str, ...], whole_region: bool, title: str, labels: bool
) -> go.Figure:
    """A static map (for slides and PNGs): land from the committed GeoJSON, offices as points.

    The figure holds some 35,000 outline points, so it is built once per selection and shared:
    treat it as read-only (exports.slide_figure copies it).
    """
    # A stand-in position repeats its country office's point: one label there is enough.
    stand_in = offices.get("position_is_stand_in", pd.Series(False, index=offices.index))
    label_at = offices["city"].where(~stand_in.astype(bool), "")
    points = tuple(
        zip(offices["office_type"], offices["lon"], offices["lat"], label_at, strict=True)
    )
    return _office_map(points, highlight, whole_region, title, labels)


@functools.lru_cache(maxsize=64)
def _office_map(
    points: tuple[tuple[str, float, float, str], ...],
    highlight: tuple[str, ...],
    whole_region: bool,
    title: str,
    labels: bool,
) -> go.Figure:
    offices = pd.DataFrame(list(points), columns=["office_type", "lon", "lat", "city"])
    features = geo.country_shapes()["features"]
    wanted = set(highlight)
    strong = [f for f in features if f["properties"]["iso3"] in wanted] if wanted else []
    region = [f for f in features if f["properties"]["in_region"] and f not in strong]
    others = [f for f in features if not f["properties"]["in_region"] and f not in strong]
    figure = go.Figure([_land_trace(others, LAND_NEIGHBOUR), _land_trace(region, LAND_REGION)])
    if strong:
        figure.add_trace(_land_trace(strong, LAND_HIGHLIGHT))
    for office_type, (label, colour, size) in OFFICE_STYLE.items():
        points = offices[offices["office_type"] == office_type]
        if points.empty:
            continue
        figure.add_trace(
            go.Scatter(
                x=points["lon"],
                y=points["lat"],
                name=f"{label} ({len(points)})",
                mode="markers+text" if labels else "markers",
                text=points["city"],
                textposition="top center",
                textfont={"size": 14},
                marker={"size": size, "color": colour, "line": {"color": "white", "width": 1.5}},
                hovertemplate="%{text}<extra>" + label + "</extra>",
            )
        )
    west, south, east, north = _frame(highlight, whole_region, offices)
    figure.update_layout(
        template=TEMPLATE_NAME,
        title=title,
        plot_bgcolor="#FFFFFF",
        legend={"orientation": "h", "y": -0.02, "x": 0},
    )
    # Equirectangular with the y axis stretched by 1/cos(latitude): shapes look right at this scale.
    # constrain="domain": keep the whole frame in view and let the plot area take its shape.
    figure.update_xaxes(range=[west, east], visible=False, showgrid=False, constrain="domain")
    figure.update_yaxes(
        range=[south, north],
        visible=False,
        showgrid=False,
        scaleanchor="x",
        constrain="domain",
        scaleratio=1 / math.cos(math.radians((south + north) / 2)),
    )
    return figure


def office_deck(
    offices: pd.DataFrame, highlight: tuple[str, ...], whole_region: bool, width_px: int = 900
) -> pdk.Deck:
    """The interactive on-screen map: the basemap and the offices as the offices map draws them
    (dashboard.maps: same dots, same tooltips with contacts; offline)."""
    view = office_view(offices, highlight, whole_region, width_px)
    return maps.deck(
        [maps.basemap_layer(highlight), maps.offices_layer(offices)], view, maps.TOOLTIP
    )


def office_view(
    offices: pd.DataFrame, highlight: tuple[str, ...], whole_region: bool, width_px: int
) -> pdk.ViewState:
    """A view that fits the country and its offices into a map about width_px wide.

    maps.view_for is tuned for full-width maps; a profile's map sits in a column, and web
    mercator draws the world 512 px wide at zoom 0, so the zoom follows from the width.
    """
    west, south, east, north = _frame(highlight, whole_region, offices)
    stretch = 1 / math.cos(math.radians((south + north) / 2))  # mercator, roughly, mid-latitude
    span = max(east - west, (north - south) * stretch * 1.4, 1.0)
    zoom = max(1.0, min(8.0, math.log2(width_px * 360 / (512 * span))))
    return pdk.ViewState(latitude=(south + north) / 2, longitude=(west + east) / 2, zoom=zoom)
