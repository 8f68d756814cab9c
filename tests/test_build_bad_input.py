"""Bad source files fail the build with one message naming file, line and column, and the
previous warehouse is left exactly as it was."""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
from pathlib import Path

import duckdb
import pytest

from dashboard import config
from dashboard.sources import SourceError
from dashboard.warehouse import build, main


@pytest.fixture()
def sources(tmp_path: Path) -> Path:
    copy = tmp_path / "sources"
    shutil.copytree(config.SOURCES_DIR, copy)
    return copy


@pytest.fixture()
def previous_warehouse(tmp_path: Path, warehouse_path: Path) -> Path:
    """A good warehouse already in place, as a user would have from yesterday's build."""
    out = tmp_path / "out" / "warehouse.duckdb"
    out.parent.mkdir()
    shutil.copy(warehouse_path, out)
    return out


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_rows(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def set_cell(path: Path, line: int, column: str, value: str) -> None:
    rows = read_rows(path)
    rows[line - 1][rows[0].index(column)] = value
    write_rows(path, rows)


def drop_column(path: Path, column: str) -> None:
    rows = read_rows(path)
    index = rows[0].index(column)
    write_rows(path, [row[:index] + row[index + 1 :] for row in rows])


def duplicate_line(path: Path, line: int) -> int:
    rows = read_rows(path)
    rows.append(list(rows[line - 1]))
    write_rows(path, rows)
    return len(rows)


def break_quote(path: Path, line: int, column: str) -> None:
    """Put a stray quote in the middle of one unquoted value, as a careless hand edit would."""
    rows = read_rows(path)
    index = rows[0].index(column)
    value = rows[line - 1][index]
    rows[line - 1][index] = value[:2] + "\u0000" + value[2:]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue().replace("\u0000", '"'), encoding="utf-8")


CASES = {
    "missing column": (
        "funding_requirements.csv",
        lambda p: drop_column(p, "usd"),
        1,
        "usd",
        "missing",
    ),
    "wrong type": (
        "funding_requirements.csv",
        lambda p: set_cell(p, 5, "usd", "1,5OO,000"),
        5,
        "usd",
        "whole number",
    ),
    "unknown iso3 in the region": (
        "indicators.csv",
        lambda p: set_cell(p, 3, "iso3", "ZZZ"),
        3,
        "iso3",
        "unknown ISO3",
    ),
    "unknown iso3 anywhere": (
        "funding_requirements.csv",
        lambda p: set_cell(p, 4, "iso3", "QQQ"),
        4,
        "iso3",
        "unknown ISO3",
    ),
    "duplicate key": (
        "countries.csv",
        lambda p: duplicate_line(p, 2),
        22,
        "iso3",
        "duplicate key",
    ),
    "negative amount": (
        "funding_overview.csv",
        lambda p: set_cell(p, 6, "usd", "-5000"),
        6,
        "usd",
        "below the minimum",
    ),
    "broken quote": (
        "offices.csv",
        lambda p: break_quote(p, 7, "name"),
        7,
        "name",
        "broken quoting",
    ),
    "empty required value": (
        "key_figures.csv",
        lambda p: set_cell(p, 2, "quote", ""),
        2,
        "quote",
        "required",
    ),
    "value not in accepted list": (
        "offices.csv",
        lambda p: set_cell(p, 3, "office_type", "embassy"),
        3,
        "office_type",
        "not one of",
    ),
    "not a number": (
        "indicators.csv",
        lambda p: set_cell(p, 10, "value", ".."),
        10,
        "value",
        "expected a number",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_names_file_line_column_and_keeps_previous_warehouse(
    case, sources, previous_warehouse
):
    file_name, corrupt, line, column, words = CASES[case]
    corrupt(sources / file_name)
    before = digest(previous_warehouse)

    with pytest.raises(SourceError) as raised:
        build(sources, previous_warehouse)

    error = raised.value
    assert error.path.name == file_name
    assert error.line == line
    assert error.column == column
    assert words in str(error)
    assert file_name in str(error) and f"line {line}" in str(error)
    assert digest(previous_warehouse) == before
    assert sorted(p.name for p in previous_warehouse.parent.iterdir()) == ["warehouse.duckdb"]


def test_missing_source_file_is_named(sources, previous_warehouse):
    (sources / "offices.csv").unlink()
    with pytest.raises(SourceError, match=r"offices\.csv: file is missing"):
        build(sources, previous_warehouse)


def test_cli_reports_failure_and_untouched_warehouse(sources, previous_warehouse, capsys):
    set_cell(sources / "funding_overview.csv", 6, "usd", "-1")
    code = main(["build", "--sources", str(sources), "--out", str(previous_warehouse)])
    stderr = capsys.readouterr().err
    assert code == 1
    assert "funding_overview.csv, line 6, column 'usd'" in stderr
    assert "left untouched" in stderr


def test_constraint_violation_in_a_mart_fails_the_build(sources, previous_warehouse):
    """A sub-office whose parent is missing passes the loader but not the data tests."""
    rows = read_rows(sources / "offices.csv")
    parent = rows[0].index("parent_office_id")
    line = next(i for i, row in enumerate(rows) if i > 0 and row[parent]) + 1
    set_cell(sources / "offices.csv", line, "parent_office_id", "nowhere-office")
    before = digest(previous_warehouse)
    with pytest.raises(Exception, match="assert_sub_office_parent_is_country_office"):
        build(sources, previous_warehouse)
    assert digest(previous_warehouse) == before


def test_successful_build_replaces_the_warehouse_atomically(sources, previous_warehouse):
    reader = duckdb.connect(str(previous_warehouse), read_only=True)
    old_count = reader.execute("select count(*) from fct_funding_requirement").fetchone()[0]
    rows = read_rows(sources / "published_issues.csv")
    rows.append(
        ["test-extra", "misspelling", "test subject", "x", "y"]
        + ["iom_seeeca_strategy_2020_2024", "Annex 1", "added by the test"]
    )
    write_rows(sources / "published_issues.csv", rows)

    build(sources, previous_warehouse)

    # A session that had the old file open keeps reading the old snapshot...
    assert reader.execute("select count(*) from fct_funding_requirement").fetchone()[0] == old_count
    reader.close()
    # ...and a new connection sees the new build; no temporary file is left behind.
    fresh = duckdb.connect(str(previous_warehouse), read_only=True)
    assert (
        fresh.execute(
            "select count(*) from dq_finding where finding_id = 'published:test-extra'"
        ).fetchone()[0]
        == 1
    )
    fresh.close()
    assert sorted(p.name for p in previous_warehouse.parent.iterdir()) == ["warehouse.duckdb"]


def test_non_utf8_file_is_named_with_its_line(sources, previous_warehouse):
    path = sources / "countries.csv"
    lines = path.read_bytes().split(b"\n")
    lines[4] = lines[4].replace(b"a", b"\xe9", 1)  # a Latin-1 byte, as a spreadsheet might save
    path.write_bytes(b"\n".join(lines))
    before = digest(previous_warehouse)
    with pytest.raises(SourceError, match=r"countries\.csv, line 5: not UTF-8") as raised:
        build(sources, previous_warehouse)
    assert raised.value.line == 5
    assert digest(previous_warehouse) == before


def test_windows_line_endings_and_bom_are_accepted(sources, tmp_path):
    path = sources / "countries.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    report = build(sources, tmp_path / "crlf.duckdb")
    assert report.row_counts["dim_country"] == 20
