"""The global filters in the sidebar, bound to the URL so a view can be shared as a link."""

from __future__ import annotations

import streamlit as st

from dashboard import cache, config, filters, i18n, navigation, ui, url_state
from dashboard.filters import FilterOptions, Filters
from dashboard.i18n import N_, _, d_, ngettext, pgettext
from dashboard.queries import filters as filter_queries

SESSION_KEY = "filters"
OPTIONS_KEY = "filter_options"
URL_SEEDED_KEY = "filters_seeded_from_url"
LANGUAGE_KEY = "lang"  # the switch's widget key, and its URL parameter
LANGUAGE_OF_WIDGETS_KEY = "language_of_widgets"  # the language the widgets were last drawn in
DEFAULT_YEARS = (config.DEFAULT_FIRST_YEAR, None)  # None: the latest year with data


def filter_options() -> FilterOptions:
    """The values each filter accepts, from the warehouse (cached)."""
    countries = cache.query(filter_queries.filter_countries)
    themes = cache.query(filter_queries.filter_themes)
    span = cache.query(filter_queries.indicator_year_span).iloc[0]
    prefix = {1: "", 2: "\u2003", 3: "\u2003\u2003"}
    kind = {1: N_("Pillar: {title}"), 2: N_("Priority: {title}"), 3: N_("Thematic area: {title}")}
    return FilterOptions(
        subregions=tuple(dict.fromkeys(countries["subregion"])),
        countries=_names_in_order(countries),
        country_subregion=dict(zip(countries["iso3"], countries["subregion"], strict=True)),
        themes={
            row.element_id: prefix[row.level] + _(kind[row.level]).format(title=d_(row.title))
            for row in themes.itertuples()
        },
        year_min=int(span["year_min"]),
        year_max=int(span["year_max"]),
    )


def _names_in_order(countries) -> dict[str, str]:
    """ISO3 -> name in the current language, by subregion as the query orders them, then
    alphabetically in the language (the query sorts by the English name)."""
    subregions = list(dict.fromkeys(countries["subregion"]))
    named = [
        (subregions.index(subregion), i18n.country_name(code), code)
        for code, subregion in zip(countries["iso3"], countries["subregion"], strict=True)
    ]
    return {code: name for _rank, name, code in sorted(named)}


def set_language() -> list[str]:
    """Make the switch's language (seeded from the link on a session's first run) the language
    of this run; the shell calls it first, before anything is drawn. Returns the messages about
    a dropped link value (pass them to `render`)."""
    messages = url_state.seed(LANGUAGE_KEY, i18n.LANGUAGES, i18n.DEFAULT_LANGUAGE)
    lang = st.session_state.get(LANGUAGE_KEY) or i18n.DEFAULT_LANGUAGE
    previous = st.session_state.get(LANGUAGE_OF_WIDGETS_KEY)
    if previous is not None and previous != lang:
        _keep_widget_values()
    st.session_state[LANGUAGE_OF_WIDGETS_KEY] = lang
    i18n.set_language(lang)
    return messages


def _keep_widget_values() -> None:
    """Every widget keeps its value across a change of language. The browser sends a choice
    widget's value as its label ("Albania"), which the other language's labels ("Албания")
    would not recognise, and the choice would be lost: each value is read now, while the labels
    it was drawn with are still known, and put back as the value itself (codes, years)."""
    from streamlit.errors import StreamlitAPIException

    for key in list(st.session_state.keys()):
        if key == LANGUAGE_KEY:
            continue
        try:
            st.session_state[key] = st.session_state[key]
        except (StreamlitAPIException, KeyError):  # buttons and forms cannot be set
            continue


def _language_switch() -> str:
    """English / Русский, each language named in itself: whoever cannot read the page's
    language still finds their own."""
    chosen = st.segmented_control(
        "Language / Язык",
        list(i18n.LANGUAGES),
        format_func=i18n.LANGUAGES.__getitem__,
        key=LANGUAGE_KEY,
        required=True,
        label_visibility="collapsed",
    )
    return chosen or i18n.DEFAULT_LANGUAGE


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
    url_state.write(LANGUAGE_KEY, i18n.language(), i18n.DEFAULT_LANGUAGE)


def render(options: FilterOptions, language_warnings: list[str] | None = None) -> Filters:
    """Draw the language switch and the sidebar filters, warn about ignored URL values, and
    return the typed selection. `language_warnings`: what `set_language` returned."""
    default_years = (max(DEFAULT_YEARS[0], options.year_min), options.year_max)
    warnings: list[str] = list(language_warnings or [])
    if not st.session_state.get(URL_SEEDED_KEY):
        warnings += _seed_widgets_from_url(options, default_years)
        st.session_state[URL_SEEDED_KEY] = True
    with st.sidebar:
        _language_switch()
        st.markdown("### " + _("Filters"))
        subregions = st.multiselect(
            _("Subregion"),
            options.subregions,
            format_func=d_,
            key="subregion",
            placeholder=_("All subregions"),
            help=ui.glossary(
                "Western Balkans, Eastern Europe, South Caucasus, Central Asia",
                _(
                    "Subregions as the strategies group them; Türkiye, Israel and the Russian "
                    "Federation stand on their own."
                ),
            ),
        )
        eligible = [
            code
            for code in options.countries
            if not subregions or options.country_subregion[code] in subregions
        ]
        countries = st.multiselect(
            _("Country or territory"),
            list(options.countries),
            format_func=lambda code: options.countries[code],
            key="country",
            placeholder=(
                pgettext("countries", "All")
                if not subregions
                else ngettext(
                    "All {count} in the subregion(s)",
                    "All {count} in the subregion(s)",
                    len(eligible),
                ).format(count=len(eligible))
            ),
        )
        every_theme = _("All priorities and areas")
        theme = st.selectbox(
            _("Strategic priority / thematic area"),
            [None, *options.themes],
            format_func=lambda key: every_theme if key is None else options.themes[key],
            key="theme",
            placeholder=every_theme,
            help=ui.glossary(
                "pillar, strategic priority, thematic area",
                _(
                    "2020-2024 pillars and priorities, with the 2015-2020 thematic areas they "
                    "continue."
                ),
            ),
        )
        years = st.slider(
            _("Years"),
            min_value=options.year_min,
            max_value=options.year_max,
            key="years",
        )
        url_state.warn(warnings)
        st.caption(_("The address bar holds these filters: copy it to share this view."))
        # The country list names Kosovo*, and so may any page: its footnote is always at hand.
        ui.note_caption(_(config.KOSOVO_FOOTNOTE))
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
    # A page run without app.py (AppTest's switch_page) still runs in the switch's language.
    i18n.set_language(st.session_state.get(LANGUAGE_KEY) or i18n.DEFAULT_LANGUAGE)
    return st.session_state[SESSION_KEY], st.session_state[OPTIONS_KEY]
