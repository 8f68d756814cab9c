"""Paths and settings, anchored to the package; nothing here touches the disk at import time."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from dashboard.i18n import N_

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parents[1]
DATA_DIR = REPO_ROOT / "data"
SOURCES_DIR = DATA_DIR / "sources"
GEO_DIR = DATA_DIR / "geo"
SQL_DIR = PACKAGE_DIR / "sql"
FAVICON = PACKAGE_DIR / "assets" / "favicon.png"
DEFAULT_WAREHOUSE = DATA_DIR / "warehouse.duckdb"
# The official downloads live beside the checkout, never inside it (licences and size).
DEFAULT_PUBLIC_DATA_DIR = REPO_ROOT.parent / "shared" / "data" / "public"

WAREHOUSE_ENV = "DASHBOARD_DB"
PARQUET_ENV = "DASHBOARD_PARQUET"
# Threads each DuckDB connection may use (unset: DuckDB's default, one per core). scripts/serve.sh
# gives each of its replicas its share of the cores: the queries are small, so several sessions'
# queries running side by side use the cores better than one query split over all of them.
DUCKDB_THREADS_ENV = "DASHBOARD_DUCKDB_THREADS"

REGION_NAME = "South-Eastern Europe, Eastern Europe and Central Asia"
REGION_SHORT = "SEEECA"
FUNDING_EDITION = 2016
# The first year the filters offer by default (the last is the warehouse's latest year with data).
DEFAULT_FIRST_YEAR = 2000
# The year each strategy's outlook statements are read from: the data year its text describes
# (the 2015-2020 strategy, published 2014, quotes 2013-2014 data; the 2020-2024 strategy's
# Table A1 describes 2019). Keyed by the strategy's source_id in dim_source.
OUTLOOK_BASELINE_YEAR = {
    "iom_seeeca_strategy_2015_2020": 2014,
    "iom_seeeca_strategy_2020_2024": 2019,
}

# --- Publication texts: the one place for the notes every map, chart, table, export and slide
# carries (IOM publication standard). Names themselves live in the warehouse (dim_display_name).
# Marked N_ for translation: show them as _(config.MAP_DISCLAIMER) (dashboard.notes does).

# IOM's standard map disclaimer, printed under every map, never only in a tooltip.
MAP_DISCLAIMER = N_(
    "This map is for illustration purposes only. The boundaries and names shown and the "
    "designations used on this map do not imply official endorsement or acceptance by the "
    "International Organization for Migration."
)
# The marker dim_display_name puts on Kosovo's short label, and the footnote that must follow
# every map, chart, table or slide showing it (wording of the 2020-2024 strategy, footnote 4).
KOSOVO_MARKER = "Kosovo*"
# The marked label in each language (the names table's Russian name is "Косово*").
KOSOVO_MARKERS = {"en": KOSOVO_MARKER, "ru": "Косово*"}
KOSOVO_FOOTNOTE = N_(
    "*References to Kosovo shall be understood to be in the context of United Nations Security "
    "Council resolution 1244 (1999)."
)
# The date of the office list (Annex 1 of the 2020-2024 strategy): every office layer says it.
OFFICES_AS_OF = N_("as of May 2020")
# How a missing value is shown, and the note that explains it once per table or chart.
MISSING_VALUE = "–"
MISSING_VALUE_NOTE = N_("– : no value published for this cell.")
# The credit line for the basemap (the edition's technical name stays in data/geo/README.md).
BOUNDARIES_CREDIT = N_("Boundaries: Natural Earth (public domain), simplified.")


def _from_setting(setting: str, resolve: bool) -> Path:
    path = Path(setting).expanduser()
    return path.resolve() if resolve else path.absolute()


def warehouse_path(resolve: bool = True) -> Path:
    """The warehouse the app reads: $DASHBOARD_DB if set, else data/warehouse.duckdb.

    Resolved (symbolic links followed) unless `resolve` is False: resolving walks the path with a
    system call per component, too slow for the version check made on every cached query.
    """
    override = os.environ.get(WAREHOUSE_ENV)
    return _from_setting(override, resolve) if override else DEFAULT_WAREHOUSE


def parquet_dir(resolve: bool = True) -> Path | None:
    """A Parquet export to read instead of the DuckDB file, if $DASHBOARD_PARQUET is set.

    Resolved unless `resolve` is False: a connection's views name the files of the release the
    link pointed to when it opened, so sessions finish on that release after a swap.
    """
    override = os.environ.get(PARQUET_ENV)
    return _from_setting(override, resolve) if override else None


def duckdb_threads() -> int | None:
    """$DASHBOARD_DUCKDB_THREADS as a number of threads, or None when it is not set."""
    setting = os.environ.get(DUCKDB_THREADS_ENV, "").strip()
    if not setting:
        return None
    if not setting.isdigit() or int(setting) < 1:
        raise ValueError(
            f"{DUCKDB_THREADS_ENV} must be a whole number of threads, at least 1 (it is {setting!r})"
        )
    return int(setting)


@functools.cache
def page_file_exists(path: Path) -> bool:
    """Whether a page file exists. The router asks on every rerun; pages do not come and go while
    a server runs, so each file is looked up once per process."""
    return path.is_file()
