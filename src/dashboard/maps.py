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

from dashboard import config, geo
from dashboard.i18n import N_, _, d_, place_name
from dashboard.style import SEQUENTIAL, format_number

LAND_REGION = [226, 232, 240, 255]
LAND_NEIGHBOUR = [244, 246, 249, 255]
BORDER = [150, 160, 175, 255]
NO_DATA = [215, 215, 215, 255]
NO_DATA_LABEL = N_("no data")  # the legend's grey swatch
KOSOVO = "XKX"
# Framed for the narrowest map that shows it (about 480 px: a 3/5 column on a 1280-px screen):
# from the Adriatic, with room below the Western Balkans for their names, to eastern Kazakhstan.
NARROWEST_MAP_PX = 480
MAP_HEIGHT_PX = 420  # the overview's and trends page's maps
OFFICES_MAP_PX = 660  # about the narrowest the offices map is drawn (1280-px screens)
OFFICES_MAP_HEIGHT_PX = 600
WHOLE_REGION_VIEW = pdk.ViewState(latitude=46.0, longitude=48.5, zoom=2.1)


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


# Kosovo and Serbia are outlined by kosovo_boundary_layers (the line between them dashed), not by
# the shapes' own strokes, which would draw that line solid.
OUTLINED_APART = {"XKX", "SRB"}
_NO_STROKE = [0, 0, 0, 0]


def country_label(iso3: str, name: str) -> str:
    """The label of a basemap shape when no names table row is at hand: the file's name, with
    Kosovo marked as config.KOSOVO_MARKER (its footnote goes under the map); in the current
    language when the names table has it."""
    return place_name(config.KOSOVO_MARKER if iso3 == KOSOVO else name)


def basemap_layer(highlight: tuple[str, ...] = (), neighbours_only: bool = False) -> pdk.Layer:
    """Country shapes: the region's countries (or the highlighted ones) darker than neighbours.
    Draw kosovo_boundary_layers on top (see deck_layers).

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
        props["line"] = _NO_STROKE if props["iso3"] in OUTLINED_APART else BORDER
    return pdk.Layer(
        "GeoJsonLayer",
        shapes,
        id="basemap",
        stroked=True,
        filled=True,
        get_fill_color="properties.fill",
        get_line_color="properties.line",
        line_width_min_pixels=0.6,
        pickable=False,
    )


def dash_pieces(line: list[list[float]], dash: float, gap: float) -> list[list[list[float]]]:
    """Cut a [lon, lat] line into dashes `dash` long with `gap` between them (degrees)."""
    pieces, current, drawing, left = [], [line[0]], True, dash
    for (x0, y0), (x1, y1) in zip(line, line[1:], strict=False):
        length = math.hypot(x1 - x0, y1 - y0)
        done = 0.0
        while length - done > left:
            done += left
            point = [x0 + (x1 - x0) * done / length, y0 + (y1 - y0) * done / length]
            if drawing:
                pieces.append([*current, point])
            current, drawing = [point], not drawing
            left = gap if not drawing else dash
        left -= length - done
        current.append([x1, y1])
    if drawing and len(current) > 1:
        pieces.append(current)
    return pieces


def kosovo_boundary_layers(zoom: float, colour: list[int] | None = None) -> list[pdk.Layer]:
    """Kosovo's outline as UN maps draw it: the line between Kosovo and Serbia dashed, the rest
    of both outlines solid. Dashes are cut for the map's initial zoom (about 6 px on, 4 off),
    over a white line, so that the gaps read as gaps between two filled shapes (a dashed line on
    the edge of two colours looks solid)."""
    colour = colour or [70, 80, 95, 255]
    degrees_per_pixel = 360 / (512 * 2**zoom)
    solid, shared = geo.kosovo_boundary()
    dashed = [
        piece
        for line in shared
        for piece in dash_pieces(line, 6 * degrees_per_pixel, 4 * degrees_per_pixel)
    ]
    return [
        pdk.Layer(
            "PathLayer",
            [{"path": line} for line in lines],
            id=f"kosovo-boundary-{kind}",
            get_path="path",
            get_color=line_colour,
            width_units="'pixels'",
            get_width=width,
            width_min_pixels=width,
            pickable=False,
        )
        for kind, lines, width, line_colour in (
            ("solid", solid, 0.8, colour),
            ("gaps", shared, 2.6, [255, 255, 255, 255]),
            ("dashed", dashed, 1.6, colour),
        )
    ]


# --- Labels: country and capital names, drawn by deck.gl from the page's own fonts (no font
# is fetched: the TextLayer renders its glyph atlas from the browser's fonts onto a canvas). ---

# Quoted: pydeck hands a bare string to deck.gl as an expression, not as a value.
LABEL_FONT = "'Source Sans, Source Sans Pro, Arial, sans-serif'"
COUNTRY_LABEL_SIZE = 13
CAPITAL_LABEL_SIZE = 12
LABEL_COLOUR = [27, 42, 65, 255]
CAPITAL_COLOUR = [70, 80, 95, 255]
_LABEL_HALO = [255, 255, 255, 230]


def pixels(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Web Mercator pixel position at `zoom` (deck.gl's world is 512 px wide at zoom 0)."""
    world = 512 * 2**zoom
    return (lon + 180) / 360 * world, (1 - _mercator_y(lat) / math.pi) / 2 * world


