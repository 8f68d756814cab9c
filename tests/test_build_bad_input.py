"""Bad source files fail the build with one message naming file, line and column, and the
previous warehouse is left exactly as it was."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from dashboard import config
from dashboard.sources import SourceError
from dashboard.warehouse import build, main
from tests.suite_cases import SUITE_CASES


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


# --- sources and outputs that are not what they seem ------------------------------------------


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """The build command in its own process, as an operator runs it (a hang fails, not blocks)."""
    return subprocess.run(
        [sys.executable, "-m", "dashboard.warehouse", "build", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(config.PACKAGE_DIR.parent)},
        check=False,
    )


def assert_one_line_failure(result: subprocess.CompletedProcess, *words: str) -> str:
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith("Build failed: "), result.stderr
    for word in words:
        assert word in first, (word, first)
    return first


def test_twenty_digit_amount_names_file_line_and_column(sources, previous_warehouse):
    """Python reads 20 digits as an int; the warehouse's BIGINT cannot hold it (OverflowError)."""
    set_cell(sources / "funding_overview.csv", 6, "usd", "12345678901234567890")
    before = digest(previous_warehouse)
    with pytest.raises(SourceError) as raised:
        build(sources, previous_warehouse)
    assert (raised.value.path.name, raised.value.line, raised.value.column) == (
        "funding_overview.csv",
        6,
        "usd",
    )
    assert "too large" in str(raised.value)
    assert digest(previous_warehouse) == before


def test_twenty_digit_number_in_a_decimal_column_is_kept(sources, tmp_path):
    """A float column takes any finite magnitude: 20 digits there is a number, not an error."""
    from dashboard.sources import SOURCES_BY_NAME, read_source

    path = sources / "key_figures.csv"
    set_cell(path, 2, "value", "12345678901234567890")
    frame = read_source(SOURCES_BY_NAME["key_figures"], path)
    assert frame["value"].iloc[0] == pytest.approx(1.2345678901234567e19)


def test_source_that_is_a_directory_is_refused(sources, previous_warehouse):
    path = sources / "offices.csv"
    path.unlink()
    path.mkdir()
    before = digest(previous_warehouse)
    result = run_cli("--sources", str(sources), "--out", str(previous_warehouse))
    assert_one_line_failure(result, "offices.csv", "not a regular file", "directory")
    assert digest(previous_warehouse) == before
    assert sorted(p.name for p in previous_warehouse.parent.iterdir()) == ["warehouse.duckdb"]


def test_fifo_as_a_source_is_refused_without_hanging(sources, previous_warehouse):
    """Reading a named pipe blocks until a writer comes, which is never: refuse it up front."""
    path = sources / "countries.csv"
    path.unlink()
    os.mkfifo(path)
    before = digest(previous_warehouse)
    result = run_cli("--sources", str(sources), "--out", str(previous_warehouse), timeout=90)
    assert_one_line_failure(result, "countries.csv", "not a regular file", "named pipe")
    assert digest(previous_warehouse) == before


def test_symbolic_link_to_a_regular_file_is_a_source_like_any_other(sources, tmp_path):
    target = tmp_path / "elsewhere.csv"
    (sources / "glossary.csv").rename(target)
    (sources / "glossary.csv").symlink_to(target)
    assert build(sources, tmp_path / "linked.duckdb").row_counts["dim_glossary_term"] > 0


