"""Streamlit blocks of the glossary page: the search box bound to the link (?q=) and the terms
that match it, as a table that wraps long definitions. Rows and sentences come from the pure
dashboard.glossary."""

from __future__ import annotations

import streamlit as st

from dashboard import cache, glossary, i18n, ui, url_params, url_state
from dashboard.i18n import _
from dashboard.inert import inert
from dashboard.queries import catalog as q

PARAM_SEARCH = "q"


def search_from_link() -> None:
    """Give the search box the link's search on a session's first run; report an unusable one
    (above the title, where a reader of the shared link looks first)."""
    url_state.warn(url_state.seed(PARAM_SEARCH, None, ""))


def search() -> str:
    """The search text, typed or from the link, mirrored into the link."""
    typed = st.text_input(
        _("Search terms and definitions"),
        key=PARAM_SEARCH,
        max_chars=url_params.SEARCH_MAX_LENGTH,
        placeholder=_("e.g. AVRR, border, Western Balkans"),
        icon=":material/search:",
    )
    text = url_params.BY_NAME[PARAM_SEARCH].parse(typed) or ""
    url_state.write(PARAM_SEARCH, text, "")
    return text


def terms(search: str) -> None:
    """The terms whose term or definition contains `search` (all when empty; in Russian the
    translated text is searched too), how many, and their CSV; a hint when none does."""
    every = cache.query(q.glossary_terms_with_source, "")
    shown = cache.derived(glossary.matching, every, search)
    st.caption(inert(glossary.count_caption(len(shown), len(every), search)))
    if shown.empty:
        st.info(
            _("No term or definition contains this text. Try a shorter word or an acronym."),
            icon=":material/search_off:",
        )
        return
    table = cache.derived(glossary.describe_glossary, shown)
    if i18n.language() != i18n.DEFAULT_LANGUAGE:  # said once, where the translation is shown
        st.caption(
            _(
                "Terms, definitions and strategy elements in Russian are the dashboard's own "
                "unofficial translation of the IOM documents; the sources are cited in English."
            )
        )
    ui.static_table(table, "glossary", english=_(glossary.SOURCE_COLUMN))
