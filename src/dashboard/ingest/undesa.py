"""UN DESA International Migrant Stock: the 2020 destination workbook, Abel's origin totals, OWID 2024.

The destination workbook has, on every table sheet, a header row holding 'Location code' (UN M49)
and year columns, with block titles ('..., both sexes combined', '..., males', '..., females')
a few rows above. Both are located by content. Countries are picked by M49 code through the
explicit `M49_TO_ISO3` table (no Kosovo: UN DESA counts it within Serbia).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .common import (
    M49_TO_ISO3,
    REGION_ISO3_WITHOUT_KOSOVO,
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
    thousands_to_persons,
)


@dataclass
class ImsTable:
    """One table sheet in long form: (iso3, block, year) -> value, plus what was not a number."""

    title: str
    revision: str
    values: dict[tuple[str, str, int], float] = field(default_factory=dict)
    status_counts: Counter = field(default_factory=Counter)
    blocks: tuple[str, ...] = ()


def classify_block(label: str) -> str:
    """Block title -> short key: total / male / female / percent_of_stock / rate / other."""
    text = label.lower()
    if "rate of change" in text:
        return "rate"
    if "percentage of the international migrant stock" in text and "female" not in text:
        return "percent_of_stock"
    if "both sexes" in text:
        return "total"
    if re.search(r"\bfemales\b", text):
        return "female"
    if re.search(r"\bmales\b", text):
        return "male"
    if "female migrants as a percentage" in text:
        return "total"  # Table 4 has a single block
    return "other"


def parse_ims_sheet(rows: Sequence[Sequence[object]], where: str) -> ImsTable:
    """Parse one UN DESA IMS table sheet given as rows of cells (pure; testable in memory).

    Finds the header row by its 'Location code' cell, the table title ('Table N: ...') and the
    revision code ('POP/DB/MIG/Stock/Rev.YYYY') above it, and the block title for each year
    column (the nearest non-empty cell to the left on the block-title row above the header).
    Keeps the rows whose M49 code is in M49_TO_ISO3.
    """

    def is_header(row: Sequence[object]) -> bool:
        return any(cell_text(c).lower() == "location code" for c in row)

    header_index = find_row(rows, is_header, where, "the header row with a 'Location code' cell")
    header = rows[header_index]
    code_col = next(i for i, c in enumerate(header) if cell_text(c).lower() == "location code")
    title = revision = ""
    for row in rows[:header_index]:
        for c in row:
            text = cell_text(c)
            if re.match(r"^Table \d+:", text) and not title:
                title = text
            if re.match(r"^POP/DB/MIG/Stock/Rev\.\d{4}$", text) and not revision:
                revision = text
    if not title:
        raise IngestError(where, "no 'Table N: ...' title above the header row")
    if not revision:
        raise IngestError(where, "no 'POP/DB/MIG/Stock/Rev.YYYY' revision code above the header")

    year_cols = {}
    for j, c in enumerate(header):
        if j <= code_col:
            continue
        parsed = parse_year(c)
        if parsed is not None:
            year_cols[j] = parsed[0]
    if not year_cols:
        raise IngestError(where, "no year columns in the header row")

    # Block titles: the closest non-empty row above the header that has text over the years.
    block_of: dict[int, str] = {}
    for k in range(header_index - 1, -1, -1):
        row = rows[k]
        texts = {j: cell_text(row[j]) for j in range(min(len(row), len(header))) if j > code_col}
        if any(texts.get(j) for j in year_cols):
            current = ""
            for j in range(code_col + 1, len(header)):
                if texts.get(j):
                    current = texts[j]
                if j in year_cols:
                    block_of[j] = classify_block(current) if current else "other"
            break
    if not block_of:
        raise IngestError(where, "no block titles (e.g. 'both sexes combined') above the header")

    table = ImsTable(title=title, revision=revision, blocks=tuple(dict.fromkeys(block_of.values())))
    seen: set[str] = set()
    for r, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        if len(row) <= code_col:
            continue
        code = clean_cell(row[code_col]).value if cell_text(row[code_col]) else None
        if code is None or int(code) not in M49_TO_ISO3:
            continue
        iso3 = M49_TO_ISO3[int(code)]
        if iso3 in seen:
            raise IngestError(where, f"M49 {int(code)} ({iso3}) appears twice (row {r})")
        seen.add(iso3)
        for j, year in year_cols.items():
            key = (iso3, block_of[j], year)
            if key in table.values:
                raise IngestError(where, f"two columns for block {key[1]!r} year {year}")
            try:
                cell = clean_cell(row[j] if j < len(row) else None, f"at row {r}, column {j + 1}")
            except ValueError as error:
                raise IngestError(where, str(error)) from None
            table.status_counts[(block_of[j], cell.status)] += 1
            if cell.value is not None:
                table.values[key] = cell.value
    require_countries(seen, REGION_ISO3_WITHOUT_KOSOVO, where, "M49 country rows")
    return table


# (sheet, expected title start, block, indicator code, transform)
IMS_2020_EXTRACTS = (
    ("Table 1", "Table 1: International migrant stock", "total", "undesa2020.migrant_stock", None),
    (
        "Table 1",
        "Table 1: International migrant stock",
        "male",
        "undesa2020.migrant_stock_male",
        None,
    ),
    (
        "Table 1",
        "Table 1: International migrant stock",
        "female",
        "undesa2020.migrant_stock_female",
        None,
    ),
    ("Table 2", "Table 2: Total population", "total", "undesa2020.population", "thousands"),
    (
        "Table 3",
        "Table 3: International migrant stock as a percentage",
        "total",
        "undesa2020.migrant_share",
        None,
    ),
    (
        "Table 4",
        "Table 4: Female migrants as a percentage",
        "total",
        "undesa2020.female_share",
        None,
    ),
    ("Table 6", "Table 6: Estimated refugee stock", "total", "undesa2020.refugees", None),
)


def read_ims_destination(
    path: Path,
    source_id: str,
    expected_revision: str | None,
    extracts: tuple = IMS_2020_EXTRACTS,
) -> tuple[list[TidyRow], dict]:
    """A UN DESA IMS workbook (destination or origin) -> tidy rows of the given extracts; also a
    report of '..'/'~' counts."""
    sheets = read_workbook(path)
    out: list[TidyRow] = []
    report: dict[str, int] = {}
    parsed: dict[str, ImsTable] = {}
    for sheet, title_start, block, code, transform in extracts:
        where = f"{path} [sheet {sheet!r}]"
        if sheet not in sheets:
            raise IngestError(path, f"sheet {sheet!r} not found (sheets: {list(sheets)})")
        if sheet not in parsed:
            parsed[sheet] = parse_ims_sheet(sheets[sheet], where)
        table = parsed[sheet]
        if not table.title.startswith(title_start):
            raise IngestError(
                path, f"sheet {sheet!r} title is {table.title!r}, expected {title_start!r}..."
            )
        if expected_revision and table.revision != expected_revision:
            raise IngestError(
                path,
                f"sheet {sheet!r} is revision {table.revision!r}, the catalogue expects"
                f" {expected_revision!r}: a new revision needs its own source_id and codes",
            )
        if block not in table.blocks:
            raise IngestError(
                path, f"sheet {sheet!r} has no {block!r} block (blocks: {table.blocks})"
            )
        for (iso3, b, year), value in sorted(table.values.items()):
            if b != block:
                continue
            if transform == "thousands":
                number: float | int = thousands_to_persons(value)
            elif code.endswith(("_share",)):
                number = value
            else:
                number = as_int_if_integral(value)
            out.append(TidyRow(code, iso3, year, number, source_id))
        report[f"{code}: '..' cells"] = table.status_counts[(block, "missing")]
        report[f"{code}: '~' cells"] = table.status_counts[(block, "suppressed")]
    return out, report


def read_abel_origin_totals(path: Path, source_id: str) -> list[TidyRow]:
    """Abel's stock_totals_2020.csv -> undesa2020.emigrants (column disp), by M49 code."""
    records = read_delimited(path).records(("alpha3", "country_code", "year", "disp"))
    out: list[TidyRow] = []
    seen: set[tuple[str, int]] = set()
    for line, row in records:
        try:
            m49 = int(row["country_code"])
        except ValueError:
            continue
        iso3 = M49_TO_ISO3.get(m49)
        if iso3 is None:
            continue
        if row["alpha3"].strip() != iso3:
            raise IngestError(
                path, f"line {line}: M49 {m49} is {iso3} but alpha3 says {row['alpha3']!r}"
            )
        year = int(row["year"])
        if (iso3, year) in seen:
            raise IngestError(path, f"line {line}: {iso3} {year} appears twice")
        seen.add((iso3, year))
        try:
            cell = clean_cell(row["disp"], f"at line {line}, column disp")
        except ValueError as error:
            raise IngestError(path, str(error)) from None
        if cell.value is not None:
            out.append(
                TidyRow(
                    "undesa2020.emigrants",
                    iso3,
                    year,
                    as_int_if_integral(cell.value),
                    source_id,
                )
            )
    require_countries(
        {r.iso3 for r in out}, REGION_ISO3_WITHOUT_KOSOVO, path, "emigrant (disp) rows"
    )
    return out