@pytest.fixture()
def read_only_folder(tmp_path: Path):
    """A folder the build cannot write to: mode 0555, or (for root, whom modes do not stop) the
    immutable attribute. Skipped where neither works."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    immutable = False
    probe = folder / "probe"
    try:
        probe.touch()
    except OSError:
        pass
    else:
        probe.unlink()
        if shutil.which("chattr") is None:
            pytest.skip("cannot make a folder read-only here")
        immutable = subprocess.run(["chattr", "+i", str(folder)], check=False).returncode == 0
        if not immutable:
            pytest.skip("cannot make a folder read-only here")
    yield folder
    if immutable:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    folder.chmod(0o755)


def test_read_only_output_folder_is_one_line(read_only_folder, warehouse_path):
    out = read_only_folder / "warehouse.duckdb"
    result = run_cli("--out", str(out))
    assert_one_line_failure(result, str(read_only_folder), "not writable")
    assert list(read_only_folder.iterdir()) == []


def test_read_only_output_folder_keeps_the_previous_warehouse(tmp_path, warehouse_path):
    folder = tmp_path / "release"
    folder.mkdir()
    out = folder / "warehouse.duckdb"
    shutil.copy(warehouse_path, out)
    before = digest(out)
    folder.chmod(0o555)
    immutable = False
    try:
        (folder / "probe").touch()
    except OSError:
        pass
    else:
        (folder / "probe").unlink()
        immutable = subprocess.run(["chattr", "+i", str(folder)], check=False).returncode == 0
        if not immutable:
            folder.chmod(0o755)
            pytest.skip("cannot make a folder read-only here")
    try:
        result = run_cli("--out", str(out))
        assert_one_line_failure(result, str(folder), "not writable")
        assert "left untouched" in result.stderr
        assert digest(out) == before
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)


# --- the rebuild never overwrites what is not a warehouse -------------------------------------


@pytest.mark.parametrize(
    "content",
    [b"Quarterly report, do not delete\n", b"PK\x03\x04" + bytes(200), bytes(range(256)) * 16],
    ids=["text", "zip", "binary"],
)
def test_rebuild_refuses_to_overwrite_a_file_that_is_not_a_warehouse(tmp_path, content):
    """DASHBOARD_DB pointed at the wrong file: the suggested rebuild must not destroy it."""
    out = tmp_path / "report.xlsx"
    out.write_bytes(content)
    result = run_cli("--out", str(out))
    first = assert_one_line_failure(result, str(out), "not a DuckDB")
    assert "refus" in first or "not overwrite" in first
    assert out.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.xlsx"]


def test_rebuild_refuses_to_overwrite_a_duckdb_database_that_is_not_a_warehouse(tmp_path):
    """Someone's own DuckDB analysis file is not ours to replace, even though it is DuckDB."""
    out = tmp_path / "analysis.duckdb"
    con = duckdb.connect(str(out))
    con.execute("create table survey as select 42 as answer")
    con.close()
    before = digest(out)
    result = run_cli("--out", str(out))
    assert_one_line_failure(result, str(out), "not a dashboard warehouse", "refusing")
    assert digest(out) == before


def test_rebuild_refuses_a_directory_as_output(tmp_path):
    out = tmp_path / "warehouse.duckdb"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    result = run_cli("--out", str(out))
    assert_one_line_failure(result, str(out), "not a regular file")
    assert (out / "keep.txt").read_text() == "mine"


def test_rebuild_replaces_a_damaged_warehouse_and_an_empty_file(tmp_path, warehouse_path):
    """A DuckDB file with overwritten blocks is still a warehouse (its header says so), and an
    empty file holds nothing to lose: both are rebuilt."""
    damaged = tmp_path / "damaged.duckdb"
    data = bytearray(warehouse_path.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 4096] = b"\xab" * 4096
    damaged.write_bytes(bytes(data))
    empty = tmp_path / "empty.duckdb"
    empty.write_bytes(b"")
    for out in (damaged, empty):
        assert build(out=out).row_counts["dim_country"] == 20


# --- leftovers of killed builds ---------------------------------------------------------------

SLOW_BUILD = """
import sys, time
from pathlib import Path
from dashboard import warehouse
def stall(con):
    print("building", flush=True)
    time.sleep(600)
warehouse._fill_marts = stall
warehouse.build(out=Path(sys.argv[1]))
"""


