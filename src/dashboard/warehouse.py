"""Build the DuckDB warehouse from data/sources/: load strictly, model in SQL, test, swap atomically.

    python -m dashboard.warehouse build [--sources DIR] [--out FILE] [--parquet DIR]

The build writes to a temporary file beside the target and replaces the target only after every
source loaded, every constraint held and every data test returned no rows, so a failed build
leaves the previous warehouse exactly as it was.

One build at a time per target: builds take a file lock beside it (`.NAME.lock`, removed when
released), so several app sessions finding the warehouse missing run one build and the others
wait for it (`build_if_needed`). Each build writes its own temporary file
(`.NAME.building-PID-TOKEN`); the next build removes those of builds whose process died.
The build refuses to replace anything that is not a DuckDB file (a report the path was pointed at
by mistake) and refuses sources that are not regular files (a directory, a named pipe).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import fcntl
import os
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from dashboard import config
from dashboard.sources import SOURCE_TABLES, SourceError, SourceTable, file_kind, read_source

# Marts in dependency order; each is filled from sql/marts/<name>.sql into the table declared
# (with its keys and checks) in sql/marts/schema.sql.
MARTS: tuple[str, ...] = (
    "dim_source",
    "dim_display_name",
    "dim_country",
    "dim_country_name",
    "dim_office",
    "dim_iom_region",
    "dim_programmatic_area",
    "fct_funding_overview",
    "fct_funding_requirement",
    "published_total",
    "dim_strategy_element",
    "fct_key_figure",
    "fct_initiative",
    "dim_outlook_statement",
    "bridge_outlook_indicator",
    "dim_glossary_term",
    "bridge_crosswalk",
    "theme_lineage",
    "bridge_theme_indicator",
    "dim_indicator",
    "fct_indicator_value",
    "dim_projection_series",
    "fct_projection",
    "dim_series_break",
    "dq_finding",
    "dim_headline_candidate",
    "dim_headline_scope",
    "headline_value",
    "dim_corridor_place",
    "fct_migrant_corridor",
)

EXPORTED_TABLES: tuple[str, ...] = (*MARTS, "build_log", "build_row_count")


class BuildError(RuntimeError):
    """The warehouse could not be built; the message says what and where."""


# Bytes 8-11 of every DuckDB database file.
DUCKDB_MAGIC = b"DUCK"
LOCK_TIMEOUT_SECONDS = 300.0


@dataclass
class BuildReport:
    out: Path
    seconds: float
    row_counts: dict[str, int] = field(default_factory=dict)
    parquet_dir: Path | None = None

    def summary(self) -> str:
        width = max(len(name) for name in self.row_counts)
        lines = [f"  {name:<{width}}  {count:>8,}" for name, count in self.row_counts.items()]
        return "\n".join(
            [f"Built {self.out} in {self.seconds:.2f} s", *lines]
            + ([f"Parquet export: {self.parquet_dir}"] if self.parquet_dir else [])
        )


def sql_file(*parts: str) -> str:
    """Text of one of the package's SQL files."""
    return (config.SQL_DIR.joinpath(*parts)).read_text(encoding="utf-8")


def data_test_names() -> list[str]:
    """Names of the data tests: SQL files that must return no rows."""
    return sorted(p.stem for p in (config.SQL_DIR / "tests").glob("*.sql"))


def _load_sources(con: duckdb.DuckDBPyConnection, sources_dir: Path) -> None:
    iso3_codes: set[str] = set()
    region_iso3: set[str] = set()
    for table in SOURCE_TABLES:
        frame = read_source(table, sources_dir / table.file, iso3_codes, region_iso3)
        _create_raw_table(con, table, mark_kosovo_in(table, frame))
        if table.name == "iso3_reference":
            iso3_codes = set(frame["iso3"])
        elif table.name == "countries":
            region_iso3 = set(frame["iso3"])


