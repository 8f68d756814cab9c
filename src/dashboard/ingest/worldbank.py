"""World Bank WDI: the API bulk CSV, the API Excel (.xls) download, and datahub's population CSV.

API downloads (CSV and Excel) share one layout: a preamble ('Data Source', 'Last Updated Date')
then a header row 'Country Name, Country Code, Indicator Name, Indicator Code, 1960, ...'. The
header is located by content, the indicator code and last-updated date are checked against the
catalogue, and countries are picked by the World Bank code (ISO3, Kosovo = XKX).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .common import (
    REGION_ISO3,
    IngestError,
    TidyRow,
    as_int_if_integral,
    cell_text,
    clean_cell,
    find_row,
    parse_year,
    read_delimited,
    read_workbook,
    require_countries,
)


@dataclass
class WdiTable:
    indicator_code: str
    last_updated: str
    # iso3 -> year -> value (only published numbers)
    values: dict[str, dict[int, float]]


def _date_text(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return cell_text(value)


def parse_wdi_rows(rows: Sequence[Sequence[object]], where: str | Path) -> WdiTable:
    """Parse a WDI API table given as rows of cells (pure; works for the CSV and the .xls)."""

    def is_header(row: Sequence[object]) -> bool:
        return cell_text(row[0]) == "Country Name" and cell_text(row[1]) == "Country Code"

    header_index = find_row(
        rows, is_header, where, "the header row 'Country Name, Country Code, ...'"
    )
    header = [cell_text(c) for c in rows[header_index]]
    try:
        code_col = header.index("Country Code")
        ind_col = header.index("Indicator Code")
    except ValueError:
        raise IngestError(where, f"header row lacks 'Indicator Code': {header[:6]}") from None
    last_updated = ""
    for row in rows[:header_index]:
        if row and cell_text(row[0]) == "Last Updated Date" and len(row) > 1:
            last_updated = _date_text(row[1])
    year_cols = {j: y[0] for j, c in enumerate(header) if (y := parse_year(c)) is not None}
    if not year_cols:
        raise IngestError(where, "no year columns in the header row")
    indicator_codes: set[str] = set()
    values: dict[str, dict[int, float]] = {}
    for r, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        if len(row) <= ind_col or not cell_text(row[code_col]):
            continue
        iso3 = cell_text(row[code_col])
        indicator_codes.add(cell_text(row[ind_col]))
        if iso3 in values:
            raise IngestError(where, f"country code {iso3} appears twice (row {r})")
        series: dict[int, float] = {}
        for j, year in year_cols.items():
            try:
                cell = clean_cell(row[j] if j < len(row) else None, f"at row {r}, column {j + 1}")
            except ValueError as error:
                raise IngestError(where, str(error)) from None
            if cell.value is not None:
                series[year] = cell.value
        values[iso3] = series
    if len(indicator_codes) != 1:
        raise IngestError(where, f"expected one indicator code, found {sorted(indicator_codes)}")
    return WdiTable(indicator_codes.pop(), last_updated, values)


def read_wdi_api_csv(path: Path) -> WdiTable:
    """WDI API bulk CSV (UTF-8 with BOM, preamble lines, trailing empty column)."""
    table = read_delimited(path)
    header = next(
        (i for i, row in enumerate(table.rows) if row[:2] == ["Country Name", "Country Code"]),
        None,
    )
    if header is not None:  # else parse_wdi_rows says what is missing
        table.check_width(header)
    return parse_wdi_rows(table.rows, path)


def read_wdi_api_excel(path: Path, sheet: str = "Data") -> WdiTable:
    """WDI API Excel download (.xls or .xlsx), sheet 'Data'."""
    sheets = read_workbook(path)
    if sheet not in sheets:
        raise IngestError(path, f"sheet {sheet!r} not found (sheets: {list(sheets)})")
    return parse_wdi_rows(sheets[sheet], f"{path} [sheet {sheet!r}]")


def wdi_to_rows(
    table: WdiTable,
    path: Path,
    indicator: str,
    source_id: str,
    expected_code: str,
    expected_updated: str | None,
    *,
    last_year: int | None = None,
    zero_is_missing: bool = False,
    integral_counts: bool = False,
) -> tuple[list[TidyRow], dict[str, int]]:
    """Select the 20 countries of a parsed WDI table; check code and vintage; apply policies."""
    if table.indicator_code != expected_code:
        raise IngestError(
            path, f"indicator code is {table.indicator_code!r}, expected {expected_code!r}"
        )
    if expected_updated is not None and table.last_updated != expected_updated:
        raise IngestError(
            path,
            f"'Last Updated Date' is {table.last_updated!r}, the catalogue expects"
            f" {expected_updated!r}: a new vintage needs its own source_id",
        )
    require_countries(table.values, REGION_ISO3, path, "country codes")
    out: list[TidyRow] = []
    dropped = {"zeros read as missing": 0, "years after the last estimate": 0}
    for iso3 in REGION_ISO3:
        for year, value in sorted(table.values[iso3].items()):
            if last_year is not None and year > last_year:
                dropped["years after the last estimate"] += 1
                continue
            if zero_is_missing and value == 0:
                dropped["zeros read as missing"] += 1
                continue
            number = as_int_if_integral(value) if integral_counts else value
            out.append(TidyRow(indicator, iso3, year, number, source_id))
    return out, dropped


def read_datahub_population(path: Path, source_id: str) -> list[TidyRow]:
    """datahub core 'population' CSV (Country Name, Country Code, Year, Value) -> wdi.population."""
    records = read_delimited(path).records(("Country Code", "Year", "Value"))
    wanted = set(REGION_ISO3)
    out: list[TidyRow] = []
    seen: set[tuple[str, int]] = set()
    for line, row in records:
        iso3 = row["Country Code"].strip()
        if iso3 not in wanted:
            continue
        year = int(row["Year"])
        if (iso3, year) in seen:
            raise IngestError(path, f"line {line}: {iso3} {year} appears twice")
        seen.add((iso3, year))
        try:
            cell = clean_cell(row["Value"], f"at line {line}")
        except ValueError as error:
            raise IngestError(path, str(error)) from None
        if cell.value is not None:
            out.append(
                TidyRow("wdi.population", iso3, year, as_int_if_integral(cell.value), source_id)
            )
    require_countries({r.iso3 for r in out}, REGION_ISO3, path, "Country Code rows")
    return out


def read_datahub_wdi(path: Path, expected_indicator: str) -> WdiTable:
    """A datahub 'world-development-indicators' folder's data.csv (Country Name, Country Code,
    Year, Value; empty cells dropped) -> WdiTable, checking the indicator named by the
    datapackage.json beside it. The release date is not in the files (last_updated stays '')."""
    import json

    package = path.with_name("datapackage.json")
    if not package.exists():
        raise IngestError(package, "datapackage.json next to data.csv not found")
    name = str(json.loads(package.read_text(encoding="utf-8")).get("name", ""))
    if name.lower() != expected_indicator.lower():
        raise IngestError(package, f"indicator is {name!r}, expected {expected_indicator!r}")
    values: dict[str, dict[int, float]] = {}
    for line, row in read_delimited(path).records(("Country Code", "Year", "Value")):
        iso3 = row["Country Code"].strip()
        year = int(row["Year"])
        series = values.setdefault(iso3, {})
        if year in series:
            raise IngestError(path, f"line {line}: {iso3} {year} appears twice")
        try:
            cell = clean_cell(row["Value"], f"at line {line}")
        except ValueError as error:
            raise IngestError(path, str(error)) from None
        if cell.value is not None:
            series[year] = cell.value
    return WdiTable(expected_indicator.upper(), "", values)


def derive_ratio(
    numerators: list[TidyRow], denominators: list[TidyRow], code: str, source_id: str
) -> list[TidyRow]:
    """100 x numerator / denominator for every country-year with both (a positive denominator)."""
    by_key = {(r.iso3, r.year): r.value for r in denominators}
    return [
        TidyRow(code, r.iso3, r.year, 100 * r.value / by_key[(r.iso3, r.year)], source_id)
        for r in numerators
        if by_key.get((r.iso3, r.year), 0) > 0
    ]
