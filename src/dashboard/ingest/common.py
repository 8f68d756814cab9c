"""Shared pieces of the ingestion: the region's countries, code tables, cell cleaning, the tidy row, and
the checks that a download is whole.

Cell and row helpers are pure (no file access) so they can be tested on small in-memory fixtures.
Publisher modules use them to turn an official file into `TidyRow`s and raise `IngestError`
(naming the file and what was not found) as soon as a file does not look like the format it is
supposed to be, so that a renamed row or a shifted header in a newer download stops the
ingestion instead of silently dropping a country.

A damaged download must stop the ingestion too. Two layers, both here:

1. The file ends where its format ends. Read every delimited text file (CSV, TSV) through
   `read_delimited(path, delimiter=",", ends_with_line_break=True)`. It refuses a missing file or
   anything but a regular file, text that is not UTF-8 (naming the line; a Latin-1 re-save),
   a file cut inside a line (no final line break; pass `ends_with_line_break=False` only for a
   publisher whose files never end with one), and broken quoting. Then take the rows:
   `table.records(needed_columns)` gives `(line, {column: value})` for every row under a header
   in the first row and fails, naming the line, on a row with fewer or more fields than the
   header (a file cut at a line break loses no fields, but a row cut short does);
   `table.check_width(header_index)` does the same check for files with a preamble above the
   header (WDI). Workbooks (`read_workbook`) are zip or OLE containers that fail to open when cut.
2. The extract is no smaller than the previous one. A file cut exactly at a line break, or a
   download the publisher truncated, still parses. `extents(keys)` summarises what a run yields
   per series (rows, countries, years) from `(series, iso3, year)` keys;
   `read_extract_extents(csv_path, series_column)` does the same for the extract already in
   data/sources/; `compare_extents(previous, current, file_of, accept_shrink)` raises
   `ShrinkError` naming the official file and what it lost (years, countries, rows), or, with
   `accept_shrink=True` (the CLI's `--accept-shrink`), returns the same findings as warnings. The
   pipeline applies it to every series of every reader, so a new reader gets it by producing
   `TidyRow`s whose source_id is in the catalogue; nothing to call from the reader itself.
"""

from __future__ import annotations

import csv
import difflib
import io
import math
import os
import re
import stat
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from dashboard import config