# Text the screens show that names Kosovo reads "Kosovo*" (the footnote on UNSCR 1244 follows
# on every page): notes, caveats, definitions, quotes. Names as published (*_as_published), keys
# and the names table are left as they are, as are the reference to the resolution itself and
# the forms that already carry it.
_KOSOVO_KEPT = (
    ("Kosovo**", "Kosovo*"),
    ("Kosovo* (UNSCR 1244)", "Kosovo (UNSCR 1244)"),
    ("References to Kosovo* shall", "References to Kosovo shall"),
    ("1244-administered Kosovo*", "1244-administered Kosovo"),
)


def mark_kosovo(text: str) -> str:
    """`text` with every "Kosovo" marked "Kosovo*" unless it already carries the reference."""
    marked = text.replace("Kosovo", "Kosovo*")
    for wrong, right in _KOSOVO_KEPT:
        marked = marked.replace(wrong, right)
    return marked


def mark_kosovo_in(table: SourceTable, frame):
    """The source frame with Kosovo marked in its prose columns (see mark_kosovo)."""
    if table.name in ("display_names", "display_names_ru", "names_ru"):  # the names table
        return frame
    keys = set(table.key)
    for column in table.columns:
        if (
            column.type != "text"
            or column.name in keys
            or column.name.endswith("as_published")
            or column.iso3
            or column.choices
        ):
            continue
        values = frame[column.name]
        mask = values.str.contains("Kosovo", regex=False, na=False)
        if mask.any():
            frame.loc[mask, column.name] = values[mask].map(mark_kosovo)
    return frame


def _create_raw_table(con: duckdb.DuckDBPyConnection, table: SourceTable, frame) -> None:
    # Identifiers come from the fixed declarations in sources.py, never from input.
    columns = ", ".join(f'"{c.name}" {c.sql_type}' for c in table.columns)
    con.execute(f"create table {table.raw_table} ({columns})")
    con.register("incoming_frame", frame)
    names = ", ".join(f'"{c.name}"' for c in table.columns)
    con.execute(f"insert into {table.raw_table} select {names} from incoming_frame")  # noqa: S608
    con.unregister("incoming_frame")


def _create_staging(con: duckdb.DuckDBPyConnection) -> None:
    for path in sorted((config.SQL_DIR / "staging").glob("*.sql")):
        con.execute(f"create view {path.stem} as\n{path.read_text(encoding='utf-8')}")


def _fill_marts(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(sql_file("marts", "schema.sql"))
    for mart in MARTS:
        try:
            con.execute(f"insert into {mart} by name\n{sql_file('marts', f'{mart}.sql')}")
        except duckdb.ConstraintException as error:
            raise BuildError(f"mart {mart} violates a constraint: {error}") from None


def run_data_tests(con: duckdb.DuckDBPyConnection) -> dict[str, list[dict[str, object]]]:
    """Run every data test; return the offending rows (column -> value) of the ones that failed."""
    failures: dict[str, list[dict[str, object]]] = {}
    for name in data_test_names():
        cursor = con.execute(sql_file("tests", f"{name}.sql"))
        rows = cursor.fetchall()
        if rows:
            columns = [column[0] for column in cursor.description]
            failures[name] = [dict(zip(columns, row, strict=True)) for row in rows]
    return failures


# Data tests whose offending rows come straight from one source file: that file, the columns
# that find the row in it and the column the test checks, so a failure names file, line, column.
DATA_TEST_ORIGINS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "assert_indicator_value_plausible": (
        "indicators.csv",
        ("indicator_code", "iso3", "year"),
        "value",
    ),
    "assert_key_figure_plausible": ("key_figures.csv", ("figure_id",), "value"),
}


def _source_line(path: Path, key: dict[str, object]) -> int | None:
    """The line of `path` whose values equal `key` (compared as text), if there is one."""
    wanted = {column: str(value) for column, value in key.items()}
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            _ = reader.fieldnames  # reads the header
            line = reader.line_num + 1  # where the next record starts
            for row in reader:
                if all((row.get(column) or "").strip() == text for column, text in wanted.items()):
                    return line
                line = reader.line_num + 1
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    return None


