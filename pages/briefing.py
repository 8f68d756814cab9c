"""Briefing: one insight per screen for a country or the sidebar selection, and its exports."""

from dashboard import sidebar
from dashboard.views import briefing as view

filters, options = sidebar.current()
present = view.presentation_mode()
chosen = view.briefing_choice(filters, options, present)
deck = view.briefing_deck(chosen, filters, options)

if not present:
    view.briefing_heading(deck)
view.current_slide(deck, present)
if not present:
    view.export_panel(deck)
