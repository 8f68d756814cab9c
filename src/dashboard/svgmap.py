"""A pydeck map drawn by plotly as SVG: the same deck, no WebGL. Pure: no streamlit.

Why: in a browser without a GPU (Chromium's software WebGL, or a locked-down laptop), deck.gl
compiles a shader program for every kind of layer on the main thread, about two seconds for a
map of shapes, lines, dots and names; plotly draws the same picture as SVG in a fraction of
that (bench/README.md, "First load"). The overview, the trends page, the country profile
and the offices map draw their maps this way, and so does the offices map; deck.gl is left to the briefing's map
slide.

The map is drawn in Web Mercator pixels at the deck's zoom (maps.pixels), so the names the
deck's builders laid out (maps.label_plan) sit where they were placed, and a wider window shows
more of the map around the same centre, as deck.gl does. Only the layer kinds the dashboard's
decks use are known here; another kind is an error, not a silent gap.
"""

from __future__ import annotations

import html
import json
import textwrap

import numpy as np
import plotly.graph_objects as go

from dashboard import maps, speedups
from dashboard.style import TEMPLATE_NAME

# Characters per line of a hover box: plotly does not wrap hover text, and a long note on one
# line would run off a narrow map.
HOVER_LINE = 58
# Marks the figure as a map (the page puts IOM's disclaimer under it; the browser checks look
# for it).
META = {"kind": "map"}
_ANCHORS = {"start": "left", "middle": "center", "end": "right"}
# A white halo around names, as the deck's outlined text has, so they read over borders.
_HALO = "1px 1px 2px white, -1px -1px 2px white, 1px -1px 2px white, -1px 1px 2px white"


def css(colour: list[int]) -> str:
    """[r, g, b, a] (a 0-255, as deck.gl takes it) as a CSS colour."""
    red, green, blue, alpha = (list(colour) + [255])[:4]
    return f"rgba({red}, {green}, {blue}, {alpha / 255:.3g})"


def hover_text(title: str, body: str) -> str:
    """A tooltip's plain text as plotly hover markup: escaped (plotly would read <b> or <a> in
    the data as its own markup; it decodes &lt; &gt; &amp;, not &quot;), wrapped, bold title."""

    def lines(text: str) -> list[str]:
        return [
            html.escape(piece, quote=False)
            for line in text.split("\n")
            for piece in textwrap.wrap(line, HOVER_LINE, break_on_hyphens=False) or [""]
        ]

    return "<br>".join([f"<b>{line}</b>" for line in lines(title)] + lines(body))


def _value(layer: dict, prop: str, datum: dict, default=None):
    """A layer property for one datum: a constant, or an accessor "@@=a.b" read from it."""
    value = layer.get(prop, default)
    if not (isinstance(value, str) and value.startswith("@@=")):
        return value
    expression = value[3:].strip()
    if expression.startswith("[") and expression.endswith("]"):  # "[lon, lat]": two columns
        return [_path(datum, key.strip()) for key in expression[1:-1].split(",")]
    return _path(datum, expression)


def _path(datum: dict, dotted: str):
    for key in dotted.split("."):
        datum = datum[key]
    return datum


def _joined(lines: list[list[list[float]]]) -> np.ndarray:
    """Lines of [lon, lat] as one (n, 2) array, a row of NaN after each (a gap for plotly)."""
    parts: list[np.ndarray] = []
    for line in lines:
        parts += [np.asarray(line, dtype=float).reshape(-1, 2), _GAP]
    return np.concatenate(parts) if parts else np.empty((0, 2))


_GAP = np.array([[np.nan, np.nan]])


