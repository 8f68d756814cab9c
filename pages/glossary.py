"""Glossary: the acronyms and terms managers meet on the other pages, with where each is defined."""

import streamlit as st

from dashboard import cache, downloads, glossary, sidebar, themes, ui, url_params, url_state
from dashboard.inert import inert, quoted
from dashboard.queries import catalog as q

PARAM_SEARCH = "q"
# the glossary ignores the filters, but a shared link must still get the shell
filters, options = sidebar.current()

url_state.warn(url_state.seed(PARAM_SEARCH, None, ""))  # the link may carry a search

st.title("Glossary")
if filters.theme:
    st.caption(
        themes.unaffected_note(options.themes[filters.theme], "the glossary: it lists every term")
    )
st.caption(
    "Acronyms, regions, frameworks and statistical terms used on this dashboard, defined "
    "from the IOM documents; the source column says where."
)
typed = st.text_input(
    "Search terms and definitions",
    key=PARAM_SEARCH,
    max_chars=url_params.SEARCH_MAX_LENGTH,
    placeholder="e.g. AVRR, border, Western Balkans",
    icon=":material/search:",
)
search = url_params.BY_NAME[PARAM_SEARCH].parse(typed) or ""
url_state.write(PARAM_SEARCH, search, "")

terms = cache.query(q.glossary_terms_with_source, search)
total = len(cache.query(q.glossary_terms_with_source, ""))
st.caption(
    inert(f"{len(terms)} of {total} terms" + (f" contain {quoted(search)}." if search else "."))
)
if terms.empty:
    st.info(
        "No term or definition contains this text. Try a shorter word or an acronym.",
        icon=":material/search_off:",
    )
else:
    table = cache.shaped(glossary.describe_glossary, q.glossary_terms_with_source, search)
    # A static table wraps long definitions, which a data grid would cut off.
    st.table(table, hide_index=True)
    st.download_button(
        "Download CSV",
        lambda: downloads.csv_bytes(table),
        file_name="glossary.csv",
        mime="text/csv",
        icon=":material/download:",
    )
ui.source_line("the document and section given for each term.")
