"""Strategy drill-down: pillar -> strategic priority -> thematic area -> programmatic funding area
-> country, each level with its 2016 SEEECA requirement, countries, offices, outlook statements
and linked initiatives; and the crosswalk that the tree is built from."""

import streamlit as st

from dashboard import cache, sidebar, ui, url_state
from dashboard.charts import strategy as charts
from dashboard.content import strategy as content
from dashboard.queries import names as name_queries
from dashboard.queries import strategy as q

NODE_PARAM = "node"
MI_2016 = cache.shaped(
    name_queries.first_citation,
    name_queries.source_citation,
    name_queries.MIGRATION_INITIATIVES_2016,
)
STRATEGY_2020 = cache.shaped(
    name_queries.first_citation, name_queries.source_citation, name_queries.STRATEGY_2020
)
FUNDING_SOURCE = (
    f"{MI_2016}, SEEECA regional table; levels above the funding areas by the crosswalk below"
)
DETAIL_TABS_KEY = "strategy_detail"
DETAIL_TABS = (
    "Countries",
    "Offices",
    "Outlook statements and indicators",
    "Initiatives (global, via MiGOF)",
)


def go_to(node_id: str) -> None:
    url_state.write(NODE_PARAM, node_id, None)


def on_tree_click(key: str, current: str, parent: str | None) -> None:
    """A click on a box opens it; a click on the box of the level shown goes back up, as the
    treemap itself does."""
    points = (st.session_state.get(key) or {}).get("selection", {}).get("points", [])
    if points and points[0].get("id"):
        clicked = points[0]["id"]
        go_to(parent if clicked == current and parent else clicked)


filters, options = sidebar.current()
st.title("Strategy drill-down: from priorities to funding")
st.caption(
    f"Showing {filters.describe(options)}. Requirements are the Migration Initiatives 2016 "
    "SEEECA table (one edition: the year filter does not apply); the theme filter chooses "
    "the level opened first."
)

tree = cache.shaped(
    content.drilldown_tree,
    q.strategy_drilldown_tree,
    filters.selected_iso3,
    filters.is_whole_region,
)
known = set(tree["node_id"])
wanted = url_state.current(NODE_PARAM, known, None)  # the box clicked last, kept in the link
node_id = wanted or (filters.theme if filters.theme in known else content.ROOT)
node = tree.set_index("node_id").loc[node_id]
scope = cache.derived(
    content.node_scope, tree, node_id, filters.selected_iso3, filters.is_whole_region
)
path = cache.derived(content.path_to, tree, node_id)

with st.container(horizontal=True, key="breadcrumbs"):
    for step, (crumb, label) in enumerate(path):
        st.button(
            f"{'› ' if step else ''}{label[:48]}",
            key=f"crumb-{crumb}",
            on_click=go_to,
            args=(crumb,),
            disabled=crumb == node_id,
            type="tertiary",
        )

st.header(f"{node['level_name']}: {node['label']}")
root_usd = tree.loc[tree["node_id"] == content.ROOT, "usd"].iloc[0]
offices = cache.shaped(content.node_offices, q.strategy_node_offices, scope)
row = st.columns(4)
with row[0]:
    ui.kpi("Requirement 2016 (sum of SEEECA cells)", node["usd"], "usd", FUNDING_SOURCE)
with row[1]:
    ui.kpi(
        "Share of the SEEECA requirement"
        if filters.is_whole_region
        else "Share of the selection's requirement",
        (node["usd"] or 0) / root_usd * 100 if root_usd else None,
        "percent",
        FUNDING_SOURCE,
    )
with row[2]:
    ui.kpi(
        "Countries with a requirement",
        node["countries"],
        "count",
        FUNDING_SOURCE,
        help="Regional programmes are not a country and are counted apart.",
    )
with row[3]:
    ui.kpi(
        "IOM offices in those countries",
        len(offices),
        "count",
        f"{STRATEGY_2020}, Annex 1",
        help="The Regional Office in Vienna counts when the regional programmes line is included.",
    )