def read_owid_share(path: Path, source_id: str, expected_updated: str | None) -> list[TidyRow]:
    """OWID grapher export of the UN DESA 2024 migrant share -> undesa2024.migrant_share."""
    if not path.exists():
        raise IngestError(path, "file not found")
    meta_path = path.with_suffix(".metadata.json")
    if expected_updated is not None:
        if not meta_path.exists():
            raise IngestError(meta_path, "metadata file next to the OWID export not found")
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        columns = meta.get("columns", {})
        updated = {c.get("lastUpdated") for c in columns.values()}
        citation = " ".join(str(c.get("citationLong", "")) for c in columns.values())
        if updated != {expected_updated}:
            raise IngestError(
                meta_path,
                f"lastUpdated is {sorted(map(str, updated))}, expected {expected_updated}",
            )
        if "Rev.2024" not in citation:
            raise IngestError(meta_path, "citation does not name POP/DB/MIG/Stock/Rev.2024")
    # OWID exports end without a final line break; a row cut short still has too few fields.
    table = read_delimited(path, ends_with_line_break=False)
    fields = [name.strip() for name in table.rows[0]]
    value_cols = [f for f in fields if f.lower().startswith("share of the population")]
    if not {"Entity", "Code", "Year"} <= set(fields) or len(value_cols) != 1:
        raise IngestError(
            path,
            f"expected Entity, Code, Year and one 'Share of the population...' column, found {fields}",
        )
    value_col = value_cols[0]
    records = table.records(("Code", "Year", value_col))
    wanted = set(REGION_ISO3_WITHOUT_KOSOVO)
    out: list[TidyRow] = []
    for line, row in records:
        code = row["Code"].strip()
        if code == "XKX" or code == "OWID_KOS":
            raise IngestError(path, "the export now has a Kosovo row: revisit the Serbia caveat")
        if code not in wanted:
            continue
        try:
            cell = clean_cell(row[value_col], f"at line {line}")
        except ValueError as error:
            raise IngestError(path, str(error)) from None
        if cell.value is not None:
            out.append(
                TidyRow("undesa2024.migrant_share", code, int(row["Year"]), cell.value, source_id)
            )
    require_countries({r.iso3 for r in out}, REGION_ISO3_WITHOUT_KOSOVO, path, "ISO3 Code rows")
    return out


