"""UNHCR Refugee Population Statistics (R package `refugees`, converted to CSV).

population.csv has one row per year x country of origin (coo_iso) x country of asylum (coa_iso).
Hosted figures sum over origins for a country of asylum; originating figures sum over countries
of asylum for an origin; UNHCR's IDPs of concern sit on rows where origin = asylum country.
A country-year is emitted only when UNHCR has at least one contributing row for it, so "no
record" stays missing while a published 0 stays 0 - except before a measure's first non-zero
year in the region (asylum seekers before 2000), where the zeros mean "not collected".
UNHCR codes Serbia and Kosovo together (SRB).

idmc.csv is IDMC's conflict IDP stock as redistributed in the same package (coo = coa).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

from .common import (
    KOSOVO,
    REGION_ISO3_WITHOUT_KOSOVO,
    IngestError,
    TidyRow,
    clean_cell,
    read_delimited,
    require_countries,
)

POPULATION_COLUMNS = ("year", "coo_iso", "coa_iso", "refugees", "asylum_seekers", "idps", "oip")
# (indicator code, column, group by) - group by 'coa' = hosted, 'coo' = originating, 'self' = coo=coa
POPULATION_MEASURES = (
    ("unhcr.refugees_hosted", "refugees", "coa"),
    ("unhcr.asylum_seekers_hosted", "asylum_seekers", "coa"),
    ("unhcr.refugees_originating", "refugees", "coo"),
    ("unhcr.asylum_seekers_originating", "asylum_seekers", "coo"),
    ("unhcr.idps", "idps", "self"),
    ("unhcr.oip_hosted", "oip", "coa"),
)
# Zeros that mean "no record", read as missing (checked against package 2025.12.1):
# - hosted refugees before a country's first non-zero year: the file holds only IDP or other
#   rows for those country-years (Bosnia and Herzegovina 1993-96, Georgia 1993-94, Republic of
#   Moldova 1997-98, Russian Federation 1993-95; the Russian Federation shows 246,689 in 1996);
LEADING_ZEROS_NO_RECORD = ("unhcr.refugees_hosted",)
# - asylum seekers hosted from these years on: a 0 every year (Turkmenistan 5 in 2003 and 16 in
#   2007 are kept), while the countries host refugees; UNHCR records no asylum procedure here.
ZEROS_NO_RECORD_FROM: dict[tuple[str, str], int] = {
    ("unhcr.asylum_seekers_hosted", "TKM"): 2002,
    ("unhcr.asylum_seekers_hosted", "UZB"): 2006,
}


def _kosovo_guard(code: str, where: Path | str, line: int) -> None:
    if code in (KOSOVO, "KOS"):
        raise IngestError(
            where,
            f"line {line}: Kosovo ({code}) now appears separately; the 'Serbia includes Kosovo'"
            " caveat and the country mapping must be revisited",
        )


def aggregate_population(
    rows: Iterable[Mapping[str, str]],
    where: Path | str,
    source_id: str,
    countries: Iterable[str] = REGION_ISO3_WITHOUT_KOSOVO,
) -> list[TidyRow]:
    """Sum UNHCR origin x asylum rows into hosted / originating / IDP country-year values (pure)."""
    wanted = set(countries)
    sums: dict[tuple[str, str, int], int] = defaultdict(int)
    for line, row in enumerate(rows, start=2):
        coo, coa = row["coo_iso"].strip(), row["coa_iso"].strip()
        _kosovo_guard(coo, where, line)
        _kosovo_guard(coa, where, line)
        if coo not in wanted and coa not in wanted:
            continue
        year = int(row["year"])
        for code, column, by in POPULATION_MEASURES:
            if by == "coa":
                iso3 = coa
            elif by == "coo":
                iso3 = coo
            else:
                iso3 = coa if coo == coa else ""
            if iso3 not in wanted:
                continue
            try:
                cell = clean_cell(row[column], f"at line {line}, column {column}")
            except ValueError as error:
                raise IngestError(where, str(error)) from None
            if cell.value is None:
                continue
            if not cell.value.is_integer() or cell.value < 0:
                raise IngestError(where, f"line {line}: {column} = {row[column]!r} is not a count")
            sums[(code, iso3, year)] += int(cell.value)
    # A measure's zeros before its first non-zero year in the region mean "not yet collected"
    # (asylum seekers: every region country is 0 until 1999), so those years are omitted.
    first_year: dict[str, int] = {}
    for (code, _, year), value in sums.items():
        if value > 0 and year < first_year.get(code, 10_000):
            first_year[code] = year
    rows = [
        TidyRow(code, iso3, year, value, source_id)
        for (code, iso3, year), value in sorted(sums.items())
        if year >= first_year.get(code, 10_000)
    ]
    return drop_no_record_zeros(rows)[0]


def drop_no_record_zeros(rows: list[TidyRow]) -> tuple[list[TidyRow], list[TidyRow]]:
    """Split rows into (kept, zeros read as missing) by LEADING_ZEROS_NO_RECORD and
    ZEROS_NO_RECORD_FROM (pure)."""
    first_nonzero: dict[tuple[str, str], int] = {}
    for row in rows:
        if row.indicator_code in LEADING_ZEROS_NO_RECORD and row.value > 0:
            key = (row.indicator_code, row.iso3)
            first_nonzero[key] = min(row.year, first_nonzero.get(key, 10_000))
    kept, dropped = [], []
    for row in rows:
        key = (row.indicator_code, row.iso3)
        no_record = row.value == 0 and (
            (
                row.indicator_code in LEADING_ZEROS_NO_RECORD
                and row.year < first_nonzero.get(key, 10_000)
            )
            or row.year >= ZEROS_NO_RECORD_FROM.get(key, 10_000)
        )
        (dropped if no_record else kept).append(row)
    return kept, dropped


def _read_csv(path: Path, needed: Iterable[str]) -> list[dict[str, str]]:
    """The rows of a whole UNHCR CSV (one physical line each, so row n is line n + 1)."""
    return [record for _, record in read_delimited(path).records(needed)]


def read_population(path: Path, source_id: str) -> list[TidyRow]:
    out = aggregate_population(_read_csv(path, POPULATION_COLUMNS), path, source_id)
    for code in ("unhcr.refugees_hosted", "unhcr.refugees_originating"):
        require_countries(
            {r.iso3 for r in out if r.indicator_code == code},
            REGION_ISO3_WITHOUT_KOSOVO,
            path,
            code,
        )
    return out


def read_idmc(path: Path, source_id: str) -> list[TidyRow]:
    """UNHCR's copy of IDMC conflict IDP stocks -> unhcr_idmc.idps_conflict."""
    rows = _read_csv(path, ("year", "coo_iso", "coa_iso", "total"))
    wanted = set(REGION_ISO3_WITHOUT_KOSOVO)
    values: dict[tuple[str, int], int] = {}
    for line, row in enumerate(rows, start=2):
        coo, coa = row["coo_iso"].strip(), row["coa_iso"].strip()
        _kosovo_guard(coo, path, line)
        _kosovo_guard(coa, path, line)
        if coa not in wanted:
            continue
        if coo != coa:
            raise IngestError(path, f"line {line}: expected coo = coa, found {coo} / {coa}")
        year = int(row["year"])
        if (coa, year) in values:
            raise IngestError(path, f"line {line}: {coa} {year} appears twice")
        try:
            cell = clean_cell(row["total"], f"at line {line}, column total")
        except ValueError as error:
            raise IngestError(path, str(error)) from None
        if cell.value is not None:
            values[(coa, year)] = int(cell.value)
    if not values:
        raise IngestError(path, "no rows for any of the region's countries")
    return [
        TidyRow("unhcr_idmc.idps_conflict", iso3, year, value, source_id)
        for (iso3, year), value in sorted(values.items())
    ]
