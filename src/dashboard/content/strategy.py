"""What the strategy drill-down shows: the tree walked (a level's scope, the path to it, the
levels below it) and the query results labelled as the page's tables. Pure: no streamlit.

Pure over the tree DataFrame (queries.strategy.strategy_drilldown_tree shaped by
`drilldown_tree`), so the page and the tests read the same structure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from dashboard.outlook import EXPECTATIONS, REGION_EXPECTATIONS
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


INTRO = (
    "Requirements are the Migration Initiatives 2016 SEEECA table (one edition: the year filter "
    "does not apply); the theme filter chooses the level opened first."
)
TREEMAP_TITLE = "Click a box to open it; click the top bar to go up"
LOWEST_LEVEL = "This is the lowest level: one cell of the SEEECA table."
SUM_NOTE = (
    "Each level's requirement is the sum of the levels below it; a blank requirement means every "
    "cell below is \u201c-\u201d (no requirement)."
)
DETAIL_TABS = (
    "Countries",
    "Offices",
    "Outlook statements and indicators",
    "Initiatives (global, via MiGOF)",
)
CROSSWALK_HEADING = "The crosswalk between the frameworks"
CROSSWALK_NOTE = (
    "How the 2020-2024 priorities, the 2015-2020 thematic areas and objectives, the 2016 "
    "programmatic funding areas and the MiGOF principles and objectives are linked. "
    "\u201cJudgement\u201d rows are mappings made for this dashboard from the quoted text; no "
    "document states them. The drill-down uses only the \u201ccontinues\u201d and "
    "\u201cfunded under\u201d links, which form a tree."
)
CRUMB_LENGTH = 48
CRUMB_SEPARATOR = "\u203a "


def funding_source(migration_initiatives: str) -> str:
    """The source line of every requirement: the 2016 table, and the crosswalk above it."""
    return (
        f"{migration_initiatives}, SEEECA regional table; levels above the funding areas by the "
        "crosswalk below"
    )


def offices_source(strategy: str) -> str:
    return f"{strategy}, Annex 1"


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


def opening_node(known: set[str], wanted: str | None, theme: str | None) -> str:
    """The level shown: the one clicked last (from the link), else the sidebar's theme when it
    is a level of the tree, else the root."""
    return wanted or (theme if theme in known else ROOT)


def crumb_label(step: int, label: str) -> str:
    """A breadcrumb: the level's label, shortened, after a separator below the root."""
    return f"{CRUMB_SEPARATOR if step else ''}{label[:CRUMB_LENGTH]}"


def share_of_root(tree: pd.DataFrame, node_id: str) -> float | None:
    """The level's requirement as a percentage of the root's (the region's or the selection's);
    None when either has none."""
    usd = tree.set_index("node_id")["usd"]
    root, node = usd[ROOT], usd[node_id]
    if pd.isna(root) or not root or pd.isna(node):
        return None
    return float(node / root * 100)


def placement_note(basis: str, justification: str, parent_label: str) -> str:
    """Why a level sits under its parent: stated in a document, or a judgement, and the text."""
    return (
        f":material/account_tree: Placed under \u201c{parent_label}\u201d: "
        f"{BASIS_LABELS[basis]}. {justification}"
    )


def outlook_note(country_level: bool) -> str:
    """What the outlook tab lists."""
    return (
        "Statements attached to the priorities and thematic areas this level belongs to or "
        "contains"
        + (", with the indicator links that cover this country." if country_level else ".")
    )


def initiatives_note(label: str, country_level: bool) -> str:
    """Why the initiatives tab lists global items, and never adds their USD to the level."""
    return (
        "These initiatives are **global** items of the MiGOF chapters of Migration Initiatives "
        "2016, not SEEECA or country projects. They are linked to this level only because the "
        "crosswalk ties its funding areas to a MiGOF principle or objective. Their USD is not part "
        "of the SEEECA requirement and is not added to any total here."
        + (f" None is specific to {label}." if country_level else "")
    )


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


