"""Streamlit pieces of the migration corridors: a country's emigrants by destination and
immigrants by origin (country page), the main corridors of a selection (corridors page). Figures,
tables and sentences come from the pure dashboard.charts.corridors."""

from __future__ import annotations

import functools

import streamlit as st

from dashboard import cache, ui, url_state
from dashboard.charts import corridors as charts
from dashboard.i18n import N_, _
from dashboard.queries import corridors as q

TOP = 10
# The corridors page: how many corridors it draws (choices, default) and its two link parameters.
TOP_CHOICES, DEFAULT_TOP = (10, 15, 20, 30), 15
PARAM_TOP, PARAM_GROUPED = "corridors", "corridor_groups"
INTRODUCTION = N_(
    "Where people from the selected countries live and where the migrants living there come "
    "from, in mid-2024: the largest origin-destination pairs that start or end in the selection. "
    "UN DESA counts people living outside their country of birth (or citizenship); the "
    "sidebar's year range does not apply (one edition, one year)."
)


def heading() -> None:
    st.title(_("Migration corridors"))
    st.caption(_(INTRODUCTION))


def choices() -> tuple[int, bool]:
    """How many corridors to draw and whether countries are grouped: two controls whose values
    live in the link (?corridors=, ?corridor_groups=)."""
    url_state.warn(url_state.seed(PARAM_TOP, TOP_CHOICES, DEFAULT_TOP))
    left, right = st.columns([2, 3], vertical_alignment="bottom")
    top = left.segmented_control(
        _("Corridors shown"), TOP_CHOICES, key=PARAM_TOP, format_func=str, required=True
    )
    url_state.write(PARAM_TOP, top, DEFAULT_TOP)
    grouped = url_state.toggle(
        PARAM_GROUPED,
        _("Group countries (SEEECA subregions, European Union)"),
        help=_(
            "Central Asia to the Russian Federation, Eastern Europe to the European Union: the "
            "subregions and the EU as one place each."
        ),
        where=right,
    )
    return int(top or DEFAULT_TOP), grouped


def showing(scope: str) -> None:
    st.caption(_("Showing {selection}, mid-2024.").format(selection=scope))


def country_corridors(iso3: str, name: str) -> None:
    """Where the country's emigrants live and where its immigrants come from, mid-2024."""
    st.subheader(_("Migration corridors: where its emigrants live, where its migrants come from"))
    groups = cache.query(q.corridor_groups, iso3)
    if groups.empty:
        st.info(
            _(
                "UN DESA's International Migrant Stock has no row for {name}: Serbia's population"
                " note says Serbia excludes Kosovo (UNSCR 1244), and the migrant notes do not say"
                " whether Serbia's migrant figures include those of Kosovo (UNSCR 1244)."
            ).format(name=name),
            icon=":material/info:",
        )
        return
    left, right = st.columns(2)
    for column, query, place, label, direction, title in (
        (
            left,
            q.country_destinations,
            "destination",
            _("Destination"),
            "emigrants",
            _("Emigrants from {name}, top {top} destinations, 2024").format(name=name, top=TOP),
        ),
        (
            right,
            q.country_origins,
            "origin",
            _("Origin"),
            "immigrants",
            _("International migrants in {name}, top {top} origins, 2024").format(
                name=name, top=TOP
            ),
        ),
    ):
        frame = cache.query(query, iso3, limit=TOP)
        with column:
            sentence = cache.derived(charts.group_sentence, groups, name, direction)
            if sentence:
                st.markdown(f"**{sentence}**")
            if frame.empty:
                message = (
                    _("No emigrant figures for {name}.")
                    if direction == "emigrants"
                    else _("No immigrant figures for {name}.")
                )
                st.info(message.format(name=name), icon=":material/info:")
                continue
            ui.chart_with_table(
                cache.chart(charts.share_bars, frame, place, title),
                functools.partial(charts.place_table, frame, place, label),
                charts.SOURCE,
                f"{iso3}-corridors-{direction}",
                [_(charts.CAVEAT)],
            )


def main_corridors(iso3: tuple[str, ...], scope: str, top: int, grouped: bool = False) -> None:
    """The largest corridors into, out of and within the selection: a flow diagram and a table;
    `grouped`: places grouped into SEEECA subregions, the European Union and other countries."""
    query = q.main_corridors_grouped if grouped else q.main_corridors
    corridors = cache.query(query, iso3, limit=top)
    if corridors.empty:
        st.info(
            _("No corridor figures for {selection}.").format(selection=scope),
            icon=":material/info:",
        )
        return
    title = (
        _("The {count} largest corridors between groups of countries, mid-2024")
        if grouped
        else _("The {count} largest corridors, mid-2024")
    )
    reading = _(
        "Band width is the number of migrants; colours show where the origin is (SEEECA region, "
        "European Union, elsewhere). A country both sending and receiving appears on both sides."
    )
    if grouped:
        reading += " " + _(
            "Grouped: a SEEECA country is shown by its subregion (the Russian Federation, Türkiye "
            "and Israel by name), the 27 EU member states as one."
        )
    ui.chart_with_table(
        cache.chart(charts.corridor_sankey, corridors, title.format(count=len(corridors))),
        functools.partial(charts.corridor_table, corridors),
        charts.SOURCE,
        "main-corridors-grouped" if grouped else "main-corridors",
        [_(charts.CAVEAT), reading],
    )