if isinstance(node["parent_id"], str):
    st.caption(
        f":material/account_tree: Placed under \u201c{path[-2][1]}\u201d: "
        f"{content.BASIS_LABELS[node['basis']]}. {node['justification']}"
    )
    ui.source_line(f"{node['document']}, {node['source_section']}.")

key, parent = f"tree-{node_id}", node["parent_id"] if isinstance(node["parent_id"], str) else None
treemap = cache.chart(
    charts.drilldown_treemap, tree, node_id, "Click a box to open it; click the top bar to go up"
)
ui.chart_summary(treemap)  # the levels below are also the table under the chart
st.plotly_chart(
    treemap,
    key=key,
    on_select=lambda: on_tree_click(key, node_id, parent),
    selection_mode="points",
    width="stretch",
    config={"displaylogo": False},
)
below = cache.derived(content.children, tree, node_id)
if below.empty:
    st.info("This is the lowest level: one cell of the SEEECA table.", icon=":material/info:")
else:
    choice = f"child-{node_id}"
    st.selectbox(
        f"Open a level below ({below['Level'].iloc[0]})",
        below["node_id"],
        index=None,
        key=choice,
        format_func=dict(zip(below["node_id"], below["Name"], strict=True)).get,
        on_change=lambda: go_to(st.session_state[choice]),
        placeholder="Choose a level",
    )
    ui.table_view(
        below.drop(columns="node_id"), f"strategy-levels-below-{node_id}", blank_missing=True
    )
    st.caption(
        ":material/info: Each level's requirement is the sum of the levels below it; a blank "
        "requirement means every cell below is \u201c-\u201d (no requirement)."
    )
ui.source_line(FUNDING_SOURCE + ".")

# Switching tabs reruns the page, so only the open tab's table is built.
countries, offices_tab, outlook, initiatives = st.tabs(
    list(DETAIL_TABS), key=DETAIL_TABS_KEY, on_change="rerun"
)
with countries:
    if countries.open:
        ui.table_view(
            cache.shaped(content.node_countries, q.strategy_node_countries, scope),
            f"strategy-countries-{node_id}",
            blank_missing=True,
        )
        ui.source_line(f"{FUNDING_SOURCE}; offices: {STRATEGY_2020}, Annex 1.")
with offices_tab:
    if offices_tab.open:
        ui.table_view(offices, f"strategy-offices-{node_id}", blank_missing=True)
        ui.source_line(
            f"{STRATEGY_2020}, Annex 1: IOM offices in the region; Regional Office: "
            "1. Introduction."
        )
with outlook:
    if outlook.open:
        st.caption(
            "Statements attached to the priorities and thematic areas this level belongs to or "
            "contains"
            + (", with the indicator links that cover this country." if scope.country else ".")
        )
        ui.table_view(
            cache.shaped(content.node_outlook, q.strategy_node_outlook, scope),
            f"strategy-outlook-{node_id}",
            blank_missing=True,
        )
with initiatives:
    if initiatives.open:
        st.info(
            "These initiatives are **global** items of the MiGOF chapters of Migration Initiatives "
            "2016, not SEEECA or country projects. They are linked to this level only because the "
            "crosswalk ties its funding areas to a MiGOF principle or objective. Their USD is not part "
            "of the SEEECA requirement and is not added to any total here."
            + (f" None is specific to {node['label']}." if scope.country else ""),
            icon=":material/public:",
        )
        ui.table_view(
            cache.shaped(content.node_initiatives, q.strategy_node_initiatives, scope),
            f"strategy-initiatives-{node_id}",
            blank_missing=True,
        )

st.header("The crosswalk between the frameworks")
st.caption(
    "How the 2020-2024 priorities, the 2015-2020 thematic areas and objectives, the 2016 "
    "programmatic funding areas and the MiGOF principles and objectives are linked. "
    "\u201cJudgement\u201d rows are mappings made for this dashboard from the quoted text; no "
    "document states them. The drill-down uses only the \u201ccontinues\u201d and "
    "\u201cfunded under\u201d links, which form a tree."
)
ui.table_view(
    cache.shaped(content.crosswalk, q.strategy_crosswalk), "strategy-crosswalk", blank_missing=True
)
