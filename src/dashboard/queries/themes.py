"""Queries behind the thematic filter: which indicator families speak to a strategic priority,
thematic area or other thematic element, in the order a page shows them, and why."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.queries import run_sql


def theme_indicator_families(con: duckdb.DuckDBPyConnection, theme: str | None) -> pd.DataFrame:
    """indicator_family, family_rank, basis, reason for the chosen element; empty without one."""
    return run_sql(con, "theme_indicator_families", theme=theme)


def theme_indicator_crosswalk(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every thematic element with the families that speak to it, the reason and the citation."""
    return run_sql(con, "theme_indicator_crosswalk")