# The page's tables: each query's columns in the order shown, with their headings; columns
# left out (ids) are not shown.
COUNTRY_COLUMNS = {
    "place": "Country or programme",
    "subregion": "Subregion",
    "usd": "Requirement (USD)",
    "share": "Share of this level (%)",
    "offices": "IOM offices",
    "by_area": "By funding area (USD)",
}
OFFICE_COLUMNS = {
    "name": "Office",
    "office_type": "Type",
    "city": "City",
    "country": "Country",
    "reports_to": "Reports to",
    "source_section": "Source section",
}
OUTLOOK_COLUMNS = {
    "short_title": "Statement",
    "attached_to": "Attached to",
    "statement": "Text",
    "testable": "Testable with data",
    "links": "Indicators to watch (expected, where)",
    "document": "Document",
    "source_section": "Section",
}
INITIATIVE_COLUMNS = {
    "title": "Initiative",
    "usd": "Requirement (USD)",
    "migof_element": "MiGOF chapter",
    "linked_through": "Linked through (crosswalk)",
    "quote": "Quote",
    "document": "Document",
    "source_section": "Section",
}
CROSSWALK_COLUMNS = {
    "from_name": "From",
    "from_framework": "From framework",
    "relation": "Relation",
    "to_name": "To",
    "to_framework": "To framework",
    "basis": "Basis",
    "in_drilldown": "Used by the drill-down",
    "justification": "Justification",
    "source": "Source",
    "from_element_id": "from_id",
    "to_id": "to_id",
}


def labelled(rows: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """A query's rows as a page table: the `columns` (query column -> heading) in their order,
    a basis spelled out."""
    return pd.DataFrame(
        {
            heading: rows[column].map(BASIS_LABELS) if column == "basis" else rows[column]
            for column, heading in columns.items()
        }
    ).reset_index(drop=True)


def node_countries(rows: pd.DataFrame) -> pd.DataFrame:
    """strategy_node_countries rows as shown."""
    return labelled(rows.assign(usd=rows["usd"].astype("Int64")), COUNTRY_COLUMNS)


def node_offices(rows: pd.DataFrame) -> pd.DataFrame:
    """strategy_node_offices rows as shown."""
    return labelled(rows, OFFICE_COLUMNS)


def indicator_tests(
    links: Sequence[Mapping] | None,
    family_labels: Mapping[str, str],
    country_names: Mapping[str, str],
) -> str:
    """A statement's indicator tests as a line: each family by its name, what is expected and
    where ("Remittance inflows (US$): expected to increase (whole region)")."""
    if not isinstance(links, Sequence | np.ndarray) or len(links) == 0:
        return ""
    parts = []
    for link in links:
        scope = link["iso3_scope"]
        expectations = REGION_EXPECTATIONS if scope is None else EXPECTATIONS
        where = (
            "whole region"
            if scope is None
            else ", ".join(country_names.get(iso3, iso3) for iso3 in scope.split(";"))
        )
        family = family_labels.get(link["indicator_family"], link["indicator_family"])
        parts.append(f"{family}: {expectations[link['expectation']]} ({where})")
    return "; ".join(parts)


def node_outlook(
    rows: pd.DataFrame, family_labels: Mapping[str, str], country_names: Mapping[str, str]
) -> pd.DataFrame:
    """strategy_node_outlook rows as shown: each statement by its short title, its indicator
    tests by name."""
    tests = [indicator_tests(links, family_labels, country_names) for links in rows["links"]]
    return labelled(rows.assign(links=tests), OUTLOOK_COLUMNS)


def node_initiatives(rows: pd.DataFrame) -> pd.DataFrame:
    """strategy_node_initiatives rows as shown."""
    return labelled(rows, INITIATIVE_COLUMNS)


def crosswalk(rows: pd.DataFrame) -> pd.DataFrame:
    """strategy_crosswalk rows as shown, with each link's basis spelled out and its source."""
    cited = rows.assign(source=rows["document"] + ", " + rows["source_section"].fillna(""))
    return labelled(cited, CROSSWALK_COLUMNS)
