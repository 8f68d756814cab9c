"""The committed country-boundary GeoJSON (Natural Earth, public domain), read once per process."""

from __future__ import annotations

import json
from functools import cache

from dashboard import config

BASEMAP_FILE = config.GEO_DIR / "countries.geojson"


@cache
def country_shapes() -> dict:
    """The FeatureCollection of the region and its neighbours; properties iso3, name, in_region."""
    with BASEMAP_FILE.open(encoding="utf-8") as handle:
        return json.load(handle)


# Degrees; coarse enough to halve what the browser redraws on every rerun (software WebGL on a
# projector laptop), fine enough that no border of the region visibly moves at regional zoom.
DISPLAY_TOLERANCE = 0.12
# Degrees; the grid the simplified corners are snapped to. A twelfth of the tolerance above (about
# 1 km, under a pixel up to zoom 7, the closest any map opens at) keeps borders where the
# simplification put them, and sends two decimals instead of three: each map's JSON is a tenth
# smaller, on every first draw and filter change.
DISPLAY_GRID = 0.01


@cache
def display_shapes() -> dict:
    """The country shapes simplified for drawing (shared borders stay shared), once per process."""
    import shapely
    from shapely.geometry import mapping, shape

    shapes = country_shapes()
    geometries = [shape(feature["geometry"]) for feature in shapes["features"]]
    simplified = shapely.coverage_simplify(geometries, DISPLAY_TOLERANCE)
    rounded = shapely.set_precision(simplified, DISPLAY_GRID, mode="keep_collapsed")
    return {
        **shapes,
        "features": [
            {**feature, "geometry": mapping(geometry)}
            for feature, geometry in zip(shapes["features"], rounded, strict=True)
            if not geometry.is_empty  # a neighbour under one grid cell (the Holy See)
        ],
    }


@cache
def region_shapes() -> dict:
    """The drawing shapes of the 20 countries and territories only (a lighter basemap)."""
    shapes = display_shapes()
    return {**shapes, "features": [f for f in shapes["features"] if f["properties"]["in_region"]]}


def bounds_of(iso3: tuple[str, ...]) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of the given countries' shapes, or None if none match."""
    wanted = set(iso3)
    xs: list[float] = []
    ys: list[float] = []
    for feature in country_shapes()["features"]:
        if feature["properties"]["iso3"] not in wanted:
            continue
        geometry = feature["geometry"]
        polygons = (
            geometry["coordinates"]
            if geometry["type"] == "MultiPolygon"
            else [geometry["coordinates"]]
        )
        for polygon in polygons:
            for x, y in polygon[0]:
                xs.append(x)
                ys.append(y)
    if not xs:
        return None
    return min(xs), min(ys), max(xs), max(ys)


# The map is cut at this longitude (see data/geo/README.md): a label of the Russian Federation
# placed by its whole shape would sit beyond the region's view.
_LABEL_EAST_LIMIT = 100.0


@cache
def label_points() -> dict[str, tuple[float, float]]:
    """iso3 -> (lon, lat) inside each region country's largest piece, where its name is drawn
    (the pole of inaccessibility: the point farthest from the border, so the label sits inside)."""
    import shapely.ops  # polylabel: "import shapely" alone does not load the ops module
    from shapely.geometry import box, shape

    points = {}
    for feature in country_shapes()["features"]:
        if not feature["properties"]["in_region"]:
            continue
        iso3 = feature["properties"]["iso3"]
        # The Russian Federation's name goes west of the Urals, where the region's maps look.
        east = 60.0 if iso3 == "RUS" else _LABEL_EAST_LIMIT
        geometry = shape(feature["geometry"]).intersection(box(-30, 20, east, 70))
        pieces = getattr(geometry, "geoms", [geometry])
        largest = max(pieces, key=lambda piece: piece.area)
        point = shapely.ops.polylabel(largest, tolerance=0.05)
        points[iso3] = (round(point.x, 3), round(point.y, 3))
    return points


@cache
def kosovo_boundary() -> tuple[list[list[list[float]]], list[list[list[float]]]]:
    """(solid, dashed) lines around Kosovo in the drawing shapes: the line between Kosovo and
    Serbia is dashed, as on UN maps; the rest of both outlines is solid. Each line is a list of
    [lon, lat] points."""
    from shapely.geometry import mapping, shape
    from shapely.ops import linemerge

    # Only the two shapes: making all 91 took a tenth of a second of the first page's run.
    by_iso3 = {
        f["properties"]["iso3"]: shape(f["geometry"])
        for f in display_shapes()["features"]
        if f["properties"]["iso3"] in ("XKX", "SRB")
    }
    kosovo, serbia = by_iso3["XKX"].boundary, by_iso3["SRB"].boundary
    shared = kosovo.intersection(serbia)
    shared = linemerge(shared) if shared.geom_type == "MultiLineString" else shared
    solid = kosovo.union(serbia).difference(shared.buffer(1e-6))

    def lines(geometry) -> list[list[list[float]]]:
        parts = getattr(geometry, "geoms", [geometry])
        return [
            [list(point) for point in mapping(part)["coordinates"]]
            for part in parts
            if part.geom_type == "LineString" and not part.is_empty
        ]

    return lines(solid), lines(shared)


@cache
def shape_area(iso3: str) -> float:
    """The area of a country's shape in square degrees (0 if not on the basemap), for ordering.
    One shape at a time: making all 91 at full resolution cost the first page 50 ms."""
    from shapely.geometry import shape

    for feature in country_shapes()["features"]:
        if feature["properties"]["iso3"] == iso3:
            return shape(feature["geometry"]).area
    return 0.0