def _region_iso3() -> tuple[str, ...]:
    """The region's countries and territories, as data/sources/countries.csv lists them (ISO3;
    XKX for Kosovo, as the World Bank and IDMC code it, not an ISO 3166 code)."""
    with (config.SOURCES_DIR / "countries.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(sorted(row["iso3"] for row in csv.DictReader(handle)))


REGION_ISO3: tuple[str, ...] = _region_iso3()
KOSOVO = "XKX"
# UN DESA (and OWID, which republishes it) and UNHCR fold Kosovo into Serbia.
REGION_ISO3_WITHOUT_KOSOVO: tuple[str, ...] = tuple(c for c in REGION_ISO3 if c != KOSOVO)

# UN M49 numeric codes of the 19 countries UN DESA publishes (no Kosovo: it is inside Serbia).
M49_TO_ISO3: dict[int, str] = {
    8: "ALB",
    31: "AZE",
    51: "ARM",
    70: "BIH",
    112: "BLR",
    268: "GEO",
    376: "ISR",
    398: "KAZ",
    417: "KGZ",
    498: "MDA",
    499: "MNE",
    643: "RUS",
    688: "SRB",
    762: "TJK",
    792: "TUR",
    795: "TKM",
    804: "UKR",
    807: "MKD",
    860: "UZB",
}

# KNOMAD workbooks carry names only. Every accepted spelling is listed explicitly; each ISO3
# must match exactly one row of a workbook (after trimming spaces), otherwise ingestion stops.
KNOMAD_NAMES: dict[str, tuple[str, ...]] = {
    "ALB": ("Albania",),
    "ARM": ("Armenia",),
    "AZE": ("Azerbaijan",),
    "BLR": ("Belarus",),
    "BIH": ("Bosnia and Herzegovina",),
    "GEO": ("Georgia",),
    "ISR": ("Israel (using CB data)", "Israel"),  # Dec 2023 | May 2021
    "KAZ": ("Kazakhstan",),
    "XKX": ("Kosovo",),
    "KGZ": ("Kyrgyz Republic",),
    "MDA": ("Moldova",),
    "MNE": ("Montenegro",),
    "MKD": ("North Macedonia",),
    "RUS": ("Russian Federation",),
    "SRB": ("Serbia",),
    "TJK": ("Tajikistan",),
    "TUR": ("Türkiye, Rep. of", "Turkey"),  # Dec 2023 | May 2021
    "TKM": ("Turkmenistan",),
    "UKR": ("Ukraine",),
    "UZB": ("Uzbekistan",),
}

# Anything else that is not a number (an em dash, say, which UN DESA uses for "rounds to 0")
# raises, so a new marker is looked at instead of being guessed.
MISSING_MARKERS = frozenset({"", "..", "NA"})
SUPPRESSED_MARKERS = frozenset({"~"})


class IngestError(RuntimeError):
    """An official file that does not have the expected format; the message names the file."""

    def __init__(self, where: Path | str, problem: str):
        self.where = str(where)  # the file path, possibly followed by " [sheet '...']"
        self.problem = problem
        super().__init__(f"{self.where}: {problem}")


class TidyRow(NamedTuple):
    """One value of the extract: indicator, country, year, value, source dataset."""

    indicator_code: str
    iso3: str
    year: int
    value: float | int
    source_id: str


class Cell(NamedTuple):
    """A cleaned spreadsheet cell: the number (or None) and why it is None."""

    value: float | None
    status: str  # "value", "missing" ('..' or blank), "suppressed" ('~')


def clean_cell(raw: object, where: str = "") -> Cell:
    """Turn a published cell into a number; '..'/blank -> missing, '~' -> suppressed.

    Raises ValueError for any other text, so an unknown marker is never read as a number or
    silently dropped.
    """
    if raw is None:
        return Cell(None, "missing")
    if isinstance(raw, bool):
        raise ValueError(f"unexpected boolean {raw!r} {where}".strip())
    if isinstance(raw, int | float):
        number = float(raw)
        if math.isnan(number):
            return Cell(None, "missing")
        if math.isinf(number):
            raise ValueError(f"infinite value {raw!r} {where}".strip())
        return Cell(number, "value")
    text = str(raw).strip()
    if text in MISSING_MARKERS:
        return Cell(None, "missing")
    if text in SUPPRESSED_MARKERS:
        return Cell(None, "suppressed")
    cleaned = text.replace(",", "").replace("\u00a0", "").replace(" ", "")
    try:
        number = float(cleaned)
    except ValueError:
        raise ValueError(f"unexpected text {text!r} {where}".strip()) from None
    if not math.isfinite(number):
        raise ValueError(f"unexpected text {text!r} {where}".strip())
    return Cell(number, "value")


_YEAR = re.compile(r"^\s*((?:19|20)\d{2})(?:\.0+)?\s*([eEpP]?)\s*$")


def parse_year(raw: object) -> tuple[int, bool] | None:
    """A year column label -> (year, is_estimate); None if the label is not a year.

    Accepts 1990, 1990.0, '1990', '2023e' (KNOMAD estimate) and '2020p'.
    Period labels such as '1990-1995' are not years.
    """
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, int | float):
        if isinstance(raw, float) and (math.isnan(raw) or not raw.is_integer()):
            return None
        year = int(raw)
        return (year, False) if 1900 <= year <= 2100 else None
    match = _YEAR.match(str(raw))
    if not match:
        return None
    return int(match.group(1)), bool(match.group(2))


def as_int_if_integral(value: float) -> float | int:
    """Counts are written as integers when the published number is whole."""
    if isinstance(value, int):
        return value
    return int(value) if float(value).is_integer() else value


def _undo_float32(number: float) -> float:
    """A cell stored in single precision (14.399999618530273) -> the number typed (14.4).

    Only for values that are exactly representable as float32 and whose shortest float32
    decimal is short (at most 7 significant digits): for any other double nothing changes.
    """
    import numpy as np

    single = np.float32(number)
    if float(single) != number or number.is_integer():
        return number
    text = np.format_float_positional(single, unique=True, trim="-")
    if len(text.replace("-", "").replace(".", "").lstrip("0")) > 7:
        return number
    return float(text)


