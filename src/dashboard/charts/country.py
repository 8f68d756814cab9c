"""Charts of the country profile and the briefing: trends, funding 2016, and office maps.

Pure: data in, plotly figures (or a pydeck deck for the on-screen map) out. The static office
map draws the committed GeoJSON as plotly shapes, so exporting it needs no map tiles and no
topojson download (px.choropleth/scattergeo would fetch one from a CDN).

The trend and funding charts are rebuilt with every briefing (each change of a sidebar filter), so
they are assembled from plain lists, arrays and dicts and handed to plotly unvalidated: validation
was most of a briefing's cost. tests/test_briefing_build.py checks that plotly's validation would
leave each of them unchanged.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pydeck as pdk

from dashboard import geo, i18n, maps, speedups, svgmap
from dashboard.i18n import N_, _, d_, place_name
from dashboard.style import IOM_BLUE, MUTED, PALETTE, TEMPLATE_NAME, format_number

if TYPE_CHECKING:
    from dashboard.content.overview import IndicatorLine

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
    for divisor, word in ((1e9, N_("billion")), (1e6, N_("million")), (1e3, N_("thousand"))):
        if peak >= divisor:
            return divisor, word
    return 1.0, ""


def _label_room() -> float:
    """How far the value axis runs past the longest bar, so that its printed amount fits beside
    it: "USD 8.0 million", a third more for "8,0 млн долл. США"."""
    return 1.3 if i18n.language() == i18n.DEFAULT_LANGUAGE else 1.6


def _unit_label(unit: str, word: str) -> str:
    """An axis title: the unit, then the scale its ticks are read in ("persons, million")."""
    if i18n.language() == i18n.DEFAULT_LANGUAGE:
        unit = unit.replace("current US$", "US$ (current)")
    elif unit == "USD":
        unit = i18n.formats.RU_USD
    else:
        unit = d_(unit)
    return f"{unit}, {_(word)}" if word else unit


@functools.cache
def _template() -> dict:
    """The chart template as a plain dict, for figures assembled without plotly's validation."""
    return pio.templates[TEMPLATE_NAME].to_plotly_json()


def _figure(traces: list[dict], layout: dict) -> go.Figure:
    """An unvalidated figure whose JSON is, byte for byte, the validated one's.

    Trace keys are given in the order validation stores them (alphabetical, type last). Layout
    keys keep the order they are set in, as update_layout(template=..., ...) left them; the
    Layout constructor would sort them, so only the template goes through it.
    """
    figure = speedups.unvalidated_figure(traces, {"template": _template()})
    target = figure.layout
    for key, value in layout.items():
        target[key] = value  # stored as given: the figure is unvalidated
    return figure


def indicator_trend(
    lines: Mapping[str, IndicatorLine],
    definitions: Mapping[str, Mapping],
    codes: tuple[str, ...],
    title: str,
) -> go.Figure:
    """One line per indicator on a shared, readable scale (lines: headlines.indicator_lines,
    definitions: content.country.definitions_by_code)."""
    drawn = {code: lines[code] for code in codes if code in lines}
    peak = max((float(np.abs(line.values).max()) for line in drawn.values()), default=0.0)
    divisor, word = _scale(peak)
    units = {code: definitions[code]["unit"] for code in codes if code in definitions}
    traces = []
    for position, code in enumerate(codes):
        line = drawn.get(code)
        if line is None:
            continue
        unit = units.get(code, "")
        traces.append(
            {
                "customdata": [format_number(v, unit) for v in line.values.tolist()],
                "hovertemplate": "%{x}: %{customdata}<extra>%{fullData.name}</extra>",
                "line": {"color": PALETTE[position % len(PALETTE)], "width": 3},
                "marker": {"size": 7},
                "mode": "lines+markers",
                "name": d_(definitions[code]["name"]) if code in definitions else code,
                "x": line.years,
                "y": line.values / divisor,
                "type": "scatter",
            }
        )
    return _figure(
        traces,
        {
            "title": {"text": title},
            "yaxis": {
                "title": {"text": _unit_label(units.get(codes[0], ""), word)},
                "rangemode": "tozero" if peak >= 0 else "normal",
                "tickformat": ",~r",
            },
            "xaxis": {"title": {}},
            "showlegend": len(codes) > 1,
            "hovermode": "x unified",
        },
    )


def _bar(x, y: list[str], colour, text: list[str]) -> dict:
    """A horizontal bar trace labelled with its printed amounts."""
    return {
        "cliponaxis": False,
        "hovertemplate": "%{y}: %{text}<extra></extra>",
        "marker": {"color": colour},
        "orientation": "h",
        "text": text,
        "textposition": "outside",
        "x": x,
        "y": y,
        "type": "bar",
    }


