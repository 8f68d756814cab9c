"""Faults: every source file corrupted in 20+ ways, and the app facing a missing, locked, broken
or replaced warehouse.

Build faults: each case corrupts one copy of one source file (every SourceTable in
dashboard.sources.SOURCE_TABLES) and runs the real build over a previous, good warehouse. The
build must raise a SourceError whose message names the file, the line and (where there is one)
the column, leave the previous warehouse byte-identical, and leave no temporary file behind.
Variants a spreadsheet or an editor produces (BOM, CRLF, blank lines, every value quoted) must
build the same warehouse.

App faults (AppTest): no warehouse and no way to build one, a warehouse locked by a writer, a file
that is not a DuckDB database, and a warehouse rebuilt while a session is open (the session must
show the new data, because the caches key on db.warehouse_version()).
"""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import config, db, warehouse
from dashboard.sources import (
    SOURCE_TABLES,
    SOURCES_BY_NAME,
    Column,
    SourceError,
    SourceTable,
    read_source,
)
from tests.suite_cases import SUITE_CASES

APP = str(Path(__file__).resolve().parents[1] / "app.py")


# --- editing CSV files -----------------------------------------------------------------------


def read_rows(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def serialise(
    rows: list[list[str]], quoting: int = csv.QUOTE_MINIMAL, terminator: str = "\n"
) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, quoting=quoting, lineterminator=terminator).writerows(rows)
    return buffer.getvalue()


def write_rows(path: Path, rows: list[list[str]]) -> None:
    path.write_text(serialise(rows), encoding="utf-8")


def physical_line(rows: list[list[str]], index: int) -> int:
    """The 1-based line on which row `index` starts once written (values may hold line breaks)."""
    return 1 + serialise(rows[:index]).count("\n")


def middle(rows: list[list[str]]) -> int:
    """Index of a data row in the middle of the file."""
    return 1 + (len(rows) - 1) // 2


def simple_text_column(table: SourceTable, row: list[str], header: list[str]) -> Column:
    """A text column whose value in `row` is plain (no quotes, commas or line breaks needed)."""
    return next(
        c
        for c in table.columns
        if c.type == "text"
        and len(row[header.index(c.name)]) >= 2
        and row[header.index(c.name)]
        .replace(" ", "")
        .replace("_", "")
        .replace(".", "")
        .replace("-", "")
        .isalnum()
    )


# --- the fault cases -------------------------------------------------------------------------


@dataclass(frozen=True)
class Fault:
    """One corruption of one source file and the message the build must give."""

    table: SourceTable
    kind: str
    corrupt: Callable[[Path], None]
    line: int | None
    column: str | None
    words: tuple[str, ...]  # the message holds one of these

    @property
    def id(self) -> str:
        return f"{self.table.file}-{self.kind}" + (
            f"-{self.column}" if self.column and "," not in self.column else ""
        )


def _set_cell(index: int, column: str, value: str) -> Callable[[Path], None]:
    def corrupt(path: Path) -> None:
        rows = read_rows(path)
        rows[index][rows[0].index(column)] = value
        write_rows(path, rows)

    return corrupt


def _edit_rows(edit: Callable[[list[list[str]]], list[list[str]]]) -> Callable[[Path], None]:
    def corrupt(path: Path) -> None:
        write_rows(path, edit(read_rows(path)))

    return corrupt


def _write_text(text_of: Callable[[list[list[str]]], str]) -> Callable[[Path], None]:
    def corrupt(path: Path) -> None:
        path.write_text(text_of(read_rows(path)), encoding="utf-8")

    return corrupt


def _write_bytes(bytes_of: Callable[[bytes, list[list[str]]], bytes]) -> Callable[[Path], None]:
    def corrupt(path: Path) -> None:
        path.write_bytes(bytes_of(path.read_bytes(), read_rows(path)))

    return corrupt


def _with_placeholder(
    index: int, column: str, placeholder_edit: Callable[[str], str], final: Callable[[str], str]
):
    """Edit one value through a placeholder character, then swap it for raw text the csv writer
    would have escaped (a stray or unterminated quote as a hand edit leaves it)."""

    def corrupt(path: Path) -> None:
        rows = read_rows(path)
        position = rows[0].index(column)
        rows[index][position] = placeholder_edit(rows[index][position])
        path.write_text(final(serialise(rows)), encoding="utf-8")

    return corrupt


