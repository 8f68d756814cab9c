"""Data and sources: the build, the tables, their sources, data-quality findings, indicator
coverage and how to refresh: the page to open before trusting a number."""

import streamlit as st

from dashboard import sidebar
from dashboard.views import data_sources as view

filters, options = sidebar.current()
st.title("Data and sources")
st.caption(
    "What every number on this dashboard rests on: the tables, their sources, the checks "
    "the data passed and the problems found in the documents."
)

view.sources()
view.headline_rule()
view.revisions()
view.theme_indicators(filters.theme)
view.findings()
view.coverage(filters)
st.caption(f"Showing {filters.describe(options)}.")

# Files, tables, codes and the build: for whoever maintains the data, out of a reader's way.
view.technical_details()
