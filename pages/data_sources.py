"""Data and sources: the build, the tables, their sources, data-quality findings, indicator
coverage and how to refresh: the page to open before trusting a number."""

import streamlit as st

from dashboard import sidebar
from dashboard.i18n import _
from dashboard.views import data_sources as view

filters, options = sidebar.current()
st.title(_("Data and sources"))
st.caption(
    _(
        "What every number on this dashboard rests on: the tables, their sources, the checks "
        "the data passed and the problems found in the documents."
    )
)

view.sources()
view.headline_rule()
view.revisions()
view.theme_indicators(filters.theme)
view.findings()
view.coverage(filters)
st.caption(_("Showing {selection}.").format(selection=filters.describe(options)))

# Files, tables, codes and the build: for whoever maintains the data, out of a reader's way.
view.technical_details()
