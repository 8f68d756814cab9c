"""Source files of the warehouse: declared once (file, columns, types, keys) and loaded strictly.

Every CSV in data/sources/ is declared here. Loading checks the header, every cell's type, keys,
ranges, accepted values and ISO3 codes, and stops at the first problem with a `SourceError`
naming file, line and column, because a half-loaded source would make the dashboard lie.
"""

from __future__ import annotations

import csv
import math
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

SQL_TYPES = {"text": "varchar", "int": "bigint", "float": "double", "bool": "boolean"}
PANDAS_TYPES = {"text": "string", "int": "Int64", "float": "Float64", "bool": "boolean"}
_INT = re.compile(r"^-?\d+$")
_FLOAT = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_BOOL = {"true": True, "false": False}
# The warehouse stores whole numbers as BIGINT (64-bit); Python would read any length.
_INT_LIMIT = 2**63 - 1


class SourceError(ValueError):
    """A source file that cannot be loaded; the message names file, line and column."""

    def __init__(self, path: Path | str, line: int | None, column: str | None, problem: str):
        self.path = Path(path)
        self.line = line
        self.column = column
        self.problem = problem
        where = str(self.path)
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class Column:
    name: str
    type: str = "text"
    required: bool = False
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] | None = None
    # "any": any ISO 3166 code (plus XKX) from iso3_reference.csv; "region": one of countries.csv.
    iso3: str | None = None

    @property
    def sql_type(self) -> str:
        return SQL_TYPES[self.type]


@dataclass(frozen=True)
class SourceTable:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    description: str
    generated_by: str | None = None
    extra_checks: tuple[str, ...] = field(default=())

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def raw_table(self) -> str:
        return f"raw_{self.name}"

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _c(name: str, type_: str = "text", **kwargs) -> Column:
    return Column(name, type_, **kwargs)


def _req(name: str, type_: str = "text", **kwargs) -> Column:
    return Column(name, type_, required=True, **kwargs)


_SOURCE_LOCATOR = (_req("source_id"), _req("source_section"))
_SOURCE_COLUMNS = (
    _req("source_id"),
    _req("kind", choices=("document", "dataset")),
    _req("title"),
    _req("short_title"),
    _req("publisher"),
    _c("edition"),
    _c("vintage"),
    _req("licence"),
    _req("citation"),
    _req("file"),
    _c("note"),
)
INDICATOR_FAMILIES = (
    "migrant_stock",
    "migrant_share",
    "female_share",
    "emigrants",
    "remittances_usd",
    "remittances_gdp",
    "net_migration",
    "refugees_hosted",
    "refugees_originating",
    "asylum_seekers",
    "idps",
    "population",
    "gdp",
    "other_protection",
)
OFFICE_TYPES = ("regional", "country", "sub-office")
# Rows of projections.csv: the estimate, the projection's variants and its probabilistic bounds.
PROJECTION_VARIANTS = (
    "estimate",
    "medium",
    "low",
    "high",
    "lower_80",
    "upper_80",
    "lower_95",
    "upper_95",
)

