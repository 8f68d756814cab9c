"""Run every reader on the official files and write the tidy extract.

`ingest(public_dir)` returns the rows and a report; `write_outputs(result, out_dir)` writes
indicators.csv, indicator_catalog.csv and dataset_sources.csv (UTF-8, LF, RFC 4180 quoting,
rows sorted by indicator_code, iso3, year so that re-running gives identical bytes), and the UN
projections (estimates, variants and bounds, a shape of their own) to projections.csv and
projection_catalog.csv.
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import knomad, undesa, unhcr, worldbank, wpp
from .catalog import (
    CATALOG_COLUMNS,
    DATASETS_BY_ID,
    INDICATORS_BY_CODE,
    PROJECTION_COLUMNS,
    PROJECTION_SERIES,
    SOURCE_COLUMNS,
    catalog_rows,
    projection_catalog_rows,
    source_rows,
    validate_catalog,
)
from .common import (
    KOSOVO,
    REGION_ISO3,
    IngestError,
    TidyRow,
    compare_extents,
    extents,
    format_value,
    read_extract_extents,
    require_regular_file,
)

INDICATOR_COLUMNS = ("indicator_code", "iso3", "year", "value", "source_id")
PROJECTION_ROW_COLUMNS = ("series_code", "iso3", "year", "variant", "value", "source_id")
OUTPUT_FILES = (
    "indicators.csv",
    "indicator_catalog.csv",
    "dataset_sources.csv",
    "migrant_corridors.csv",
    "corridor_places.csv",
    "projections.csv",
    "projection_catalog.csv",
)
CORRIDOR_COLUMNS = ("origin_iso3", "destination_iso3", "year", "migrants", "source_id")
PLACE_COLUMNS = ("iso3", "name", "is_eu")
# The 27 member states of the European Union (since 1 February 2020), to group destinations.
EU27 = frozenset(
    "AUT BEL BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN IRL ITA LVA LTU LUX MLT NLD POL PRT ROU"
    " SVK SVN ESP SWE".split()
)
# Sources that fold Kosovo into Serbia: an XKX row from them would be a bug.
NO_KOSOVO_PREFIXES = ("undesa", "unhcr")
# WPP 2022 estimates end in 2021; later years in the WDI net migration download are projections.
NET_MIGRATION_LAST_ESTIMATE_YEAR = 2021
# WPP 2024 estimates end in 2023; WDI July 2026 carries its projections for 2024-2025.
WPP_2024_LAST_ESTIMATE_YEAR = 2023


@dataclass
class IngestResult:
    rows: list[TidyRow]
    notes: dict[str, dict[str, int]] = field(default_factory=dict)
    projections: list[wpp.ProjectionRow] = field(default_factory=list)
    corridors: list[undesa.Corridor] = field(default_factory=list)
    place_names: dict[str, str] = field(default_factory=dict)

    def counts(self) -> Counter:
        return Counter(r.indicator_code for r in self.rows)


def _path(public_dir: Path, source_id: str) -> Path:
    return public_dir / DATASETS_BY_ID[source_id].file


def _expected(source_id: str) -> str | None:
    return DATASETS_BY_ID[source_id].expected_vintage


def ingest(public_dir: Path) -> IngestResult:
    """Read every official file under `public_dir`; raise IngestError on the first bad file."""
    validate_catalog()
    public_dir = Path(public_dir)
    if not public_dir.is_dir():
        raise IngestError(public_dir, "public data directory not found")
    rows: list[TidyRow] = []
    notes: dict[str, dict[str, int]] = {}

    sid = "undesa_ims_2020"
    ims_rows, notes[sid] = undesa.read_ims_destination(_path(public_dir, sid), sid, _expected(sid))
    rows += ims_rows
    sid = "undesa_ims_2020_abel_origin"
    rows += undesa.read_abel_origin_totals(_path(public_dir, sid), sid)
    sid = "undesa_ims_2024"
    ims_rows, notes[sid] = undesa.read_ims_2024_destination(
        _path(public_dir, sid), sid, _expected(sid)
    )
    rows += ims_rows
    sid = "undesa_ims_2024_origin"
    ims_rows, notes[sid] = undesa.read_ims_2024_origin(_path(public_dir, sid), sid, _expected(sid))
    rows += ims_rows

    sid = "wdi_population_datahub"
    rows += worldbank.read_datahub_population(_path(public_dir, sid), sid)
    sid = "wdi_net_migration_2024_06"
    path = _path(public_dir, sid)
    wdi_rows, notes[sid] = worldbank.wdi_to_rows(
        worldbank.read_wdi_api_csv(path),
        path,
        "wdi.net_migration",
        sid,
        "SM.POP.NETM",
        _expected(sid),
        last_year=NET_MIGRATION_LAST_ESTIMATE_YEAR,
        integral_counts=True,
    )
    rows += wdi_rows
    sid = "wdi_remittances_usd_2023_10"
    path = _path(public_dir, sid)
    wdi_rows, notes[sid] = worldbank.wdi_to_rows(
        worldbank.read_wdi_api_excel(path),
        path,
        "wdi.remittances_usd",
        sid,
        "BX.TRF.PWKR.CD.DT",
        _expected(sid),
        zero_is_missing=True,
    )
    rows += wdi_rows
    sid = "wdi_remittances_gdp_2023_05"
    path = _path(public_dir, sid)
    wdi_rows, notes[sid] = worldbank.wdi_to_rows(
        worldbank.read_wdi_api_excel(path),
        path,
        "wdi.remittances_gdp",
        sid,
        "BX.TRF.PWKR.DT.GD.ZS",
        _expected(sid),
        zero_is_missing=True,
    )
    rows += wdi_rows

    sid = "wdi_remittances_usd_2025_07"
    path = _path(public_dir, sid)
    wdi_rows, notes[sid] = worldbank.wdi_to_rows(
        worldbank.read_wdi_api_csv(path),
        path,
        "wdi2025.remittances_usd",
        sid,
        "BX.TRF.PWKR.CD.DT",
        _expected(sid),
        zero_is_missing=True,
    )
    rows += wdi_rows
    rows += _wdi_2026(public_dir, notes)

    sid = "knomad_data360_2025"
    data360_rows, notes[sid] = knomad.read_data360_inflows(
        _path(public_dir, sid), "knomad360.remittances_usd_mn", sid
    )
    rows += data360_rows
    sid = "knomad_2023_12"
    path = _path(public_dir, sid)
    table = knomad.read_knomad_inflows(path)
    rows += knomad.knomad_to_rows(
        table,
        path,
        "knomad2023.remittances_usd_mn",
        sid,
        _expected(sid),
        gdp_code="knomad2023.remittances_gdp_2023",
    )
    notes[sid] = {"zeros read as missing": table.zeros_dropped}
    sid = "knomad_2021_05"
    path = _path(public_dir, sid)
    table = knomad.read_knomad_inflows(path)
    rows += knomad.knomad_to_rows(table, path, "knomad2021.remittances_usd_mn", sid, _expected(sid))
    notes[sid] = {"zeros read as missing": table.zeros_dropped}

    sid = "unhcr_population_2025_12_1"
    rows += unhcr.read_population(_path(public_dir, sid), sid)
    sid = "unhcr_idmc_2025_12_1"
    rows += unhcr.read_idmc(_path(public_dir, sid), sid)

    check_rows(rows)
    rows.sort(key=lambda r: (r.indicator_code, r.iso3, r.year))

    sid = "wpp_2024"
    projections = wpp.read_wpp(_path(public_dir, sid), sid, _expected(sid))
    sid = "undesa_ims_2024_bilateral"
    path = _path(public_dir, sid)
    corridors = undesa.read_bilateral(path, sid)
    undesa.check_corridor_totals(corridors, rows, path)
    names = undesa.read_ims_2024_place_names(_path(public_dir, "undesa_ims_2024"))
    return IngestResult(rows, notes, projections, corridors, names)


# WDI July 2026: (folder under worldbank_wdi_2026/, indicator code, options for wdi_to_rows)
WDI_2026_SERIES = (
    ("bx.trf.pwkr.cd.dt", "wdi2026.remittances_usd", {"zero_is_missing": True}),
    ("ny.gdp.mktp.cd", "wdi2026.gdp_usd", {"zero_is_missing": True}),
    (
        "sm.pop.netm",
        "wdi2026.net_migration",
        {"last_year": WPP_2024_LAST_ESTIMATE_YEAR, "integral_counts": True},
    ),
    ("sp.pop.totl", "wdi2026.population", {"integral_counts": True}),
)


def _wdi_2026(public_dir: Path, notes: dict[str, dict[str, int]]) -> list[TidyRow]:
    """The four WDI July 2026 series and remittances as % of GDP derived from two of them."""
    sid = "wdi_2026_07"
    out: list[TidyRow] = []
    by_code: dict[str, list[TidyRow]] = {}
    for folder, code, options in WDI_2026_SERIES:
        path = public_dir / "worldbank_wdi_2026" / folder / "data.csv"
        series, dropped = worldbank.wdi_to_rows(
            worldbank.read_datahub_wdi(path, folder),
            path,
            code,
            sid,
            folder.upper(),
            None,
            **options,
        )
        for reason, count in dropped.items():
            notes.setdefault(sid, {})[f"{code}: {reason}"] = count
        by_code[code] = series
        out += series
    out += worldbank.derive_ratio(
        by_code["wdi2026.remittances_usd"],
        by_code["wdi2026.gdp_usd"],
        "wdi2026.remittances_gdp",
        sid,
    )
    return out


def check_rows(rows: list[TidyRow]) -> None:
    """Invariants of the extract (raise ValueError): catalogue codes, region, keys, numbers."""
    seen: set[tuple[str, str, int]] = set()
    region = set(REGION_ISO3)
    for row in rows:
        indicator = INDICATORS_BY_CODE.get(row.indicator_code)
        if indicator is None:
            raise ValueError(f"{row.indicator_code} is not in the catalogue")
        if indicator.source_id != row.source_id:
            raise ValueError(f"{row}: source differs from the catalogue ({indicator.source_id})")
        if row.iso3 not in region:
            raise ValueError(f"{row}: {row.iso3} is not one of the 20")
        if row.iso3 == KOSOVO and row.indicator_code.startswith(NO_KOSOVO_PREFIXES):
            raise ValueError(f"{row}: this source has no separate Kosovo figure")
        if not (1900 <= row.year <= 2100):
            raise ValueError(f"{row}: implausible year")
        if not isinstance(row.value, int | float) or not math.isfinite(row.value):
            raise ValueError(f"{row}: value is not a finite number")
        key = (row.indicator_code, row.iso3, row.year)
        if key in seen:
            raise ValueError(f"duplicate value for {key}")
        seen.add(key)
    produced = {r.indicator_code for r in rows}
    # An indicator of a file that gave other values (UNHCR's 2025-only category in a cut file)
    # is left to the comparison with the previous extract, which names the file and the loss.
    sources = {r.source_id for r in rows}
    empty = sorted(
        code
        for code, indicator in INDICATORS_BY_CODE.items()
        if code not in produced and indicator.source_id not in sources
    )
    if empty:
        raise ValueError(f"catalogue indicators without any value: {empty}")


def check_against_previous(
    result: IngestResult, public_dir: Path, out_dir: Path, *, accept_shrink: bool = False
) -> list[str]:
    """Compare this run with the extract already in `out_dir` (series by series: rows, countries,
    years); raise ShrinkError naming the official file that yields less, or with `accept_shrink`
    return those findings as warnings. Nothing to compare on a first run."""
    public_dir, out_dir = Path(public_dir), Path(out_dir)
    source_of = {code: indicator.source_id for code, indicator in INDICATORS_BY_CODE.items()}
    source_of.update({series.code: series.source_id for series in PROJECTION_SERIES})

    def file_of(series: str) -> Path | None:
        source_id = source_of.get(series.split(" / ")[0])
        if source_id is None:  # dropped from the catalogue on purpose
            return None
        return public_dir / DATASETS_BY_ID[source_id].file

    warnings = []
    for extract, series_columns, keys in (
        (
            out_dir / "indicators.csv",
            ("indicator_code",),
            [(r.indicator_code, r.iso3, r.year) for r in result.rows],
        ),
        (
            out_dir / "projections.csv",
            ("series_code", "variant"),
            [(f"{r.series_code} / {r.variant}", r.iso3, r.year) for r in result.projections],
        ),
    ):
        warnings += compare_extents(
            read_extract_extents(extract, series_columns),
            extents(keys),
            file_of,
            accept_shrink=accept_shrink,
            extract=extract,
        )
    return warnings


def check_out_dir(out_dir: Path) -> None:
    """IngestError unless `out_dir` is (or can become) a folder: checked before any reading, so
    a wrong --out costs nothing and writes nothing."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise IngestError(
            out_dir, "--out must be a folder (the extract is several files); this is a file"
        )
    for name in OUTPUT_FILES:
        if (out_dir / name).exists():
            require_regular_file(out_dir / name)


