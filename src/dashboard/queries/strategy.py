"""Queries behind the strategy drill-down: the tree of pillar -> strategic priority -> thematic
area -> programmatic funding area -> country with each node's 2016 SEEECA requirement, one level's
countries, offices, outlook statements and linked global initiatives, and the crosswalk itself.

They return the rows of their SQL; dashboard.content.strategy walks the tree and labels the
tables as the page shows them.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from dashboard import config
from dashboard.queries import run_sql

EDITION = config.FUNDING_EDITION


@dataclass(frozen=True)
class NodeScope:
    """What a drill-down level covers, as hashable query parameters."""

    node_id: str
    areas: tuple[str, ...]  # programmatic funding areas under the level
    iso3: tuple[str, ...]  # countries whose cells count
    include_regional: bool  # whether the regional programmes line counts
    elements: tuple[str, ...]  # priorities and thematic areas on the level's lineage
    country: str | None  # the one country of a country level (scopes indicator links)


def strategy_drilldown_tree(
    con: duckdb.DuckDBPyConnection, iso3: tuple[str, ...], whole_region: bool
) -> pd.DataFrame:
    """Every drill-down node with its requirement (sum of the SEEECA cells below it)."""
    return run_sql(
        con,
        "strategy_drilldown_tree",
        edition=EDITION,
        iso3=list(iso3),
        include_regional=whole_region,
    )


def strategy_node_countries(con: duckdb.DuckDBPyConnection, scope: NodeScope) -> pd.DataFrame:
    """Countries (and the regional programmes line) with a requirement at the level."""
    return run_sql(
        con,
        "strategy_node_countries",
        edition=EDITION,
        areas=list(scope.areas),
        iso3=list(scope.iso3),
        include_regional=scope.include_regional,
    )


def strategy_node_offices(con: duckdb.DuckDBPyConnection, scope: NodeScope) -> pd.DataFrame:
    """The IOM offices of the countries with a requirement at the level (the Regional Office for
    the regional programmes line)."""
    return run_sql(
        con,
        "strategy_node_offices",
        edition=EDITION,
        areas=list(scope.areas),
        iso3=list(scope.iso3),
        include_regional=scope.include_regional,
    )


def strategy_node_outlook(con: duckdb.DuckDBPyConnection, scope: NodeScope) -> pd.DataFrame:
    """Outlook statements attached to the level's priorities and thematic areas."""
    return run_sql(con, "strategy_node_outlook", elements=list(scope.elements), iso3=scope.country)


def strategy_node_initiatives(con: duckdb.DuckDBPyConnection, scope: NodeScope) -> pd.DataFrame:
    """Global initiatives linked to the level's funding areas through MiGOF elements."""
    return run_sql(con, "strategy_node_initiatives", areas=list(scope.areas))


def strategy_crosswalk(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every crosswalk link, both ends named."""
    return run_sql(con, "strategy_crosswalk")