def file_faults(table: SourceTable) -> list[Fault]:
    """Faults of the whole file, its header or one row."""
    rows = read_rows(config.SOURCES_DIR / table.file)
    header, index = rows[0], middle(rows)
    line, last_line = physical_line(rows, index), physical_line(rows, len(rows) - 1)
    first, last = table.columns[0].name, table.columns[-1].name
    plain = simple_text_column(table, rows[index], header).name
    plain_at = header.index(plain)
    faults = [
        Fault(table, "empty-file", lambda p: p.write_bytes(b""), 1, None, ("empty",)),
        Fault(table, "blank-file", lambda p: p.write_text("\n\n"), 1, first, ("missing",)),
        Fault(
            table,
            "missing-column",
            _edit_rows(
                lambda r: [row[: r[0].index(last)] + row[r[0].index(last) + 1 :] for row in r]
            ),
            1,
            last,
            ("missing",),
        ),
        Fault(
            table,
            "extra-column",
            _edit_rows(lambda r: [r[0] + ["surprise"]] + [row + ["x"] for row in r[1:]]),
            1,
            "surprise",
            ("unexpected column",),
        ),
        Fault(
            table,
            "duplicate-header",
            _edit_rows(lambda r: [row + [row[0]] for row in r]),
            1,
            first,
            ("twice",),
        ),
        Fault(table, "no-header-row", _edit_rows(lambda r: r[1:]), 1, first, ("missing",)),
        Fault(
            table,
            "header-in-capitals",
            _edit_rows(lambda r: [[r[0][0].upper(), *r[0][1:]], *r[1:]]),
            1,
            first,
            ("missing",),
        ),
        Fault(
            table,
            "semicolon-separated",
            _write_text(lambda r: serialise(r).replace(",", ";")),
            1,
            first,
            ("missing",),
        ),
        Fault(
            table,
            "ragged-row-long",
            _edit_rows(lambda r: r[:index] + [r[index] + ["extra"]] + r[index + 1 :]),
            line,
            None,
            ("fields",),
        ),
        Fault(
            table,
            "ragged-row-short",
            _edit_rows(lambda r: r[:index] + [r[index][:-1]] + r[index + 1 :]),
            line,
            None,
            ("fields",),
        ),
        Fault(
            table,
            "stray-quote",
            _with_placeholder(
                index, plain, lambda v: v[:1] + "\u0001" + v[1:], lambda t: t.replace("\u0001", '"')
            ),
            line,
            plain,
            ("broken quoting",),
        ),
        Fault(
            table,
            "unterminated-quote",
            _with_placeholder(
                index, plain, lambda v: "\u0001" + v, lambda t: t.replace("\u0001", '"')
            ),
            line,
            plain,
            ("broken quoting",),
        ),
        Fault(
            table,
            "duplicate-key",
            _edit_rows(lambda r: [*r, list(r[1])]),
            physical_line(rows, len(rows)),
            ",".join(table.key),
            ("duplicate key",),
        ),
        Fault(
            table,
            "non-utf8-byte",
            _write_bytes(
                lambda b, r: (
                    serialise(r[:index]).encode() + b"\xff\xfe" + serialise(r[index:]).encode()
                )
            ),
            line,
            None,
            ("UTF-8",),
        ),
        Fault(
            table,
            "latin-1-encoded",
            _write_bytes(
                lambda b, r: (
                    serialise(r[:index]).encode()
                    + serialise(
                        [[v + "\u00e9" if i == plain_at else v for i, v in enumerate(r[index])]]
                    ).encode("latin-1", "replace")
                    + serialise(r[index + 1 :]).encode()
                )
            ),
            line,
            None,
            ("UTF-8",),
        ),
        Fault(
            table,
            "utf-16-encoded",
            _write_bytes(lambda b, r: b.decode("utf-8").encode("utf-16")),
            1,
            None,
            ("UTF-8",),
        ),
        Fault(
            table,
            "truncated-mid-row",
            # Cut inside the last row's first value, so that the row loses fields.
            _write_text(
                lambda r: serialise(r[:-1]) + serialise(r[-1:])[: max(1, len(r[-1][0]) // 2)]
            ),
            last_line,
            None,
            ("fields", "broken quoting", "line break"),
        ),
        Fault(
            table,
            "huge-value",
            _set_cell(index, plain, "x" * 200_000),
            line,
            None,
            ("larger than",),
        ),
    ]
    return faults


def column_faults(table: SourceTable) -> list[Fault]:
    """Faults of one value; each kind is tried on the last column it applies to (the loader's
    checks are the same for every column, and the last one proves the column is named right)."""
    rows = read_rows(config.SOURCES_DIR / table.file)
    index = middle(rows)
    line = physical_line(rows, index)
    kinds: dict[str, tuple[Column, str, tuple[str, ...]]] = {}
    for column in table.columns:
        if column.required:
            kinds["empty-required"] = (column, "", ("required",))
            kinds["blank-required"] = (column, "   ", ("required",))
        if column.type in ("int", "float", "bool"):
            kinds["wrong-type"] = (column, "abc", ("expected",))
        if column.type == "int":
            kinds["decimal-in-whole-number"] = (column, "1.5", ("whole number",))
        if column.type == "float":
            kinds["infinite-number"] = (column, "inf", ("expected a number",))
            kinds["thousands-separator"] = (column, "1,500.5", ("expected a number",))
        if column.min is not None:
            kinds["below-minimum"] = (column, f"{column.min - 1:g}", ("below the minimum",))
        if column.max is not None:
            kinds["above-maximum"] = (column, f"{column.max + 1:g}", ("above the maximum",))
        if column.choices:
            kinds["not-an-accepted-value"] = (column, "bogus-choice", ("not one of",))
        if column.iso3:
            kinds["unknown-iso3"] = (column, "QQQ", ("unknown ISO3",))
            kinds["malformed-iso3"] = (column, "alb", ("not an ISO3 code",))
    return [
        Fault(table, kind, _set_cell(index, column.name, value), line, column.name, words)
        for kind, (column, value, words) in kinds.items()
    ]


FAULTS = [f for table in SOURCE_TABLES for f in (*file_faults(table), *column_faults(table))]
FAULT_KINDS = sorted({f.kind for f in FAULTS})


def _build_faults() -> list[Fault]:
    """The faults also run through a whole build: every kind once and every file at least once.

    A failing build costs 0.02-0.3 s of CPU (the files before the bad one are loaded into a new
    DuckDB file), so all ~500 faults through the build would take minutes; the loader call in
    the first test is the very call the build makes, and these prove the build passes its
    message on and keeps the previous warehouse."""
    chosen: dict[str, Fault] = {}
    for number, kind in enumerate(FAULT_KINDS):
        candidates = [f for f in FAULTS if f.kind == kind]
        fault = candidates[number % len(candidates)]
        chosen[fault.id] = fault
    for table in SOURCE_TABLES:
        if not any(f.table is table for f in chosen.values()):
            fault = next(
                f for f in FAULTS if f.table is table and f.kind not in ("empty-file", "blank-file")
            )
            chosen[fault.id] = fault
    return list(chosen.values())


BUILD_FAULTS = _build_faults()


# --- fixtures --------------------------------------------------------------------------------


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Workspace:
    sources: Path
    previous: Path  # a good warehouse from an earlier build
    previous_digest: str
    iso3_codes: set[str]  # what the build knows when it reaches each file (see _load_sources)
    region_iso3: set[str]

    def known_codes(self, table: SourceTable) -> tuple[set[str], set[str]]:
        """The ISO3 lists the build passes to the loader for `table` (filled as files load)."""
        position = SOURCE_TABLES.index(table)
        loaded = {t.name for t in SOURCE_TABLES[:position]}
        return (
            self.iso3_codes if "iso3_reference" in loaded else set(),
            self.region_iso3 if "countries" in loaded else set(),
        )


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory, warehouse_path: Path) -> Workspace:
    root = tmp_path_factory.mktemp("faults")
    sources = root / "sources"
    shutil.copytree(config.SOURCES_DIR, sources)
    previous = root / "out" / "warehouse.duckdb"
    previous.parent.mkdir()
    shutil.copy(warehouse_path, previous)
    iso3 = read_source(SOURCES_BY_NAME["iso3_reference"], sources / "iso3_reference.csv")
    countries = read_source(
        SOURCES_BY_NAME["countries"], sources / "countries.csv", set(iso3["iso3"])
    )
    return Workspace(sources, previous, digest(previous), set(iso3["iso3"]), set(countries["iso3"]))


@pytest.fixture()
def corrupted(workspace: Workspace, request):
    """Apply the fault to the shared sources copy for one test, then put the file back."""
    fault: Fault = request.param
    path = workspace.sources / fault.table.file
    original = path.read_bytes()
    fault.corrupt(path)
    assert path.read_bytes() != original, f"{fault.id} did not change the file"
    try:
        yield fault
    finally:
        path.write_bytes(original)


def check_message(error: SourceError, fault: Fault) -> None:
    message = str(error)
    assert error.path.name == fault.table.file, message
    assert fault.table.file in message
    assert error.line == fault.line, message
    if fault.line is not None:
        assert f"line {fault.line}" in message
    if fault.column is not None:
        assert error.column == fault.column and f"column '{fault.column}'" in message, message
    assert any(word in message for word in fault.words), (fault.words, message)
    assert len(message) < 600, "the message stays readable"


# --- build faults ----------------------------------------------------------------------------


def test_there_are_twenty_kinds_of_fault_for_every_source():
    assert len(FAULT_KINDS) >= 20, FAULT_KINDS
    for table in SOURCE_TABLES:
        assert len([f for f in FAULTS if f.table is table]) >= 20, table.name
    assert {f.kind for f in BUILD_FAULTS} == set(FAULT_KINDS)
    assert {f.table.name for f in BUILD_FAULTS} == {t.name for t in SOURCE_TABLES}


@pytest.mark.parametrize("corrupted", FAULTS, ids=[f.id for f in FAULTS], indirect=True)
def test_corrupt_source_is_named_by_the_loader(workspace: Workspace, corrupted: Fault):
    """The loader call the build makes for this file names file, line and column."""
    fault = corrupted
    with pytest.raises(SourceError) as raised:
        read_source(
            fault.table, workspace.sources / fault.table.file, *workspace.known_codes(fault.table)
        )
    check_message(raised.value, fault)


@pytest.mark.parametrize("corrupted", BUILD_FAULTS, ids=[f.id for f in BUILD_FAULTS], indirect=True)
def test_failed_build_names_the_file_and_keeps_previous_warehouse(
    workspace: Workspace, corrupted: Fault
):
    with pytest.raises(SourceError) as raised:
        warehouse.build(workspace.sources, workspace.previous)
    check_message(raised.value, corrupted)
    assert digest(workspace.previous) == workspace.previous_digest
    assert sorted(p.name for p in workspace.previous.parent.iterdir()) == ["warehouse.duckdb"]


def test_cli_names_the_file_and_keeps_the_warehouse(workspace: Workspace, capsys):
    """The command line reports a bad byte like any other fault: exit 1, file named, no traceback."""
    path = workspace.sources / "offices.csv"
    original = path.read_bytes()
    path.write_bytes(original + b"\xc3\x28,broken\n")
    try:
        code = warehouse.main(
            ["build", "--sources", str(workspace.sources), "--out", str(workspace.previous)]
        )
    finally:
        path.write_bytes(original)
    stderr = capsys.readouterr().err
    assert code == 1
    assert "offices.csv, line" in stderr and "UTF-8" in stderr
    assert "left untouched" in stderr and "Traceback" not in stderr
    assert digest(workspace.previous) == workspace.previous_digest


def test_header_only_file_is_refused(workspace: Workspace):
    """A file cut down to its header would empty a table; every shipped source has rows."""
    path = workspace.sources / "funding_requirements.csv"
    original = path.read_bytes()
    path.write_bytes(original.split(b"\n", 1)[0] + b"\n")
    try:
        with pytest.raises(SourceError, match="funding_requirements.csv"):
            warehouse.build(workspace.sources, workspace.previous)
    finally:
        path.write_bytes(original)
        assert digest(workspace.previous) == workspace.previous_digest


def test_file_cut_inside_its_last_value_is_refused(workspace: Workspace):
    """A truncated copy usually ends mid-value without a line break; every source ends with one."""
    path = workspace.sources / "countries.csv"
    original = path.read_bytes()
    path.write_bytes(original[:-2])  # the last value loses a character, the file its line break
    try:
        with pytest.raises(SourceError, match="countries.csv"):
            warehouse.build(workspace.sources, workspace.previous)
    finally:
        path.write_bytes(original)
        assert digest(workspace.previous) == workspace.previous_digest


def _bom_crlf(rows: list[list[str]]) -> bytes:
    return b"\xef\xbb\xbf" + serialise(rows, terminator="\r\n").encode("utf-8")


ACCEPTED_VARIANTS = {
    "bom-and-crlf": _bom_crlf,
    "blank-lines-between-rows": lambda rows: serialise(rows).replace("\n", "\n\n").encode(),
    "every-value-quoted": lambda rows: serialise(rows, quoting=csv.QUOTE_ALL).encode(),
    "padded-header-names": lambda rows: serialise(
        [[f" {n} " for n in rows[0]], *rows[1:]]
    ).encode(),
}


@pytest.mark.parametrize("variant", sorted(ACCEPTED_VARIANTS))
def test_spreadsheet_variants_build_the_same_warehouse(tmp_path, warehouse_path, variant):
    sources = tmp_path / "sources"
    shutil.copytree(config.SOURCES_DIR, sources)
    for table in SOURCE_TABLES:
        path = sources / table.file
        path.write_bytes(ACCEPTED_VARIANTS[variant](read_rows(path)))
    out = tmp_path / "warehouse.duckdb"
    warehouse.build(sources, out)

    con = duckdb.connect()
    con.execute(f"attach '{out}' as variant (read_only)")
    con.execute(f"attach '{warehouse_path}' as reference (read_only)")
    for mart in warehouse.MARTS:
        # Doubles to 12 significant digits: DuckDB sums in parallel, so an aggregate's last bits
        # differ between two builds of the very same files.
        columns = ", ".join(
            f"printf('%.12g', \"{name}\")" if kind in ("DOUBLE", "FLOAT") else f'"{name}"'
            for name, kind in con.execute(
                f"select column_name, data_type from duckdb_columns()"
                f" where database_name = 'reference' and table_name = '{mart}'"
            ).fetchall()
        )
        differing = con.execute(
            f"select count(*) from ((select {columns} from variant.{mart}"
            f" except all select {columns} from reference.{mart})"
            f" union all (select {columns} from reference.{mart}"
            f" except all select {columns} from variant.{mart}))"
        ).fetchone()[0]
        assert differing == 0, f"{variant}: {mart} differs in {differing} row(s)"
    con.close()


# --- app faults ------------------------------------------------------------------------------


@pytest.fixture()
def server_like_reruns(monkeypatch):
    """Rerun app.py on every AppTest run, as the server does.

    AppTest resets Streamlit's legacy pages/-folder flag before every run, so an AppTest rerun
    runs the page without app.py (and its warehouse check); a server clears the flag once for
    good (sidebar.current()). Hold it the way the server does."""
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


def run_app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    return at


def metric(at: AppTest, label_start: str) -> str:
    return next(m.value for m in at.metric if m.label.startswith(label_start))


def only_error(at: AppTest) -> str:
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1, [e.value for e in at.error]
    return at.error[0].value


def test_missing_warehouse_that_cannot_be_built_is_explained(tmp_path, monkeypatch):
    """No file and the automatic build fails: the error names the path and the build command."""
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the warehouse's folder should be")
    target = blocker / "warehouse.duckdb"
    monkeypatch.setenv(config.WAREHOUSE_ENV, str(target))
    message = only_error(run_app())
    assert str(target) in message
    assert db.BUILD_COMMAND in message
    assert "automatic build failed" in message


def test_missing_warehouse_with_a_broken_source_names_the_file(tmp_path, monkeypatch):
    sources = tmp_path / "sources"
    shutil.copytree(config.SOURCES_DIR, sources)
    rows = read_rows(sources / "offices.csv")
    rows[3][rows[0].index("office_type")] = "embassy"
    write_rows(sources / "offices.csv", rows)
    target = tmp_path / "out" / "warehouse.duckdb"
    monkeypatch.setenv(config.WAREHOUSE_ENV, str(target))
    monkeypatch.setattr(config, "SOURCES_DIR", sources)
    message = only_error(run_app())
    assert str(target) in message and db.BUILD_COMMAND in message
    assert "offices.csv, line 4, column 'office_type'" in message
    assert not target.exists() and list(target.parent.iterdir()) == []


LOCK_HOLDER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])  # a read-write connection holds the file lock
print("locked", flush=True)
sys.stdin.read()  # until the test closes our stdin
"""


def test_warehouse_locked_by_a_writer_is_explained(tmp_path, monkeypatch, warehouse_path):
    target = tmp_path / "warehouse.duckdb"
    shutil.copy(warehouse_path, target)
    monkeypatch.setenv(config.WAREHOUSE_ENV, str(target))
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        message = only_error(run_app())
        assert str(target) in message and "read-only" in message
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    # Once the writer is gone the same file opens again.
    assert metric(run_app(), "Offices and sub-offices") == "48"


@pytest.mark.parametrize(
    "content", [b"not a database\n", bytes(range(256)) * 64], ids=["text", "binary"]
)
def test_file_that_is_not_a_warehouse_is_explained_and_left_alone(tmp_path, monkeypatch, content):
    """Not a DuckDB file at all (the setting points at someone's document): explained, never
    rebuilt over, and the command the message suggests refuses to overwrite it too."""
    target = tmp_path / "warehouse.duckdb"
    target.write_bytes(content)
    monkeypatch.setenv(config.WAREHOUSE_ENV, str(target))
    message = only_error(run_app())
    assert str(target) in message
    assert "not a valid DuckDB database" in message and "Move it away" in message
    assert target.read_bytes() == content
    with pytest.raises(warehouse.BuildError, match="refusing to overwrite"):
        warehouse.build(out=target)
    assert target.read_bytes() == content


# --- damaged warehouses: found when opened, rebuilt where the sources allow -------------------


def overwrite_blocks(path: Path) -> None:
    """Blocks in the middle of the file overwritten, as a disk or a careless tool would."""
    data = bytearray(path.read_bytes())
    start, end = len(data) // 4, 3 * len(data) // 4
    data[start:end] = bytes((i * 7 + 13) % 256 for i in range(end - start))
    path.write_bytes(bytes(data))


def half_copy(path: Path) -> None:
    """A copy interrupted half-way."""
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


DAMAGES = {
    "blocks-overwritten": overwrite_blocks,
    "half-copied": half_copy,
    "empty": lambda path: path.write_bytes(b""),
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_damage_is_found_when_the_warehouse_is_opened(tmp_path, warehouse_path, damage):
    """Not at the first query: opening reads every table once."""
    target = tmp_path / "warehouse.duckdb"
    shutil.copy(warehouse_path, target)
    DAMAGES[damage](target)
    with pytest.raises(db.WarehouseDamaged) as raised:
        db.connect_read_only(target)
    message = str(raised.value)
    assert message.startswith(f"The warehouse at {target} is damaged: "), message
    assert db.BUILD_COMMAND in message and "Traceback" not in message
    assert not db.usable(target)


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_damaged_warehouse_is_rebuilt_automatically(tmp_path, monkeypatch, warehouse_path, damage):
    target = tmp_path / "warehouse.duckdb"
    shutil.copy(warehouse_path, target)
    DAMAGES[damage](target)
    monkeypatch.setenv(config.WAREHOUSE_ENV, str(target))
    at = run_app()
    assert not at.exception and not at.error, [e.value for e in (*at.exception, *at.error)]
    assert metric(at, "Offices and sub-offices") == "48"
    assert db.usable(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["warehouse.duckdb"]


def test_damaged_warehouse_that_cannot_be_rebuilt_is_explained(
    tmp_path, monkeypatch, warehouse_path
):
    """Same words as for a missing file, plus why the automatic build failed; no traceback."""
    sources = tmp_path / "sources"
    shutil.copytree(config.SOURCES_DIR, sources)
    (sources / "glossary.csv").write_bytes(b"term,definition\n")
    target = tmp_path / "out" / "warehouse.duckdb"
    target.parent.mkdir()
    shutil.copy(warehouse_path, target)
    overwrite_blocks(target)
    monkeypatch.setenv(config.WAREHOUSE_ENV, str(target))
    monkeypatch.setattr(config, "SOURCES_DIR", sources)
    message = only_error(run_app())
    assert f"The warehouse at {target} is damaged" in message
    assert db.BUILD_COMMAND in message and "automatic build failed" in message
    assert "glossary.csv" in message and "Traceback" not in message


def test_warehouse_damaged_under_a_running_session_is_rebuilt(
    tmp_path, monkeypatch, warehouse_path, server_like_reruns
):
    target = tmp_path / "warehouse.duckdb"
    shutil.copy(warehouse_path, target)
    monkeypatch.setenv(config.WAREHOUSE_ENV, str(target))
    at = run_app()
    assert metric(at, "Offices and sub-offices") == "48"
    overwrite_blocks(target)
    at.run()
    assert not at.exception and not at.error, [e.value for e in (*at.exception, *at.error)]
    assert metric(at, "Offices and sub-offices") == "48"
    assert db.usable(target)


@pytest.fixture()
def parquet_export(tmp_path, warehouse_path):
    con = duckdb.connect(str(warehouse_path), read_only=True)
    export = tmp_path / "export"
    warehouse.export_parquet(con, export)
    con.close()
    return export


@pytest.mark.parametrize("table", ["dim_office", "fct_indicator_value"])
def test_truncated_parquet_export_is_explained_when_opened(
    tmp_path, monkeypatch, parquet_export, table
):
    file = parquet_export / f"{table}.parquet"
    file.write_bytes(file.read_bytes()[: file.stat().st_size // 2])
    with pytest.raises(db.WarehouseDamaged, match=f"{table}.parquet cannot be read") as raised:
        db.connect_parquet(parquet_export)
    assert "LINE 1" not in str(raised.value), "no SQL in a message for people"
    monkeypatch.setenv(config.PARQUET_ENV, str(parquet_export))
    message = only_error(run_app())
    assert f"The Parquet export in {parquet_export} is damaged" in message
    assert f"--parquet {parquet_export}" in message and "Traceback" not in message


def test_warehouse_rebuilt_mid_session_shows_the_new_data(
    tmp_path, monkeypatch, server_like_reruns
):
    """A session open while the warehouse is rebuilt shows the new figures on its next rerun."""
    sources = tmp_path / "sources"
    shutil.copytree(config.SOURCES_DIR, sources)
    target = tmp_path / "warehouse.duckdb"
    warehouse.build(sources, target)
    monkeypatch.setenv(config.WAREHOUSE_ENV, str(target))
    at = run_app()
    before = metric(at, "Annual budget 2019")

    rows = read_rows(sources / "key_figures.csv")
    budget = next(row for row in rows if row[0] == "s2020_a1_budget_2019")
    budget[rows[0].index("value")] = "987000000"
    write_rows(sources / "key_figures.csv", rows)
    warehouse.build(sources, target)

    at.run()
    assert not at.exception and not at.error
    after = metric(at, "Annual budget 2019")
    assert after != before and "987" in after, (before, after)


def test_warehouse_replaced_by_a_broken_file_mid_session_is_explained(
    tmp_path, monkeypatch, warehouse_path, server_like_reruns
):
    target = tmp_path / "warehouse.duckdb"
    shutil.copy(warehouse_path, target)
    monkeypatch.setenv(config.WAREHOUSE_ENV, str(target))
    at = run_app()
    assert metric(at, "Offices and sub-offices") == "48"
    target.write_bytes(b"overwritten by something else\n")
    at.run()
    message = only_error(at)
    assert str(target) in message


SUITE_CASES["Faults (tests/test_faults.py)"] = (
    f"{len(FAULTS)} corrupted-source cases ({len(FAULT_KINDS)} kinds over {len(SOURCE_TABLES)}"
    f" source files), {len(BUILD_FAULTS)} of them through a whole build;"
    f" {len(ACCEPTED_VARIANTS)} spreadsheet variants; {len(DAMAGES)} kinds of damaged warehouse"
    " (found when opened, rebuilt), truncated Parquet files, and a missing, locked, foreign or"
    " replaced warehouse under AppTest"
)
