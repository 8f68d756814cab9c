"""Overview: the region at a glance for the current filters."""

import streamlit as st

from dashboard import sidebar
from dashboard.views import overview as view

filters, options = sidebar.current()
view.heading(filters, options)
# A chosen theme leads every block below with its indicators (the warehouse's theme crosswalk).
theme_families, menu = view.families_and_menu(filters.theme)
view.latest_year(filters, options, theme_families)
view.iom_in_selection(filters)
view.region_wide(filters)
view.funding(filters)
left, right = st.columns([3, 2])
with left:
    view.indicator_map(filters, theme_families, menu)
with right:
    view.strategy()
view.headline_cards(filters, theme_families, menu)
