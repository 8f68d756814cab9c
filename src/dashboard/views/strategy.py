"""Streamlit blocks of the strategy drill-down: the breadcrumbs, the level's figures, the
clickable treemap and the levels below, the level's detail tabs, and the crosswalk. The tree is
walked and the tables labelled in the pure dashboard.content.strategy.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from dashboard import cache, ui, url_state
from dashboard.charts import strategy as charts
from dashboard.content import strategy as content
from dashboard.i18n import _
from dashboard.queries import names as name_queries
from dashboard.queries import strategy as q
from dashboard.queries.strategy import NodeScope
from dashboard.views import themes as theme_view

NODE_PARAM = "node"
DETAIL_TABS_KEY = "strategy_detail"


def citations() -> tuple[str, str]:
    """The human citations of the two documents the page cites: (the 2016 requirements with
    the crosswalk above them, the 2020-2024 strategy's office list)."""

    def cited(source_id: str) -> str:
        return cache.shaped(name_queries.first_citation, name_queries.source_citation, source_id)

    return (
        content.funding_source(ui.english(cited(name_queries.MIGRATION_INITIATIVES_2016))),
        content.offices_source(ui.english(cited(name_queries.STRATEGY_2020))),
    )


def go_to(node_id: str) -> None:
    url_state.write(NODE_PARAM, node_id, None)


def chosen_node(tree: pd.DataFrame, theme: str | None) -> str:
    """The level to show: the box clicked last, kept in the link, else the theme's level."""
    known = set(tree["node_id"])
    return content.opening_node(known, url_state.current(NODE_PARAM, known, None), theme)


def breadcrumbs(path: list[tuple[str, str]], node_id: str) -> None:
    """The levels from the root down to the one shown, each a button back to it."""
    with st.container(horizontal=True, key="breadcrumbs"):
        for step, (crumb, label) in enumerate(path):
            st.button(
                content.crumb_label(step, label),
                key=f"crumb-{crumb}",
                on_click=go_to,
                args=(crumb,),
                disabled=crumb == node_id,
                type="tertiary",
            )


def figures(tree: pd.DataFrame, node: pd.Series, offices: pd.DataFrame, whole_region: bool) -> None:
    """The level's requirement, its share, its countries and their offices."""
    funding_source, offices_source = citations()
    row = st.columns(4)
    with row[0]:
        ui.kpi(
            _("Requirement 2016 (sum of SEEECA cells)"),
            node["usd"],
            "usd",
            funding_source,
            translated=True,
        )
    with row[1]:
        ui.kpi(
            _("Share of the SEEECA requirement")
            if whole_region
            else _("Share of the selection's requirement"),
            content.share_of_root(tree, node.name),
            "percent",
            funding_source,
            translated=True,
        )
    with row[2]:
        ui.kpi(
            _("Countries with a requirement"),
            node["countries"],
            "count",
            funding_source,
            help=_("Regional programmes are not a country and are counted apart."),
            translated=True,
        )
    with row[3]:
        ui.kpi(
            _("IOM offices in those countries"),
            len(offices),
            "count",
            offices_source,
            help=_(
                "The Regional Office in Vienna counts when the regional programmes line is "
                "included."
            ),
            translated=True,
        )


def placement(tree: pd.DataFrame, node: pd.Series, path: list[tuple[str, str]]) -> None:
    """Why the level sits under its parent, and the document that says so."""
    if not isinstance(node["parent_id"], str):
        return
    parent_title = tree.loc[tree["node_id"] == node["parent_id"], "title"].iloc[0]
    why = content.justification(node, parent_title, ui.english)
    st.caption(content.placement_note(node, path[-2][1], why), unsafe_allow_html=True)
    ui.source_line(f"{node['document']}, {node['source_section']}.")


def treemap(tree: pd.DataFrame, node: pd.Series) -> None:
    """The tree from the level down; a click on a box opens it, a click on the box of the
    level shown goes back up, as the treemap itself does."""
    node_id = node.name
    parent = node["parent_id"] if isinstance(node["parent_id"], str) else None
    key = f"tree-{node_id}"

    def clicked() -> None:
        points = (st.session_state.get(key) or {}).get("selection", {}).get("points", [])
        if points and points[0].get("id"):
            box = points[0]["id"]
            go_to(parent if box == node_id and parent else box)

    figure = cache.chart(charts.drilldown_treemap, tree, node_id, _(content.TREEMAP_TITLE))
    ui.chart_summary(figure)  # the levels below are also the table under the chart
    st.plotly_chart(
        figure,
        key=key,
        on_select=clicked,
        selection_mode="points",
        width="stretch",
        config={"displaylogo": False},
    )


def levels_below(tree: pd.DataFrame, node_id: str) -> None:
    """A picker and a table of the levels directly below, or a note at the lowest level."""
    below = cache.derived(content.children, tree, node_id)
    if below.empty:
        st.info(_(content.LOWEST_LEVEL), icon=":material/info:")
    else:
        choice = f"child-{node_id}"
        level, name = _(content.LEVEL_COLUMN), _(content.NAME_COLUMN)
        st.selectbox(
            _("Open a level below ({level})").format(level=below[level].iloc[0]),
            below["node_id"],
            index=None,
            key=choice,
            format_func=dict(zip(below["node_id"], below[name], strict=True)).get,
            on_change=lambda: go_to(st.session_state[choice]),
            placeholder=_("Choose a level"),
        )
        ui.table_view(
            below.drop(columns="node_id"), f"strategy-levels-below-{node_id}", blank_missing=True
        )
        st.caption(f":material/info: {_(content.SUM_NOTE)}")
    ui.source_line(citations()[0] + ".", translated=True)


def details(
    node: pd.Series, scope: NodeScope, offices: pd.DataFrame, country_names: Mapping[str, str]
) -> None:
    """The level's countries, offices, outlook statements and linked initiatives, one tab at a
    time: switching tabs reruns the page, so only the open tab's table is built."""
    funding_source, offices_source = citations()
    node_id, country_level = node.name, scope.country is not None
    countries, offices_tab, outlook, initiatives = st.tabs(
        [_(tab) for tab in content.DETAIL_TABS], key=DETAIL_TABS_KEY, on_change="rerun"
    )
    with countries:
        if countries.open:
            ui.table_view(
                cache.shaped(content.node_countries, q.strategy_node_countries, scope),
                f"strategy-countries-{node_id}",
                blank_missing=True,
            )
            ui.source_line(
                _("{requirements}; offices: {offices}.").format(
                    requirements=funding_source, offices=offices_source
                ),
                translated=True,
            )
    with offices_tab:
        if offices_tab.open:
            ui.table_view(offices, f"strategy-offices-{node_id}", blank_missing=True)
            ui.source_line(
                _("{offices}: IOM offices in the region; Regional Office: {introduction}.").format(
                    offices=offices_source, introduction=ui.english("1. Introduction")
                ),
                translated=True,
            )
    with outlook:
        if outlook.open:
            st.caption(content.outlook_note(country_level))
            ui.table_view(
                cache.derived(
                    content.node_outlook,
                    cache.query(q.strategy_node_outlook, scope),
                    theme_view.menu().families,
                    country_names,
                ),
                f"strategy-outlook-{node_id}",
                blank_missing=True,
            )
    with initiatives:
        if initiatives.open:
            st.info(
                content.initiatives_note(node["label"], country_level), icon=":material/public:"
            )
            ui.table_view(
                cache.shaped(content.node_initiatives, q.strategy_node_initiatives, scope),
                f"strategy-initiatives-{node_id}",
                blank_missing=True,
            )


def crosswalk() -> None:
    """Every link between the frameworks, the drill-down's tree among them."""
    st.header(_(content.CROSSWALK_HEADING))
    st.caption(_(content.CROSSWALK_NOTE))
    ui.table_view(
        cache.shaped(content.crosswalk, q.strategy_crosswalk),
        "strategy-crosswalk",
        blank_missing=True,
    )
