"""Briefing: one insight per screen for a country or the sidebar selection, and its exports."""

from datetime import date

import streamlit as st

from dashboard import briefing, cache, sidebar
from dashboard.views import briefing as briefing_view
from dashboard.views import themes as theme_view

filters, options = sidebar.current()
present = briefing_view.presentation_mode()

with st.container(horizontal=True, vertical_alignment="bottom"):
    if not present:
        chosen = briefing_view.country_picker(
            filters, options, key="briefing_country", allow_selection=True
        )
    else:
        chosen = st.session_state.get("briefing_country") or briefing_view.country_from_link(
            options
        )
    briefing_view.presentation_controls(present)

theme_families = theme_view.families(filters.theme)
if chosen in options.countries:
    scope = briefing.country_scope(chosen, options, filters.years, filters.theme, theme_families)
else:
    scope = briefing.selection_scope(filters, options, theme_families)
deck = cache.briefing_for(scope, date.today().strftime("%d %B %Y"))

if not present:
    st.title(f"Briefing: {scope.label}")
    st.caption(
        f"{len(deck.screens)} slides, one insight each. Previous/next or the arrow keys move "
        "between them; the slide number is in the address bar. The same slides make the PowerPoint "
        "and the PDF below."
    )

number = briefing_view.slide_number(len(deck.screens))
screen = deck.screens[number - 1]
with st.container(border=not present):
    briefing_view.show_screen(screen, deck, present)

if not present:
    briefing_view.export_panel(deck)
