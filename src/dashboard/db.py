"""Opening the warehouse read-only, with messages a user can act on when it is not there.

A warehouse is checked when it is opened, not at the first query: every table the app reads is
read in full once per warehouse version (a few tenths of a second), so a file with overwritten
blocks, a half-copied file or a truncated Parquet export raises `WarehouseDamaged` here, with a
message in the words used for a missing file, and the app rebuilds it where the sources allow.
A file that is not a DuckDB database at all is never rebuilt over (it may be someone's document
the setting points at by mistake): the message says to move it away.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from dashboard import config
from dashboard.i18n import _

BUILD_COMMAND = "python -m dashboard.warehouse build"


class WarehouseUnavailable(RuntimeError):
    """The warehouse cannot be opened; the message says where and what to do."""


class WarehouseMissing(WarehouseUnavailable):
    """There is no warehouse file at the configured path (a build creates it)."""


class WarehouseOutdated(WarehouseUnavailable):
    """The warehouse file lacks tables this version of the app reads (a rebuild updates it)."""


class WarehouseDamaged(WarehouseUnavailable):
    """The warehouse (or Parquet export) cannot be read in full: blocks overwritten, a copy cut
    short, a truncated Parquet file. A rebuild replaces it."""


# Bytes 8-11 of every DuckDB database file.
DUCKDB_MAGIC = b"DUCK"


def _short(error: Exception) -> str:
    """A DuckDB error in one line, without the exception class DuckDB puts in front."""
    text = " ".join(str(error).split()).split(" LINE 1: ")[0]  # not the SQL it quotes
    return text.split(": ", 1)[1] if text.split(": ", 1)[0].endswith("Error") else text


def _damaged(path: Path, what: str) -> WarehouseDamaged:
    return WarehouseDamaged(
        _(
            "The warehouse at {path} is damaged: {what}. Rebuild it from data/sources/ with "
            "`{command}` (or point {setting} at an intact warehouse file)."
        ).format(path=path, what=what, command=BUILD_COMMAND, setting=config.WAREHOUSE_ENV)
    )


def _verify(con: duckdb.DuckDBPyConnection, tables, damaged, prefix: str = "") -> None:
    """Read every column of every table once: DuckDB checks each block's checksum as it reads,
    and a cut file or Parquet export fails the same way, so damage shows here, not on a page."""
    for table in tables:  # the build's own table names, never input
        try:
            con.execute(f"select count(*), sum(hash(columns(*))) from {prefix}{table}").fetchall()  # noqa: S608
        except duckdb.Error as error:
            con.close()
            raise damaged(
                _("table {table} cannot be read ({error})").format(table=table, error=_short(error))
            ) from None


def _memory_connection() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the configured number of threads (config.duckdb_threads)."""
    threads = config.duckdb_threads()
    return duckdb.connect(":memory:", config={"threads": threads} if threads else {})


