"""The sidebar's theme as the pages read it: the indicator families the chosen element speaks
to (from the warehouse's theme crosswalk) and the indicator catalogue they pick codes from. The
ordering rules are the pure dashboard.themes."""

from __future__ import annotations

from dashboard import cache, themes
from dashboard.content.trends import IndicatorMenu
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