class _Canvas:
    """Screen pixels (y up) at the deck's zoom, and the frame the map must show."""

    def __init__(self, view: dict, width_px: int, height_px: int) -> None:
        self.zoom = view["zoom"]
        x, y = maps.pixels(view["longitude"], view["latitude"], self.zoom)
        self.frame = (x - width_px / 2, y - height_px / 2, x + width_px / 2, y + height_px / 2)

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = maps.pixels(lon, lat, self.zoom)
        return round(x, 1), round(-y, 1)

    def lines(self, lines: list[list[list[float]]]) -> tuple[np.ndarray, np.ndarray]:
        """Lines or rings of [lon, lat] as one trace's x and y (maps.pixels for every point at
        once, to 0.1 px), NaN between two of them: plotly starts a new piece there."""
        points = _joined(lines)
        world = 512 * 2**self.zoom
        x = (points[:, 0] + 180) / 360 * world
        mercator = np.log(np.tan(np.pi / 4 + np.radians(points[:, 1]) / 2))
        y = (1 - mercator / np.pi) / 2 * world
        # float32: 4 bytes a coordinate as plotly sends typed arrays, still 0.01 px at zoom 8
        return np.round(x, 1).astype(np.float32), np.round(-y, 1).astype(np.float32)

    def reaches(self, rings: list[list[list[float]]], margin: float = 200) -> bool:
        """Whether the rings' bounding box comes within `margin` pixels of the frame (a wider
        window shows more than the frame)."""
        points = _joined(rings)
        west, south = np.nanmin(points, axis=0)
        east, north = np.nanmax(points, axis=0)
        left, top, right, bottom = self.frame
        x0, y0 = maps.pixels(west, north, self.zoom)
        x1, y1 = maps.pixels(east, south, self.zoom)
        return (
            x0 < right + 2 * margin
            and x1 > left - 2 * margin
            and y0 < bottom + margin
            and y1 > top - margin
        )


def _scatter(**properties) -> dict:
    """A scatter trace as plotly's own dict (drawn unvalidated, see speedups): validating some
    12,000 coordinates took longer than drawing them."""
    return {"type": "scatter", **{k: v for k, v in properties.items() if v is not None}}


def outer_rings(geometry: dict) -> list[list[list[float]]]:
    """The outer ring of each polygon of a (Multi)Polygon geometry."""
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    return [polygon[0] for polygon in polygons]


def _land(canvas: _Canvas, rings, fill: str, line_css: str, width: float, **extra) -> dict:
    """Filled shapes (one trace), outlined unless the outline is the fill's own colour."""
    xs, ys = canvas.lines(rings)
    return _scatter(
        x=xs,
        y=ys,
        mode="lines",
        fill="toself",
        fillcolor=fill,
        line={"color": line_css, "width": width if line_css != fill else 0},
        showlegend=False,
        **extra,
    )


def _shapes(layer: dict, canvas: _Canvas) -> list[dict]:
    """A GeoJsonLayer: shapes with a tooltip get a trace each (plotly hovers a fill as one
    trace); the others are drawn together by colour, under them."""
    stroked = layer.get("stroked", True)
    width = layer.get("lineWidthMinPixels", 1) if stroked else 0
    traces: list[dict] = []
    plain: dict[tuple[str, str], tuple[list, list[str]]] = {}  # look -> (rings, iso3 codes)
    for feature in layer["data"]["features"]:
        rings = outer_rings(feature["geometry"])
        if not canvas.reaches(rings):
            continue
        fill = css(_value(layer, "getFillColor", feature, [0, 0, 0, 255]))
        line = _value(layer, "getLineColor", feature, [0, 0, 0, 255])
        line_css = css(line) if stroked and line[3:4] != [0] else fill
        props = feature["properties"]
        if layer.get("pickable") and props.get("tooltip_title"):
            traces.append(
                _land(
                    canvas, rings, fill, line_css, width,
                    hoveron="fills",
                    text=hover_text(props["tooltip_title"], props.get("tooltip_body", "")),
                    hoverinfo="text",
                    name=props.get("iso3", ""),
                    meta={"layer": layer["id"], "iso3": [props.get("iso3", "")]},
                )
            )  # fmt: skip
        else:
            group_rings, codes = plain.setdefault((fill, line_css), ([], []))
            group_rings.extend(rings)
            codes.append(props.get("iso3", ""))
    grouped = [
        _land(
            canvas, rings, fill, line_css, width,
            hoverinfo="skip", name=layer["id"], meta={"layer": layer["id"], "iso3": codes},
        )
        for (fill, line_css), (rings, codes) in reversed(plain.items())
    ]  # fmt: skip
    return grouped + traces