def _lon_lat(x: float, y: float, zoom: float) -> tuple[float, float]:
    world = 512 * 2**zoom
    lat = math.degrees(2 * math.atan(math.exp((1 - 2 * y / world) * math.pi)) - math.pi / 2)
    return x / world * 360 - 180, lat


def _box(x: float, y: float, text: str, size: int, anchor: str) -> tuple[float, ...]:
    """Screen box of a label (estimated: Source Sans averages about 0.55 em per character)."""
    width, height = 0.56 * size * len(text) + 4, size + 4
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return left, y - height / 2, left + width, y + height / 2


def _overlaps(box: tuple[float, ...], placed: list[tuple[float, ...]]) -> bool:
    return any(
        box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]
        for other in placed
    )


_NUDGES = ((0, 0), (0, 12), (0, -12), (0, 16), (0, -16), (-24, 0), (24, 0))


def _callout_columns(
    callouts: list[tuple[str, float, float]],
    zoom: float,
    placed: list[tuple[float, ...]],
    left_edge: float | None = None,
) -> tuple[list[dict], list[dict]]:
    """Names that fit nowhere near their shape, set in a column beside each crowded cluster (the
    Western Balkans at regional zoom), each with a leader line to its shape: right-aligned west
    of the cluster when the map has room there (`left_edge`: the map's west edge in pixels),
    else left-aligned below it (over the Mediterranean for the Balkans)."""
    clusters: list[list[tuple[str, float, float, float, float]]] = []
    for name, lon, lat in sorted(callouts, key=lambda row: -row[2]):
        x, y = pixels(lon, lat, zoom)
        for cluster in clusters:
            if any(math.hypot(x - cx, y - cy) < 90 for *_front, cx, cy in cluster):
                cluster.append((name, lon, lat, x, y))
                break
        else:
            clusters.append([(name, lon, lat, x, y)])
    texts, leaders = [], []
    step = COUNTRY_LABEL_SIZE + 5
    for cluster in clusters:
        widest = max(_box(0, 0, name, COUNTRY_LABEL_SIZE, "start")[2] for name, *_rest in cluster)
        west_x = min(row[3] for row in cluster) - 30
        if left_edge is None or west_x - widest > left_edge + 4:
            anchor, column_x = "end", west_x
            middle = sum(row[4] for row in cluster) / len(cluster)
            top = middle - step * (len(cluster) - 1) / 2
        else:
            anchor, column_x = "start", min(row[3] for row in cluster) - 10
            top = max(row[4] for row in cluster) + 24
        y = top
        for name, lon, lat, *_drawn_at in cluster:
            box = _box(column_x, y, name, COUNTRY_LABEL_SIZE, anchor)
            for _step in range(12):  # step past a label already there
                if not _overlaps(box, placed):
                    break
                y += step
                box = _box(column_x, y, name, COUNTRY_LABEL_SIZE, anchor)
            placed.append(box)
            text_lon, text_lat = _lon_lat(column_x, y, zoom)
            texts.append(
                _label(name, text_lon, text_lat, COUNTRY_LABEL_SIZE, LABEL_COLOUR, anchor, 700)
            )
            tip = column_x + 3 if anchor == "end" else column_x - 3
            leaders.append({"path": [list(_lon_lat(tip, y, zoom)), [lon, lat]]})
            y += step
    return texts, leaders


