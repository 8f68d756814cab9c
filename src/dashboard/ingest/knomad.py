"""World Bank-KNOMAD inward remittance flows workbooks (US$ million), names only.

Layout: one sheet; a header row whose first cell is the title ('Remittance inflows (US$ million)'
or 'Migrant remittance inflows (US$ million)') followed by years (float or text with an 'e'
suffix for estimates) and, in recent editions, a '% of GDP in YYYY' column. Country rows carry
names only; they are mapped to ISO3 through the explicit KNOMAD_NAMES table and the ingestion
fails if one of the 20 expected names is missing (a renamed row in a newer download). Footnotes
below the table include 'Date: <Month YYYY>', which is checked against the catalogue.

Zeros mark "no data" in early years (Kosovo 2000-2003, Serbia before 2007, ...) and are read as
missing: a remittance inflow of exactly zero is not a published estimate for these countries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .common import (
    KNOMAD_NAMES,
    IngestError,
    TidyRow,
    cell_text,
    clean_cell,
    find_row,
    match_names,
    parse_year,
    read_workbook,
)

_GDP_COLUMN = re.compile(r"^%\s*of\s*GDP\s*in\s*((?:19|20)\d{2})$", re.IGNORECASE)
_DATE_LINE = re.compile(r"^Date:\s*(.+)$")


@dataclass
class KnomadTable:
    title: str
    edition_date: str  # e.g. 'December 2023', from the 'Date:' footnote ('' if absent)
    estimate_years: tuple[int, ...]
    # iso3 -> year -> US$ million (zeros already removed)
    flows: dict[str, dict[int, float]]
    # iso3 -> (year, % of GDP)
    gdp_share: dict[str, tuple[int, float]]
    zeros_dropped: int


def parse_knomad_rows(rows: Sequence[Sequence[object]], where: str | Path) -> KnomadTable:
    """Parse a KNOMAD inflows sheet given as rows of cells (pure; testable in memory)."""

    def is_header(row: Sequence[object]) -> bool:
        first = cell_text(row[0]).lower()
        years = sum(parse_year(c) is not None for c in row[1:])
        return "remittance inflows" in first and years >= 5

    header_index = find_row(
        rows, is_header, where, "the header row ('... remittance inflows (US$ million)' + years)"
    )
    header = rows[header_index]
    title = cell_text(header[0])
    if "us$ million" not in title.lower():
        raise IngestError(where, f"header title {title!r} does not say 'US$ million'")
    year_cols: dict[int, int] = {}
    estimates: list[int] = []
    gdp_col: tuple[int, int] | None = None
    for j, c in enumerate(header[1:], start=1):
        parsed = parse_year(c)
        if parsed is not None:
            if parsed[0] in year_cols.values():
                raise IngestError(where, f"year {parsed[0]} appears twice in the header")
            year_cols[j] = parsed[0]
            if parsed[1]:
                estimates.append(parsed[0])
            continue
        match = _GDP_COLUMN.match(cell_text(c))
        if match:
            gdp_col = (j, int(match.group(1)))

    body = rows[header_index + 1 :]
    names = [cell_text(r[0]) if r else "" for r in body]
    positions = match_names(names, KNOMAD_NAMES, where)

    edition_date = ""
    for name in names:
        match = _DATE_LINE.match(name)
        if match:
            edition_date = match.group(1).strip()

    flows: dict[str, dict[int, float]] = {}
    gdp_share: dict[str, tuple[int, float]] = {}
    zeros = 0
    for iso3, position in sorted(positions.items()):
        row = body[position]
        line = header_index + 2 + position
        series: dict[int, float] = {}
        for j, year in year_cols.items():
            try:
                cell = clean_cell(
                    row[j] if j < len(row) else None, f"at row {line}, column {j + 1}"
                )
            except ValueError as error:
                raise IngestError(where, f"{iso3}: {error}") from None
            if cell.value is None:
                continue
            if cell.value == 0:
                zeros += 1
                continue
            series[year] = cell.value
        flows[iso3] = series
        if gdp_col is not None:
            j, year = gdp_col
            try:
                cell = clean_cell(
                    row[j] if j < len(row) else None, f"at row {line}, column {j + 1}"
                )
            except ValueError as error:
                raise IngestError(where, f"{iso3}: {error}") from None
            if cell.value is not None and cell.value != 0:
                gdp_share[iso3] = (year, cell.value)
    return KnomadTable(title, edition_date, tuple(estimates), flows, gdp_share, zeros)


def read_knomad_inflows(path: Path) -> KnomadTable:
    """Read the first sheet holding a KNOMAD inflows table."""
    sheets = read_workbook(path)
    errors = []
    for name, rows in sheets.items():
        try:
            return parse_knomad_rows(rows, f"{path} [sheet {name!r}]")
        except IngestError as error:
            errors.append(error)
    if len(errors) == 1:
        raise IngestError(path, errors[0].problem)
    raise IngestError(
        path, "no sheet holds a KNOMAD inflows table: " + "; ".join(e.problem for e in errors)
    )


def knomad_to_rows(
    table: KnomadTable,
    path: Path,
    flows_code: str,
    source_id: str,
    expected_date: str | None,
    gdp_code: str | None = None,
) -> list[TidyRow]:
    if expected_date is not None and table.edition_date != expected_date:
        raise IngestError(
            path,
            f"footnote 'Date:' is {table.edition_date!r}, the catalogue expects {expected_date!r}:"
            " a new edition needs its own source_id and indicator codes",
        )
    out = [
        TidyRow(flows_code, iso3, year, value, source_id)
        for iso3, series in sorted(table.flows.items())
        for year, value in sorted(series.items())
    ]
    if gdp_code is not None:
        if not table.gdp_share:
            raise IngestError(path, "no '% of GDP in YYYY' column found")
        out += [
            TidyRow(gdp_code, iso3, year, value, source_id)
            for iso3, (year, value) in sorted(table.gdp_share.items())
        ]
    return out


DATA360_INFLOWS = "WB_KNOMAD_MRI"  # the outflows (WB_KNOMAD_MRO) share the table
DATA360_COLUMNS = ("REF_AREA", "INDICATOR", "FREQ", "TIME_PERIOD", "OBS_VALUE", "UNIT_MULT")


def read_data360_inflows(
    path: Path, flows_code: str, source_id: str
) -> tuple[list[TidyRow], dict[str, int]]:
    """World Bank Data360 SDMX-style bulk CSV of KNOMAD -> remittance inflows, US$ million.

    Keeps INDICATOR == WB_KNOMAD_MRI, annual, in millions (UNIT_MULT 6) for the 20 ISO3 codes of
    the region (Kosovo XKX); zeros mark "no data" as in the workbooks and are read as missing.
    """
    from .common import REGION_ISO3, read_delimited, require_countries

    wanted = set(REGION_ISO3)
    values: dict[tuple[str, int], float] = {}
    zeros = 0
    for line, row in read_delimited(path).records(DATA360_COLUMNS):
        if row["INDICATOR"] != DATA360_INFLOWS or row["REF_AREA"].strip() not in wanted:
            continue
        iso3 = row["REF_AREA"].strip()
        if row["FREQ"] != "A" or row["UNIT_MULT"] != "6":
            raise IngestError(
                path,
                f"line {line}: expected annual values in millions (FREQ A, UNIT_MULT 6),"
                f" found FREQ {row['FREQ']!r}, UNIT_MULT {row['UNIT_MULT']!r}",
            )
        year = int(row["TIME_PERIOD"])
        if (iso3, year) in values:
            raise IngestError(path, f"line {line}: {iso3} {year} appears twice")
        try:
            cell = clean_cell(row["OBS_VALUE"], f"at line {line}, column OBS_VALUE")
        except ValueError as error:
            raise IngestError(path, str(error)) from None
        if cell.value is None:
            continue
        if cell.value == 0:
            zeros += 1
            continue
        values[(iso3, year)] = cell.value
    present = {iso3 for iso3, _ in values}
    # Turkmenistan is 0 (no data) in every year: every other country must have figures.
    require_countries(present, wanted - {"TKM"}, path, f"{DATA360_INFLOWS} rows")
    rows = [
        TidyRow(flows_code, iso3, year, value, source_id)
        for (iso3, year), value in sorted(values.items())
    ]
    return rows, {"zeros read as missing": zeros}