def _paths(layer: dict, canvas: _Canvas) -> list[dict]:
    paths = [datum["path"] for datum in layer["data"] if canvas.reaches([datum["path"]])]
    if not paths:
        return []
    xs, ys = canvas.lines(paths)
    width = max(layer.get("getWidth", 1), layer.get("widthMinPixels", 0))
    return [
        _scatter(
            x=xs,
            y=ys,
            mode="lines",
            line={"color": css(layer.get("getColor", [0, 0, 0, 255])), "width": width},
            hoverinfo="skip",
            name=layer["id"],  # the deck's layer ("kosovo-boundary-dashed")
            meta={"layer": layer["id"]},
            showlegend=False,
        )
    ]


def _dots(layer: dict, canvas: _Canvas) -> list[dict]:
    """A ScatterplotLayer in pixel units: dots grouped by colour and size, in the layer's order."""
    groups: dict[tuple[str, float], list[dict]] = {}
    for datum in layer["data"]:
        fill = css(_value(layer, "getFillColor", datum, [0, 0, 0, 255]))
        radius = float(_value(layer, "getRadius", datum, 1))
        groups.setdefault((fill, radius), []).append(datum)
    line = {
        "color": css(layer.get("getLineColor", [0, 0, 0, 255])),
        "width": layer.get("getLineWidth", 1) if layer.get("stroked") else 0,
    }
    traces = []
    for (fill, radius), data in groups.items():
        points = [canvas.point(*_value(layer, "getPosition", datum)) for datum in data]
        hover = layer.get("pickable") and all("tooltip_title" in datum for datum in data)
        traces.append(
            _scatter(
                x=[x for x, _y in points],
                y=[y for _x, y in points],
                mode="markers",
                marker={"size": 2 * radius, "color": fill, "line": line},
                hovertext=[hover_text(d["tooltip_title"], d["tooltip_body"]) for d in data]
                if hover
                else None,
                hoverinfo="text" if hover else "skip",
                name=layer["id"],
                # which office each dot is ([id, type]), for a click or a check
                customdata=[[d["office_id"], d["office_type"]] for d in data]
                if all("office_id" in d for d in data)
                else None,
                meta={"layer": layer["id"]},
                showlegend=False,
            )
        )
    return traces


def _names(layer: dict, canvas: _Canvas) -> list[dict]:
    """A TextLayer's labels (maps.label_plan texts) as annotations, pixel offsets kept."""
    annotations = []
    for text in layer["data"]:
        x, y = canvas.point(*text["position"])
        dx, dy = text.get("offset", [0, 0])
        annotations.append(
            {
                "x": x + dx,
                "y": y - dy,
                "text": html.escape(text["text"], quote=False),
                "showarrow": False,
                "xanchor": _ANCHORS[text["anchor"]],
                "yanchor": "middle",
                "font": {
                    "size": text["size"] + 1,
                    "color": css(text["colour"]),
                    "weight": text.get("weight", 400),
                    "shadow": _HALO,
                },
            }
        )
    return annotations