def connect_read_only(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the warehouse file, or to views over a Parquet export, read in
    full once (see the module docstring) so a damaged one raises WarehouseDamaged here."""
    parquet = config.parquet_dir()
    if path is None and parquet is not None:
        return connect_parquet(parquet)
    path = Path(path or config.warehouse_path())
    if not path.exists():
        raise WarehouseMissing(
            _(
                "No warehouse at {path}. Build it from data/sources/ with `{command}` (or point "
                "{setting} at an existing warehouse file)."
            ).format(path=path, command=BUILD_COMMAND, setting=config.WAREHOUSE_ENV)
        )
    _check_header(path)
    # An in-memory DuckDB that attaches the file, not duckdb.connect(path): DuckDB hands every
    # connect() of a path the instance already open in this process, so after a rebuild swapped a
    # new file in, the server would go on reading the old one.
    con = _memory_connection()
    literal = str(path).replace("'", "''")  # ATTACH cannot bind its path
    try:
        con.execute(f"attach '{literal}' as warehouse (read_only)")
    except duckdb.Error as error:
        con.close()
        if "lock" in str(error).lower():
            raise WarehouseUnavailable(
                _(
                    "The warehouse at {path} cannot be opened read-only ({error}). If a build is "
                    "writing to it, wait for it to finish; builds normally write a temporary file "
                    "and swap it in, so this means another program holds the file open for "
                    "writing."
                ).format(path=path, error=error)
            ) from None
        raise _damaged(
            path, _("it cannot be opened ({error})").format(error=_short(error))
        ) from None
    missing = _missing_tables(con)
    if missing:
        con.close()
        raise WarehouseOutdated(
            _(
                "The warehouse at {path} was built by an older version of the dashboard (it lacks "
                "{tables}). Rebuild it with `{command}`."
            ).format(path=path, tables=", ".join(missing), command=BUILD_COMMAND)
        )
    from dashboard.warehouse import EXPORTED_TABLES

    _verify(con, EXPORTED_TABLES, lambda what: _damaged(path, what), prefix="warehouse.")
    # Views in the in-memory catalog, because cursors (one per query) do not inherit USE.
    for table in EXPORTED_TABLES:  # the build's own table names, never input
        con.execute(f"create view {table} as select * from warehouse.{table}")  # noqa: S608
    return con


def _check_header(path: Path) -> None:
    """An empty file is a copy that never started (rebuilt like a damaged one); a file without
    DuckDB's signature is something else altogether, which no build may overwrite."""
    try:
        with path.open("rb") as handle:
            head = handle.read(12)
    except IsADirectoryError:
        raise WarehouseUnavailable(
            _(
                "{path} is a folder, not a warehouse file. Point {setting} at the warehouse file "
                "(data/warehouse.duckdb by default)."
            ).format(path=path, setting=config.WAREHOUSE_ENV)
        ) from None
    except OSError as error:
        raise WarehouseUnavailable(
            _("The warehouse at {path} cannot be read ({error}).").format(
                path=path, error=error.strerror
            )
        ) from None
    if not head:
        raise _damaged(path, _("the file is empty (a copy that was interrupted?)"))
    if len(head) < 12 or head[8:12] != DUCKDB_MAGIC:
        raise WarehouseUnavailable(
            _(
                "The file at {path} is not a valid DuckDB database, so it is not a warehouse; it "
                "is left as it is (the build refuses to overwrite it). Move it away and build the "
                "warehouse with `{command}`, or point {setting} at the warehouse file."
            ).format(path=path, command=BUILD_COMMAND, setting=config.WAREHOUSE_ENV)
        )


def _missing_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    from dashboard.warehouse import EXPORTED_TABLES  # late: warehouse imports this module's config

    present = {
        row[0]
        for row in con.execute(
            "select table_name from duckdb_tables() where database_name = 'warehouse'"
        ).fetchall()
    }
    return [table for table in EXPORTED_TABLES if table not in present]


def connect_parquet(directory: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB whose tables are views over a Parquet export of the marts, each file
    read in full once so a truncated one raises WarehouseDamaged here."""
    if not directory.is_dir() or not any(directory.glob("*.parquet")):
        raise WarehouseUnavailable(
            _("No Parquet export in {directory}. Create one with `{command}`.").format(
                directory=directory, command=f"{BUILD_COMMAND} --parquet {directory}"
            )
        )
    from dashboard.warehouse import EXPORTED_TABLES  # late: warehouse imports this module's config

    con = _memory_connection()
    for table in EXPORTED_TABLES:
        file = directory / f"{table}.parquet"
        if not file.exists():
            con.close()
            raise WarehouseOutdated(
                _(
                    "The Parquet export in {directory} lacks {file}. Rebuild it with `{command}`."
                ).format(
                    directory=directory,
                    file=file.name,
                    command=f"{BUILD_COMMAND} --parquet {directory}",
                )
            )
        # The table name is one of the build's own; the path is quoted as a string literal
        # because DuckDB cannot bind parameters inside a view definition.
        literal = str(file).replace("'", "''")
        try:
            con.execute(f"create view {table} as select * from read_parquet('{literal}')")  # noqa: S608
        except duckdb.Error as error:  # a cut file has no footer to read the columns from
            con.close()
            raise _parquet_damaged(
                directory, f"{file.name} cannot be read ({_short(error)})"
            ) from None
    _verify(con, EXPORTED_TABLES, lambda what: _parquet_damaged(directory, what))
    return con


def _parquet_damaged(directory: Path, what: str) -> WarehouseDamaged:
    return WarehouseDamaged(
        f"The Parquet export in {directory} is damaged: {what}. Rebuild it from data/sources/ with"
        f" `{BUILD_COMMAND} --parquet {directory}`."
    )


def usable(path: Path | None = None) -> bool:
    """Whether the warehouse (or the Parquet export, as configured) opens and reads in full."""
    try:
        connect_read_only(path).close()
    except WarehouseUnavailable:
        return False
    return True


def warehouse_version(path: Path | None = None) -> str:
    """A token that changes whenever the warehouse is rebuilt, so caches follow the data."""
    # Unresolved paths (this runs on every cached query); stat() follows a swapped link anyway.
    parquet = config.parquet_dir(resolve=False)
    target = (
        parquet
        if (path is None and parquet is not None)
        else Path(path or config.warehouse_path(resolve=False))
    )
    try:
        stat = target.stat()
    except OSError:  # missing, or a path through a regular file (NotADirectoryError)
        return "missing"
    return f"{target}:{stat.st_mtime_ns}:{stat.st_size}"
