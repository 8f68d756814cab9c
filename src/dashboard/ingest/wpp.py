"""UN World Population Prospects 2024: net migration and population, estimates and projections.

The files are the tab-separated inputs of the UN Population Division's R package `wpp2024`
(`data-raw/*.txt`): `country_code` (M49), `country`, then one column per year, values in
thousands. Net migration estimates run 1950-2023 (`migration.txt`, whose last column
`last.observed` names the last estimated year); projections run 2024-2100 as the median
(`*projMed`), its 80% and 95% bounds (`*proj80l/80u/95l/95u`) and, for population, the low and
high variants. Population in these files is at 31 December of the year (the package's year t is
UN's 1 January of t+1); net migration is the flow of the calendar year.

Rows are picked by M49 code and each code's published name is checked, so a renamed or shifted
row in a newer download stops the ingestion. Every one of the 20 must have a number in every
year of every file, and the bounds must nest (95% lower <= 80% lower <= median <= 80% upper <=
95% upper; low <= medium <= high), else IngestError names the file, country and year.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from dashboard.sources import PROJECTION_VARIANTS

from .common import (
    M49_TO_ISO3,
    REGION_ISO3,
    IngestError,
    cell_text,
    clean_cell,
    read_delimited,
    thousands_to_persons,
)

SOURCE_ID = "wpp_2024"
LAST_ESTIMATE_YEAR = 2023
PROJECTION_YEARS = (2024, 2100)
# The extract keeps the projections to 2050, the furthest year the dashboard shows (the files are
# still checked in full): a quarter-century is as far as the UN's bounds stay useful for planning.
HORIZON = 2050

NET_MIGRATION = "wpp2024.net_migration"
POPULATION = "wpp2024.population"

ESTIMATE, MEDIUM, LOW, HIGH = "estimate", "medium", "low", "high"
LOWER_80, UPPER_80, LOWER_95, UPPER_95 = "lower_80", "upper_80", "lower_95", "upper_95"
VARIANTS = PROJECTION_VARIANTS  # declared once with the source tables

# series -> variant -> file under data-raw/
FILES: dict[str, dict[str, str]] = {
    NET_MIGRATION: {
        ESTIMATE: "migration.txt",
        MEDIUM: "migrationprojMed.txt",
        LOWER_80: "migrationproj80l.txt",
        UPPER_80: "migrationproj80u.txt",
        LOWER_95: "migrationproj95l.txt",
        UPPER_95: "migrationproj95u.txt",
    },
    POPULATION: {
        MEDIUM: "popprojMed.txt",
        LOW: "popprojLow.txt",
        HIGH: "popprojHigh.txt",
        LOWER_80: "popproj80l.txt",
        UPPER_80: "popproj80u.txt",
        LOWER_95: "popproj95l.txt",
        UPPER_95: "popproj95u.txt",
    },
}

KOSOVO_M49 = 412  # WPP lists Kosovo on its own; Serbia (688) excludes it
WPP_M49_TO_ISO3: dict[int, str] = {**M49_TO_ISO3, KOSOVO_M49: "XKX"}
# The name each code must carry in the files (a different name means a different row).
WPP_NAMES: dict[int, str] = {
    8: "Albania",
    31: "Azerbaijan",
    51: "Armenia",
    70: "Bosnia and Herzegovina",
    112: "Belarus",
    268: "Georgia",
    376: "Israel",
    398: "Kazakhstan",
    412: "Kosovo (under UNSC res. 1244)",
    417: "Kyrgyzstan",
    498: "Republic of Moldova",
    499: "Montenegro",
    643: "Russian Federation",
    688: "Serbia",
    762: "Tajikistan",
    792: "Türkiye",
    795: "Turkmenistan",
    804: "Ukraine",
    807: "North Macedonia",
    860: "Uzbekistan",
}

# Nesting that must hold in every country and year: each pair is (lower, upper).
NESTED: dict[str, tuple[tuple[str, str], ...]] = {
    NET_MIGRATION: (
        (LOWER_95, LOWER_80),
        (LOWER_80, MEDIUM),
        (MEDIUM, UPPER_80),
        (UPPER_80, UPPER_95),
    ),
    POPULATION: (
        (LOWER_95, LOWER_80),
        (LOWER_80, MEDIUM),
        (MEDIUM, UPPER_80),
        (UPPER_80, UPPER_95),
        (LOW, MEDIUM),
        (MEDIUM, HIGH),
    ),
}


class ProjectionRow(NamedTuple):
    """One value of projections.csv: series, country, year, variant, persons, source."""

    series_code: str
    iso3: str
    year: int
    variant: str
    value: int
    source_id: str


@dataclass
class WppTable:
    """One data-raw file: iso3 -> year -> value in thousands, and the last observed year."""

    years: tuple[int, ...]
    values: dict[str, dict[int, float]]
    last_observed: int | None


def parse_wpp_rows(rows: list[list[str]], where: Path | str) -> WppTable:
    """Parse one data-raw table given as rows of cells (pure): the 20 by M49, names checked."""
    if not rows:
        raise IngestError(where, "file is empty")
    header = [cell_text(c) for c in rows[0]]
    if header[:2] != ["country_code", "country"]:
        raise IngestError(where, f"header must start 'country_code, country', found {header[:2]}")
    year_cols: dict[int, int] = {}
    last_observed_col = None
    for j, label in enumerate(header[2:], start=2):
        if label == "last.observed":
            last_observed_col = j
            continue
        # common.parse_year stops at 2099 (a guard for the historical files); WPP runs to 2100.
        if not (label.isdigit() and 1950 <= int(label) <= 2100):
            raise IngestError(where, f"column {j + 1} is {label!r}, not a year")
        year_cols[j] = int(label)
    years = tuple(year_cols.values())
    if not years or list(years) != list(range(years[0], years[0] + len(years))):
        raise IngestError(where, "year columns are not consecutive years")
    values: dict[str, dict[int, float]] = {}
    last_observed: set[int] = set()
    for line, row in enumerate(rows[1:], start=2):
        code_text = cell_text(row[0]) if row else ""
        if not code_text.isdigit() or int(code_text) not in WPP_M49_TO_ISO3:
            continue
        code = int(code_text)
        iso3 = WPP_M49_TO_ISO3[code]
        name = cell_text(row[1]) if len(row) > 1 else ""
        if name != WPP_NAMES[code]:
            raise IngestError(
                where,
                f"line {line}: M49 {code} is named {name!r}, expected {WPP_NAMES[code]!r}"
                " (a renamed or shifted row?)",
            )
        if iso3 in values:
            raise IngestError(where, f"line {line}: M49 {code} appears twice")
        if len(row) != len(header):
            raise IngestError(where, f"line {line}: {len(row)} cells, the header has {len(header)}")
        series: dict[int, float] = {}
        for j, year in year_cols.items():
            try:
                cell = clean_cell(row[j], f"at line {line}, column {j + 1}")
            except ValueError as error:
                raise IngestError(where, str(error)) from None
            if cell.value is None:
                raise IngestError(where, f"line {line}: {name} has no value for {year}")
            series[year] = cell.value
        values[iso3] = series
        if last_observed_col is not None:
            last_observed.add(int(float(cell_text(row[last_observed_col]))))
    missing = sorted(set(REGION_ISO3) - set(values))
    if missing:
        raise IngestError(where, f"no rows for {missing}")
    if len(last_observed) > 1:
        raise IngestError(
            where, f"the countries' last observed years differ: {sorted(last_observed)}"
        )
    return WppTable(years, values, last_observed.pop() if last_observed else None)


def read_wpp_table(path: Path) -> WppTable:
    """One tab-separated data-raw file."""
    table = read_delimited(path, delimiter="\t")
    table.check_width()
    return parse_wpp_rows(table.rows, path)


def check_version(description: Path, expected: str) -> None:
    """The package DESCRIPTION must state the version and date the catalogue expects
    ('1.1-3 2024-11-26'): a newer release dropped in place stops instead of being published
    under this edition's label."""
    if not description.exists():
        raise IngestError(description, "file not found")
    fields = {}
    for line in description.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.partition(":")
        if sep:
            fields[key.strip()] = value.strip()
    found = f"{fields.get('Version')} {fields.get('Date')}"
    if fields.get("Package") != "wpp2024" or found != expected:
        raise IngestError(
            description,
            f"package {fields.get('Package')!r} version and date {found!r}, the catalogue expects"
            f" wpp2024 {expected!r}: a new release needs its own source_id",
        )


