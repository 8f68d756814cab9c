"""Build the DuckDB warehouse from data/sources/: load strictly, model in SQL, test, swap atomically.

    python -m dashboard.warehouse build [--sources DIR] [--out FILE] [--parquet DIR]

The build writes to a temporary file beside the target and replaces the target only after every
source loaded, every constraint held and every data test returned no rows, so a failed build
leaves the previous warehouse exactly as it was.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from dashboard import config
from dashboard.sources import SOURCE_TABLES, SourceError, SourceTable, read_source

# Marts in dependency order; each is filled from sql/marts/<name>.sql into the table declared
# (with its keys and checks) in sql/marts/schema.sql.
MARTS: tuple[str, ...] = (
    "dim_source",
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
        _create_raw_table(con, table, frame)
        if table.name == "iso3_reference":
            iso3_codes = set(frame["iso3"])
        elif table.name == "countries":
            region_iso3 = set(frame["iso3"])


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


def run_data_tests(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Run every data test; return the offending rows of the ones that failed."""
    failures: dict[str, list[tuple]] = {}
    for name in data_test_names():
        rows = con.execute(sql_file("tests", f"{name}.sql")).fetchall()
        if rows:
            failures[name] = rows
    return failures


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
    staging = target.with_name(f".{target.name}.building-{os.getpid()}")
    if staging.exists():
        _remove_tree(staging)
    staging.mkdir(parents=True)
    for table in EXPORTED_TABLES:
        # COPY cannot bind its target path, so the path is quoted as a SQL string literal.
        literal = str(staging / f"{table}.parquet").replace("'", "''")
        con.execute(f"copy {table} to '{literal}' (format parquet)")
    if target.exists():
        retired = target.with_name(f".{target.name}.retired-{os.getpid()}")
        target.rename(retired)
        staging.rename(target)
        _remove_tree(retired)
    else:
        staging.rename(target)


def _remove_tree(path: Path) -> None:
    for child in path.iterdir():
        child.unlink()
    path.rmdir()


def build(
    sources_dir: Path | None = None,
    out: Path | None = None,
    parquet_dir: Path | None = None,
) -> BuildReport:
    """Build the warehouse into `out`; on any failure raise and leave `out` untouched."""
    sources_dir = Path(sources_dir or config.SOURCES_DIR)
    out = Path(out or config.DEFAULT_WAREHOUSE)
    out.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    temporary = out.with_name(f".{out.name}.building-{os.getpid()}")
    temporary.unlink(missing_ok=True)
    con = duckdb.connect(str(temporary))
    try:
        _load_sources(con, sources_dir)
        _create_staging(con)
        _fill_marts(con)
        failures = run_data_tests(con)
        if failures:
            details = "; ".join(
                f"{name}: {len(rows)} row(s), first {rows[0]}" for name, rows in failures.items()
            )
            raise BuildError(f"data tests failed: {details}")
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
    args = parser.parse_args(argv)
    out = args.out or config.warehouse_path()
    try:
        report = build(args.sources, out, args.parquet)
    except (SourceError, BuildError, duckdb.Error) as error:
        print(f"Build failed: {error}", file=sys.stderr)
        state = "left untouched" if out.exists() else "not created"
        print(f"The warehouse at {out} was {state}.", file=sys.stderr)
        return 1
    print(report.summary())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
