"""pydeck maps built from DataFrames; offline by construction (no map provider, no style URL:
the basemap is the committed GeoJSON). Pure: no streamlit."""

from __future__ import annotations

import copy
import math

import pandas as pd
import pydeck as pdk

from dashboard import geo
from dashboard.style import SEQUENTIAL, format_number

LAND_REGION = [226, 232, 240, 255]
LAND_NEIGHBOUR = [244, 246, 249, 255]
BORDER = [150, 160, 175, 255]
NO_DATA = [215, 215, 215, 255]
WHOLE_REGION_VIEW = pdk.ViewState(latitude=46.0, longitude=52.0, zoom=2.3)


def _hex_to_rgba(colour: str, alpha: int = 235) -> list[int]:
    colour = colour.lstrip("#")
    return [int(colour[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


def view_for(iso3: tuple[str, ...], whole_region: bool) -> pdk.ViewState:
    """A view that frames the selected countries (the whole region when nothing is chosen)."""
    bounds = None if whole_region else geo.bounds_of(iso3)
    if bounds is None:
        return WHOLE_REGION_VIEW
    west, south, east, north = bounds
    span = max(east - west, (north - south) * 1.6, 1.0)
    zoom = max(1.5, min(7.5, math.log2(360 / span) + 0.3))
    return pdk.ViewState(latitude=(south + north) / 2, longitude=(west + east) / 2, zoom=zoom)


def basemap_layer(highlight: tuple[str, ...] = ()) -> pdk.Layer:
    """Country shapes: the region's countries (or the highlighted ones) darker than neighbours."""
    shapes = copy.deepcopy(geo.country_shapes())
    wanted = set(highlight)
    for feature in shapes["features"]:
        props = feature["properties"]
        strong = props["iso3"] in wanted if wanted else props["in_region"]
        props["fill"] = LAND_REGION if strong else LAND_NEIGHBOUR
    return pdk.Layer(
        "GeoJsonLayer",
        shapes,
        id="basemap",
        stroked=True,
        filled=True,
        get_fill_color="properties.fill",
        get_line_color=BORDER,
        line_width_min_pixels=0.6,
        pickable=False,
    )


def choropleth_bins(values: pd.Series, bins: int = 5) -> list[float]:
    """Bin edges by quantile, so a few very large countries do not wash out the rest."""
    clean = values.dropna()
    if clean.empty:
        return []
    edges = sorted(set(clean.quantile([i / bins for i in range(bins + 1)]).round(6)))
    return edges if len(edges) > 1 else [edges[0], edges[0]]


def legend(edges: list[float], unit: str) -> pd.DataFrame:
    """Colour, range label: the legend of a choropleth, to be drawn beside the deck."""
    colours = SEQUENTIAL[1 : len(edges)]
    rows = [
        {"colour": colours[i], "range": f"{format_number(edges[i], unit)} – {format_number(edges[i + 1], unit)}"}
        for i in range(len(edges) - 1)
    ]
    return pd.DataFrame(rows + [{"colour": "#D7D7D7", "range": "no data"}])


def _bin_colour(value: float | None, edges: list[float]) -> list[int]:
    if value is None or value != value or not edges:
        return NO_DATA
    colours = SEQUENTIAL[1 : len(edges)]
    for i in range(len(edges) - 1):
        if value <= edges[i + 1]:
            return _hex_to_rgba(colours[i])
    return _hex_to_rgba(colours[-1])


def choropleth_layer(values: pd.DataFrame, unit: str, label: str) -> tuple[pdk.Layer, pd.DataFrame]:
    """Region countries coloured by `values` (columns iso3, value, year); returns layer and legend."""
    edges = choropleth_bins(values["value"])
    by_iso3 = {row.iso3: row for row in values.itertuples()}
    shapes = copy.deepcopy(geo.country_shapes())
    features = []
    for feature in shapes["features"]:
        props = feature["properties"]
        if not props["in_region"]:
            continue
        row = by_iso3.get(props["iso3"])
        value = None if row is None else row.value
        props["fill"] = _bin_colour(value, edges)
        props["tooltip_title"] = props["name"]
        props["tooltip_body"] = (
            f"{label}: {format_number(value, unit)} ({row.year})" if row is not None else f"{label}: no data"
        )
        features.append(feature)
    shapes["features"] = features
    layer = pdk.Layer(
        "GeoJsonLayer",
        shapes,
        id="choropleth",
        stroked=True,
        filled=True,
        get_fill_color="properties.fill",
        get_line_color=[255, 255, 255, 255],
        line_width_min_pixels=1,
        pickable=True,
        auto_highlight=True,
    )
    return layer, legend(edges, unit)


def deck(layers: list[pdk.Layer], view: pdk.ViewState, tooltip: dict | None = None) -> pdk.Deck:
    """A deck with no map provider and no style URL: nothing is fetched from the internet."""
    return pdk.Deck(
        layers=layers,
        initial_view_state=view,
        map_provider=None,
        map_style=None,
        tooltip=tooltip
        or {"html": "<b>{tooltip_title}</b><br/>{tooltip_body}", "style": {"fontSize": "15px"}},
        views=[pdk.View(type="MapView", controller=True)],
    )
