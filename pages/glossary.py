"""Glossary: the acronyms and terms managers meet on the other pages, with where each is defined."""

import streamlit as st

from dashboard import sidebar, themes, ui
from dashboard.views import glossary as view

# the glossary ignores the filters, but a shared link must still get the shell
filters, options = sidebar.current()
view.search_from_link()

st.title("Glossary")
if filters.theme:
    st.caption(
        themes.unaffected_note(options.themes[filters.theme], "the glossary: it lists every term")
    )
st.caption(
    "Acronyms, regions, frameworks and statistical terms used on this dashboard, defined "
    "from the IOM documents; the source column says where."
)
view.terms(view.search())
ui.source_line("the document and section given for each term.")