SIGNIFICANT_DIGITS = 15  # what Excel shows of a cell; drops binary noise like 307.09999999999997


def format_value(value: float | int) -> str:
    """The text written to indicators.csv.

    Integers are written plainly. Other numbers are rounded to 15 significant digits (the
    precision Excel displays, so 307.09999999999997 is written 307.1) and written in the
    shortest form that reads back to that number; whole results are written as integers.
    """
    if isinstance(value, bool):
        raise TypeError("boolean is not a value")
    if isinstance(value, int):
        return str(value)
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"non-finite value {value!r}")
    number = _undo_float32(number)
    number = float(f"{number:.{SIGNIFICANT_DIGITS}g}")
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(number)


def thousands_to_persons(value: float) -> int:
    """UN DESA Table 2 publishes thousands with three decimals; x1000 exactly, no float noise."""
    return int((Decimal(repr(float(value))) * 1000).to_integral_value())


def match_names(
    names: Sequence[object],
    accepted: Mapping[str, Iterable[str]],
    path: Path | str,
    what: str = "country",
) -> dict[str, int]:
    """Find, for every key of `accepted`, the one position in `names` holding an accepted name.

    Names are compared after trimming surrounding spaces. Fails (IngestError naming the file)
    if an expected name is missing or appears more than once, with close matches as a hint.
    """
    cleaned = [str(n).strip() if n is not None else "" for n in names]
    found: dict[str, int] = {}
    problems: list[str] = []
    for key, spellings in accepted.items():
        spellings = tuple(spellings)
        hits = [i for i, name in enumerate(cleaned) if name in spellings]
        if len(hits) == 1:
            found[key] = hits[0]
            continue
        if not hits:
            near = sorted(_similar_names(spellings, cleaned))
            hint = f"; similar names in the file: {near}" if near else ""
            problems.append(
                f"{what} {key}: none of the expected names {list(spellings)} found{hint}"
            )
        else:
            problems.append(
                f"{what} {key}: expected one row named {list(spellings)}, found {len(hits)}"
                f" (rows {[h + 1 for h in hits]})"
            )
    if problems:
        raise IngestError(
            path,
            "row names do not match the explicit name->ISO3 table (a renamed row in a newer"
            " download?): " + "; ".join(problems),
        )
    return found


def _similar_names(spellings: Iterable[str], names: Sequence[str]) -> set[str]:
    """Names in a file that look like one of the spellings (same first word stem, or close)."""
    similar: set[str] = set()
    for spelling in spellings:
        stem = spelling.lower()[:4]
        similar.update(n for n in names if n and n.lower().startswith(stem))
        similar.update(difflib.get_close_matches(spelling, names, n=3, cutoff=0.75))
    return similar


def find_row(
    rows: Sequence[Sequence[object]],
    predicate,
    path: Path | str,
    what: str,
    start: int = 0,
) -> int:
    """Index of the first row (from `start`) satisfying `predicate`; IngestError if none."""
    for index in range(start, len(rows)):
        try:
            if predicate(rows[index]):
                return index
        except (TypeError, ValueError, IndexError):
            continue
    raise IngestError(path, f"could not find {what}")


