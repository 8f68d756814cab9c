"""pydeck maps built from DataFrames; offline by construction (no map provider, no style URL:
the basemap is the committed GeoJSON). Pure: no streamlit."""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from dashboard import geo
from dashboard.style import SEQUENTIAL, format_number

LAND_REGION = [226, 232, 240, 255]
LAND_NEIGHBOUR = [244, 246, 249, 255]
BORDER = [150, 160, 175, 255]
NO_DATA = [215, 215, 215, 255]
KOSOVO = "XKX"
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


def _shapes_with_own_properties() -> dict:
    """The country shapes with a private copy of each feature's properties to colour in.

    Geometry is shared with the loaded file and never modified: deep-copying its coordinates
    cost about 0.3 s per map on every rerun.
    """
    shapes = geo.display_shapes()
    return {
        **shapes,
        "features": [
            {**feature, "properties": dict(feature["properties"])} for feature in shapes["features"]
        ],
    }


def basemap_layer(highlight: tuple[str, ...] = (), neighbours_only: bool = False) -> pdk.Layer:
    """Country shapes: the region's countries (or the highlighted ones) darker than neighbours.

    `neighbours_only`: without the region's countries, for a map whose next layer covers every
    one of them (their shapes would be sent and drawn twice, 82 KB of the overview's 300 KB)."""
    shapes = _shapes_with_own_properties()
    if neighbours_only:
        shapes["features"] = [f for f in shapes["features"] if not f["properties"]["in_region"]]
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
        {
            "colour": colours[i],
            "range": f"{format_number(edges[i], unit)} – {format_number(edges[i + 1], unit)}",
        }
        for i in range(len(edges) - 1)
    ]
    return pd.DataFrame(rows + [{"colour": "#D7D7D7", "range": "no data"}])


def _bin_colour(value: float | None, edges: list[float]) -> list[int]:
    if value is None or pd.isna(value) or not edges:
        return NO_DATA
    colours = SEQUENTIAL[1 : len(edges)]
    for i in range(len(edges) - 1):
        if value <= edges[i + 1]:
            return _hex_to_rgba(colours[i])
    return _hex_to_rgba(colours[-1])