@dataclass(frozen=True)
class LabelPlan:
    """Where a map's names go: `texts` (_label dicts: text, [lon, lat], size, colour, anchor,
    pixel offset, weight), `leaders` ({"path": [[lon, lat], ...]}) and the `capitals` dots
    ({"position": [lon, lat]}). Drawn by deck.gl (label_layers) or by plotly (the profile's
    office map), so both maps name the same places in the same spots."""

    texts: list[dict]
    leaders: list[dict]
    capitals: list[dict]


def label_plan(
    places: pd.DataFrame,
    shown: tuple[str, ...],
    zoom: float,
    obstacles: list[tuple[float, float, float]] = (),
    frame: tuple[float, float, float, float] | None = None,
) -> LabelPlan:
    """Country names and capital cities of the `shown` countries, laid out for `zoom` so that no
    two labels overlap each other or the `obstacles` ((lon, lat, radius px): office dots). A
    country name is nudged up or down when its place is taken, and set beside a crowded cluster
    with a leader line when nothing fits (the Western Balkans at regional zoom); a capital that
    does not fit is left to the tooltip. `places` are country_labels rows; `frame`: the map's
    (left, top, right, bottom) in pixels at `zoom`, which no label may cross."""
    anchors = geo.label_points()
    rows = places[places["iso3"].isin(shown)] if shown else places
    placed: list[tuple[float, ...]] = []
    left_edge = None
    if frame is not None:  # nothing may cross the map's edges: walls beyond each
        left_edge, top, right, bottom = frame
        placed += [
            (left_edge - 1e6, -1e9, left_edge + 2, 1e9),
            (right - 2, -1e9, right + 1e6, 1e9),
            (-1e9, top - 1e6, 1e9, top + 2),
            (-1e9, bottom - 2, 1e9, bottom + 1e6),
        ]
    for lon, lat, radius in obstacles:
        x, y = pixels(lon, lat, zoom)
        placed.append((x - radius, y - radius, x + radius, y + radius))
    texts, callouts = [], []
    # Larger countries first: they have room, the small ones are the ones to move.
    by_size = sorted(
        zip(rows["iso3"].tolist(), [place_name(n) for n in rows["name"].tolist()], strict=True),
        key=lambda row: -geo.shape_area(row[0]),
    )
    for iso3, name in by_size:
        if iso3 not in anchors:
            continue
        lon, lat = anchors[iso3]
        x, y = pixels(lon, lat, zoom)
        for dx, dy in _NUDGES:
            box = _box(x + dx, y + dy, name, COUNTRY_LABEL_SIZE, "middle")
            if not _overlaps(box, placed):
                placed.append(box)
                text_lon, text_lat = _lon_lat(x + dx, y + dy, zoom)
                texts.append(
                    _label(
                        name, text_lon, text_lat, COUNTRY_LABEL_SIZE, LABEL_COLOUR, "middle", 700
                    )
                )
                break
        else:
            callouts.append((name, lon, lat))
    called_out, leaders = _callout_columns(callouts, zoom, placed, left_edge)
    texts += called_out
    capitals = []
    for name, lon, lat, on_map in zip(
        [place_name(capital) for capital in rows["capital"].tolist()],
        rows["capital_lon"].tolist(),
        rows["capital_lat"].tolist(),
        rows["capital_on_map"].tolist(),
        strict=True,
    ):
        if not on_map or lon is None or pd.isna(lon):
            continue
        x, y = pixels(lon, lat, zoom)
        dot = (x - 4, y - 4, x + 4, y + 4)  # kept clear of later labels once drawn
        # right of the dot, left of it, then below or above it
        for anchor, dx, dy in (
            ("start", 10, 0),
            ("end", -10, 0),
            ("middle", 0, 13),
            ("middle", 0, -13),
        ):
            box = _box(x + dx, y + dy, name, CAPITAL_LABEL_SIZE, anchor)
            if not _overlaps(box, placed):
                placed += [box, dot]
                capitals.append({"position": [lon, lat]})
                texts.append(
                    {
                        **_label(name, lon, lat, CAPITAL_LABEL_SIZE, CAPITAL_COLOUR, anchor, 400),
                        "offset": [dx, dy],
                    }
                )
                break
    return LabelPlan(texts, leaders, capitals)