def funding_by_area(areas: pd.DataFrame, title: str) -> go.Figure:
    """Horizontal bars per programmatic area; a "-" cell (no requirement) is labelled, not drawn as 0."""
    # plotly draws the first category at the bottom
    amounts = areas["usd"].astype("Float64").tolist()[::-1]
    present = [float(v) for v in amounts if not pd.isna(v)]
    peak = max(present) if present else 0.0
    divisor, word = _scale(peak)
    labels = [
        NO_REQUIREMENT + " " + _("no requirement") if pd.isna(v) else format_number(float(v), "usd")
        for v in amounts
    ]
    bars = [0 if pd.isna(v) else float(v) / divisor for v in amounts]
    return _figure(
        [_bar(bars, [d_(area) for area in areas["area"].tolist()[::-1]], IOM_BLUE, labels)],
        {
            "title": {"text": title},
            "showlegend": False,
            "xaxis": {
                "title": {"text": _unit_label("USD", word)},
                "range": [0, max(peak / divisor, 1) * _label_room()],
            },
            "yaxis": {"title": {}},
        },
    )


def funding_by_country(
    by_country: pd.DataFrame, highlight: tuple[str, ...], title: str
) -> go.Figure:
    """The region's countries by 2016 requirement, the highlighted ones in IOM blue."""
    usd = by_country["usd"].to_numpy(dtype="float64", na_value=np.nan)
    shown = np.flatnonzero(~np.isnan(usd))
    # The order sort_values("usd") gave (its default quicksort): tied amounts keep their places.
    rows = shown[np.argsort(usd[shown], kind="quicksort")].tolist()
    amounts = usd[rows]
    names, codes = by_country["name"].tolist(), by_country["iso3"].tolist()
    top = float(amounts.max()) if rows else 0.0
    divisor, word = _scale(top)
    wanted = set(highlight)
    peak = float(amounts.max() / divisor) if rows else 1.0
    return _figure(
        [
            _bar(
                amounts / divisor,
                [place_name(names[r]) for r in rows],
                [IOM_BLUE if codes[r] in wanted else MUTED for r in rows],
                [format_number(v, "usd") for v in amounts.tolist()],
            )
        ],
        {
            "title": {"text": title},
            "showlegend": False,
            "bargap": 0.25,
            "xaxis": {
                "title": {"text": _unit_label("USD", word)},
                "range": [0, peak * _label_room()],
            },
            "yaxis": {"title": {}},
        },
    )


def _land_trace(features: list[dict], fill: str) -> go.Scatter:
    xs: list[float | None] = []
    ys: list[float | None] = []
    for feature in features:
        for ring in svgmap.outer_rings(feature["geometry"]):
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
    offices: pd.DataFrame,
    highlight: tuple[str, ...],
    whole_region: bool,
    width_px: int = 900,
    places: pd.DataFrame | None = None,
) -> pdk.Deck:
    """The interactive on-screen map: the basemap and the offices as the offices map draws them
    (dashboard.maps: same dots, same tooltips with contacts, Kosovo's dashed boundary and, given
    country_labels rows as `places`, the names; offline)."""
    view = office_view(offices, highlight, whole_region, width_px)
    shown = highlight or tuple(maps.names_of(places))
    return maps.deck(
        [maps.basemap_layer(highlight), *maps.overlay_layers(places, shown, view, offices)],
        view,
        maps.TOOLTIP,
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


# --- The profile's office map, drawn by plotly ---------------------------------------------------
# A country profile already loads plotly for its charts; its one deck.gl element, this 420-px map,
# cost the page deck.gl's bundle (0.8 MB gzipped) and, in a browser without a GPU, about two
# seconds of main thread compiling WebGL shaders (bench/README.md, first load). The same deck is
# drawn as SVG (dashboard.svgmap).
LOCATOR_PX = 420


def office_locator(
    offices: pd.DataFrame,
    iso3: str,
    places: pd.DataFrame | None = None,
    width_px: int = LOCATOR_PX,
    height_px: int = LOCATOR_PX,
) -> go.Figure:
    """The country and the offices that serve it, as the offices map draws them: the country
    darker than its neighbours, Kosovo's boundary with Serbia dashed, office dots by type with
    their contacts on hover, and (given country_labels rows as `places`) the country's and its
    capital's names, laid out for a map `width_px` x `height_px`."""
    view = office_view(offices, (iso3,), False, width_px)
    layers = [
        maps.basemap_layer((iso3,)),
        *maps.overlay_layers(
            places, (iso3,), view, offices, width_px=width_px, height_px=height_px
        ),
    ]
    return svgmap.figure_from_deck(maps.deck(layers, view, maps.TOOLTIP), width_px, height_px)