def choropleth_layer(
    values: pd.DataFrame,
    unit: str,
    label: str,
    shown: tuple[str, ...] | None = None,
    kosovo_in_serbia: bool = False,
) -> tuple[pdk.Layer, pd.DataFrame]:
    """Region countries (only `shown`, if given) coloured by `values` (iso3, value, year); returns
    layer and legend.

    Classes are quantiles of all the region's values in that year, so a country keeps its colour
    when the filters change. Where the source folds Kosovo into Serbia (`kosovo_in_serbia`), Kosovo
    stays uncoloured and its tooltip says so rather than reading as "no data".
    """
    edges = choropleth_bins(values["value"])
    # Plain columns, not itertuples: this runs for every new selection of a map.
    by_iso3 = {
        iso3: (value, year)
        for iso3, value, year in zip(
            values["iso3"].tolist(), values["value"].tolist(), values["year"].tolist(), strict=True
        )
    }
    shapes = _shapes_with_own_properties()
    features = []
    for feature in shapes["features"]:
        props = feature["properties"]
        if not props["in_region"] or (shown is not None and props["iso3"] not in shown):
            continue
        row = by_iso3.get(props["iso3"])
        props["fill"] = _bin_colour(None if row is None else row[0], edges)
        props["tooltip_title"] = props["name"]
        if row is not None:
            text = f"{label}: {format_number(row[0], unit)} ({row[1]})"
        elif props["iso3"] == KOSOVO and kosovo_in_serbia:
            text = f"{label}: no separate figure; included in Serbia's in this source"
        else:
            text = f"{label}: no data"
        props["tooltip_body"] = text
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
    rows = legend(edges, unit)
    if kosovo_in_serbia and (shown is None or KOSOVO in shown):
        rows.loc[rows["range"] == "no data", "range"] = "no data (Kosovo: in Serbia's figure)"
    return layer, rows


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation, and can be frozen once finished.

    pydeck indents its JSON by two spaces, which puts every basemap coordinate on its own
    line and makes the spec sent to the browser several times larger than the GeoJSON itself.
    A frozen deck (one shared by sessions) serialises once instead of on every rerun.
    """

    def to_json(self) -> str:
        frozen = self.__dict__.get("_frozen_json")
        if frozen is not None:
            return frozen
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))

    def freeze(self) -> CompactDeck:
        """Serialise now and answer every later to_json with that text: do not modify it after."""
        self.__dict__["_frozen_json"] = self.to_json()
        return self


def deck(layers: list[pdk.Layer], view: pdk.ViewState, tooltip: dict | None = None) -> pdk.Deck:
    """A deck with no map provider and no style URL: nothing is fetched from the internet."""
    return CompactDeck(
        layers=layers,
        initial_view_state=view,
        # No provider, and map_style left at pydeck's sentinel on purpose: with map_style=None
        # Streamlit's frontend substitutes a CARTO style URL; the sentinel tells it "no basemap".
        map_provider=None,
        tooltip=tooltip
        or {"html": "<b>{tooltip_title}</b><br/>{tooltip_body}", "style": {"fontSize": "15px"}},
        views=[pdk.View(type="MapView", controller=True)],
    )


def indicator_names(indicators: pd.DataFrame) -> dict[str, str]:
    """Indicator code -> name, for the picker (columns indicator_code, name)."""
    return dict(
        zip(indicators["indicator_code"].tolist(), indicators["name"].tolist(), strict=True)
    )


def indicator_deck(
    values: pd.DataFrame, unit: str, label: str, selected: tuple[str, ...], whole_region: bool
) -> tuple[CompactDeck, pd.DataFrame]:
    """The overview's map: the basemap with the selection highlighted, the region's countries
    coloured by `values`; returns the deck and its legend."""
    layer, legend_rows = choropleth_layer(values, unit, label)
    # The choropleth covers every country of the region, so the basemap adds only the neighbours.
    basemap = basemap_layer(selected, neighbours_only=True)
    return deck([basemap, layer], view_for(selected, whole_region)), legend_rows


# --- Offices ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfficeStyle:
    """How one office type is drawn: legend label, colour and dot radius in screen pixels."""

    label: str
    colour: str
    radius: float


# Size carries the hierarchy as well as colour, so the map reads in greyscale print and for
# colour-blind viewers; blue and orange are the safest Okabe-Ito pair.
OFFICE_STYLES = {
    "regional": OfficeStyle("Regional Office", "#D55E00", 12.0),
    "country": OfficeStyle("Country office", "#0033A0", 8.0),
    "sub-office": OfficeStyle("Sub-office", "#E69F00", 5.5),
}
OFFICE_OUTLINE = [255, 255, 255, 255]
# Transcription bookkeeping that says nothing about the office itself: kept in the table, left
# out of the tooltip a manager hovers over.
_CONTACT_TRANSCRIPTION_NOTE = (
    "Address lines of CONTACT US joined with single spaces; the addressee line "
    '"International Organization for Migration" is omitted.'
)
TOOLTIP_STYLE = {
    "fontSize": "14px",
    "maxWidth": "380px",
    # Lines of a tooltip are joined with newlines: Streamlit escapes the values it puts into
    # the template (so data can never inject markup), which rules out <br/> inside a value.
    "whiteSpace": "pre-line",
    "backgroundColor": "#FFFFFF",
    "color": "#1B2A41",
    "border": "1px solid #C0C7D2",
    "boxShadow": "0 2px 6px rgba(0,0,0,0.2)",
}
# Long notes are cut to whole sentences so the tooltip stays inside a projected map.
TOOLTIP_NOTE_LENGTH = 240
TOOLTIP = {"html": "<b>{tooltip_title}</b><br/>{tooltip_body}", "style": TOOLTIP_STYLE}


def _text(value: object) -> str | None:
    """A cell as text, or None when empty (NULL arrives as None, NaN or pd.NA)."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    return text or None


def _first_sentences(text: str, limit: int) -> str:
    """The whole sentences of `text` that fit in `limit` characters (at least the first)."""
    if len(text) <= limit:
        return text
    cut = text.rfind(". ", 0, limit)
    if cut < 0:
        cut = text.find(". ")
    kept = text[: cut + 1] if cut >= 0 else text[:limit].rstrip() + "…"
    return f"{kept} (Full note in the table below.)"


