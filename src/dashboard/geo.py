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


@cache
def display_shapes() -> dict:
    """The country shapes simplified for drawing (shared borders stay shared), once per process."""
    import shapely
    from shapely.geometry import mapping, shape

    shapes = country_shapes()
    geometries = [shape(feature["geometry"]) for feature in shapes["features"]]
    simplified = shapely.coverage_simplify(geometries, DISPLAY_TOLERANCE)
    rounded = shapely.set_precision(simplified, 0.001, mode="keep_collapsed")
    return {
        **shapes,
        "features": [
            {**feature, "geometry": mapping(geometry)}
            for feature, geometry in zip(shapes["features"], rounded, strict=True)
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