def describe_failures(
    failures: dict[str, list[dict[str, object]]], sources_dir: Path | None = None
) -> str:
    """One line naming each failed data test and its first offending row, column by column; for a
    test of one source file's values, the file, line and column come first."""
    parts = []
    for name, rows in failures.items():
        first = ", ".join(f"{column} {value!r}" for column, value in rows[0].items())
        more = f" (and {len(rows) - 1} more)" if len(rows) > 1 else ""
        where = ""
        if sources_dir is not None and name in DATA_TEST_ORIGINS:
            file, key_columns, checked = DATA_TEST_ORIGINS[name]
            line = _source_line(sources_dir / file, {c: rows[0][c] for c in key_columns})
            if line is not None:
                where = f"{sources_dir / file}, line {line}, column '{checked}': "
        parts.append(f"{where}data test {name} failed on {first}{more}")
    return "; ".join(parts)


def _git_revision() -> str | None:
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=config.REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None


def _write_build_log(con, sources_dir: Path, seconds: float) -> None:
    con.execute(
        """
        create table build_log as
        select now()::timestamp as built_at, ?::varchar as git_revision,
               ?::double as build_seconds, ?::varchar as duckdb_version,
               ?::varchar as sources_dir
        """,
        [_git_revision(), seconds, duckdb.__version__, str(sources_dir)],
    )
    con.execute(
        "create table build_row_count (table_name varchar primary key, row_count bigint not null)"
    )
    for mart in MARTS:
        count = con.execute(f"select count(*) from {mart}").fetchone()[0]  # noqa: S608
        con.execute("insert into build_row_count values (?, ?)", [mart, count])


def export_parquet(con: duckdb.DuckDBPyConnection, target: Path) -> None:
    """Write every mart and the build log as Parquet files, swapped in as one directory."""
    remove_dead_builds(target)
    staging = _temporary_name(target)
    staging.mkdir(parents=True)
    for table in EXPORTED_TABLES:
        # COPY cannot bind its target path, so the path is quoted as a SQL string literal.
        literal = str(staging / f"{table}.parquet").replace("'", "''")
        con.execute(f"copy {table} to '{literal}' (format parquet)")
    if target.exists():
        retired = target.with_name(f".{target.name}.retired-{os.getpid()}-{secrets.token_hex(4)}")
        target.rename(retired)
        staging.rename(target)
        _remove_tree(retired)
    else:
        staging.rename(target)


def _remove_tree(path: Path) -> None:
    for child in path.iterdir():
        child.unlink()
    path.rmdir()


def _temporary_name(out: Path) -> Path:
    # PID for the clean-up of dead builds; a token because one server process builds from several
    # threads (sessions), which must never share a file.
    return out.with_name(f".{out.name}.building-{os.getpid()}-{secrets.token_hex(4)}")


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def remove_dead_builds(out: Path) -> list[Path]:
    """Remove what killed builds left beside `out` (temporary files, their .wal, Parquet staging
    folders); return what was removed. A live process's build is left alone."""
    removed = []
    for prefix in (f".{out.name}.building-", f".{out.name}.retired-"):
        for path in out.parent.glob(f"{prefix}*"):
            pid_text = path.name[len(prefix) :].split("-")[0].split(".")[0]
            if not pid_text.isdigit():
                continue
            pid = int(pid_text)
            if pid != os.getpid() and _process_alive(pid):
                continue
            if pid == os.getpid() and not path.name.startswith(prefix + f"{pid}-"):
                continue  # an older naming scheme of this very process: leave it
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed.append(path)
    return removed