def figure_from_deck(deck, width_px: int, height_px: int) -> go.Figure:
    """The deck as a plotly figure `height_px` high showing at least the `width_px` x
    `height_px` frame around the deck's view (more on a wider window, as deck.gl shows)."""
    spec = deck.spec() if isinstance(deck, maps.CompactDeck) else json.loads(deck.to_json())
    view = spec["initialViewState"]
    canvas = _Canvas(view, width_px, height_px)
    traces: list[dict] = []
    annotations: list[dict] = []
    for layer in spec["layers"]:
        kind = layer["@@type"]
        if kind == "GeoJsonLayer":
            traces += _shapes(layer, canvas)
        elif kind == "PathLayer":
            traces += _paths(layer, canvas)
        elif kind == "ScatterplotLayer":
            traces += _dots(layer, canvas)
        elif kind == "TextLayer":
            annotations += _names(layer, canvas)
        else:
            raise ValueError(f"no SVG drawing for a deck.gl {kind}")
    left, top, right, bottom = canvas.frame
    # Built unvalidated: plotly checking the layout's dozens of name annotations property by
    # property cost more than drawing the shapes (about 10 ms of a 22 ms map, on every new
    # selection). Unvalidated, the template stays its name, as it always has for these maps:
    # Streamlit's theme gives them their type in the browser.
    return speedups.unvalidated_figure(
        traces,
        {
            "template": TEMPLATE_NAME,
            "height": height_px,
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "plot_bgcolor": "white",
            "paper_bgcolor": "white",
            "showlegend": False,
            "annotations": annotations,
            "hovermode": "closest",
            "hoverlabel": {
                "bgcolor": "white",
                "bordercolor": "#C0C7D2",
                "font": {"color": "#1B2A41", "size": 14},
                "align": "left",
            },
            # the deck's view: centre and zoom the map is drawn at
            "meta": {**META, "view": {k: view[k] for k in ("longitude", "latitude", "zoom")}},
            "dragmode": "pan",
            # Equal scales on both axes; a window of another shape widens whichever range it
            # must, so the whole frame stays in view and more map shows around it (as deck.gl
            # does), never a strip.
            "xaxis": {
                "range": [left, right],
                "visible": False,
                "showgrid": False,
                "constrain": "range",
            },
            "yaxis": {
                "range": [-bottom, -top],
                "visible": False,
                "showgrid": False,
                "scaleanchor": "x",
                "scaleratio": 1,
                "constrain": "range",
            },
        },
    )


def is_map(figure_spec: dict) -> bool:
    """Whether a plotly figure (as a dict) is a map drawn here."""
    return (figure_spec.get("layout", {}).get("meta") or {}).get("kind") == META["kind"]


def is_map_figure(figure: go.Figure) -> bool:
    """Whether a plotly figure is a map drawn here."""
    return (figure.layout.meta or {}).get("kind") == META["kind"]


def indicator_map(*args, **kwargs) -> tuple[go.Figure, object]:
    """The overview's choropleth (maps.indicator_deck's arguments) drawn as SVG, and its legend.
    Names were laid out for a map at least maps.NARROWEST_MAP_PX x maps.MAP_HEIGHT_PX."""
    deck, legend = maps.indicator_deck(*args, **kwargs)
    return figure_from_deck(deck, maps.NARROWEST_MAP_PX, maps.MAP_HEIGHT_PX), legend


def trend_map(*args, **kwargs) -> tuple[go.Figure, object]:
    """The trends page's choropleth of one year (maps.trend_deck's arguments) as SVG, and its
    legend."""
    deck, legend = maps.trend_deck(*args, **kwargs)
    width = kwargs.get("width_px", maps.NARROWEST_MAP_PX)
    return figure_from_deck(deck, width, maps.MAP_HEIGHT_PX), legend


def offices_map(*args, **kwargs) -> tuple[go.Figure, object]:
    """The offices map (maps.offices_deck's arguments) as SVG, and its indicator legend. Names
    were laid out for a map at least maps.OFFICES_MAP_PX wide and `height` high."""
    deck, classes = maps.offices_deck(*args, **kwargs)
    height = kwargs.get("height", maps.OFFICES_MAP_HEIGHT_PX)
    return figure_from_deck(deck, maps.OFFICES_MAP_PX, height), classes
