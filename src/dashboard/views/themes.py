"""The sidebar's theme as the pages read it: the indicator families the chosen element speaks
to (from the warehouse's theme crosswalk) and the indicator catalogue they pick codes from. The
ordering rules are the pure dashboard.themes."""

from __future__ import annotations

import streamlit as st

from dashboard import cache, themes
from dashboard.content.trends import IndicatorMenu
from dashboard.filters import FilterOptions, Filters
from dashboard.queries import themes as theme_q
from dashboard.queries import trends as trend_q


def families(theme: str | None) -> tuple[str, ...]:
    """The chosen element's indicator families in display order; () without a theme."""
    if theme is None:
        return ()
    return cache.shaped(themes.families_of, theme_q.theme_indicator_families, theme)


def menu() -> IndicatorMenu:
    """The indicator catalogue arranged for pickers (built once per warehouse)."""
    return cache.shaped(IndicatorMenu.of, trend_q.indicator_choices_by_family)


def note(
    filters: Filters, options: FilterOptions, theme_families: tuple[str, ...], then: str = ""
) -> None:
    """Under a block the sidebar's theme reorders: which theme and which of its indicators lead,
    then `then` (what the theme does not change on that page). Nothing without a theme."""
    if not theme_families:
        return
    labels = menu().families
    sentence = themes.theme_note(
        options.themes[filters.theme], [labels[f] for f in theme_families if f in labels]
    )
    st.caption(f"{sentence} {then}".strip())