def label_layers(
    places: pd.DataFrame,
    shown: tuple[str, ...],
    zoom: float,
    obstacles: list[tuple[float, float, float]] = (),
    frame: tuple[float, float, float, float] | None = None,
) -> list[pdk.Layer]:
    """label_plan drawn by deck.gl: leader lines, capital dots and the names."""
    plan = label_plan(places, shown, zoom, obstacles, frame)
    leaders, capitals, texts = plan.leaders, plan.capitals, plan.texts
    layers = []
    if leaders:
        layers.append(
            pdk.Layer(
                "PathLayer",
                leaders,
                id="label-leaders",
                get_path="path",
                get_color=[110, 120, 135, 200],
                width_units="'pixels'",
                get_width=0.8,
                pickable=False,
            )
        )
    if capitals:
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                capitals,
                id="capital-points",
                get_position="position",
                get_fill_color=[255, 255, 255, 255],
                get_line_color=CAPITAL_COLOUR,
                stroked=True,
                radius_units="'pixels'",
                get_radius=3,
                line_width_units="'pixels'",
                get_line_width=1.2,
                pickable=False,
            )
        )
    layers.append(
        pdk.Layer(
            "TextLayer",
            texts,
            id="labels",
            get_position="position",
            get_text="text",
            get_size="size",
            get_color="colour",
            get_text_anchor="anchor",
            get_alignment_baseline="'center'",
            get_pixel_offset="offset",
            font_family=LABEL_FONT,
            font_weight=600,
            # deck.gl collects the characters the labels use ("auto"); its default set is ASCII
            # only, which would drop the "ü" of Türkiye.
            character_set="'auto'",
            outline_width=4,
            outline_color=_LABEL_HALO,
            font_settings={"sdf": True, "fontSize": 64, "buffer": 6},
            size_units="'pixels'",
            pickable=False,
        )
    )
    return layers


def _label(text, lon, lat, size, colour, anchor, weight) -> dict:
    return {
        "text": text,
        "position": [lon, lat],
        "size": size,
        "colour": colour,
        "anchor": anchor,
        "offset": [0, 0],
        "weight": weight,
    }


def choropleth_bins(values: pd.Series, bins: int = 5) -> list[float]:
    """Bin edges by quantile, so a few very large countries do not wash out the rest."""
    clean = values.dropna()
    if clean.empty:
        return []
    edges = sorted(set(clean.quantile([i / bins for i in range(bins + 1)]).round(6)))
    return edges if len(edges) > 1 else [edges[0], edges[0]]


# Values on both sides of zero (net migration) are coloured by sign first: vermillion shades
# below zero, blue shades above (light near zero), so the sign reads before the size.
NEGATIVE_SHADES = ("#FBD3BE", "#F0A077", "#D55E00")  # near zero -> furthest below
POSITIVE_SHADES = ("#C6DBEF", "#6BAED6", "#08519C")  # near zero -> furthest above
NO_DATA_HEX = "#D7D7D7"


