"""What the strategy drill-down shows: the tree walked (a level's scope, the path to it, the
levels below it) and the query results labelled as the page's tables. Pure: no streamlit.

Pure over the tree DataFrame (queries.strategy.strategy_drilldown_tree shaped by
`drilldown_tree`), so the page and the tests read the same structure.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from dashboard import i18n
from dashboard.i18n import N_, _, d_, place_name
from dashboard.outlook import EXPECTATIONS, REGION_EXPECTATIONS
from dashboard.queries.strategy import NodeScope

ROOT = "seeeca"
COUNTRY_LEVEL = 5
LEVEL_NAMES = {
    0: N_("Region"),
    1: N_("Pillar 2020-2024"),
    2: N_("Strategic priority 2020-2024"),
    3: N_("Thematic area 2015-2020"),
    4: N_("Programmatic funding area 2016"),
    5: N_("Country or programme"),
}
BASIS_LABELS = {
    "document": N_("Stated in the document"),
    "judgement": N_("Judgement: a mapping made for this dashboard; no document states it"),
}


INTRO = N_(
    "Requirements are the Migration Initiatives 2016 SEEECA table (one edition: the year filter "
    "does not apply); the theme filter chooses the level opened first."
)
TREEMAP_TITLE = N_("Click a box to open it; click the top bar to go up")
LOWEST_LEVEL = N_("This is the lowest level: one cell of the SEEECA table.")
SUM_NOTE = N_(
    "Each level's requirement is the sum of the levels below it; a blank requirement means every "
    "cell below is \u201c-\u201d (no requirement)."
)
DETAIL_TABS = (
    N_("Countries"),
    N_("Offices"),
    N_("Outlook statements and indicators"),
    N_("Initiatives (global, via MiGOF)"),
)
CROSSWALK_HEADING = N_("The crosswalk between the frameworks")
CROSSWALK_NOTE = N_(
    "How the 2020-2024 priorities, the 2015-2020 thematic areas and objectives, the 2016 "
    "programmatic funding areas and the MiGOF principles and objectives are linked. "
    "\u201cJudgement\u201d rows are mappings made for this dashboard from the quoted text; no "
    "document states them. The drill-down uses only the \u201ccontinues\u201d and "
    "\u201cfunded under\u201d links, which form a tree."
)
ROOT_LABEL = N_("SEEECA, all programmatic areas")
LEVEL_COLUMN, NAME_COLUMN = N_("Level"), N_("Name")
# The frameworks the crosswalk links, as strategy_crosswalk names them.
FRAMEWORKS = (
    N_("Strategy 2020-2024"),
    N_("Strategy 2015-2020"),
    N_("Migration Initiatives 2016"),
    "MiGOF",
)
CELL_NOTE = N_("A cell of the SEEECA table of Migration Initiatives 2016.")
CRUMB_LENGTH = 48
CRUMB_SEPARATOR = "\u203a "


def funding_source(migration_initiatives: str) -> str:
    """The source line of every requirement: the 2016 table, and the crosswalk above it
    (`migration_initiatives`: the document's citation, marked as English where it must be)."""
    return _(
        "{citation}, SEEECA regional table; levels above the funding areas by the crosswalk below"
    ).format(citation=migration_initiatives)


def offices_source(strategy: str) -> str:
    return _("{citation}, Annex 1").format(citation=strategy)


def node_label(code: object, title: str) -> str:
    """A level's name in the page's language: "SP1: <title>" for a coded element, the title
    (translated through the data catalogue) otherwise."""
    if title == ROOT_LABEL:
        return _(ROOT_LABEL)
    return f"{code}: {d_(title)}" if isinstance(code, str) and code else d_(title)


def coded_title(text: object) -> object:
    """An element named "CODE: title" by a query, with the title translated."""
    if not isinstance(text, str):
        return text
    code, colon, title = text.partition(": ")
    if colon and code and " " not in code.strip():
        return f"{code}: {d_(title)}"
    return d_(text)


def level_heading(node: Mapping) -> str:
    """The heading over a level: "Strategic priority 2020-2024: SP1: ..."."""
    return _("{level}: {name}").format(level=node["level_name"], name=node["label"])


def drilldown_tree(rows: pd.DataFrame) -> pd.DataFrame:
    """The tree with each level named, and its areas and elements as tuples (hashable scopes)."""
    tree = rows.copy()
    tree["level_name"] = [_(LEVEL_NAMES[level]) for level in tree["level"]]
    tree["label"] = [
        node_label(code, title) for code, title in zip(tree["code"], tree["title"], strict=True)
    ]
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


def basis_label(basis: object) -> object:
    """How a link is known (stated in a document, or a judgement), in words."""
    return _(BASIS_LABELS[basis]) if basis in BASIS_LABELS else basis


def justification(
    node: Mapping, parent_title: str | None, english: Callable[[str], str] = str
) -> str | None:
    """Why a level sits under its parent, in the page's language (`english` marks a document's
    title that stays English): a pillar and a priority are placed by the strategy itself, a
    thematic or funding area by the crosswalk's justification, a country by its table cell."""
    level = int(node["level"])
    if level == 1:
        return _("A pillar of the {document}.").format(document=english(node["document"]))
    if level == 2:
        return _('The {document} places "{priority}" under the pillar {pillar}.').format(
            document=english(node["document"]),
            priority=d_(node["title"]),
            pillar=d_(parent_title),
        )
    if level == COUNTRY_LEVEL:
        return _(CELL_NOTE)
    return d_(node["justification"])


def placement_note(node: Mapping, parent_label: str, why: str) -> str:
    """Why a level sits under its parent: stated in a document, or a judgement, and the text."""
    return ":material/account_tree: " + _(
        "Placed under \u201c{parent}\u201d: {basis}. {why}"
    ).format(parent=parent_label, basis=basis_label(node["basis"]), why=why)


def outlook_note(country_level: bool) -> str:
    """What the outlook tab lists."""
    if country_level:
        return _(
            "Statements attached to the priorities and thematic areas this level belongs to or "
            "contains, with the indicator links that cover this country."
        )
    return _(
        "Statements attached to the priorities and thematic areas this level belongs to or "
        "contains."
    )


def initiatives_note(label: str, country_level: bool) -> str:
    """Why the initiatives tab lists global items, and never adds their USD to the level."""
    note = _(
        "These initiatives are **global** items of the MiGOF chapters of Migration Initiatives "
        "2016, not SEEECA or country projects. They are linked to this level only because the "
        "crosswalk ties its funding areas to a MiGOF principle or objective. Their USD is not part "
        "of the SEEECA requirement and is not added to any total here."
    )
    if country_level:
        note += " " + _("None is specific to {place}.").format(place=label)
    return note


def children(tree: pd.DataFrame, node_id: str) -> pd.DataFrame:
    """The levels directly below a node with their requirement and share of the node, as shown."""
    rows = tree[tree["parent_id"] == node_id]
    total = tree.loc[tree["node_id"] == node_id, "usd"].sum()
    parent_title = tree.loc[tree["node_id"] == node_id, "title"].iloc[0]
    usd = rows["usd"].astype("Float64")
    return pd.DataFrame(
        {
            "node_id": rows["node_id"],
            _(LEVEL_COLUMN): rows["level_name"],
            _(NAME_COLUMN): rows["label"],
            _("Requirement (USD)"): usd.round(0).astype("Int64"),
            _("Share of this level (%)"): (usd / total * 100).round(1) if total else pd.NA,
            _("Countries"): rows["countries"].astype("Int64"),
            _("Placed here by"): rows["basis"].map(basis_label),
            _("Why"): [justification(row, parent_title) for row in rows.to_dict("records")],
        }
    ).reset_index(drop=True)


# The page's tables: each query's columns in the order shown, with their headings; columns
# left out (ids) are not shown.
COUNTRY_COLUMNS = {
    "place": N_("Country or programme"),
    "subregion": N_("Subregion"),
    "usd": N_("Requirement (USD)"),
    "share": N_("Share of this level (%)"),
    "offices": N_("IOM offices"),
    "by_area": N_("By funding area (USD)"),
}
OFFICE_COLUMNS = {
    "name": N_("Office"),
    "office_type": N_("Type"),
    "city": N_("City"),
    "country": N_("Country"),
    "reports_to": N_("Reports to"),
    "source_section": N_("Source section"),
}
OUTLOOK_COLUMNS = {
    "short_title": N_("Statement"),
    "attached_to": N_("Attached to"),
    "statement": N_("Text"),
    "testable": N_("Testable with data"),
    "links": N_("Indicators to watch (expected, where)"),
    "document": N_("Document"),
    "source_section": N_("Section"),
}
INITIATIVE_COLUMNS = {
    "title": N_("Initiative"),
    "usd": N_("Requirement (USD)"),
    "migof_element": N_("MiGOF chapter"),
    "linked_through": N_("Linked through (crosswalk)"),
    "quote": N_("Quote"),
    "document": N_("Document"),
    "source_section": N_("Section"),
}
CROSSWALK_COLUMNS = {
    "from_name": N_("From element"),
    "from_framework": N_("From framework"),
    "relation": N_("Relation"),
    "to_name": N_("To element"),
    "to_framework": N_("To framework"),
    "basis": N_("Basis"),
    "in_drilldown": N_("Used by the drill-down"),
    "justification": N_("Justification"),
    "source": N_("Source"),
    "from_element_id": "from_id",
    "to_id": "to_id",
}


def labelled(rows: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """A query's rows as a page table: the `columns` (query column -> heading) in their order,
    a basis spelled out."""
    return pd.DataFrame(
        {
            _(heading): rows[column].map(basis_label) if column == "basis" else rows[column]
            for column, heading in columns.items()
        }
    ).reset_index(drop=True)


def node_countries(rows: pd.DataFrame) -> pd.DataFrame:
    """strategy_node_countries rows as shown."""
    return labelled(
        rows.assign(
            usd=rows["usd"].astype("Int64"),
            place=rows["place"].map(d_),
            subregion=rows["subregion"].map(d_),
            by_area=rows["by_area"].map(by_area_text),
        ),
        COUNTRY_COLUMNS,
    )


def by_area_text(cells: object) -> str:
    """A place's requirement per funding area, as one cell: "Migrant assistance 3,000,000;
    Migration health 1,000,000" (the areas in the page's language, the amounts in its digits)."""
    if not isinstance(cells, Sequence | np.ndarray):
        return ""
    return "; ".join(
        f"{d_(cell['area'])} {_exact(cell['usd'])}" for cell in cells if cell is not None
    )


def _exact(usd: float) -> str:
    """Whole dollars with the language's thousands separator: 1,000,000 (1 000 000)."""
    text = f"{usd:,.0f}"
    return text if i18n.language() == i18n.DEFAULT_LANGUAGE else text.replace(",", i18n.NBSP)


def node_offices(rows: pd.DataFrame) -> pd.DataFrame:
    """strategy_node_offices rows as shown."""
    # towns and countries are names: the names table has them in both languages
    named = {
        column: rows[column].map(place_name if column in ("city", "country") else d_)
        for column in ("name", "office_type", "city", "country", "reports_to")
    }
    return labelled(rows.assign(**named), OFFICE_COLUMNS)


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
            _("whole region")
            if scope is None
            else ", ".join(d_(country_names.get(iso3, iso3)) for iso3 in scope.split(";"))
        )
        family = _(family_labels.get(link["indicator_family"], link["indicator_family"]))
        parts.append(
            _("{family}: {expectation} ({where})").format(
                family=family, expectation=_(expectations[link["expectation"]]), where=where
            )
        )
    return "; ".join(parts)


def node_outlook(
    rows: pd.DataFrame, family_labels: Mapping[str, str], country_names: Mapping[str, str]
) -> pd.DataFrame:
    """strategy_node_outlook rows as shown: each statement by its short title, its indicator
    tests by name."""
    tests = [indicator_tests(links, family_labels, country_names) for links in rows["links"]]
    return labelled(
        rows.assign(
            links=tests,
            short_title=rows["short_title"].map(d_),
            attached_to=rows["attached_to"].map(coded_title),
        ),
        OUTLOOK_COLUMNS,
    )


def node_initiatives(rows: pd.DataFrame) -> pd.DataFrame:
    """strategy_node_initiatives rows as shown (the initiatives' titles and quotes as published)."""
    return labelled(
        rows.assign(migof_element=rows["migof_element"].map(coded_title)), INITIATIVE_COLUMNS
    )


def crosswalk(rows: pd.DataFrame) -> pd.DataFrame:
    """strategy_crosswalk rows as shown, with each link's basis spelled out and its source."""
    cited = rows.assign(
        source=rows["document"] + ", " + rows["source_section"].fillna(""),
        from_name=rows["from_name"].map(coded_title),
        to_name=rows["to_name"].map(coded_title),
        from_framework=rows["from_framework"].map(framework_name),
        to_framework=rows["to_framework"].map(framework_name),
        relation=rows["relation"].map(d_),
        justification=rows["justification"].map(d_),
    )
    return labelled(cited, CROSSWALK_COLUMNS)


def framework_name(name: object) -> object:
    """A framework as the crosswalk names it, in the page's language."""
    return _(name) if name in FRAMEWORKS else name