def cell_text(value: object) -> str:
    """A cell as stripped text ('' for None/NaN)."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return str(value).strip()


def require_countries(
    present: Iterable[str], expected: Iterable[str], path: Path | str, what: str
) -> None:
    """Fail if any expected ISO3 is absent from `present`."""
    missing = sorted(set(expected) - set(present))
    if missing:
        raise IngestError(path, f"{what}: no rows for {missing}")


def read_workbook(path: Path) -> dict[str, list[list[object]]]:
    """All sheets of an .xlsx or .xls workbook as lists of rows (python-calamine).

    Empty cells come back as ''. Leading empty rows may be skipped by the reader, so callers must
    locate headers by content, never by a fixed row number.
    """
    from python_calamine import CalamineWorkbook

    if not path.exists():
        raise IngestError(path, "file not found")
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        return {
            name: workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            for name in workbook.sheet_names
        }
    except Exception as error:  # calamine raises several error types for unreadable files
        raise IngestError(path, f"cannot read the workbook: {error}") from error


# --- A download that is whole: files that end where their format ends ------------------------


def require_regular_file(path: Path) -> None:
    """IngestError unless `path` is an existing regular file (symbolic links followed): reading a
    directory raises, and reading a named pipe blocks until a writer comes, which may be never."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise IngestError(path, "file not found") from None
    except OSError as error:
        raise IngestError(path, f"cannot read the file ({error.strerror})") from None
    if not stat.S_ISREG(mode):
        kind = "a directory" if stat.S_ISDIR(mode) else "a special file (pipe, socket or device)"
        raise IngestError(path, f"not a regular file: it is {kind}")


@dataclass(frozen=True)
class DelimitedFile:
    """A delimited text file read whole: its rows, and the line on which each row starts."""

    path: Path
    rows: list[list[str]]
    lines: list[int]

    def check_width(self, header_index: int = 0) -> None:
        """Every non-empty row below the header has as many fields as the header; a row cut short
        (the last one of a truncated file, usually) fails naming its line."""
        width = len(self.rows[header_index])
        for row, line in zip(
            self.rows[header_index + 1 :], self.lines[header_index + 1 :], strict=True
        ):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != width:
                raise IngestError(
                    self.path,
                    f"line {line}: {len(row)} fields where the header has {width}: the row is"
                    " incomplete (was the download cut short?)",
                )

    def records(
        self, needed: Iterable[str] = (), header_index: int = 0
    ) -> list[tuple[int, dict[str, str]]]:
        """The rows under the header as (line, {column: value}); IngestError if a needed column
        is missing or a row does not have the header's number of fields."""
        if len(self.rows) <= header_index:
            raise IngestError(self.path, "the file has no header row")
        header = [name.strip() for name in self.rows[header_index]]
        missing = [name for name in needed if name not in header]
        if missing:
            raise IngestError(self.path, f"columns {missing} not found (header: {header})")
        self.check_width(header_index)
        return [
            (line, dict(zip(header, row, strict=True)))
            for row, line in zip(
                self.rows[header_index + 1 :], self.lines[header_index + 1 :], strict=True
            )
            if any(cell.strip() for cell in row)
        ]