# Load order matters: reference lists first, so later files can be checked against them.
SOURCE_TABLES: tuple[SourceTable, ...] = (
    SourceTable(
        "iso3_reference",
        (_req("iso3"), _req("name")),
        ("iso3",),
        "ISO 3166-1 alpha-3 codes (pycountry) plus XKX for Kosovo (UNSCR 1244), to validate codes.",
        generated_by="python -m dashboard.ingest.gazetteer",
    ),
    SourceTable(
        "sources",
        _SOURCE_COLUMNS,
        ("source_id",),
        "The seed documents, with file, edition and citation.",
    ),
    SourceTable(
        "dataset_sources",
        _SOURCE_COLUMNS,
        ("source_id",),
        "The official datasets read by the ingestion, with vintage and licence.",
        generated_by="python -m dashboard.ingest",
    ),
    SourceTable(
        "countries",
        (
            _req("iso3", iso3="any"),
            _req("name"),
            _req("subregion"),
            _c("subregion_basis"),
            _req("capital"),
            *_SOURCE_LOCATOR,
        ),
        ("iso3",),
        "The 20 countries and territories of the region.",
    ),
    SourceTable(
        "display_names",
        (
            _req("kind", choices=("country", "city")),
            _req("key"),
            _req("display_name"),
            _req("label"),
            _req("basis"),
            _req("on_map", "bool"),
        ),
        ("kind", "key"),
        "The names every screen shows (current UN usage): per ISO3 code and per town as "
        "countries.csv and offices.csv spell it; `label` is the short form for charts, maps and "
        'filters ("Kosovo*", with the footnote), `display_name` the form that stands alone.',
    ),
    SourceTable(
        "names_ru",
        (
            _req("kind", choices=("country", "city")),
            _req("key"),
            _req("display_name_ru"),
            _req("label_ru"),
            _c("iso3166_ru"),
            _req("reason"),
        ),
        ("kind", "key"),
        "The Russian names not taken unchanged from pycountry's ISO 3166 Russian catalogue: the "
        "UN's Russian short name where it differs (`iso3166_ru`: what the catalogue said), "
        "Kosovo, and the towns; each with its reason.",
    ),
    SourceTable(
        "display_names_ru",
        (
            _req("kind", choices=("country", "city")),
            _req("key"),
            _req("display_name_ru"),
            _req("label_ru"),
            _req("basis_ru"),
        ),
        ("kind", "key"),
        "The Russian of every name in display_names.csv (`label_ru` the short form, "
        '"Косово*"), from pycountry\'s ISO 3166-1 catalogue in Russian and names_ru.csv.',
        generated_by="python -m dashboard.ingest.names_ru",
    ),
    SourceTable(
        "country_names",
        (
            _req("iso3", iso3="region"),
            _req("source_id"),
            _req("name_as_published"),
            _c("iom_status", choices=("member", "observer")),
            _req("source_section"),
        ),
        ("iso3", "source_id"),
        "Each country's name and IOM status as published in each document.",
    ),
    SourceTable(
        "offices",
        (
            _req("office_id"),
            _req("iso3", iso3="any"),
            _req("office_type", choices=OFFICE_TYPES),
            _req("name"),
            _req("name_as_published"),
            _req("city"),
            _req("city_as_published"),
            _c("parent_office_id"),
            _c("address"),
            _c("telephone"),
            _c("fax"),
            _c("email"),
            _c("note"),
            # what the sources cannot tell about the office today (May 2020 is their last word)
            _c("current_status_note"),
            *_SOURCE_LOCATOR,
            _c("contact_source_id"),
            _c("contact_source_section"),
        ),
        ("office_id",),
        "IOM offices: the Regional Office, country offices and sub-offices (May 2020).",
    ),
    SourceTable(
        "places",
        (
            _req("place_key"),
            _req("kind", choices=("office", "capital")),
            _c("geonameid", "int"),
            _req("gazetteer_name"),
            _c("country_code"),
            _req("lat", "float", min=-90, max=90),
            _req("lon", "float", min=-180, max=180),
            _req("gazetteer"),
            _c("match_note"),
        ),
        ("kind", "place_key"),
        "Coordinates of offices and capitals from the GeoNames gazetteer.",
        generated_by="python -m dashboard.ingest.gazetteer",
    ),
    SourceTable(
        "programmatic_areas",
        (_req("programmatic_area"), _req("name_as_published"), _req("sort_order", "int")),
        ("programmatic_area",),
        "Programmatic areas of the Migration Initiatives 2016 funding tables.",
    ),
    SourceTable(
        "iom_regions",
        (_req("region"), _req("name_as_published"), _req("sort_order", "int")),
        ("region",),
        "IOM regions of the Migration Initiatives 2016 funding tables.",
    ),
    SourceTable(
        "funding_overview",
        (
            _req("edition", "int", min=2000, max=2100),
            _req("region"),
            _req("programmatic_area"),
            _c("usd", "int", min=0),
            *_SOURCE_LOCATOR,
        ),
        ("edition", "region", "programmatic_area"),
        "Cells of the overview table of funding requirements (region x programmatic area).",
    ),
    SourceTable(
        "funding_requirements",
        (
            _req("edition", "int", min=2000, max=2100),
            _req("region"),
            _req("country_or_programme"),
            _c("iso3", iso3="any"),
            _req("programmatic_area"),
            _c("usd", "int", min=0),
            *_SOURCE_LOCATOR,
        ),
        ("edition", "region", "country_or_programme", "programmatic_area"),
        "Cells of the per-region funding tables (country or programme x programmatic area).",
    ),
    SourceTable(
        "published_totals",
        (
            _req("edition", "int", min=2000, max=2100),
            _req("table_name"),
            _req("total_axis", choices=("row", "column", "grand")),
            _req("label"),
            _c("usd", "int", min=0),
            *_SOURCE_LOCATOR,
        ),
        ("edition", "table_name", "total_axis", "label"),
        "Totals printed in the funding tables, kept apart so they can be checked.",
    ),
    SourceTable(
        "strategy_elements",
        (
            _req("element_id"),
            _req("framework"),
            _req("element_type"),
            _c("code"),
            _c("parent_id"),
            _req("title"),
            _c("description"),
            _c("sort_order", "int"),
            *_SOURCE_LOCATOR,
        ),
        ("element_id",),
        "Elements of the strategic frameworks (2015-2020, Global Strategy, 2020-2024, MiGOF).",
    ),
    SourceTable(
        "key_figures",
        (
            _req("figure_id"),
            _req("topic"),
            _req("label"),
            _req("value", "float"),
            _req("unit"),
            _c("year", "int", min=1900, max=2100),
            _req("scope"),
            _c("iso3", iso3="region"),
            _req("quote"),
            *_SOURCE_LOCATOR,
        ),
        ("figure_id",),
        "Numeric facts stated in the documents, with the quote they came from.",
    ),
    SourceTable(
        "initiatives_2016",
        (
            _req("initiative_id"),
            _req("migof_element_id"),
            _req("chapter_title"),
            _req("title"),
            _c("region"),
            _c("iso3", iso3="any"),
            _req("usd", "int", min=0),
            _req("quote"),
            *_SOURCE_LOCATOR,
        ),
        ("initiative_id",),
        "USD requirements stated in the Migration Initiatives 2016 narratives.",
    ),
    SourceTable(
        "outlook_statements",
        (
            _req("statement_id"),
            *_SOURCE_LOCATOR,
            _req("short_title"),
            _req("statement"),
            _req("theme"),
            _c("element_id"),
            _req("testable", "bool"),
        ),
        ("statement_id",),
        "Outlook statements of the strategies, verbatim.",
    ),
    SourceTable(
        "outlook_indicator_links",
        (
            _req("statement_id"),
            _req("indicator_family", choices=INDICATOR_FAMILIES),
            _c("iso3_scope"),
            _req(
                "expectation",
                choices=("increase", "decrease", "stay_high", "stay_low", "persist"),
            ),
            _req("rationale"),
        ),
        ("statement_id", "indicator_family", "iso3_scope"),
        "Which indicator families can test each outlook statement, and what they should show.",
    ),
    SourceTable(
        "glossary",
        (
            _req("term"),
            _req("definition"),
            _c("related_element_id"),
            *_SOURCE_LOCATOR,
        ),
        ("term",),
        "Terms managers meet on the pages, defined from the documents.",
    ),
    SourceTable(
        "crosswalk",
        (
            _req("from_element_id"),
            _req("to_id"),
            _req("to_kind", choices=("strategy_element", "programmatic_area")),
            _req("relation"),
            _req("basis", choices=("document", "judgement")),
            _req("justification"),
            _c("source_id"),
            _c("source_section"),
        ),
        ("from_element_id", "to_id"),
        "Links between the strategic frameworks and the funding areas, with their basis.",
    ),
    SourceTable(
        "theme_indicators",
        (
            _req("element_id"),
            # empty only where no indicator can speak to the element; the reason says why
            _c("indicator_family", choices=INDICATOR_FAMILIES),
            _c("rank", "int", min=1),
            _req("basis", choices=("document", "judgement")),
            _req("reason"),
            _c("source_id"),
            _c("source_section"),
        ),
        ("element_id", "indicator_family"),
        "Which indicator families speak to each thematic element, in order, with the reason.",
    ),
    SourceTable(
        "published_issues",
        (
            _req("issue_id"),
            _req("check_name"),
            _req("subject"),
            _c("expected"),
            _c("published"),
            *_SOURCE_LOCATOR,
            _req("note"),
        ),
        ("issue_id",),
        "Problems found in the documents while transcribing (misspellings, disagreements).",
    ),
    SourceTable(
        "indicator_catalog",
        (
            _req("indicator_code"),
            _req("family", choices=INDICATOR_FAMILIES),
            _req("name"),
            _req("unit"),
            _req("aggregation", choices=("sum", "weighted_mean", "none")),
            _c("weight_indicator_code"),
            _req("source_id"),
            _c("description"),
            _c("caveat"),
            _req("lowest_plausible", "float"),
            _req("highest_plausible", "float"),
        ),
        ("indicator_code",),
        "Definitions of the indicator codes of the official-data extract, with the range a"
        " value of each can plausibly take (checked by a data test).",
        generated_by="python -m dashboard.ingest",
    ),
    SourceTable(
        "indicators",
        (
            _req("indicator_code"),
            _req("iso3", iso3="region"),
            _req("year", "int", min=1900, max=2100),
            _req("value", "float"),
            _req("source_id"),
        ),
        ("indicator_code", "iso3", "year"),
        "Tidy extract of the official datasets for the 20 countries and territories.",
        generated_by="python -m dashboard.ingest",
    ),
    SourceTable(
        "projection_catalog",
        (
            _req("series_code"),
            _req("family", choices=INDICATOR_FAMILIES),
            _req("name"),
            _req("label"),
            _req("unit"),
            _req("reference"),
            _req("source_id"),
            _c("description"),
            _c("caveat"),
        ),
        ("series_code",),
        "Definitions of the UN projection series (WPP 2024) of the projections extract.",
        generated_by="python -m dashboard.ingest",
    ),
    SourceTable(
        "projections",
        (
            _req("series_code"),
            _req("iso3", iso3="region"),
            _req("year", "int", min=1950, max=2100),
            _req("variant", choices=PROJECTION_VARIANTS),
            _req("value", "int"),
            _req("source_id"),
        ),
        ("series_code", "iso3", "year", "variant"),
        "UN World Population Prospects 2024 for the 20: estimates, projection variants and bounds.",
        generated_by="python -m dashboard.ingest",
    ),
    SourceTable(
        "corridor_places",
        (_req("iso3"), _req("name"), _req("is_eu", "bool")),
        ("iso3",),
        "Countries and areas at either end of a migration corridor, named as UN DESA names them.",
        generated_by="python -m dashboard.ingest",
    ),
    SourceTable(
        "migrant_corridors",
        (
            _req("origin_iso3"),
            _req("destination_iso3"),
            _req("year", "int", min=1990, max=2100),
            _req("migrants", "int", min=0),
            _req("source_id"),
        ),
        ("origin_iso3", "destination_iso3", "year"),
        "International migrants by origin and destination (UN DESA 2024), for corridors that"
        " start or end in the region; both sexes.",
        generated_by="python -m dashboard.ingest",
    ),
    SourceTable(
        "series_breaks",
        (
            _req("indicator_code"),
            _req("iso3", iso3="region"),
            _req("year", "int", min=1900, max=2100),
            _req("kind", choices=("reporting change", "coverage change")),
            _req("note"),
            # A break that another country's break causes (UNHCR's 2024 reporting change for the
            # Russian Federation moves Ukraine's refugees): the cause's indicator and country.
            _c("cause_indicator_code"),
            _c("cause_iso3", iso3="region"),
        ),
        ("indicator_code", "iso3", "year"),
        "Years in which a country's series stops being comparable with the year before (a"
        " reporting or coverage change): flagged, never read as a change; a break caused by"
        " another country's names it.",
    ),
    SourceTable(
        "headline_concepts",
        (
            _req("concept"),
            _req("concept_name"),
            _req("unit"),
            _req("preference", "int", min=1, max=99),
            _req("indicator_code"),
            _req("scale", "float", min=0),
            _req("why"),
        ),
        ("concept", "preference"),
        "Which indicators can give each headline concept, in order of preference (the headline"
        " rule: latest year first, then the most preferred source with a value for it).",
    ),
)

