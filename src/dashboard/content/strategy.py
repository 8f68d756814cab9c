"""What the strategy drill-down shows: the tree walked (a level's scope, the path to it, the
levels below it) and the query results labelled as the page's tables. Pure: no streamlit.

Pure over the tree DataFrame (queries.strategy.strategy_drilldown_tree shaped by
`drilldown_tree`), so the page and the tests read the same structure.
"""

from __future__ import annotations

import pandas as pd

from dashboard.queries.strategy import NodeScope

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


def drilldown_tree(rows: pd.DataFrame) -> pd.DataFrame:
    """The tree with each level named, and its areas and elements as tuples (hashable scopes)."""
    tree = rows.copy()
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


def node_countries(rows: pd.DataFrame) -> pd.DataFrame:
    """strategy_node_countries rows as shown."""
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


def node_offices(rows: pd.DataFrame) -> pd.DataFrame:
    """strategy_node_offices rows as shown."""
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


def node_outlook(rows: pd.DataFrame) -> pd.DataFrame:
    """strategy_node_outlook rows as shown."""
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


def node_initiatives(rows: pd.DataFrame) -> pd.DataFrame:
    """strategy_node_initiatives rows as shown."""
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


def crosswalk(rows: pd.DataFrame) -> pd.DataFrame:
    """strategy_crosswalk rows as shown, with each link's basis spelled out."""
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
