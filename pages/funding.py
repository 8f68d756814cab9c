"""Funding requirements 2016: a region's table by country and programmatic area, the printed
totals beside the sums, and SEEECA compared with the other IOM regions."""

import streamlit as st

from dashboard import cache, sidebar, ui
from dashboard.content import funding as content
from dashboard.i18n import _
from dashboard.views import funding as view

filters, options = sidebar.current()
st.title(_("Funding requirements 2016"))
st.caption(content.page_caption(filters.describe(options), ui.english), unsafe_allow_html=True)

region = view.region(filters.theme)
view.region_header(region, filters)
if not region.totals["has_region_table"]:
    view.overview_column(region)
else:
    cells = view.region_cells(region, filters)
    matrix = cache.derived(content.requirement_matrix, cells)
    view.total_cards(region, matrix)
    view.requirement_tabs(region, cells, matrix)
    view.breakdowns(region, cells, matrix)

view.regions_compared(region.areas)