def choropleth_classes(values: pd.Series) -> list[tuple[float, float, str]]:
    """(low, high, colour) of each class, lowest first. Quantile classes in blues; for values
    on both sides of zero, up to three classes on each side with zero as an edge."""
    clean = values.dropna()
    if clean.empty:
        return []
    if not (clean < 0).any():
        edges = choropleth_bins(clean)
        colours = SEQUENTIAL[1 : len(edges)]
        return [(edges[i], edges[i + 1], colours[i]) for i in range(len(edges) - 1)]
    classes = []
    for side, shades in ((clean[clean < 0], NEGATIVE_SHADES), (clean[clean >= 0], POSITIVE_SHADES)):
        if side.empty:
            continue
        count = min(len(shades), side.nunique())
        cuts = side.abs().quantile([i / count for i in range(1, count)]).round(6).tolist()
        edges = sorted({0.0, *cuts, float(side.abs().max())})
        for index in range(len(edges) - 1):
            low, high = edges[index], edges[index + 1]
            colour = shades[min(index, len(shades) - 1)]
            classes.append(
                (-high, -low or 0.0, colour) if side.iloc[0] < 0 else (low, high, colour)
            )
    return sorted(classes)


def legend(classes: list[tuple[float, float, str]], unit: str) -> pd.DataFrame:
    """Colour, range label: the legend of a choropleth, to be drawn beside the deck."""
    rows = [
        {"colour": colour, "range": f"{_edge(low, unit)} – {_edge(high, unit)}"}
        for low, high, colour in classes
    ]
    return pd.DataFrame(rows + [{"colour": NO_DATA_HEX, "range": _(NO_DATA_LABEL)}])


def _edge(value: float, unit: str) -> str:
    """A class edge as the legend prints it: whole numbers from 100 up (a quantile edge of
    persons reads "199,545", not "199,544.8")."""
    return format_number(round(value) if abs(value) >= 100 else value, unit)


def _class_colour(value: float | None, classes: list[tuple[float, float, str]]) -> list[int]:
    if value is None or pd.isna(value) or not classes:
        return NO_DATA
    for _low, high, colour in classes:  # lowest first: the first class reaching the value
        if value <= high:
            return _hex_to_rgba(colour)
    return _hex_to_rgba(classes[-1][2])


def choropleth_layer(
    values: pd.DataFrame,
    unit: str,
    label: str,
    shown: tuple[str, ...] | None = None,
    kosovo_in_serbia: bool = False,
    names: dict[str, str] | None = None,
) -> tuple[pdk.Layer, pd.DataFrame]:
    """Region countries (only `shown`, if given) coloured by `values` (iso3, value, year); returns
    layer and legend.

    Classes are quantiles of all the region's values in that year, so a country keeps its colour
    when the filters change. Where the source folds Kosovo into Serbia (`kosovo_in_serbia`), Kosovo
    stays uncoloured and its tooltip says so rather than reading as "no data".
    """
    classes = choropleth_classes(values["value"])
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
        props["fill"] = _class_colour(None if row is None else row[0], classes)
        props["line"] = _NO_STROKE if props["iso3"] in OUTLINED_APART else [255, 255, 255, 255]
        # In the page's language, whichever names table the caller passed.
        props["tooltip_title"] = place_name((names or {}).get(props["iso3"])) or country_label(
            props["iso3"], props["name"]
        )
        if row is not None:
            text = _("{label}: {value} ({year})").format(
                label=label, value=format_number(row[0], unit), year=int(row[1])
            )
        elif props["iso3"] == KOSOVO and kosovo_in_serbia:
            text = _("{label}: no separate figure; included in Serbia's in this source").format(
                label=label
            )
        else:
            text = _("{label}: no data").format(label=label)
        if props["iso3"] == KOSOVO:
            text += "\n" + _(config.KOSOVO_FOOTNOTE)
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
        get_line_color="properties.line",
        line_width_min_pixels=1,
        pickable=True,
        auto_highlight=True,
    )
    rows = legend(classes, unit)
    if kosovo_in_serbia and (shown is None or KOSOVO in shown):
        rows.loc[rows["range"] == _(NO_DATA_LABEL), "range"] = _(
            "no data ({kosovo}: in Serbia's figure)"
        ).format(kosovo=place_name(config.KOSOVO_MARKER))
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

    def spec(self) -> dict:
        """What `json.loads(self.to_json())` gives, without writing and parsing the text (a
        map drawn as SVG reads the deck this way: the round trip cost 25 ms a map)."""
        return _plain(self)

    def freeze(self) -> CompactDeck:
        """Serialise now and answer every later to_json with that text: do not modify it after."""
        self.__dict__["_frozen_json"] = self.to_json()
        return self