# --- International Migrant Stock 2024 (the official workbooks) ----------------------------------

IMS_2024_DESTINATION_EXTRACTS = (
    ("Table 1", "Table 1: International migrant stock", "total", "undesa2024.migrant_stock", None),
    (
        "Table 1",
        "Table 1: International migrant stock",
        "male",
        "undesa2024.migrant_stock_male",
        None,
    ),
    (
        "Table 1",
        "Table 1: International migrant stock",
        "female",
        "undesa2024.migrant_stock_female",
        None,
    ),
    (
        "Table 3",
        "Table 3: International migrant stock as a percentage",
        "total",
        "undesa2024.migrant_share",
        None,
    ),
    (
        "Table 4",
        "Table 4: Female migrants as a percentage",
        "total",
        "undesa2024.female_share",
        None,
    ),
)
IMS_2024_ORIGIN_EXTRACTS = (
    ("Table 1", "Table 1: International migrant stock", "total", "undesa2024.emigrants", None),
)


def m49_rows_by_number(rows: Sequence[Sequence[object]], where: str) -> dict[int, tuple[str, str]]:
    """Table 1 of an IMS workbook: row number (column A) -> (ISO3, name) for the region's rows."""
    header_index = find_row(
        rows,
        lambda row: any(cell_text(c).lower() == "location code" for c in row),
        where,
        "the header row with a 'Location code' cell",
    )
    code_col = next(
        i for i, c in enumerate(rows[header_index]) if cell_text(c).lower() == "location code"
    )
    out: dict[int, tuple[str, str]] = {}
    for row in rows[header_index + 1 :]:
        if len(row) <= code_col or not cell_text(row[code_col]) or not cell_text(row[0]):
            continue
        try:
            code, number = int(float(cell_text(row[code_col]))), int(float(cell_text(row[0])))
        except ValueError:
            continue
        if code in M49_TO_ISO3:
            out[number] = (M49_TO_ISO3[code], cell_text(row[1]))
    require_countries(
        {iso3 for iso3, _ in out.values()}, REGION_ISO3_WITHOUT_KOSOVO, where, "M49 rows"
    )
    return out


