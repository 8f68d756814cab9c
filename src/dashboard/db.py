"""Opening the warehouse read-only, with messages a user can act on when it is not there."""

from __future__ import annotations

from pathlib import Path

import duckdb

from dashboard import config

BUILD_COMMAND = "python -m dashboard.warehouse build"


class WarehouseUnavailable(RuntimeError):
    """The warehouse cannot be opened; the message says where and what to do."""


class WarehouseMissing(WarehouseUnavailable):
    """There is no warehouse file at the configured path (a build creates it)."""


class WarehouseOutdated(WarehouseUnavailable):
    """The warehouse file lacks tables this version of the app reads (a rebuild updates it)."""


def connect_read_only(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the warehouse file, or to views over a Parquet export."""
    parquet = config.parquet_dir()
    if path is None and parquet is not None:
        return connect_parquet(parquet)
    path = Path(path or config.warehouse_path())
    if not path.exists():
        raise WarehouseMissing(
            f"No warehouse at {path}. Build it from data/sources/ with `{BUILD_COMMAND}`"
            f" (or point {config.WAREHOUSE_ENV} at an existing warehouse file)."
        )
    # An in-memory DuckDB that attaches the file, not duckdb.connect(path): DuckDB hands every
    # connect() of a path the instance already open in this process, so after a rebuild swapped a
    # new file in, the server would go on reading the old one.
    con = duckdb.connect(":memory:")
    literal = str(path).replace("'", "''")  # ATTACH cannot bind its path
    try:
        con.execute(f"attach '{literal}' as warehouse (read_only)")
    except duckdb.Error as error:
        con.close()
        if "lock" in str(error).lower():
            raise WarehouseUnavailable(
                f"The warehouse at {path} cannot be opened read-only ({error}). If a build is "
                "writing to it, wait for it to finish; builds normally write a temporary file "
                "and swap it in, so this means another program holds the file open for writing."
            ) from None
        raise WarehouseUnavailable(
            f"The file at {path} is not a readable DuckDB warehouse ({error}). Rebuild it with "
            f"`{BUILD_COMMAND}`."
        ) from None
    missing = _missing_tables(con)
    if missing:
        con.close()
        raise WarehouseOutdated(
            f"The warehouse at {path} was built by an older version of the dashboard (it lacks "
            f"{', '.join(missing)}). Rebuild it with `{BUILD_COMMAND}`."
        )
    # Views in the in-memory catalog, because cursors (one per query) do not inherit USE.
    from dashboard.warehouse import EXPORTED_TABLES

    for table in EXPORTED_TABLES:  # the build's own table names, never input
        con.execute(f"create view {table} as select * from warehouse.{table}")  # noqa: S608
    return con


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
    """An in-memory DuckDB whose tables are views over a Parquet export of the marts."""
    if not directory.is_dir() or not any(directory.glob("*.parquet")):
        raise WarehouseUnavailable(
            f"No Parquet export in {directory}. Create one with "
            f"`{BUILD_COMMAND} --parquet {directory}`."
        )
    from dashboard.warehouse import EXPORTED_TABLES  # late: warehouse imports this module's config

    con = duckdb.connect(":memory:")
    for table in EXPORTED_TABLES:
        file = directory / f"{table}.parquet"
        if not file.exists():
            raise WarehouseUnavailable(f"The Parquet export in {directory} lacks {file.name}.")
        # The table name is one of the build's own; the path is quoted as a string literal
        # because DuckDB cannot bind parameters inside a view definition.
        literal = str(file).replace("'", "''")
        con.execute(f"create view {table} as select * from read_parquet('{literal}')")  # noqa: S608
    return con


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