SOURCES_BY_NAME = {table.name: table for table in SOURCE_TABLES}


def _parse(value: str, column: Column) -> object:
    """Convert one non-empty cell; raise ValueError with the reason."""
    if column.type == "text":
        return value
    if column.type == "int":
        if not _INT.match(value):
            raise ValueError(f"expected a whole number, found {value!r}")
        number: float = int(value)
        if abs(number) > _INT_LIMIT:
            raise ValueError(
                f"{value} is too large for a whole number ({len(value.lstrip('-'))} digits;"
                " at most 9,223,372,036,854,775,807)"
            )
    elif column.type == "float":
        if not _FLOAT.match(value):
            raise ValueError(f"expected a number, found {value!r}")
        number = float(value)
        if not math.isfinite(number):
            raise ValueError(f"expected a finite number, found {value!r}")
    elif column.type == "bool":
        if value.lower() not in _BOOL:
            raise ValueError(f"expected true or false, found {value!r}")
        return _BOOL[value.lower()]
    else:  # pragma: no cover - declarations are fixed above
        raise ValueError(f"unknown type {column.type}")
    if column.min is not None and number < column.min:
        raise ValueError(f"{value} is below the minimum {column.min:g}")
    if column.max is not None and number > column.max:
        raise ValueError(f"{value} is above the maximum {column.max:g}")
    return number