def test_leftovers_of_a_killed_build_are_removed_by_the_next_build(tmp_path):
    out = tmp_path / "warehouse.duckdb"
    killed = subprocess.Popen(
        [sys.executable, "-c", SLOW_BUILD, str(out)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(config.PACKAGE_DIR.parent)},
    )
    try:
        assert killed.stdout.readline().strip() == "building"
        leftovers = [p.name for p in tmp_path.iterdir()]
        assert any(".building-" in name for name in leftovers), leftovers
    finally:
        killed.send_signal(signal.SIGKILL)
        killed.wait(timeout=30)
    assert any(".building-" in p.name for p in tmp_path.iterdir())
    build(out=out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["warehouse.duckdb"]


def test_a_running_build_of_another_process_is_not_disturbed(tmp_path):
    """Only a dead build's files are leftovers: a temporary file of a live process stays."""
    out = tmp_path / "warehouse.duckdb"
    live = tmp_path / f".warehouse.duckdb.building-{os.getppid()}-0"
    live.write_bytes(b"someone else's build in progress")
    build(out=out)
    assert live.exists()


# --- plausibility: data tests with the bounds the catalogue declares per unit -----------------


def indicator_line(sources: Path, code: str) -> tuple[int, list[str]]:
    """The first line of indicators.csv for `code`, and its values."""
    rows = read_rows(sources / "indicators.csv")
    index = next(i for i, row in enumerate(rows) if row[0] == code)
    return index + 1, rows[index]


@pytest.mark.parametrize(
    ("code", "value", "words"),
    [
        ("wdi.population", "-1500", "lowest_plausible 0.0"),  # a count below zero
        ("unhcr.refugees_hosted", "-3", "lowest_plausible 0.0"),
        ("undesa2020.migrant_share", "150.5", "highest_plausible 100.0"),  # a share beyond 100
        ("undesa2020.female_share", "-0.5", "lowest_plausible 0.0"),
        ("wdi.remittances_gdp", "4819.5", "highest_plausible 100.0"),  # per mille, not percent
        ("wdi.remittances_usd", "1.8e15", "highest_plausible 1000000000000.0"),  # x1000 scaled
        ("knomad2023.remittances_usd_mn", "18060000", "highest_plausible 1000000.0"),
        ("undesa2020.migrant_stock", "2.5e10", "highest_plausible 1500000000.0"),
    ],
)
def test_implausible_value_fails_the_build_naming_the_row(
    sources, previous_warehouse, code, value, words
):
    line, row = indicator_line(sources, code)
    set_cell(sources / "indicators.csv", line, "value", value)
    before = digest(previous_warehouse)
    with pytest.raises(Exception, match="assert_indicator_value_plausible") as raised:
        build(sources, previous_warehouse)
    message = str(raised.value)
    assert f"indicators.csv, line {line}, column 'value'" in message, message
    assert f"indicator_code '{code}'" in message and f"iso3 '{row[1]}'" in message
    assert f"year {row[2]}" in message and words in message, message
    assert digest(previous_warehouse) == before
    assert sorted(p.name for p in previous_warehouse.parent.iterdir()) == ["warehouse.duckdb"]


def test_negative_net_migration_is_plausible(sources, tmp_path):
    """Net migration is inflow minus outflow: negative values are data, not errors."""
    line, _ = indicator_line(sources, "wdi.net_migration")
    set_cell(sources / "indicators.csv", line, "value", "-250000")
    build(sources, tmp_path / "ok.duckdb")


def test_every_unit_of_the_catalogue_declares_its_bounds(con):
    rows = con.execute(
        "select unit, lowest_plausible, highest_plausible, count(*) from dim_indicator group by all"
    ).fetchall()
    bounds = {unit: (low, high) for unit, low, high, _ in rows}
    assert bounds["persons"] == (0, 1.5e9) and bounds["percent"] == (0, 100)
    assert bounds["persons per year"][0] < 0  # net migration
    assert all(low < high for low, high in bounds.values())


def test_catalogue_without_bounds_for_a_unit_is_refused():
    from dashboard.ingest import catalog

    original = catalog.UNIT_BOUNDS.pop("percent")
    try:
        with pytest.raises(ValueError, match="'percent' has no plausible bounds"):
            catalog.validate_catalog()
    finally:
        catalog.UNIT_BOUNDS["percent"] = original


@pytest.mark.parametrize(("value", "unit"), [("-5", "persons"), ("120", "percent")])
def test_implausible_document_figure_fails_the_build(sources, previous_warehouse, value, unit):
    rows = read_rows(sources / "key_figures.csv")
    header = rows[0]
    index = next(i for i, r in enumerate(rows) if i and r[header.index("unit")] == unit)
    set_cell(sources / "key_figures.csv", index + 1, "value", value)
    with pytest.raises(Exception, match="assert_key_figure_plausible") as raised:
        build(sources, previous_warehouse)
    assert f"key_figures.csv, line {index + 1}, column 'value'" in str(raised.value)


SUITE_CASES["Build bad input (tests/test_build_bad_input.py)"] = (
    f"{len(CASES)} bad source values, 20-digit amounts, sources that are folders or pipes,"
    " read-only output folders, targets that are not warehouses, killed builds, and"
    " implausible values (per-unit bounds) through the real build"
)