def read_delimited(
    path: Path, *, delimiter: str = ",", ends_with_line_break: bool = True
) -> DelimitedFile:
    """Read a CSV/TSV download whole, refusing one that is not a whole UTF-8 file of its format.

    IngestError (naming the file, and the line where there is one) for: no file, not a regular
    file, an empty file, bytes that are not UTF-8 (a BOM is fine), a last line without its line
    break (the download stopped mid-line; `ends_with_line_break=False` for publishers whose files
    never end with one) and broken quoting (a file cut inside a quoted value).
    """
    path = Path(path)
    require_regular_file(path)
    data = path.read_bytes()
    if not data.strip():
        raise IngestError(path, "the file is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise IngestError(
            path,
            f"line {line}: not UTF-8 text (byte {data[error.start]:#04x}); the file was probably"
            " re-saved in another encoding (Latin-1, Windows-1252): use the publisher's file",
        ) from None
    if ends_with_line_break and not data.endswith((b"\n", b"\r")):
        raise IngestError(
            path,
            f"line {text.count(chr(10)) + 1}: the file ends inside a line (no final line break):"
            " the download was cut short",
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise IngestError(
                path, f"line {start}: broken quoting ({error}); was the download cut short?"
            ) from None
        rows.append(row)
        lines.append(start)
    return DelimitedFile(path, rows, lines)


# --- A download that is whole: no smaller than the extract it replaces -----------------------


@dataclass(frozen=True)
class Extent:
    """What an extract holds for one series: how many rows, for which countries and years."""

    rows: int
    countries: frozenset[str]
    years: frozenset[int]


class ShrinkError(IngestError):
    """A download yields less than the extract it would replace (cut short, or a publisher's
    change to be accepted explicitly with --accept-shrink)."""


def extents(keys: Iterable[tuple[str, str, int]]) -> dict[str, Extent]:
    """(series, iso3, year) keys -> per series, its Extent."""
    rows: dict[str, int] = {}
    countries: dict[str, set[str]] = {}
    years: dict[str, set[int]] = {}
    for series, iso3, year in keys:
        rows[series] = rows.get(series, 0) + 1
        countries.setdefault(series, set()).add(iso3)
        years.setdefault(series, set()).add(int(year))
    return {
        series: Extent(rows[series], frozenset(countries[series]), frozenset(years[series]))
        for series in rows
    }


def read_extract_extents(
    path: Path, series_columns: Sequence[str] = ("indicator_code",)
) -> dict[str, Extent]:
    """The extents of an extract already written (indicators.csv, projections.csv); {} when there
    is none yet. A series is named by its `series_columns` joined with ' / '."""
    if not Path(path).is_file():
        return {}
    table = read_delimited(path)
    return extents(
        (" / ".join(record[c] for c in series_columns), record["iso3"], int(record["year"]))
        for _, record in table.records((*series_columns, "iso3", "year"))
    )


def _year_ranges(years: Iterable[int]) -> str:
    """1990, 1995-1997, 2001 from a set of years."""
    ordered = sorted(years)
    parts: list[str] = []
    start = previous = ordered[0]
    for year in [*ordered[1:], None]:
        if year is not None and year == previous + 1:
            previous = year
            continue
        parts.append(str(start) if start == previous else f"{start}-{previous}")
        if year is not None:
            start = previous = year
    return ", ".join(parts)


def shrinkage(series: str, previous: Extent, current: Extent | None) -> list[str]:
    """What `current` lacks of `previous`, in words; [] when it holds at least as much."""
    if current is None:
        return [f"{series}: no rows at all (previous extract: {previous.rows:,})"]
    found: list[str] = []
    last, previous_last = max(current.years), max(previous.years)
    first, previous_first = min(current.years), min(previous.years)
    if last < previous_last:
        found.append(f"{series} ends in {last} (previous extract: {previous_last})")
    if first > previous_first:
        found.append(f"{series} starts in {first} (previous extract: {previous_first})")
    gaps = previous.years - current.years - set(range(last + 1, previous_last + 1))
    gaps -= set(range(previous_first, first))
    if gaps:
        found.append(f"{series} lacks {_year_ranges(gaps)}")
    lost = sorted(previous.countries - current.countries)
    if lost:
        found.append(f"{series} no longer has {', '.join(lost)}")
    if current.rows < previous.rows:
        found.append(f"{series} has {current.rows:,} rows (previous extract: {previous.rows:,})")
    return found


def compare_extents(
    previous: Mapping[str, Extent],
    current: Mapping[str, Extent],
    file_of: Callable[[str], Path | str | None],
    *,
    accept_shrink: bool = False,
    extract: Path | str = "the previous extract",
) -> list[str]:
    """Check every series of the previous extract against this run.

    `file_of(series)` names the official file a series comes from, or None for a series no
    longer produced on purpose (dropped from the catalogue), which is skipped. Raises ShrinkError
    naming the first file that yields less, with everything it lost; with `accept_shrink` returns
    the findings as warning lines ("file: what") instead.
    """
    by_file: dict[str, list[str]] = {}
    for series in sorted(previous):
        file = file_of(series)
        if file is None:
            continue
        found = shrinkage(series, previous[series], current.get(series))
        if found:
            by_file.setdefault(str(file), []).extend(found)
    if by_file and not accept_shrink:
        file, found = next(iter(by_file.items()))
        others = f" ({len(by_file) - 1} other file(s) too)" if len(by_file) > 1 else ""
        raise ShrinkError(
            file,
            f"yields less than {extract}: {'; '.join(found)}{others}. The download may be"
            " incomplete: download it again, or rerun with --accept-shrink if the publisher"
            " really dropped these",
        )
    return [f"{file}: {'; '.join(found)}" for file, found in by_file.items()]
