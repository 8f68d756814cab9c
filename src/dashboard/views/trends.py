"""Streamlit blocks of the indicator trends page: the indicator pickers, the comparison and
projection switches, the year choice, the lines with their aggregates, and the map and ranking
of one year. What they show is shaped in dashboard.content.trends; the figures are
dashboard.charts.trends and dashboard.charts.projection.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import cache, maps, svgmap, themes, ui, url_state
from dashboard.charts import projection
from dashboard.charts import trends as charts
from dashboard.content import trends as content
from dashboard.filters import FilterOptions, Filters
from dashboard.i18n import _, d_
from dashboard.queries import names
from dashboard.queries import projections as pq
from dashboard.queries import trends as q
from dashboard.queries.overview import indicator_aggregate
from dashboard.views import themes as theme_view

PARAM_INDICATOR, PARAM_YEAR, PARAM_COMPARE = "trend_indicator", "trend_year", "trend_compare"
PARAM_PROJECTION = "trend_projection"
FAMILY_KEY, THEME_KEY = "trend_family", "trend_theme"


@dataclass(frozen=True)
class Indicator:
    """The indicator chosen, as the blocks below the pickers read it."""

    code: str
    family: str
    definition: Mapping
    source: str  # the citation under every chart

    @property
    def aggregatable(self) -> bool:
        return self.definition["aggregation"] != "none"


@dataclass(frozen=True)
class Projection:
    """The UN projection drawn after the lines: its series row and the last year drawn."""

    series: Mapping
    horizon: int


def indicator_pickers(filters: Filters, options: FilterOptions) -> Indicator:
    """The family and the source-and-revision pickers, seeded from the link; a theme chosen in
    the sidebar puts its families first and opens on the first of them."""
    state = st.session_state
    menu = theme_view.menu()
    theme_families = theme_view.families(filters.theme)
    family_order = cache.derived(themes.theme_first, tuple(menu.families), theme_families)
    lead = menu.lead(family_order, theme_families)
    if PARAM_INDICATOR not in state:
        url_state.warn(url_state.seed(PARAM_INDICATOR, menu.rows, lead))
        state[THEME_KEY] = filters.theme
    theme_changed = state.get(THEME_KEY) != filters.theme
    state[THEME_KEY] = filters.theme
    state[PARAM_INDICATOR], state[FAMILY_KEY] = menu.settle(
        state[PARAM_INDICATOR], state.get(FAMILY_KEY), lead, theme_changed
    )

    def family_changed() -> None:
        state[PARAM_INDICATOR] = menu.default_code(state[FAMILY_KEY])

    left, right = st.columns([2, 3])
    family = left.selectbox(
        _("Indicator"),
        family_order,
        format_func=menu.family_name,
        key=FAMILY_KEY,
        on_change=family_changed,
    )
    code = right.radio(
        _("Source and revision"),
        menu.codes_by_family[family],
        format_func=menu.label,
        key=PARAM_INDICATOR,
        help=_("Each code is one source and revision; revisions are never joined into one line."),
    )
    url_state.write(PARAM_INDICATOR, code, None)
    if theme_families:
        st.caption(
            themes.theme_note(
                options.themes[filters.theme],
                [menu.family_name(f) for f in theme_families if f in menu.families],
            )
        )
    definition = menu.definition(code)
    return Indicator(code, family, definition, content.source_text(definition))


def compare_toggle(indicator: Indicator) -> bool:
    """Whether the aggregate lines are drawn (off where the indicator cannot be aggregated)."""
    url_state.warn(url_state.seed(PARAM_COMPARE, (False, True), False))
    compare = st.toggle(
        _("Compare with the regional aggregate"),
        key=PARAM_COMPARE,
        disabled=not indicator.aggregatable,
        help=_(
            "Adds the aggregate of the selected countries and of the whole region: sums for "
            "counts, weighted means for shares."
        ),
    )
    url_state.write(PARAM_COMPARE, compare, False)
    return compare


def projection_picker(indicator: Indicator) -> Projection | None:
    """How far the UN's projection continues the chart, where WPP 2024 projects the family (net
    migration, population): its own dashed line, never joined to the edition drawn above."""
    projections = cache.query(pq.projection_series_for_family, indicator.family)
    if projections.empty:  # no projection for this indicator: a horizon in the link is dropped
        url_state.warn(url_state.seed(PARAM_PROJECTION, [], projection.DEFAULT_HORIZON))
        url_state.write(PARAM_PROJECTION, None, None)
        return None
    projected = projections.iloc[0].to_dict()
    url_state.warn(
        url_state.seed(PARAM_PROJECTION, list(projection.HORIZONS), projection.DEFAULT_HORIZON)
    )
    choice = st.segmented_control(
        d_(projected["label"]),
        list(projection.HORIZONS),
        format_func=lambda horizon: _(projection.HORIZON_LABELS[horizon]),
        key=PARAM_PROJECTION,
        required=True,
        help=_(
            "The UN's own projection (World Population Prospects 2024), dashed, with its 80% "
            "and 95% intervals for up to three countries; totals are sums of the countries' "
            "projections, without an interval."
        ),
    )
    url_state.write(PARAM_PROJECTION, choice, projection.DEFAULT_HORIZON)
    horizon = projection.HORIZONS[choice or projection.DEFAULT_HORIZON]
    return None if horizon is None else Projection(projected, horizon)


def years_with_data(indicator: Indicator, filters: Filters, options: FilterOptions) -> list[int]:
    """The years of the range with a figure for a selected country; when there is none, says so
    (with the years the source covers) and stops the page."""
    years = list(
        cache.query(
            q.indicator_years_with_data,
            indicator.code,
            filters.selected_iso3,
            filters.year_from,
            filters.year_to,
        )["year"]
    )
    if not years:
        url_state.warn(url_state.seed(PARAM_YEAR, [], None))  # a year in the link has no figure
        url_state.write(PARAM_YEAR, None, None)
        names = [d_(options.countries[c]) for c in filters.selected_iso3]
        st.info(
            content.no_figure_note(indicator.definition, filters.years, names, coverage=True),
            icon=":material/block:",
        )
        ui.source_line(indicator.source)
        st.stop()
    return years


def chosen_year(years: list[int]) -> int:
    """The year of the map and the ranking: from the link, else the latest with data."""
    url_state.warn(url_state.seed(PARAM_YEAR, years, years[-1]))
    url_state.keep_valid(PARAM_YEAR, years, years[-1])
    return st.session_state[PARAM_YEAR]


def values_in_year(indicator: Indicator, filters: Filters, year: int) -> pd.DataFrame:
    """Each selected country's value in the year; the countries with no figure in the whole
    range are named."""
    values = cache.query(
        q.indicator_values_in_year,
        indicator.code,
        filters.selected_iso3,
        year,
        filters.year_from,
        filters.year_to,
    )
    missing = content.countries_without_data(values)
    if missing:
        st.info(
            content.no_figure_note(indicator.definition, filters.years, missing, coverage=False),
            icon=":material/visibility_off:",
        )
    return values


def aggregates(
    indicator: Indicator,
    filters: Filters,
    options: FilterOptions,
    year: int,
    values: pd.DataFrame,
    compare: bool,
) -> list[content.Aggregate]:
    """The aggregate of the selection (of more than one country) and, for a part of the region,
    of the whole region when compared; none where the indicator cannot be aggregated."""
    if not indicator.aggregatable:
        return []
    found = []
    span = (filters.year_from, filters.year_to)
    selected = filters.selected_iso3
    if len(selected) > 1:
        rows = cache.query(indicator_aggregate, (indicator.code,), selected, *span)
        scope = content.WHOLE_REGION if filters.is_whole_region else content.SELECTED
        found.append(content.Aggregate.of(indicator.definition, scope, rows, values))
    if compare and not filters.is_whole_region:
        region = tuple(options.countries)
        rows = cache.query(indicator_aggregate, (indicator.code,), region, *span)
        coverage = cache.query(q.indicator_values_in_year, indicator.code, region, year, *span)
        found.append(
            content.Aggregate.of(indicator.definition, content.WHOLE_REGION, rows, coverage)
        )
    return found


def trend_lines(
    indicator: Indicator,
    filters: Filters,
    options: FilterOptions,
    aggregates: list[content.Aggregate],
    compare: bool,
    latest_year: int,
    projected: Projection | None,
    caveats: list[str],
) -> None:
    """The heading, the aggregate's latest figure, and one line per country with the aggregate
    lines when compared and the UN projection when chosen."""
    definition, source = indicator.definition, indicator.source
    selected = filters.selected_iso3
    st.header(content.heading(definition, filters.years))
    series = cache.query(
        q.indicator_series_by_country, indicator.code, selected, filters.year_from, filters.year_to
    )
    card = (
        content.aggregate_kpi(aggregates[0], latest_year, definition["unit"])
        if aggregates
        else None
    )
    if card:
        ui.kpi(
            card["label"],
            card["value"],
            definition["unit"],
            source,
            display=card["display"],
            help=card["help"],
        )
    shown = aggregates if compare else []
    title = content.line_title(definition)
    if projected is None:
        ui.chart_with_table(
            cache.chart(charts.trend_figure, series, shown, definition, title),
            functools.partial(charts.trend_table, series, aggregates, definition),
            source,
            "trend-lines",
            caveats,
        )
        return
    series_row, horizon = projected.series, projected.horizon
    # From the projection's last estimate (its anchor), so the dashed line starts where the UN's
    # own estimates end; the sums follow the aggregate lines drawn.
    start = int(series_row["last_estimate_year"] or series_row["first_projection_year"])
    code = series_row["series_code"]
    rows = cache.query(pq.projection_by_country, code, selected, start, horizon)
    scopes = {content.SELECTED: selected, content.WHOLE_REGION: tuple(options.countries)}
    sums = [
        (
            _(aggregate.scope),
            cache.query(pq.projection_sum, code, scopes[aggregate.scope], start, horizon),
        )
        for aggregate in shown
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
            series_row,
            horizon,
        ),
        functools.partial(
            projection.trend_and_projection_table,
            series,
            aggregates,
            definition,
            rows,
            sums,
            series_row,
        ),
        _("{source} Projection: {projection}").format(
            source=ui.english(source), projection=ui.english(projection.source_text(series_row))
        ),
        "trend-lines",
        [
            *caveats,
            d_(series_row["caveat"]),
            projection.band_note(
                len(selected), rows["iso3"].nunique() <= projection.BAND_COUNTRIES
            ),
            *([_(projection.SUM_NOTE)] if sums else []),
        ],
        translated=True,
    )


def map_and_ranking(
    indicator: Indicator,
    filters: Filters,
    years: list[int],
    values: pd.DataFrame,
    caveats: list[str],
) -> None:
    """The year slider, then the choropleth and the ranking of that year side by side, and the
    countries with no value in it."""
    year = st.session_state[PARAM_YEAR]
    if len(years) > 1:
        st.select_slider(_("Year for the map and the ranking"), years, key=PARAM_YEAR)
    url_state.write(PARAM_YEAR, year, None)
    definition, source = indicator.definition, indicator.source
    ranking = cache.derived(charts.ranking_table, values, definition)
    map_column, bar_column = st.columns([3, 2])
    with map_column:
        st.header(content.map_heading(year))
        name = content.indicator_name(definition)
        named = cache.derived(content.values_in_language, values)
        figure, legend = cache.chart(
            svgmap.trend_map,
            named,
            definition["unit"],
            name,
            year,
            filters.selected_iso3,
            filters.is_whole_region,
            cache.derived(content.places_in_language, cache.query(names.country_labels)),
        )
        ui.map_with_table(
            figure,
            maps.choropleth_legend(legend),
            ranking,
            source,
            "trend-map",
            alt=maps.trend_map_alt(named, name, definition["unit"], year),
            caveats=caveats[:1],
            iso3=filters.selected_iso3,
            note=maps.single_value_note(named, definition["unit"]),
        )
    with bar_column:
        st.header(content.ranking_heading(year))
        ui.chart_with_table(
            cache.chart(charts.ranking_figure, values, definition, year),
            ranking,
            source,
            "trend-ranking",
            caveats[:1],
        )
    unseen = content.countries_without_value(values) + content.countries_without_data(values)
    if unseen:
        st.caption(content.no_value_note(year, unseen))
