"""Shared pieces of the ingestion: the 20 countries, code tables, cell cleaning, the tidy row.

Everything here is pure (no file access) so it can be tested on small in-memory fixtures.
Publisher modules use these helpers to turn an official file into `TidyRow`s and raise
`IngestError` (naming the file and what was not found) as soon as a file does not look like the
format it is supposed to be, so that a renamed row or a shifted header in a newer download stops
the ingestion instead of silently dropping a country.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

# The 20 countries and territories of the region: ISO3 (XKX for Kosovo, as used by the World
# Bank and IDMC; not an ISO 3166 code) -> the short name the dashboard uses.
COUNTRIES: dict[str, str] = {
    "ALB": "Albania",
    "ARM": "Armenia",
    "AZE": "Azerbaijan",
    "BLR": "Belarus",
    "BIH": "Bosnia and Herzegovina",
    "GEO": "Georgia",
    "ISR": "Israel",
    "KAZ": "Kazakhstan",
    "XKX": "Kosovo",
    "KGZ": "Kyrgyzstan",
    "MDA": "Republic of Moldova",
    "MNE": "Montenegro",
    "MKD": "North Macedonia",
    "RUS": "Russian Federation",
    "SRB": "Serbia",
    "TJK": "Tajikistan",
    "TUR": "Türkiye",
    "TKM": "Turkmenistan",
    "UKR": "Ukraine",
    "UZB": "Uzbekistan",
}
REGION_ISO3: tuple[str, ...] = tuple(sorted(COUNTRIES))
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
