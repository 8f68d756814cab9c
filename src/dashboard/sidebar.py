"""The global filters in the sidebar, bound to the URL so a view can be shared as a link."""

from __future__ import annotations

import streamlit as st

from dashboard import cache, config, filters, navigation, ui, url_state
from dashboard.filters import FilterOptions, Filters
from dashboard.queries import filters as filter_queries

SESSION_KEY = "filters"
OPTIONS_KEY = "filter_options"
URL_SEEDED_KEY = "filters_seeded_from_url"
DEFAULT_YEARS = (config.DEFAULT_FIRST_YEAR, None)  # None: the latest year with data


def filter_options() -> FilterOptions:
    """The values each filter accepts, from the warehouse (cached)."""
    countries = cache.query(filter_queries.filter_countries)
    themes = cache.query(filter_queries.filter_themes)
    span = cache.query(filter_queries.indicator_year_span).iloc[0]
    prefix = {1: "", 2: "\u2003", 3: "\u2003\u2003"}
    kind = {1: "Pillar", 2: "Priority", 3: "Thematic area"}
    return FilterOptions(
        subregions=tuple(dict.fromkeys(countries["subregion"])),
        countries=dict(zip(countries["iso3"], countries["name"], strict=True)),
        country_subregion=dict(zip(countries["iso3"], countries["subregion"], strict=True)),
        themes={
            row.element_id: f"{prefix[row.level]}{kind[row.level]}: {row.title}"
            for row in themes.itertuples()
        },
        year_min=int(span["year_min"]),
        year_max=int(span["year_max"]),
    )


def _seed_widgets_from_url(options: FilterOptions, default_years: tuple[int, int]) -> list[str]:
    """On a session's first run, put the link's valid filter values into the widgets; returns
    the messages about the values dropped."""
    years = range(options.year_min, options.year_max + 1)
    messages = []
    for name, choices, default in (
        ("subregion", options.subregions, []),
        ("country", options.countries, []),
        ("theme", options.themes, None),
        ("years", years, []),
    ):
        messages += url_state.seed(name, choices, default)
    chosen = st.session_state["years"]
    st.session_state["years"] = (min(chosen), max(chosen)) if chosen else default_years
    return messages


def _write_url(chosen: Filters, default_years: tuple[int, int]) -> None:
    """Mirror the current filters into the query string (defaults left out to keep links short)."""
    url_state.write("subregion", list(chosen.subregions), [])
    url_state.write("country", list(chosen.countries), [])
    url_state.write("theme", chosen.theme, None)
    url_state.write("years", list(chosen.years), list(default_years))


def render(options: FilterOptions) -> Filters:
    """Draw the sidebar filters, warn about ignored URL values, and return the typed selection."""
    default_years = (max(DEFAULT_YEARS[0], options.year_min), options.year_max)
    warnings: list[str] = []
    if not st.session_state.get(URL_SEEDED_KEY):
        warnings = _seed_widgets_from_url(options, default_years)
        st.session_state[URL_SEEDED_KEY] = True
    with st.sidebar:
        st.markdown("### Filters")
        subregions = st.multiselect(
            "Subregion",
            options.subregions,
            key="subregion",
            placeholder="All subregions",
            help=ui.glossary(
                "Western Balkans, Eastern Europe, South Caucasus, Central Asia",
                "Subregions as the strategies group them; Türkiye, Israel and the Russian "
                "Federation stand on their own.",
            ),
        )
        eligible = [
            code
            for code in options.countries
            if not subregions or options.country_subregion[code] in subregions
        ]
        countries = st.multiselect(
            "Country or territory",
            list(options.countries),
            format_func=lambda code: options.countries[code],
            key="country",
            placeholder="All" if not subregions else f"All {len(eligible)} in the subregion(s)",
        )
        theme = st.selectbox(
            "Strategic priority / thematic area",
            [None, *options.themes],
            format_func=lambda key: (
                "All priorities and areas" if key is None else options.themes[key]
            ),
            key="theme",
            placeholder="All priorities and areas",
            help=ui.glossary(
                "pillar, strategic priority, thematic area",
                "2020-2024 pillars and priorities, with the 2015-2020 thematic areas they continue.",
            ),
        )
        years = st.slider(
            "Years",
            min_value=options.year_min,
            max_value=options.year_max,
            key="years",
        )
        url_state.warn(warnings)
        st.caption("The address bar holds these filters: copy it to share this view.")
        # The country list names Kosovo*, and so may any page: its footnote is always at hand.
        st.caption(config.KOSOVO_FOOTNOTE)
    chosen = filters.make_filters(subregions, countries, theme, years, options)
    _write_url(chosen, default_years)
    st.session_state[SESSION_KEY] = chosen
    st.session_state[OPTIONS_KEY] = options
    return chosen


def current() -> tuple[Filters, FilterOptions]:
    """The filters chosen in the sidebar on this run (set by app.py before the page runs).

    On a fresh server, a first request for a deep link (e.g. /funding) is run by Streamlit's
    legacy pages/-folder mode, which runs the page without app.py. Leaving that mode and
    rerunning lets app.py route the same URL.
    """
    if SESSION_KEY not in st.session_state:
        navigation.route_through_app()
    return st.session_state[SESSION_KEY], st.session_state[OPTIONS_KEY]
