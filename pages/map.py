"""Offices map: where IOM works in the region, optionally over an indicator coloured by country."""

import streamlit as st

from dashboard import cache, config, maps, sidebar, themes, ui, url_state
from dashboard.content import trends as trend_content
from dashboard.content.overview import FIGURE_OFFICES
from dashboard.queries import names as name_queries
from dashboard.queries import offices as q
from dashboard.queries import trends as trend_q
from dashboard.queries.overview import key_figures_with_source
from dashboard.views import themes as theme_view

INDICATOR_KEY = "indicator"
YEAR_KEY = "indicator_year"
THEME_KEY = "map_theme"

filters, options = sidebar.current()
st.title("IOM offices in the region")
st.caption(
    f"Showing {filters.describe(options)}. Offices {config.OFFICES_AS_OF} (Annex 1 of the "
    "2020-2024 strategy); the Regional Office in Vienna is always shown."
)

counts = cache.query(q.office_type_counts, filters.selected_iso3).set_index("office_type")
table_a1 = cache.query(key_figures_with_source, (FIGURE_OFFICES,)).iloc[0]
offices = cache.query(q.offices_on_map, filters.selected_iso3)
annex_1 = f"{counts.loc['country', 'document']}, Annex 1: IOM offices in the region ({config.OFFICES_AS_OF})"
in_region = int(
    counts.loc["country", "offices_in_region"] + counts.loc["sub-office", "offices_in_region"]
)

row = st.columns(4)
with row[0]:
    ui.kpi(
        "Offices and sub-offices",
        int(counts.loc["country", "offices_shown"] + counts.loc["sub-office", "offices_shown"]),
        "count",
        f"{table_a1['document']}, {table_a1['source_section']}; list in Annex 1",
        help=f"Counted from the Annex 1 list: {in_region} in the region, as Table A1 prints "
        f"({table_a1['value']:.0f}). The Regional Office in Vienna comes on top.",
    )
for column, office_type, label in zip(
    row[1:],
    ("country", "sub-office", "regional"),
    ("Country offices", "Sub-offices", "Regional Office (Vienna)"),
    strict=True,
):
    with column:
        ui.kpi(
            label,
            int(counts.loc[office_type, "offices_shown"]),
            "count",
            annex_1,
            help=f"{counts.loc[office_type, 'offices_in_region']} in the whole region.",
        )

names = cache.shaped(maps.indicator_names, q.map_indicators)  # code -> name
# A chosen theme colours the countries by its first indicator and lists its indicators first.
menu = cache.shaped(trend_content.IndicatorMenu.of, trend_q.indicator_choices_by_family)
theme_families = theme_view.families(filters.theme)
lead = themes.lead_code(menu.defaults, theme_families, None)
codes = (
    cache.derived(themes.codes_theme_first, tuple(names), menu.family_of, theme_families)
    if theme_families
    else list(names)
)
warnings = url_state.seed(INDICATOR_KEY, names, lead)
if st.session_state.setdefault(THEME_KEY, filters.theme) != filters.theme:
    st.session_state[THEME_KEY] = filters.theme  # a new theme in the sidebar: colour by its lead
    st.session_state[INDICATOR_KEY] = lead
controls = st.columns([5, 2])
with controls[0]:
    code = st.selectbox(
        "Colour the countries by",
        codes,
        index=None,
        format_func=names.get,
        key=INDICATOR_KEY,
        placeholder="Nothing: offices only (choose an indicator)",
    )
url_state.write(INDICATOR_KEY, code, lead)
if theme_families:
    st.caption(
        themes.theme_note(
            options.themes[filters.theme],
            [menu.families[f] for f in theme_families if f in menu.families],
        )
        + " The offices are the same for every theme."
    )
year = None
if code is not None:
    years = cache.query(q.map_indicator_years, code, filters.year_from, filters.year_to)
    choices = [int(y) for y in years["year"]]
    warnings += url_state.seed(YEAR_KEY, choices, choices[-1])
    url_state.keep_valid(YEAR_KEY, choices, choices[-1])
    with controls[1]:
        year = st.selectbox("Year", choices, key=YEAR_KEY)
    if not years["in_filter_range"].all():
        st.info(
            f"This indicator has no value in {filters.year_from}-{filters.year_to} (the "
            "sidebar's years): its own years are offered instead.",
            icon=":material/event_busy:",
        )
else:  # no indicator: a year in the link has nothing to colour
    warnings += url_state.seed(YEAR_KEY, [], None)
url_state.write(YEAR_KEY, year, None if code is None else choices[-1])
url_state.warn(warnings)

indicator = None
if code is not None:
    indicators = cache.query(q.map_indicators)
    definition = indicators[indicators["indicator_code"] == code].iloc[0]
    values = cache.query(q.map_indicator_values, code, year)
    indicator = (
        values,
        definition["unit"],
        definition["name"],
        bool(definition["kosovo_in_serbia"]),
    )
deck, classes = cache.chart(
    maps.offices_deck,
    offices,
    filters.selected_iso3,
    filters.is_whole_region,
    indicator,
    height=600,
    places=cache.query(name_queries.country_labels),
)

map_column, side_panel = st.columns([5, 2])
with map_column:
    ui.map_view(
        deck,
        height=600,
        iso3=filters.selected_iso3,
        alt=f"Map of the {len(offices)} IOM offices shown ({config.OFFICES_AS_OF}); "
        "the table below lists them.",
    )
    ui.source_line(f"{maps.offices_source(offices)}. {maps.basemap_source()}")
with side_panel:
    st.markdown(f"**{maps.office_legend_title()}**")
    st.image(
        maps.legend_svg(maps.office_legend(counts.reset_index())),
        alt="Legend: Regional Office, large vermillion dot; country office, blue dot; "
        "sub-office, small orange dot.",
    )
    st.info(
        "**Israel** has no IOM office: it is covered by the Regional Office in Vienna (Annex 1).",
        icon=":material/info:",
    )
    for note in maps.stand_in_notes(offices):
        st.caption(f":material/location_off: {note}")
    if code is not None:
        st.markdown(f"**{definition['name']}, {year}**")
        st.image(
            maps.legend_svg(maps.choropleth_legend(classes)),
            alt=f"Legend, light to dark: {'; '.join(classes['range'])}",
        )
        ui.source_line(f"{definition['cite_as']}.")
        kosovo = maps.kosovo_note(bool(definition["kosovo_in_serbia"]), filters.selected_iso3)
        if kosovo:
            st.caption(f":material/info: {kosovo}")
        st.caption(f":material/info: {definition['caveat']}")

st.header(f"Offices shown ({config.OFFICES_AS_OF})")
ui.table_view(cache.query(q.office_directory, filters.selected_iso3), "offices-shown")
ui.source_line(f"{maps.offices_source(offices)}; coordinates and names from GeoNames.")
ui.findings(
    cache.query(q.office_findings),
    title="Office names and contacts as printed in the documents: data-quality notes",
)
