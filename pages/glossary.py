"""Glossary: the acronyms and terms managers meet on the other pages, with where each is defined."""

import streamlit as st

from dashboard import sidebar, ui
from dashboard.i18n import _, d_
from dashboard.views import glossary as view

# the glossary ignores the filters, but a shared link must still get the shell
filters, options = sidebar.current()
view.search_from_link()

st.title(_("Glossary"))
if filters.theme:
    st.caption(
        _("The theme {theme} does not change the glossary: it lists every term.").format(
            theme=d_(options.themes[filters.theme].strip())
        )
    )
st.caption(
    _(
        "Acronyms, regions, frameworks and statistical terms used on this dashboard, defined "
        "from the IOM documents; the source column says where."
    )
)
view.terms(view.search())
ui.source_line(_("the document and section given for each term."), translated=True)