def _plain(value):
    """`value` as JSON would give it back: pydeck objects through pydeck's own serialiser,
    tuples as lists. GeoJSON coordinates are nested numbers by construction (geo builds them) and
    are handed on as they are, shared: read them, never modify them."""
    if isinstance(value, str | bool | int | float) or value is None:
        return value
    if isinstance(value, dict):
        return {
            key: item if key == "coordinates" else _plain(item)
            for key, item in sorted(value.items())
        }
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return _plain(default_serialize(value))


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


def names_of(places: pd.DataFrame | None) -> dict[str, str]:
    """iso3 -> label from country_labels rows (empty without them)."""
    if places is None:
        return {}
    return dict(zip(places["iso3"].tolist(), places["name"].tolist(), strict=True))


def office_obstacles(offices: pd.DataFrame) -> list[tuple[float, float, float]]:
    """(lon, lat, radius px) of each office dot: places no name may cover."""
    return [
        (lon, lat, OFFICE_STYLES[kind].radius + 1)
        for lon, lat, kind in zip(
            offices["lon"].tolist(),
            offices["lat"].tolist(),
            offices["office_type"].tolist(),
            strict=True,
        )
    ]


def overlay_layers(
    places: pd.DataFrame | None,
    shown: tuple[str, ...],
    view: pdk.ViewState,
    offices: pd.DataFrame | None = None,
    width_px: int | None = NARROWEST_MAP_PX,
    height_px: int = MAP_HEIGHT_PX,
) -> list[pdk.Layer]:
    """What every map draws over its shapes: Kosovo's outline (dashed towards Serbia), the office
    dots if given, and, given country_labels rows, the country and capital names laid out for
    the view's zoom around the dots, inside a map at least `width_px` wide and `height_px`
    high."""
    layers = kosovo_boundary_layers(view.zoom)
    obstacles = []
    if offices is not None:
        layers.append(offices_layer(offices))
        obstacles = office_obstacles(offices)
    if places is not None:
        frame = None
        if width_px is not None:
            x, y = pixels(view.longitude, view.latitude, view.zoom)
            frame = (x - width_px / 2, y - height_px / 2, x + width_px / 2, y + height_px / 2)
        layers += label_layers(places, shown, view.zoom, obstacles, frame)
    return layers


def indicator_deck(
    values: pd.DataFrame,
    unit: str,
    label: str,
    selected: tuple[str, ...],
    whole_region: bool,
    places: pd.DataFrame | None = None,
) -> tuple[CompactDeck, pd.DataFrame]:
    """The overview's map: the basemap with the selection highlighted, the region's countries
    coloured by `values`, Kosovo's outline and (given country_labels rows) the names; returns
    the deck and its legend."""
    layer, legend_rows = choropleth_layer(values, unit, label, names=names_of(places))
    view = view_for(selected, whole_region)
    shown = selected if not whole_region else tuple(names_of(places))
    # The choropleth covers every country of the region, so the basemap adds only the neighbours.
    basemap = basemap_layer(selected, neighbours_only=True)
    layers = [basemap, layer, *overlay_layers(places, shown, view)]
    return deck(layers, view), legend_rows


