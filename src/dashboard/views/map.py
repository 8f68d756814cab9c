"""Streamlit blocks of the offices map page, in the order the page draws them: office cards, the
indicator picker (bound to the link), the map with its legend panel, the office list. Cards and
notes are worded in the pure dashboard.content.map; the deck is built by dashboard.maps
and drawn as SVG by dashboard.svgmap."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import cache, config, maps, svgmap, themes, ui, url_state
from dashboard.content import map as content
from dashboard.content.overview import FIGURE_OFFICES
from dashboard.filters import FilterOptions, Filters
from dashboard.i18n import _, d_
from dashboard.queries import names as name_queries
from dashboard.queries import offices as q
from dashboard.queries.overview import key_figures_with_source
from dashboard.views import themes as theme_view

INDICATOR_KEY = "indicator"
YEAR_KEY = "indicator_year"
THEME_KEY = "map_theme"
MAP_HEIGHT = maps.OFFICES_MAP_HEIGHT_PX


@dataclass(frozen=True)
class Colouring:
    """The indicator the countries are coloured by, in the year chosen, and its catalogue row."""

    code: str
    year: int
    definition: pd.Series


def heading(filters: Filters, options: FilterOptions) -> None:
    st.title(_("IOM offices in the region"))
    st.caption(content.introduction(filters.describe(options), config.OFFICES_AS_OF))


def office_cards(filters: Filters) -> None:
    """The offices shown (against Table A1's total for the region), then one card per type."""
    counts = cache.shaped(content.office_counts, q.office_type_counts, filters.selected_iso3)
    table_a1 = cache.query(key_figures_with_source, (FIGURE_OFFICES,)).iloc[0]
    annex_1 = content.annex_source(ui.english(counts.document), config.OFFICES_AS_OF)
    row = st.columns(4)
    with row[0]:
        ui.kpi(
            _("Offices and sub-offices"),
            counts.offices_shown,
            "count",
            content.total_source(
                ui.english(table_a1["document"]), ui.english(table_a1["source_section"])
            ),
            help=content.total_help(counts, table_a1),
            translated=True,
        )
    for column, (office_type, label) in zip(row[1:], content.OFFICE_TYPE_CARDS, strict=True):
        with column:
            ui.kpi(
                _(label),
                counts.shown[office_type],
                "count",
                annex_1,
                help=content.in_region_help(counts, office_type),
                translated=True,
            )


def colouring(filters: Filters, options: FilterOptions) -> Colouring | None:
    """The indicator picker and its year (both in the link); None: offices only. A chosen theme
    colours the countries by its first indicator and lists its indicators first."""
    names = cache.shaped(maps.indicator_names, q.map_indicators)  # code -> name
    menu = theme_view.menu()
    theme_families = theme_view.families(filters.theme)
    lead = themes.lead_code(menu.defaults, theme_families, None)
    codes = (
        cache.derived(themes.codes_theme_first, tuple(names), menu.family_of, theme_families)
        if theme_families
        else list(names)
    )
    warnings = url_state.seed(INDICATOR_KEY, names, lead)
    if st.session_state.setdefault(THEME_KEY, filters.theme) != filters.theme:
        st.session_state[THEME_KEY] = (
            filters.theme
        )  # a new theme in the sidebar: colour by its lead
        st.session_state[INDICATOR_KEY] = lead
    controls = st.columns([5, 2])
    with controls[0]:
        code = st.selectbox(
            _("Colour the countries by"),
            codes,
            index=None,
            format_func=lambda code: d_(names.get(code)),
            key=INDICATOR_KEY,
            placeholder=_("Nothing: offices only (choose an indicator)"),
        )
    url_state.write(INDICATOR_KEY, code, lead)
    theme_view.note(
        filters, options, theme_families, _("The offices are the same for every theme.")
    )
    if code is None:  # no indicator: a year in the link has nothing to colour
        warnings += url_state.seed(YEAR_KEY, [], None)
        url_state.write(YEAR_KEY, None, None)
        url_state.warn(warnings)
        return None
    years = cache.query(q.map_indicator_years, code, filters.year_from, filters.year_to)
    choices = [int(y) for y in years["year"]]
    warnings += url_state.seed(YEAR_KEY, choices, choices[-1])
    url_state.keep_valid(YEAR_KEY, choices, choices[-1])
    with controls[1]:
        year = st.selectbox(_("Year"), choices, key=YEAR_KEY)
    if not years["in_filter_range"].all():
        st.info(
            content.years_outside_filter(filters.year_from, filters.year_to),
            icon=":material/event_busy:",
        )
    url_state.write(YEAR_KEY, year, choices[-1])
    url_state.warn(warnings)
    indicators = cache.query(q.map_indicators)
    definition = indicators[indicators["indicator_code"] == code].iloc[0]
    return Colouring(code, year, definition)


def offices_map(filters: Filters, colour: Colouring | None) -> None:
    """The offices (over the indicator's colours) beside the legends and notes."""
    offices = cache.query(q.offices_on_map, filters.selected_iso3)
    indicator = None
    if colour is not None:
        indicator = (
            cache.query(q.map_indicator_values, colour.code, colour.year),
            colour.definition["unit"],
            d_(colour.definition["name"]),
            bool(colour.definition["kosovo_in_serbia"]),
        )
    figure, classes = cache.chart(
        svgmap.offices_map,
        offices,
        filters.selected_iso3,
        filters.is_whole_region,
        indicator,
        height=MAP_HEIGHT,
        places=cache.query(name_queries.country_labels),
    )
    map_column, side_panel = st.columns([5, 2])
    with map_column:
        ui.plotly_map(
            figure,
            key="offices",
            iso3=filters.selected_iso3,
            alt=content.map_alt(len(offices), config.OFFICES_AS_OF),
        )
        ui.source_line(f"{maps.offices_source(offices)}. {maps.basemap_source()}")
    with side_panel:
        st.markdown(f"**{maps.office_legend_title()}**")
        legend = maps.office_legend(cache.query(q.office_type_counts, filters.selected_iso3))
        st.image(maps.legend_svg(legend), alt=content.legend_alt())
        st.info(content.israel_note(), icon=":material/info:")
        for note in maps.stand_in_notes(offices):
            st.caption(f":material/location_off: {note}")
        if colour is not None:
            _indicator_legend(filters, colour, classes)


def _indicator_legend(filters: Filters, colour: Colouring, classes: pd.DataFrame) -> None:
    definition = colour.definition
    st.markdown(
        "**"
        + _("{indicator}, {year}").format(indicator=d_(definition["name"]), year=colour.year)
        + "**"
    )
    st.image(
        maps.legend_svg(maps.choropleth_legend(classes)),
        alt=_("Legend, light to dark: {classes}").format(classes="; ".join(classes["range"])),
    )
    ui.source_line(f"{definition['cite_as']}.")
    kosovo = maps.kosovo_note(bool(definition["kosovo_in_serbia"]), filters.selected_iso3)
    if kosovo:
        st.caption(f":material/info: {kosovo}")
    st.caption(f":material/info: {d_(definition['caveat'])}")


def directory(filters: Filters) -> None:
    """Every office shown, with its contacts, and the findings on the published names."""
    st.header(content.offices_shown_heading(config.OFFICES_AS_OF))
    offices = cache.shaped(content.directory_table, q.office_directory, filters.selected_iso3)
    ui.table_view(offices, "offices-shown")
    shown = cache.query(q.offices_on_map, filters.selected_iso3)
    ui.source_line(f"{maps.offices_source(shown)}; coordinates and names from GeoNames.")
    ui.findings(
        cache.query(q.office_findings),
        title=_("Office names and contacts as printed in the documents: data-quality notes"),
    )