def _stray_quote_column(record_text: str, header: list[str]) -> str | None:
    """The column of the first quote that RFC 4180 does not allow, or None if quoting is sound.

    Python's csv reader silently accepts a quote inside an unquoted field (`ab"c`), which is how a
    hand-edited file usually breaks, so the raw text of any record holding a quote is re-checked.
    """
    field_index, in_quotes, at_field_start, just_closed = 0, False, True, False
    position = 0
    while position < len(record_text):
        char = record_text[position]
        if in_quotes:
            if char == '"':
                if record_text[position + 1 : position + 2] == '"':
                    position += 2
                    continue
                in_quotes, just_closed = False, True
        elif char == '"':
            if not at_field_start:
                return header[min(field_index, len(header) - 1)]
            in_quotes = True
        elif char == ",":
            field_index, at_field_start, just_closed = field_index + 1, True, False
            position += 1
            continue
        elif just_closed and char not in "\r\n":
            return header[min(field_index, len(header) - 1)]
        if char != '"' or in_quotes:
            at_field_start = False
        position += 1
    if in_quotes:
        return header[min(field_index, len(header) - 1)]
    return None


_FILE_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def file_kind(path: Path) -> str | None:
    """What `path` is when it is not a regular file ("a directory", "a named pipe (FIFO)"...),
    None for a regular file (symbolic links followed) or a missing one."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return None
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in _FILE_KINDS if test(mode)), "a special file")


def require_regular_file(path: Path) -> None:
    """Refuse anything but a regular file before opening it: reading a directory fails with a
    traceback, and reading a named pipe blocks until a writer comes, which may be never."""
    kind = file_kind(path)
    if kind is not None:
        raise SourceError(path, None, None, f"not a regular file: it is {kind}")


def read_source(
    table: SourceTable,
    path: Path,
    iso3_codes: Iterable[str] = (),
    region_iso3: Iterable[str] = (),
) -> pd.DataFrame:
    """Read and validate one source CSV; return a typed DataFrame or raise SourceError."""
    if not path.exists():
        hint = f" (generate it with `{table.generated_by}`)" if table.generated_by else ""
        raise SourceError(path, None, None, f"file is missing{hint}")
    require_regular_file(path)
    known_iso3, region = set(iso3_codes), set(region_iso3)
    declared = [c.name for c in table.columns]
    raw_bytes = path.read_bytes()
    try:
        raw_lines = raw_bytes.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as error:
        line = raw_bytes[: error.start].count(b"\n") + 1
        raise SourceError(
            path,
            line,
            None,
            f"not UTF-8 text (byte {raw_bytes[error.start]:#04x}); save the file as UTF-8",
        ) from None
    if raw_bytes and not raw_bytes.endswith((b"\n", b"\r")):
        # Every writer ends a CSV with a line break; a file without one was cut short, and its
        # last value may be shorter than written with nothing else to show for it.
        raise SourceError(
            path,
            len(raw_lines),
            None,
            "the last line has no line break: the file may have been cut short",
        )
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = next(reader)
        except StopIteration:
            raise SourceError(path, 1, None, "file is empty; expected a header row") from None
        except csv.Error as error:
            raise SourceError(path, 1, None, f"unreadable header: {error}") from None
        header = [name.strip() for name in header]
        for name in declared:
            if name not in header:
                raise SourceError(path, 1, name, "required column is missing from the header")
        for name in header:
            if name not in declared:
                raise SourceError(path, 1, name, f"unexpected column; expected {declared}")
        if len(set(header)) != len(header):
            duplicate = next(n for n in header if header.count(n) > 1)
            raise SourceError(path, 1, duplicate, "column appears twice in the header")

        positions = {name: header.index(name) for name in declared}
        values: dict[str, list[object]] = {name: [] for name in declared}
        seen_keys: dict[tuple, int] = {}
        while True:
            line = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                record_text = "\n".join(raw_lines[line - 1 :])
                column = _stray_quote_column(record_text, header)
                raise SourceError(path, line, column, f"broken quoting ({error})") from None
            if not row or row == [""]:
                continue
            record_text = "\n".join(raw_lines[line - 1 : reader.line_num])
            if '"' in record_text:
                column = _stray_quote_column(record_text, header)
                if column is not None:
                    raise SourceError(
                        path, line, column, "broken quoting (a quote inside an unquoted value)"
                    )
            if len(row) != len(header):
                raise SourceError(
                    path, line, None, f"row has {len(row)} fields, the header has {len(header)}"
                )
            parsed: dict[str, object] = {}
            for column in table.columns:
                text = row[positions[column.name]].strip()
                if text == "":
                    if column.required:
                        raise SourceError(path, line, column.name, "value is required but empty")
                    parsed[column.name] = None
                    continue
                try:
                    parsed[column.name] = _parse(text, column)
                except ValueError as error:
                    raise SourceError(path, line, column.name, str(error)) from None
                if column.choices and text not in column.choices:
                    raise SourceError(
                        path, line, column.name, f"{text!r} is not one of {list(column.choices)}"
                    )
                if column.iso3:
                    if not _ISO3.match(text):
                        raise SourceError(path, line, column.name, f"{text!r} is not an ISO3 code")
                    allowed = region if column.iso3 == "region" else known_iso3
                    if allowed and text not in allowed:
                        scope = "the 20 countries" if column.iso3 == "region" else "ISO 3166"
                        raise SourceError(
                            path, line, column.name, f"unknown ISO3 code {text!r} (not in {scope})"
                        )
            key = tuple(parsed[name] for name in table.key)
            if key in seen_keys:
                raise SourceError(
                    path,
                    line,
                    ",".join(table.key),
                    f"duplicate key {key} (first on line {seen_keys[key]})",
                )
            seen_keys[key] = line
            for name in declared:
                values[name].append(parsed[name])

    if not seen_keys:
        # Every source table has rows; an empty one is a failed export or a truncated copy.
        raise SourceError(path, None, None, "the file has a header but no rows")
    return pd.DataFrame(
        {c.name: pd.array(values[c.name], dtype=PANDAS_TYPES[c.type]) for c in table.columns}
    )