def trend_deck(
    values: pd.DataFrame,
    unit: str,
    label: str,
    year: int,
    selected: tuple[str, ...],
    whole_region: bool,
    places: pd.DataFrame,
    width_px: int = NARROWEST_MAP_PX,
) -> tuple[CompactDeck, pd.DataFrame]:
    """The trends page's map of one year: the selected countries coloured by `values` (iso3,
    value; indicator_values_in_year rows), the others as context, Kosovo's outline and the
    country and capital names laid out for a map about `width_px` wide; returns the deck and
    its legend."""
    shown = None if whole_region else selected
    layer, legend_rows = choropleth_layer(
        values.assign(year=year), unit, label, shown, names=names_of(places)
    )
    view = view_for(selected, whole_region)
    labelled = tuple(names_of(places)) if whole_region else selected
    layers = [
        basemap_layer(selected, neighbours_only=whole_region),
        layer,
        *overlay_layers(places, labelled, view, width_px=width_px),
    ]
    return deck(layers, view), legend_rows


def single_value_note(values: pd.DataFrame, unit: str) -> str | None:
    """What a map of one coloured country says instead of a one-class legend (None otherwise)."""
    present = values.dropna(subset=["value"])
    if len(present) != 1:
        return None
    only = present.iloc[0]
    return _("One country shown ({country}: {value}), so no colour scale.").format(
        country=place_name(only["country"]), value=format_number(float(only["value"]), unit)
    )


def trend_map_alt(values: pd.DataFrame, name: str, unit: str, year: int) -> str:
    """The trends map's text alternative: what it shows, the extremes, where the values are."""
    present = values.dropna(subset=["value"]).sort_values("value")
    if len(present) < 2:
        return _("Map: {name}, {year}, by country. Every value is in the Table tab.").format(
            name=name, year=year
        )
    low, high = present.iloc[0], present.iloc[-1]
    return _(
        "Map: {name}, {year}, by country; highest {highest} ({highest_value}), lowest {lowest} "
        "({lowest_value}). Every value is in the Table tab."
    ).format(
        name=name,
        year=year,
        highest=place_name(high["country"]),
        highest_value=format_number(float(high["value"]), unit),
        lowest=place_name(low["country"]),
        lowest_value=format_number(float(low["value"]), unit),
    )


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
    "regional": OfficeStyle(N_("Regional Office"), "#D55E00", 12.0),
    "country": OfficeStyle(N_("Country office"), "#0033A0", 8.0),
    "sub-office": OfficeStyle(N_("Sub-office"), "#E69F00", 5.5),
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
    return _("{note} (Full note in the table below.)").format(note=kept)


def office_tooltip(office: pd.Series) -> tuple[str, str]:
    """(title, body) of an office's tooltip as plain text, one line per fact: type, country,
    contacts, notes. Streamlit escapes it when filling the template."""
    style = OFFICE_STYLES[office["office_type"]]
    city, country = place_name(office["city"]), place_name(office["country_name"])
    lines = [
        _("{office_type} · {city}, {country} (listed {as_of})").format(
            office_type=_(style.label), city=city, country=country, as_of=_(config.OFFICES_AS_OF)
        )
    ]
    if office["office_type"] == "regional":
        lines.append(
            _("Covers the region's countries and territories; Israel has no office of its own")
        )
    status = _text(office.get("current_status_note"))
    if status:
        lines.append(_("Status today: {status}").format(status=d_(status)))
    if office.get("iso3") == KOSOVO:
        lines.append(_(config.KOSOVO_FOOTNOTE))
    published = _text(office["city_as_published"])
    if published and published != office["city"]:
        lines.append(_("Published as: {name}").format(name=published))
    if office["position_is_stand_in"]:
        lines.append(
            _(
                "Position: no town is published; placed at {city} (the country office) as a "
                "stand-in"
            ).format(city=city)
        )
    for label, column in (
        (N_("Address"), "address"),
        (N_("Tel."), "telephone"),
        (N_("Email"), "email"),
    ):
        value = _text(office[column])
        if value:
            lines.append(_("{label}: {value}").format(label=_(label), value=value))
    note = _text(office["note"])
    if note:  # translated whole (data.po), the bookkeeping sentence left out in either language
        shown = d_(note)
        for bookkeeping in (_CONTACT_TRANSCRIPTION_NOTE, d_(_CONTACT_TRANSCRIPTION_NOTE)):
            shown = shown.replace(bookkeeping, "")
        note = _text(shown)
    if note:
        lines.append(_("Note: {note}").format(note=_first_sentences(note, TOOLTIP_NOTE_LENGTH)))
    return str(d_(office["name"])), "\n".join(lines)