def office_tooltip(office: pd.Series) -> tuple[str, str]:
    """(title, body) of an office's tooltip as plain text, one line per fact: type, country,
    contacts, notes. Streamlit escapes it when filling the template."""
    style = OFFICE_STYLES[office["office_type"]]
    lines = [f"{style.label} · {office['city']}, {office['country_name']}"]
    if office["office_type"] == "regional":
        lines.append("Covers the 20 countries and territories; Israel has no office of its own")
    published = _text(office["city_as_published"])
    if published and published != office["city"]:
        lines.append(f"Published as: {published}")
    if office["position_is_stand_in"]:
        lines.append(
            f"Position: no town is published; placed at {office['city']} (the country office) "
            "as a stand-in"
        )
    for label, column in (("Address", "address"), ("Tel.", "telephone"), ("Email", "email")):
        value = _text(office[column])
        if value:
            lines.append(f"{label}: {value}")
    note = _text(office["note"])
    if note:
        note = _text(note.replace(_CONTACT_TRANSCRIPTION_NOTE, ""))
    if note:
        lines.append(f"Note: {_first_sentences(note, TOOLTIP_NOTE_LENGTH)}")
    return str(office["name"]), "\n".join(lines)


def offices_layer(offices: pd.DataFrame) -> pdk.Layer:
    """Office dots sized and coloured by type, from offices_on_map rows; sub-offices on top."""
    order = {office_type: rank for rank, office_type in enumerate(OFFICE_STYLES)}
    points = []
    for _, office in offices.sort_values("office_type", key=lambda s: s.map(order)).iterrows():
        style = OFFICE_STYLES[office["office_type"]]
        title, body = office_tooltip(office)
        # Only plain values go into the deck: NaN is not valid JSON and would blank the map.
        points.append(
            {
                "office_id": office["office_id"],
                "office_type": office["office_type"],
                "lon": float(office["lon"]),
                "lat": float(office["lat"]),
                "fill": _hex_to_rgba(style.colour, 255),
                "radius": style.radius,
                "tooltip_title": title,
                "tooltip_body": body,
            }
        )
    return pdk.Layer(
        "ScatterplotLayer",
        points,
        id="offices",
        get_position=["lon", "lat"],
        get_fill_color="fill",
        get_radius="radius",
        # Quoted: pydeck passes a bare string to deck.gl as an accessor expression, not a value.
        radius_units="'pixels'",
        stroked=True,
        get_line_color=OFFICE_OUTLINE,
        line_width_units="'pixels'",
        get_line_width=1.5,
        pickable=True,
        auto_highlight=True,
    )


# --- Legends, drawn beside the deck (deck.gl has none) -----------------------------------------

_LEGEND_ROW = 28
_LEGEND_FONT = "Source Sans Pro, Arial, sans-serif"


