"""Queries behind the strategy drill-down: pillar -> strategic priority -> thematic area ->
programmatic funding area -> country, with each level's 2016 SEEECA requirement, countries,
offices, outlook statements and the global initiatives linked to it; and the crosswalk itself.

The tree and the helpers that walk it (`node_scope`, `path_to`, `children`) are pure over the
tree DataFrame, so the page and the tests read the same structure.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from dashboard import config
from dashboard.queries import run_sql

EDITION = config.FUNDING_EDITION
ROOT = "seeeca"
COUNTRY_LEVEL = 5
LEVEL_NAMES = {
    0: "Region",
    1: "Pillar 2020-2024",
    2: "Strategic priority 2020-2024",
    3: "Thematic area 2015-2020",
    4: "Programmatic funding area 2016",
    5: "Country or programme",
}
BASIS_LABELS = {
    "document": "Stated in the document",
    "judgement": "Judgement: a mapping made for this dashboard; no document states it",
}


@dataclass(frozen=True)
class NodeScope:
    """What a drill-down level covers, as hashable query parameters."""

    node_id: str
    areas: tuple[str, ...]  # programmatic funding areas under the level
    iso3: tuple[str, ...]  # countries whose cells count
    include_regional: bool  # whether the regional programmes line counts
    elements: tuple[str, ...]  # priorities and thematic areas on the level's lineage
    country: str | None  # the one country of a country level (scopes indicator links)


def drilldown_tree(
    con: duckdb.DuckDBPyConnection, iso3: tuple[str, ...], whole_region: bool
) -> pd.DataFrame:
    """Every drill-down node with its requirement (sum of the SEEECA cells below it)."""
    tree = run_sql(
        con,
        "strategy_drilldown_tree",
        edition=EDITION,
        iso3=list(iso3),
        include_regional=whole_region,
    )
    tree["level_name"] = tree["level"].map(LEVEL_NAMES)
    for column in ("areas", "elements"):
        tree[column] = tree[column].map(lambda values: tuple(values) if values is not None else ())
    return tree


def node_scope(
    tree: pd.DataFrame, node_id: str, iso3: tuple[str, ...], whole_region: bool
) -> NodeScope:
    """The query parameters of one level: its areas, and the selected countries (one at a
    country level, where the regional programmes line counts only if it is that level)."""
    node = tree.set_index("node_id").loc[node_id]
    if int(node["level"]) == COUNTRY_LEVEL:
        country = node["iso3"] if isinstance(node["iso3"], str) else None
        return NodeScope(
            node_id,
            node["areas"],
            (country,) if country else (),
            country is None,
            node["elements"],
            country,
        )
    return NodeScope(node_id, node["areas"], iso3, whole_region, node["elements"], None)


def path_to(tree: pd.DataFrame, node_id: str) -> list[tuple[str, str]]:
    """(node_id, label) from the root down to the node, for breadcrumbs."""
    # Plain dicts: a .loc per level on a tree of every node cost more than the rest of the page.
    labels = dict(zip(tree["node_id"].tolist(), tree["label"].tolist(), strict=True))
    parents = dict(zip(tree["node_id"].tolist(), tree["parent_id"].tolist(), strict=True))
    path = []
    current: str | None = node_id
    while isinstance(current, str):
        path.append((current, labels[current]))
        current = parents[current]
    return path[::-1]


def children(tree: pd.DataFrame, node_id: str) -> pd.DataFrame:
    """The levels directly below a node with their requirement and share of the node, as shown."""
    rows = tree[tree["parent_id"] == node_id]
    total = tree.loc[tree["node_id"] == node_id, "usd"].sum()
    usd = rows["usd"].astype("Float64")
    return pd.DataFrame(
        {
            "node_id": rows["node_id"],
            "Level": rows["level_name"],
            "Name": rows["label"],
            "Requirement (USD)": usd.round(0).astype("Int64"),
            "Share of this level (%)": (usd / total * 100).round(1) if total else pd.NA,
            "Countries": rows["countries"].astype("Int64"),
            "Placed here by": rows["basis"].map(BASIS_LABELS),
            "Why": rows["justification"],
        }
    ).reset_index(drop=True)


def node_countries(con: duckdb.DuckDBPyConnection, scope: NodeScope) -> pd.DataFrame:
    """Countries (and the regional programmes line) with a requirement at the level, as shown."""
    rows = run_sql(
        con,
        "strategy_node_countries",
        edition=EDITION,
        areas=list(scope.areas),
        iso3=list(scope.iso3),
        include_regional=scope.include_regional,
    )
    return pd.DataFrame(
        {
            "Country or programme": rows["place"],
            "Subregion": rows["subregion"],
            "Requirement (USD)": rows["usd"].astype("Int64"),
            "Share of this level (%)": rows["share"],
            "IOM offices": rows["offices"],
            "By funding area (USD)": rows["by_area"],
        }
    )


def node_offices(con: duckdb.DuckDBPyConnection, scope: NodeScope) -> pd.DataFrame:
    """The IOM offices of the countries with a requirement at the level (the Regional Office for
    the regional programmes line), as shown."""
    rows = run_sql(
        con,
        "strategy_node_offices",
        edition=EDITION,
        areas=list(scope.areas),
        iso3=list(scope.iso3),
        include_regional=scope.include_regional,
    )
    return rows.rename(
        columns={
            "name": "Office",
            "office_type": "Type",
            "city": "City",
            "country": "Country",
            "reports_to": "Reports to",
            "source_section": "Source section",
        }
    ).drop(columns="office_id")


def node_outlook(con: duckdb.DuckDBPyConnection, scope: NodeScope) -> pd.DataFrame:
    """Outlook statements attached to the level's priorities and thematic areas, as shown."""
    rows = run_sql(con, "strategy_node_outlook", elements=list(scope.elements), iso3=scope.country)
    return rows.rename(
        columns={
            "statement_id": "Statement",
            "attached_to": "Attached to",
            "statement": "Text",
            "theme": "Theme",
            "testable": "Testable with data",
            "indicators": "Indicator families (expectation, scope)",
            "document": "Document",
            "source_section": "Section",
        }
    )


def node_initiatives(con: duckdb.DuckDBPyConnection, scope: NodeScope) -> pd.DataFrame:
    """Global initiatives linked to the level's funding areas through MiGOF elements, as shown."""
    rows = run_sql(con, "strategy_node_initiatives", areas=list(scope.areas))
    return rows.rename(
        columns={
            "title": "Initiative",
            "usd": "Requirement (USD)",
            "migof_element": "MiGOF chapter",
            "linked_through": "Linked through (crosswalk)",
            "quote": "Quote",
            "document": "Document",
            "source_section": "Section",
        }
    ).drop(columns="initiative_id")


def crosswalk(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every crosswalk link, both ends named, with its basis spelled out, as shown."""
    rows = run_sql(con, "strategy_crosswalk")
    return pd.DataFrame(
        {
            "From": rows["from_name"],
            "From framework": rows["from_framework"],
            "Relation": rows["relation"],
            "To": rows["to_name"],
            "To framework": rows["to_framework"],
            "Basis": rows["basis"].map(BASIS_LABELS),
            "Used by the drill-down": rows["in_drilldown"],
            "Justification": rows["justification"],
            "Source": rows["document"] + ", " + rows["source_section"].fillna(""),
            "from_id": rows["from_element_id"],
            "to_id": rows["to_id"],
        }
    )