def office_points(offices: pd.DataFrame) -> list[dict]:
    """One dict per office (offices_on_map rows) in drawing order, sub-offices last (on top):
    id, type, lon, lat, fill, radius and the tooltip's title and body as plain text."""
    order = {office_type: rank for rank, office_type in enumerate(OFFICE_STYLES)}
    points = []
    for _index, office in offices.sort_values("office_type", key=lambda s: s.map(order)).iterrows():
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
    return points


def offices_layer(offices: pd.DataFrame) -> pdk.Layer:
    """Office dots sized and coloured by type, from offices_on_map rows; sub-offices on top."""
    return pdk.Layer(
        "ScatterplotLayer",
        office_points(offices),
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
        (
            style.colour,
            _("{office_type} ({count} shown)").format(
                office_type=_(style.label), count=shown.get(office_type, 0)
            ),
            style.radius,
        )
        for office_type, style in OFFICE_STYLES.items()
    ]


def office_legend_title() -> str:
    """The title of the office layer's legend: the list is dated."""
    return _("IOM offices ({as_of})").format(as_of=_(config.OFFICES_AS_OF))


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
    # Room on the west for the Western Balkans' names, set beside them at this zoom.
    west, east = float(offices["lon"].min()) - 9.0, float(offices["lon"].max())
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
        _(
            'The {country} sub-office published only as "{published}" has no published town: '
            "it is drawn at {city} (the country office) as a stand-in."
        ).format(country=place_name(country), published=published, city=place_name(city))
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
    return _(
        "Kosovo (UNSCR 1244) is folded into Serbia in this source: Serbia's value includes it, "
        "and Kosovo* is left uncoloured."
    )


def offices_source(offices: pd.DataFrame) -> str:
    """The source line of the office dots: list, contact details and positions."""
    lists = sorted(set(offices["document"].tolist()))
    contacts = sorted({str(doc) for doc in offices["contact_document"].dropna()})
    as_of = _(config.OFFICES_AS_OF)
    if contacts:
        return _(
            "Offices: {lists}, Annex 1 (offices {as_of}); contact details: {contacts}, CONTACT "
            "US; positions: GeoNames gazetteer"
        ).format(lists="; ".join(lists), as_of=as_of, contacts="; ".join(contacts))
    return _("Offices: {lists}, Annex 1 (offices {as_of}); positions: GeoNames gazetteer").format(
        lists="; ".join(lists), as_of=as_of
    )


def basemap_source() -> str:
    """The credit for the committed boundaries (the edition's details are in data/geo/)."""
    return _(config.BOUNDARIES_CREDIT)


def offices_deck(
    offices: pd.DataFrame,
    selected: tuple[str, ...],
    whole_region: bool,
    indicator: tuple[pd.DataFrame, str, str, bool] | None = None,
    height: int = OFFICES_MAP_HEIGHT_PX,
    places: pd.DataFrame | None = None,
) -> tuple[CompactDeck, pd.DataFrame | None]:
    """The offices map: basemap, optionally the selected countries coloured by an indicator
    (values, unit, label, kosovo_in_serbia), and the offices on top; returns the deck and the
    indicator's legend (None without an indicator)."""
    layers, classes = [basemap_layer(selected)], None
    if indicator is not None:
        values, unit, label, kosovo_in_serbia = indicator
        choropleth, classes = choropleth_layer(
            values, unit, label, selected, kosovo_in_serbia, names_of(places)
        )
        layers.append(choropleth)
    view = view_for_offices(offices, selected, whole_region, height=height)
    shown = tuple(names_of(places)) if whole_region else selected
    # Names stay inside the narrowest offices map.
    layers += overlay_layers(
        places, shown, view, offices, width_px=OFFICES_MAP_PX, height_px=height
    )
    return deck(layers, view, TOOLTIP), classes