def parse_ims_2024_population(
    rows: Sequence[Sequence[object]], by_number: dict[int, tuple[str, str]], where: str
) -> dict[tuple[str, int], int]:
    """Table 2 of the IMS 2024 destination workbook -> (ISO3, year) -> persons (both sexes).

    In this edition the column headed 'Location code' holds the data type ('B R'), not an M49
    code, so rows are matched to Table 1 by their row number and checked by name.
    """
    header_index = find_row(
        rows,
        lambda row: any(cell_text(c).lower() == "location code" for c in row),
        where,
        "the header row with a 'Location code' cell",
    )
    header = rows[header_index]
    title = next(
        (
            cell_text(c)
            for row in rows[:header_index]
            for c in row
            if cell_text(c).startswith("Table 2:")
        ),
        "",
    )
    if "thousands" not in title:
        raise IngestError(where, f"title {title!r} does not say the table is in thousands")
    # Both-sexes columns: the first run of years after the code column.
    year_cols: dict[int, int] = {}
    for j, c in enumerate(header):
        parsed = parse_year(c)
        if parsed is None:
            continue
        if parsed[0] in year_cols.values():
            break  # the males block starts
        year_cols[j] = parsed[0]
    if not year_cols:
        raise IngestError(where, "no year columns in the header row")
    out: dict[tuple[str, int], int] = {}
    for r, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        try:
            number = int(float(cell_text(row[0])))
        except ValueError:
            continue
        if number not in by_number:
            continue
        iso3, name = by_number[number]
        if cell_text(row[1]).strip() != name.strip():
            raise IngestError(
                where,
                f"row {r}: number {number} is {cell_text(row[1])!r} here, {name!r} in Table 1",
            )
        for j, year in year_cols.items():
            try:
                cell = clean_cell(row[j], f"at row {r}, column {j + 1}")
            except ValueError as error:
                raise IngestError(where, str(error)) from None
            if cell.value is not None:
                out[(iso3, year)] = thousands_to_persons(cell.value)
    require_countries({iso3 for iso3, _ in out}, REGION_ISO3_WITHOUT_KOSOVO, where, "rows")
    return out


def read_ims_2024_destination(
    path: Path, source_id: str, expected_revision: str | None
) -> tuple[list[TidyRow], dict]:
    """The IMS 2024 destination workbook: stock by sex, share, female share, and population."""
    rows, report = read_ims_destination(
        path, source_id, expected_revision, IMS_2024_DESTINATION_EXTRACTS
    )
    sheets = read_workbook(path)
    for sheet in ("Table 1", "Table 2"):
        if sheet not in sheets:
            raise IngestError(path, f"sheet {sheet!r} not found (sheets: {list(sheets)})")
    by_number = m49_rows_by_number(sheets["Table 1"], f"{path} [sheet 'Table 1']")
    population = parse_ims_2024_population(
        sheets["Table 2"], by_number, f"{path} [sheet 'Table 2']"
    )
    rows += [
        TidyRow("undesa2024.population", iso3, year, value, source_id)
        for (iso3, year), value in sorted(population.items())
    ]
    return rows, report


def read_ims_2024_origin(
    path: Path, source_id: str, expected_revision: str | None
) -> tuple[list[TidyRow], dict]:
    """The IMS 2024 origin workbook: emigrants (stock by country of origin), both sexes."""
    return read_ims_destination(path, source_id, expected_revision, IMS_2024_ORIGIN_EXTRACTS)


# --- Origin x destination (IMS 2024 via IOM GDI's gdidata) ---------------------------------------

BILATERAL_COLUMNS = ("geo", "t", "from", "sex", "n")
# UN DESA's residual origins ("other" and unknown), kept so that shares add up to the total.
OTHER_ORIGINS = {"XCX": "Other or unknown origin", "OOO": "Other or unknown origin"}


class Corridor(NamedTuple):
    """Migrants born in (or citizens of) origin_iso3 living in destination_iso3, mid-year."""

    origin_iso3: str
    destination_iso3: str
    year: int
    migrants: int
    source_id: str


