"""Indicator trends: one indicator over time for each selected country, with the regional
aggregate where adding up is meaningful, and a map and a ranking for one year."""

import functools

import streamlit as st

from dashboard import cache, sidebar, themes, ui, url_state
from dashboard.charts import projection
from dashboard.charts import trends as charts
from dashboard.queries import projections as pq
from dashboard.queries import trends as q
from dashboard.queries.overview import indicator_aggregate
from dashboard.views import themes as theme_view

PARAM_INDICATOR, PARAM_YEAR, PARAM_COMPARE = "trend_indicator", "trend_year", "trend_compare"
PARAM_PROJECTION = "trend_projection"
FAMILY_KEY, THEME_KEY = "trend_family", "trend_theme"


filters, options = sidebar.current()
selected, state = filters.selected_iso3, st.session_state
st.title("Indicator trends")
st.caption(f"Showing {filters.describe(options)}.")

menu = cache.shaped(charts.IndicatorMenu.of, q.indicator_choices_by_family)
# A chosen theme puts its indicators first and opens on the first of them.
theme_families = theme_view.families(filters.theme)
family_order = cache.derived(themes.theme_first, tuple(menu.families), theme_families)
lead_code = menu.default_code(family_order[0]) if theme_families else menu.default_code()
if PARAM_INDICATOR not in state:
    url_state.warn(url_state.seed(PARAM_INDICATOR, menu.rows, lead_code))
    state[THEME_KEY] = filters.theme
if state.get(THEME_KEY) != filters.theme:  # a new theme in the sidebar: open on its lead
    state[THEME_KEY] = filters.theme
    state[PARAM_INDICATOR] = lead_code
    state[FAMILY_KEY] = menu.definition(lead_code)["family"]
if state[PARAM_INDICATOR] not in menu.rows:  # a rebuilt warehouse may have dropped it
    state[PARAM_INDICATOR] = lead_code
if FAMILY_KEY not in state:
    state[FAMILY_KEY] = menu.definition(state[PARAM_INDICATOR])["family"]
if state[PARAM_INDICATOR] not in menu.codes_by_family[state[FAMILY_KEY]]:
    state[PARAM_INDICATOR] = menu.default_code(state[FAMILY_KEY])


def family_changed() -> None:
    state[PARAM_INDICATOR] = menu.default_code(state[FAMILY_KEY])


left, right = st.columns([2, 3])
family = left.selectbox(
    "Indicator",
    family_order,
    format_func=menu.families.get,
    key=FAMILY_KEY,
    on_change=family_changed,
)
code = right.radio(
    "Source and revision",
    menu.codes_by_family[family],
    format_func=menu.labels.get,
    key=PARAM_INDICATOR,
    help="Each code is one source and revision; revisions are never joined into one line.",
)
definition = menu.definition(code)
if theme_families:
    st.caption(
        themes.theme_note(
            options.themes[filters.theme],
            [menu.families[f] for f in theme_families if f in menu.families],
        )
    )
aggregatable = definition["aggregation"] != "none"
url_state.warn(url_state.seed(PARAM_COMPARE, (False, True), False))
compare = st.toggle(
    "Compare with the regional aggregate",
    key=PARAM_COMPARE,
    disabled=not aggregatable,
    help="Adds the aggregate of the selected countries and of the whole region: sums for counts, "
    "weighted means for shares.",
)
url_state.write(PARAM_INDICATOR, code, None)
url_state.write(PARAM_COMPARE, compare, False)
# The UN's projection continues the chart where WPP 2024 projects the family (net migration,
# population): its own dashed line, never joined to the edition drawn above.
projections = cache.query(pq.projection_series_for_family, family)
horizon = None
if not projections.empty:
    projected = projections.iloc[0].to_dict()
    url_state.warn(
        url_state.seed(PARAM_PROJECTION, list(projection.HORIZONS), projection.DEFAULT_HORIZON)
    )
    choice = st.segmented_control(
        projected["label"],
        list(projection.HORIZONS),
        format_func=projection.HORIZON_LABELS.get,
        key=PARAM_PROJECTION,
        required=True,
        help="The UN's own projection (World Population Prospects 2024), dashed, with its 80% "
        "and 95% intervals for up to three countries; totals are sums of the countries' "
        "projections, without an interval.",
    )
    horizon = projection.HORIZONS[choice or projection.DEFAULT_HORIZON]
    url_state.write(PARAM_PROJECTION, choice, projection.DEFAULT_HORIZON)
else:  # no projection for this indicator: a horizon in the link is dropped
    url_state.warn(url_state.seed(PARAM_PROJECTION, [], projection.DEFAULT_HORIZON))
    url_state.write(PARAM_PROJECTION, None, None)

source = charts.source_text(definition)
caveats = [definition["caveat"]] if definition["caveat"] else []
if not aggregatable:
    caveats.append(
        "No regional aggregate: these are percentages and the warehouse holds no weight (population "
        "or GDP) for this source, and an average of percentages would misweight small and large "
        "countries."
    )