@contextlib.contextmanager
def build_lock(out: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Hold the lock on building `out`: one build at a time, across threads and processes.

    flock() on a file beside the target. The file is removed on release, so after acquiring the
    lock a waiter checks it still holds the file at that path (and starts over if it does not).
    """
    lock_path = out.with_name(f".{out.name}.lock")
    deadline = time.monotonic() + timeout
    while True:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise BuildError(
                            f"{out}: another build has held {lock_path.name} for"
                            f" {timeout:.0f} s; if no build is running, remove that file"
                        ) from None
                    time.sleep(0.05)
            try:
                current = os.stat(lock_path).st_ino
            except FileNotFoundError:
                current = None
        except BaseException:
            os.close(fd)
            raise
        if current == os.fstat(fd).st_ino:
            break
        os.close(fd)  # the holder removed the file we waited on: lock the new one
    try:
        yield
    finally:
        lock_path.unlink(missing_ok=True)
        os.close(fd)


def _check_output(out: Path) -> None:
    """Refuse to replace anything but a DuckDB file (or an empty one) at `out`."""
    kind = file_kind(out)
    if kind is not None:
        raise BuildError(f"{out} is not a regular file (it is {kind}); refusing to replace it")
    try:
        with out.open("rb") as handle:
            head = handle.read(12)
    except FileNotFoundError:
        return
    except OSError as error:
        raise BuildError(
            f"{out} cannot be read ({error.strerror}); refusing to replace it"
        ) from None
    if head and head[8:12] != DUCKDB_MAGIC:
        raise BuildError(
            f"{out} is not a DuckDB warehouse; refusing to overwrite it. Move the file away or"
            " build into another path (--out, or the DASHBOARD_DB setting)"
        )
    if head and not _is_warehouse_or_unreadable(out):
        raise BuildError(
            f"{out} is a DuckDB database but not a dashboard warehouse (it has no build_log"
            " table); refusing to overwrite it. Move the file away or build into another path"
            " (--out, or the DASHBOARD_DB setting)"
        )


def _is_warehouse_or_unreadable(path: Path) -> bool:
    """Whether a DuckDB file holds a build's log (any version of the warehouse has one), or cannot
    be opened at all (damaged: rebuilding it loses nothing)."""
    con = duckdb.connect(":memory:")
    try:
        literal = str(path).replace("'", "''")  # ATTACH cannot bind its path
        con.execute(f"attach '{literal}' as target (read_only)")
        tables = con.execute(
            "select table_name from duckdb_tables() where database_name = 'target'"
        ).fetchall()
    except duckdb.Error:
        return True
    finally:
        con.close()
    return ("build_log",) in tables


def _check_folder(out: Path) -> None:
    """Fail early, in one line, when the target's folder cannot take the temporary file."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        probe = _temporary_name(out)
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
        # Another thread of this process (same PID) building under the lock may already have
        # removed it as a leftover (remove_dead_builds): the folder took the file all the same.
        probe.unlink(missing_ok=True)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise BuildError(f"{out.parent}: the folder is not writable ({reason})") from None


def build(
    sources_dir: Path | None = None,
    out: Path | None = None,
    parquet_dir: Path | None = None,
) -> BuildReport:
    """Build the warehouse into `out`; on any failure raise and leave `out` untouched."""
    out = Path(out or config.DEFAULT_WAREHOUSE)
    _check_output(out)
    _check_folder(out)
    with build_lock(out):
        return _build_locked(sources_dir, out, parquet_dir)


def build_if_needed(
    is_current,
    sources_dir: Path | None = None,
    out: Path | None = None,
    parquet_dir: Path | None = None,
) -> BuildReport | None:
    """Build unless `is_current()` holds once the build lock is ours: of several sessions finding
    the warehouse missing at once, the first builds and the others wait, then use its result."""
    out = Path(out or config.DEFAULT_WAREHOUSE)
    _check_output(out)
    _check_folder(out)
    with build_lock(out):
        if is_current():
            return None
        _check_output(out)  # what the check found unusable may have changed meanwhile
        return _build_locked(sources_dir, out, parquet_dir)


def _build_locked(sources_dir: Path | None, out: Path, parquet_dir: Path | None) -> BuildReport:
    sources_dir = Path(sources_dir or config.SOURCES_DIR)
    started = time.perf_counter()
    remove_dead_builds(out)
    temporary = _temporary_name(out)
    try:
        con = duckdb.connect(str(temporary))
    except duckdb.Error as error:
        temporary.unlink(missing_ok=True)
        raise BuildError(f"{out.parent}: cannot create the temporary warehouse ({error})") from None
    try:
        _load_sources(con, sources_dir)
        _create_staging(con)
        _fill_marts(con)
        failures = run_data_tests(con)
        if failures:
            raise BuildError(describe_failures(failures, sources_dir))
        seconds = time.perf_counter() - started
        _write_build_log(con, sources_dir, seconds)
        row_counts = dict(
            con.execute("select table_name, row_count from build_row_count order by 1").fetchall()
        )
        if parquet_dir is not None:
            export_parquet(con, Path(parquet_dir))
        con.execute("checkpoint")
        con.close()
        os.replace(temporary, out)
    except BaseException:
        con.close()
        temporary.unlink(missing_ok=True)
        Path(f"{temporary}.wal").unlink(missing_ok=True)
        raise
    return BuildReport(out, time.perf_counter() - started, row_counts, parquet_dir)


def check_export(directory: Path) -> dict[str, int]:
    """Check a Parquet export before it is served: opened the way the app opens it, every mart
    holds the rows its build counted and every data test passes. Returns the row counts; raises
    BuildError (or WarehouseUnavailable for a missing or incomplete export) otherwise."""
    from dashboard import db  # late: db imports this module's table list

    con = db.connect_parquet(Path(directory))
    try:
        expected = dict(
            con.execute("select table_name, row_count from build_row_count order by 1").fetchall()
        )
        if set(expected) != set(MARTS):
            raise BuildError(
                f"the export's build_row_count lists {sorted(expected)}, not the marts"
            )
        found = {
            table: con.execute(f"select count(*) from {table}").fetchone()[0]  # noqa: S608
            for table in MARTS
        }
        wrong = [
            f"{t}: {found[t]} rows, built {expected[t]}" for t in MARTS if found[t] != expected[t]
        ]
        if wrong:
            raise BuildError(f"the export differs from its build: {'; '.join(wrong)}")
        failures = run_data_tests(con)
        if failures:
            raise BuildError(f"data tests failed on the export: {', '.join(sorted(failures))}")
        if con.execute("select count(*) from build_log").fetchone()[0] != 1:
            raise BuildError("the export's build_log does not hold exactly one build")
    finally:
        con.close()
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.warehouse", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build_command = commands.add_parser("build", help="build the warehouse from the sources")
    build_command.add_argument("--sources", type=Path, default=config.SOURCES_DIR)
    build_command.add_argument(
        "--out", type=Path, default=None, help="default: $DASHBOARD_DB or data/warehouse.duckdb"
    )
    build_command.add_argument(
        "--parquet",
        type=Path,
        default=None,
        help="also export the marts as Parquet into this directory",
    )
    check_command = commands.add_parser(
        "check", help="check a Parquet export before serving it (row counts, data tests)"
    )
    check_command.add_argument("parquet", type=Path)
    args = parser.parse_args(argv)
    if args.command == "check":
        from dashboard.db import WarehouseUnavailable

        try:
            counts = check_export(args.parquet)
        except (BuildError, WarehouseUnavailable, duckdb.Error) as error:
            print(f"Check failed: {error}", file=sys.stderr)
            return 1
        print(
            f"{args.parquet}: {len(counts)} marts, {sum(counts.values()):,} rows, data tests pass"
        )
        return 0
    out = args.out or config.warehouse_path()
    try:
        report = build(args.sources, out, args.parquet)
    except (SourceError, BuildError, duckdb.Error, OSError) as error:
        # One line: DuckDB's messages can span several.
        print(f"Build failed: {' '.join(str(error).split())}", file=sys.stderr)
        state = "left untouched" if out.exists() else "not created"
        print(f"The warehouse at {out} was {state}.", file=sys.stderr)
        return 1
    print(report.summary())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
