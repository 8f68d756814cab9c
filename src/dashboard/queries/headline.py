"""Headline figures: one number per concept, place and year, picked by the headline rule.

The rule lives in sql/marts/headline_value.sql (documented in docs/HEADLINES.md): latest year
first, then the most preferred source (data/sources/headline_concepts.csv) with a complete figure
for that year. The warehouse holds it for every country, subregion and the region; for any other
selection of countries the same SQL text runs with the selection standing in for its scope table,
so every page and export gets the same number for the same concept, scope and year.
"""

from __future__ import annotations

from functools import cache

import duckdb
import pandas as pd

from dashboard import config
from dashboard.queries import query_text, run_sql

SELECTION = "selection"  # scope_type and scope_id of a selection that is no warehouse scope


@cache
def _rule_for_selection() -> str:
    """headline_figures.sql over the rule evaluated for an ad-hoc selection ($iso3)."""
    # Only the package's own SQL files are joined here; values are bound as parameters.
    rule = (config.SQL_DIR / "marts" / "headline_value.sql").read_text(encoding="utf-8")
    return "\n".join(
        (
            query_text("headline_selection_scope") + ",",
            "headline_value as (select * from (",
            rule,
            "))",
            "select * from (",
            query_text("headline_figures"),
            ")",
        )
    )


def headline_scope_for_selection(
    con: duckdb.DuckDBPyConnection, iso3: tuple[str, ...]
) -> tuple[str, str]:
    """(scope_type, scope_id) of the warehouse scope made of exactly these countries, or the
    ad-hoc ('selection', 'selection')."""
    found = run_sql(con, "headline_scope_for_selection", iso3=list(iso3))
    if found.empty:
        return SELECTION, SELECTION
    return str(found["scope_type"].iloc[0]), str(found["scope_id"].iloc[0])


def headline_figures(
    con: duckdb.DuckDBPyConnection,
    iso3: tuple[str, ...],
    concepts: tuple[str, ...] | None = None,
    latest_only: bool = True,
) -> pd.DataFrame:
    """The headline figure of each concept for these countries (one country, a subregion, the
    region or any selection): its year, value, source and the alternative source, per year when
    `latest_only` is False. Columns: see sql/queries/headline_figures.sql."""
    params = {
        "concepts": list(concepts) if concepts is not None else None,
        "latest_only": latest_only,
    }
    scope_type, scope_id = headline_scope_for_selection(con, iso3)
    if scope_type != SELECTION:
        return run_sql(con, "headline_figures", scope_type=scope_type, scope_id=scope_id, **params)
    return headline_figures_for_selection(con, iso3, concepts, latest_only)


def headline_figures_for_selection(
    con: duckdb.DuckDBPyConnection,
    iso3: tuple[str, ...],
    concepts: tuple[str, ...] | None = None,
    latest_only: bool = True,
) -> pd.DataFrame:
    """headline_figures() computed from the values by the rule, never read from the mart (scope
    'selection'); for a warehouse scope it gives the mart's rows."""
    cursor = con.cursor()
    try:
        return cursor.execute(
            _rule_for_selection(),
            {
                "iso3": list(iso3),
                "scope_type": SELECTION,
                "scope_id": SELECTION,
                "concepts": list(concepts) if concepts is not None else None,
                "latest_only": latest_only,
            },
        ).df()
    finally:
        cursor.close()


def headline_concepts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Each headline concept with its candidate indicators in order of preference and why."""
    return run_sql(con, "headline_concepts")


def revised_concepts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The headline concepts that two sources or editions give for the same country and year."""
    return run_sql(con, "revised_concepts")


def edition_revisions(
    con: duckdb.DuckDBPyConnection, concept: str, limit: int = 15
) -> pd.DataFrame:
    """Where the headline source of a concept differs from the source named as its alternative
    (an earlier edition, another publisher), largest difference first."""
    return run_sql(con, "edition_revisions", concept=concept, limit=limit)


def edition_series(
    con: duckdb.DuckDBPyConnection, codes: tuple[str, ...], iso3: tuple[str, ...]
) -> pd.DataFrame:
    """The values of several indicators (editions) for a few countries, one series each."""
    return run_sql(con, "edition_series", codes=list(codes), iso3=list(iso3))