def _write_csv(path: Path, columns: tuple[str, ...], records: list[dict[str, str]]) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
    tmp.replace(path)


def write_outputs(result: IngestResult, out_dir: Path) -> dict[str, Path]:
    out_dir = Path(out_dir)
    check_out_dir(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {name: out_dir / name for name in OUTPUT_FILES}
    _write_csv(
        paths["indicators.csv"],
        INDICATOR_COLUMNS,
        [
            {
                "indicator_code": r.indicator_code,
                "iso3": r.iso3,
                "year": str(r.year),
                "value": format_value(r.value),
                "source_id": r.source_id,
            }
            for r in result.rows
        ],
    )
    _write_csv(
        paths["migrant_corridors.csv"],
        CORRIDOR_COLUMNS,
        [
            {
                "origin_iso3": c.origin_iso3,
                "destination_iso3": c.destination_iso3,
                "year": str(c.year),
                "migrants": str(c.migrants),
                "source_id": c.source_id,
            }
            for c in result.corridors
        ],
    )
    _write_csv(paths["corridor_places.csv"], PLACE_COLUMNS, place_rows(result))
    _write_csv(paths["indicator_catalog.csv"], CATALOG_COLUMNS, catalog_rows())
    _write_csv(paths["dataset_sources.csv"], SOURCE_COLUMNS, source_rows())
    _write_csv(
        paths["projections.csv"],
        PROJECTION_ROW_COLUMNS,
        [
            dict(zip(PROJECTION_ROW_COLUMNS, map(str, row), strict=True))
            for row in result.projections
        ],
    )
    _write_csv(paths["projection_catalog.csv"], PROJECTION_COLUMNS, projection_catalog_rows())
    return paths


def place_rows(result: IngestResult) -> list[dict[str, str]]:
    """One row per country or area in the corridors: UN DESA's name, EU membership."""
    codes = {c.origin_iso3 for c in result.corridors} | {
        c.destination_iso3 for c in result.corridors
    }
    rows = []
    for iso3 in sorted(codes):
        name = result.place_names.get(iso3) or undesa.OTHER_ORIGINS.get(iso3)
        if name is None:
            raise IngestError(iso3, "a corridor country without a UN DESA name")
        rows.append({"iso3": iso3, "name": name, "is_eu": "true" if iso3 in EU27 else "false"})
    return rows


def coverage(result: IngestResult) -> list[dict[str, object]]:
    """Per indicator: rows, countries, first and last year, region countries without values."""
    by_code: dict[str, list[TidyRow]] = {}
    for row in result.rows:
        by_code.setdefault(row.indicator_code, []).append(row)
    summary = []
    for code in sorted(by_code):
        rows = by_code[code]
        countries = {r.iso3 for r in rows}
        summary.append(
            {
                "indicator_code": code,
                "rows": len(rows),
                "countries": len(countries),
                "years": f"{min(r.year for r in rows)}-{max(r.year for r in rows)}",
                "missing": ",".join(sorted(set(REGION_ISO3) - countries)),
            }
        )
    return summary