def read_bilateral(path: Path, source_id: str) -> list[Corridor]:
    """gdidata's undesa_stocks (CSV) -> both-sexes corridors touching the 19 countries.

    Females and males are added; a corridor appears only where UN DESA gives a figure (an absent
    origin means insufficient data, not zero).
    """
    region = set(REGION_ISO3_WITHOUT_KOSOVO)
    sums: dict[tuple[str, str, int], int] = {}
    seen: set[tuple[str, str, int, str]] = set()
    for line, row in read_delimited(path).records(BILATERAL_COLUMNS):
        destination, origin = row["geo"].strip(), row["from"].strip()
        if destination in ("XKX", "KOS") or origin in ("XKX", "KOS"):
            raise IngestError(path, f"line {line}: a Kosovo row; revisit the Serbia caveat")
        if destination not in region and origin not in region:
            continue
        if row["sex"] not in ("female", "male"):
            raise IngestError(path, f"line {line}: sex {row['sex']!r} is not female or male")
        year = int(row["t"])
        key = (origin, destination, year, row["sex"])
        if key in seen:
            raise IngestError(path, f"line {line}: {key} appears twice")
        seen.add(key)
        try:
            cell = clean_cell(row["n"], f"at line {line}, column n")
        except ValueError as error:
            raise IngestError(path, str(error)) from None
        if cell.value is None:
            continue
        if cell.value < 0 or not cell.value.is_integer():
            raise IngestError(path, f"line {line}: n = {row['n']!r} is not a count")
        corridor = (origin, destination, year)
        sums[corridor] = sums.get(corridor, 0) + int(cell.value)
    require_countries({d for _, d, _ in sums}, region, path, "destination (geo) rows")
    require_countries({o for o, _, _ in sums}, region, path, "origin (from) rows")
    return [Corridor(o, d, y, n, source_id) for (o, d, y), n in sorted(sums.items())]


def check_corridor_totals(
    corridors: list[Corridor], rows: list[TidyRow], path: Path | str, year: int = 2024
) -> None:
    """The corridors of `year` must add up, to the person, to the official destination totals
    (undesa2024.migrant_stock) and origin totals (undesa2024.emigrants) of the 19 countries."""
    official = {
        (r.indicator_code, r.iso3): r.value
        for r in rows
        if r.year == year
        and r.indicator_code in ("undesa2024.migrant_stock", "undesa2024.emigrants")
    }
    problems = []
    for iso3 in REGION_ISO3_WITHOUT_KOSOVO:
        hosted = sum(c.migrants for c in corridors if c.year == year and c.destination_iso3 == iso3)
        abroad = sum(c.migrants for c in corridors if c.year == year and c.origin_iso3 == iso3)
        if hosted != official.get(("undesa2024.migrant_stock", iso3)):
            problems.append(
                f"{iso3} immigrants {hosted} vs Table 1 {official.get(('undesa2024.migrant_stock', iso3))}"
            )
        if abroad != official.get(("undesa2024.emigrants", iso3)):
            problems.append(
                f"{iso3} emigrants {abroad} vs origin Table 1 {official.get(('undesa2024.emigrants', iso3))}"
            )
    if problems:
        raise IngestError(
            path, f"{year} corridors do not add up to the official totals: {problems}"
        )


def read_ims_2024_place_names(path: Path) -> dict[str, str]:
    """Country names as UN DESA prints them in Table 1 of the IMS 2024 destination workbook,
    by ISO3 (M49 codes mapped through pycountry's numeric codes; '*' note marks dropped)."""
    import pycountry

    sheets = read_workbook(path)
    rows = sheets.get("Table 1")
    if rows is None:
        raise IngestError(path, "sheet 'Table 1' not found")
    where = f"{path} [sheet 'Table 1']"
    header_index = find_row(
        rows,
        lambda row: any(cell_text(c).lower() == "location code" for c in row),
        where,
        "the header row with a 'Location code' cell",
    )
    code_col = next(
        i for i, c in enumerate(rows[header_index]) if cell_text(c).lower() == "location code"
    )
    names: dict[str, str] = {}
    for row in rows[header_index + 1 :]:
        try:
            code = int(float(cell_text(row[code_col])))
        except (ValueError, IndexError):
            continue
        country = pycountry.countries.get(numeric=f"{code:03d}") if code < 900 else None
        if country is not None:
            names[country.alpha_3] = cell_text(row[1]).rstrip("*").strip()
    for iso3 in REGION_ISO3_WITHOUT_KOSOVO:
        if iso3 not in names:
            raise IngestError(where, f"no named row for {iso3}")
    return names