def legend_svg(entries: list[tuple[str, str, float | None]], width: int = 280) -> str:
    """A small SVG legend: one row per (hex colour, label, dot radius or None for a swatch).

    Shown as an image, so labels are escaped text that the browser never runs; the legend's
    title goes beside it as ordinary text.
    """
    height = _LEGEND_ROW * len(entries) + 4
    parts = [f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}">']
    for index, (colour, label, radius) in enumerate(entries):
        middle = _LEGEND_ROW * index + 15
        if radius is None:
            parts.append(
                f'<rect x="4" y="{middle - 8}" width="24" height="16" fill="{html.escape(colour)}" '
                'stroke="#8A94A6" stroke-width="0.8"/>'
            )
        else:
            parts.append(
                f'<circle cx="16" cy="{middle}" r="{radius:g}" fill="{html.escape(colour)}" '
                'stroke="#8A94A6" stroke-width="1"/>'
            )
        parts.append(
            f'<text x="38" y="{middle + 5}" font-family="{_LEGEND_FONT}" font-size="15" '
            f'fill="#1B2A41">{html.escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def office_legend(counts: pd.DataFrame) -> list[tuple[str, str, float | None]]:
    """Legend rows for the office dots, with the number shown (office_type_counts rows)."""
    shown = dict(zip(counts["office_type"], counts["offices_shown"], strict=True))
    return [
        (style.colour, f"{style.label} ({shown.get(office_type, 0)} shown)", style.radius)
        for office_type, style in OFFICE_STYLES.items()
    ]


def choropleth_legend(rows: pd.DataFrame) -> list[tuple[str, str, float | None]]:
    """Legend rows for an indicator layer: one swatch per class, light to dark, then no data."""
    return [(row.colour, row.range, None) for row in rows.itertuples()]


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def view_for_offices(
    offices: pd.DataFrame,
    iso3: tuple[str, ...],
    whole_region: bool,
    width: int = 700,
    height: int = 600,
) -> pdk.ViewState:
    """The offices map's view: for the whole region, the offices framed in a map of about
    width x height pixels (the region's shapes reach the Bering Strait, which would shrink the
    offices to a cluster); for a selection, the selected countries as view_for frames them."""
    if not whole_region or offices.empty:
        return view_for(iso3, whole_region)
    padding = 1.15
    west, east = float(offices["lon"].min()), float(offices["lon"].max())
    south, north = float(offices["lat"].min()), float(offices["lat"].max())
    tile = 512  # deck.gl's world width in pixels at zoom 0
    zoom_lon = math.log2(width * 360 / (tile * max(east - west, 1.0) * padding))
    y_south, y_north = _mercator_y(south), _mercator_y(north)
    zoom_lat = math.log2(height * 2 * math.pi / (tile * max(y_north - y_south, 0.02) * padding))
    centre_lat = math.degrees(2 * math.atan(math.exp((y_south + y_north) / 2)) - math.pi / 2)
    return pdk.ViewState(
        latitude=round(centre_lat, 4),
        longitude=round((west + east) / 2, 4),
        zoom=round(min(zoom_lon, zoom_lat, 7.5), 2),
    )


def stand_in_notes(offices: pd.DataFrame) -> list[str]:
    """One sentence per shown office drawn at a stand-in position (no published town)."""
    stand_ins = offices[offices["position_is_stand_in"].fillna(False).astype(bool)]
    return [
        f'The {country} sub-office published only as "{published}" has no '
        f"published town: it is drawn at {city} (the country office) as a stand-in."
        for country, published, city in zip(
            stand_ins["country_name"].tolist(),
            stand_ins["name_as_published"].tolist(),
            stand_ins["city"].tolist(),
            strict=True,
        )
    ]


def kosovo_note(kosovo_in_serbia: bool, shown: tuple[str, ...]) -> str | None:
    """The note under an indicator legend when the source folds Kosovo into Serbia and either
    is on screen."""
    if not kosovo_in_serbia or not {"SRB", KOSOVO} & set(shown):
        return None
    return (
        "Kosovo is folded into Serbia in this source: Serbia's value includes Kosovo, "
        "which is left uncoloured."
    )


def offices_source(offices: pd.DataFrame) -> str:
    """The source line of the office dots: list, contact details and positions."""
    lists = sorted(
        {
            f"{document} ({file})"
            for document, file in zip(
                offices["document"].tolist(), offices["file"].tolist(), strict=True
            )
        }
    )
    contacts = sorted({str(doc) for doc in offices["contact_document"].dropna()})
    text = f"Offices: {'; '.join(lists)}, Annex 1 (as of May 2020)"
    if contacts:
        text += f"; contact details: {'; '.join(contacts)}, CONTACT US"
    return text + "; positions: GeoNames gazetteer"


def basemap_source() -> str:
    """The provenance of the committed boundaries, as the GeoJSON itself states it."""
    sources = {feature["properties"]["source"] for feature in geo.country_shapes()["features"]}
    return "; ".join(sorted(sources))


def offices_deck(
    offices: pd.DataFrame,
    selected: tuple[str, ...],
    whole_region: bool,
    indicator: tuple[pd.DataFrame, str, str, bool] | None = None,
    height: int = 600,
) -> tuple[CompactDeck, pd.DataFrame | None]:
    """The offices map: basemap, optionally the selected countries coloured by an indicator
    (values, unit, label, kosovo_in_serbia), and the offices on top; returns the deck and the
    indicator's legend (None without an indicator)."""
    layers, classes = [basemap_layer(selected)], None
    if indicator is not None:
        values, unit, label, kosovo_in_serbia = indicator
        choropleth, classes = choropleth_layer(values, unit, label, selected, kosovo_in_serbia)
        layers.append(choropleth)
    layers.append(offices_layer(offices))
    view = view_for_offices(offices, selected, whole_region, height=height)
    return deck(layers, view, TOOLTIP), classes