def _check_years(table: WppTable, variant: str, where: Path) -> None:
    if variant == ESTIMATE:
        if table.last_observed != LAST_ESTIMATE_YEAR or table.years[-1] != LAST_ESTIMATE_YEAR:
            raise IngestError(
                where,
                f"estimates end in {table.years[-1]} (last observed {table.last_observed}),"
                f" expected {LAST_ESTIMATE_YEAR}",
            )
    elif (table.years[0], table.years[-1]) != PROJECTION_YEARS:
        raise IngestError(
            where,
            f"projection years {table.years[0]}-{table.years[-1]}, expected {PROJECTION_YEARS}",
        )


def check_nesting(series: str, tables: Mapping[str, WppTable], where: Path | str) -> None:
    """Bounds and variants nest in every country and year (raise IngestError on the first break)."""
    for lower, upper in NESTED[series]:
        low_table, high_table = tables[lower], tables[upper]
        for iso3 in REGION_ISO3:
            for year, low_value in low_table.values[iso3].items():
                high_value = high_table.values[iso3][year]
                if low_value > high_value:
                    raise IngestError(
                        where,
                        f"{series} {iso3} {year}: {lower} {low_value} is above {upper}"
                        f" {high_value}",
                    )


def read_wpp(directory: Path, source_id: str, expected_vintage: str) -> list[ProjectionRow]:
    """Every series and variant for the 20 to HORIZON, in persons, sorted by series, iso3, year,
    variant (`directory` holds data-raw/ and docs/)."""
    directory = Path(directory)
    check_version(directory / "docs" / "DESCRIPTION", expected_vintage)
    rows: list[ProjectionRow] = []
    for series, files in FILES.items():
        tables: dict[str, WppTable] = {}
        for variant, name in files.items():
            path = directory / "data-raw" / name
            table = read_wpp_table(path)
            _check_years(table, variant, path)
            tables[variant] = table
        check_nesting(series, tables, directory / "data-raw")
        for variant, table in tables.items():
            for iso3 in REGION_ISO3:
                rows.extend(
                    ProjectionRow(
                        series, iso3, year, variant, thousands_to_persons(value), source_id
                    )
                    for year, value in table.values[iso3].items()
                    if year <= HORIZON
                )
    rows.sort(key=lambda r: (r.series_code, r.iso3, r.year, VARIANTS.index(r.variant)))
    return rows