years = list(
    cache.query(q.indicator_years_with_data, code, selected, filters.year_from, filters.year_to)[
        "year"
    ]
)
if not years:
    url_state.warn(url_state.seed(PARAM_YEAR, [], None))  # a year in the link has no figure
    url_state.write(PARAM_YEAR, None, None)
    st.info(
        f"No {definition['name']} figure in {filters.year_from}-{filters.year_to} for: "
        f"{', '.join(options.countries[c] for c in selected)} (this source covers "
        f"{definition['first_year']}-{definition['last_year']}).",
        icon=":material/block:",
    )
    ui.source_line(source)
    st.stop()
url_state.warn(url_state.seed(PARAM_YEAR, years, years[-1]))
if state[PARAM_YEAR] not in years:
    state[PARAM_YEAR] = years[-1]

year = state[PARAM_YEAR]
values = cache.query(
    q.indicator_values_in_year, code, selected, year, filters.year_from, filters.year_to
)
missing = charts.countries_without_data(values)
if missing:
    st.info(
        f"No {definition['name']} figure in {filters.year_from}-{filters.year_to} for: "
        f"{', '.join(missing)}.",
        icon=":material/visibility_off:",
    )

aggregates = []
if aggregatable and len(selected) > 1:
    rows = cache.query(indicator_aggregate, (code,), selected, filters.year_from, filters.year_to)
    scope = "Whole region" if filters.is_whole_region else "Selected countries"
    aggregates.append(charts.Aggregate.of(definition, scope, rows, values))
if aggregatable and compare and not filters.is_whole_region:
    region = tuple(options.countries)
    rows = cache.query(indicator_aggregate, (code,), region, filters.year_from, filters.year_to)
    coverage = cache.query(
        q.indicator_values_in_year, code, region, year, filters.year_from, filters.year_to
    )
    aggregates.append(charts.Aggregate.of(definition, "Whole region", rows, coverage))
shown = aggregates if compare else []
caveats += [cache.derived(charts.coverage_note, aggregate) for aggregate in aggregates]

st.header(f"{definition['name']}, {filters.year_from}-{filters.year_to}")
series = cache.query(
    q.indicator_series_by_country, code, selected, filters.year_from, filters.year_to
)
if aggregates:
    latest = charts.aggregate_in_year(aggregates[0].rows, years[-1])
    if latest:
        ui.kpi(
            f"{aggregates[0].label}, {years[-1]}",
            latest["value"],
            definition["unit"],
            source,
            display=charts.format_value(latest["value"], definition["unit"]),
            help=f"{latest['countries_reporting']} of {latest['countries_selected']} selected "
            f"countries report in {years[-1]}: {latest['iso3_reporting']}.",
        )
title = f"{definition['name']} by country"
if horizon is None:
    ui.chart_with_table(
        cache.chart(charts.trend_figure, series, shown, definition, title),
        functools.partial(charts.trend_table, series, aggregates, definition),
        source,
        "trend-lines",
        caveats,
    )
else:
    # From the projection's last estimate (its anchor), so the dashed line starts where the UN's
    # own estimates end; the sums follow the aggregate lines drawn.
    start = int(projected["last_estimate_year"] or projected["first_projection_year"])
    rows = cache.query(pq.projection_by_country, projected["series_code"], selected, start, horizon)
    scopes = [(aggregates[0].label.split(" (")[0], selected)] if aggregates else []
    if len(aggregates) > 1:
        scopes.append(("Whole region", tuple(options.countries)))
    sums = [
        (label, cache.query(pq.projection_sum, projected["series_code"], iso3, start, horizon))
        for label, iso3 in scopes[: len(shown)]
    ]
    ui.chart_with_table(
        cache.chart(
            projection.trend_with_projection,
            series,
            shown,
            definition,
            title,
            rows,
            sums,
            projected,
            horizon,
        ),
        functools.partial(
            projection.trend_and_projection_table,
            series,
            aggregates,
            definition,
            rows,
            sums,
            projected,
        ),
        f"{source} Projection: {projection.source_text(projected)}",
        "trend-lines",
        [
            *caveats,
            projected["caveat"],
            projection.band_note(
                len(selected), rows["iso3"].nunique() <= projection.BAND_COUNTRIES
            ),
            *([projection.SUM_NOTE] if sums else []),
        ],
    )

if len(years) > 1:
    st.select_slider("Year for the map and the ranking", years, key=PARAM_YEAR)
url_state.write(PARAM_YEAR, year, None)
no_value = charts.countries_without_value(values)
ranking = cache.derived(charts.ranking_table, values, definition)
map_column, bar_column = st.columns([3, 2])
with map_column:
    st.header(f"Map, {year}")
    ui.chart_with_table(
        cache.chart(
            charts.choropleth_figure, values, definition, year, selected, filters.is_whole_region
        ),
        ranking,
        source,
        "trend-map",
        caveats[:1],
        map_of=selected,
    )
with bar_column:
    st.header(f"Ranking, {year}")
    ui.chart_with_table(
        cache.chart(charts.ranking_figure, values, definition, year),
        ranking,
        source,
        "trend-ranking",
        caveats[:1],
    )
if no_value or missing:
    st.caption(
        f":material/visibility_off: No value in {year} for: {', '.join(no_value + missing)}."
    )
