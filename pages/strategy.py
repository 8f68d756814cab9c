"""Strategy drill-down: pillar -> strategic priority -> thematic area -> programmatic funding area
-> country, each level with its 2016 SEEECA requirement, countries, offices, outlook statements
and linked initiatives; and the crosswalk that the tree is built from."""

import streamlit as st

from dashboard import cache, sidebar
from dashboard.content import strategy as content
from dashboard.i18n import _
from dashboard.queries import strategy as q
from dashboard.views import strategy as view

filters, options = sidebar.current()
st.title(_("Strategy drill-down: from priorities to funding"))
st.caption(
    _("Showing {selection}.").format(selection=filters.describe(options)) + " " + _(content.INTRO)
)

tree = cache.shaped(
    content.drilldown_tree,
    q.strategy_drilldown_tree,
    filters.selected_iso3,
    filters.is_whole_region,
)
node_id = view.chosen_node(tree, filters.theme)
node = tree.set_index("node_id").loc[node_id]
scope = cache.derived(
    content.node_scope, tree, node_id, filters.selected_iso3, filters.is_whole_region
)
offices = cache.shaped(content.node_offices, q.strategy_node_offices, scope)
path = cache.derived(content.path_to, tree, node_id)

view.breadcrumbs(path, node_id)
st.header(content.level_heading(node))
view.figures(tree, node, offices, filters.is_whole_region)
view.placement(tree, node, path)
view.treemap(tree, node)
view.levels_below(tree, node_id)
view.details(node, scope, offices, options.countries)
view.crosswalk()
