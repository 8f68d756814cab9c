"""Indicator trends: one indicator over time for each selected country, with the regional
aggregate where adding up is meaningful, and a map and a ranking for one year."""

import streamlit as st

from dashboard import cache, sidebar
from dashboard.content import trends as content
from dashboard.i18n import _
from dashboard.views import trends as view

filters, options = sidebar.current()
st.title(_("Indicator trends"))
st.caption(_("Showing {selection}.").format(selection=filters.describe(options)))

indicator = view.indicator_pickers(filters, options)
compare = view.compare_toggle(indicator)
projected = view.projection_picker(indicator)

years = view.years_with_data(indicator, filters, options)  # stops the page when there are none
year = view.chosen_year(years)
values = view.values_in_year(indicator, filters, year)
aggregates = view.aggregates(indicator, filters, options, year, values, compare)
caveats = content.base_caveats(indicator.definition) + [
    cache.derived(content.coverage_note, aggregate) for aggregate in aggregates
]

view.trend_lines(indicator, filters, options, aggregates, compare, years[-1], projected, caveats)
view.map_and_ranking(indicator, filters, years, values, caveats)
