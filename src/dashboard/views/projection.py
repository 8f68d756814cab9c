"""Streamlit pieces of the UN projections: a country's net migration and population to 2050
with the UN's intervals (country page). The figures and sentences are built in the pure
dashboard.charts.projection; like views/outlook.py, one of the few modules that import streamlit."""

from __future__ import annotations

import functools

import streamlit as st

from dashboard import cache, ui
from dashboard.charts import projection
from dashboard.content import trends as trend_content
from dashboard.queries import projections as pq
from dashboard.queries import trends as trend_queries

HORIZON = 2050
SPOKEN_YEARS = (2030, 2050)


def _country_projection(
    iso3: str, name: str, family: str, year_from: int, year_to: int
) -> tuple | None:
    """(figure, rows, series, source, sentence) of one family's projection for a country, or
    None where WPP 2024 projects nothing for the family. Built once per country, family and years
    (through cache.chart, keyed by these small arguments rather than by the frames)."""
    found = cache.query(pq.projection_series_for_family, family)
    if found.empty:
        return None
    series = found.iloc[0].to_dict()
    code = series["series_code"]
    anchor = int(series["last_estimate_year"] or series["first_projection_year"])
    rows = cache.query(pq.projection_by_country, code, (iso3,), min(year_from, anchor), HORIZON)
    projected = rows[rows["year"] >= anchor]
    history, source = [], projection.source_text(series)
    menu = cache.shaped(trend_content.IndicatorMenu.of, trend_queries.indicator_choices_by_family)
    if series["last_estimate_year"]:  # the same edition's estimates lead into the projection
        history.append(
            ("UN estimates (WPP 2024)", rows[rows["is_estimate"] & (rows["year"] >= year_from)])
        )
    elif family in menu.defaults:  # another source's history, drawn as its own line
        definition = menu.definition(menu.default_code(family))
        past = cache.query(
            trend_queries.indicator_series_by_country,
            definition["indicator_code"],
            (iso3,),
            year_from,
            year_to,
        )
        history.append((f"{definition['name']}", past))
        source += f" History: {trend_content.source_name(definition)}."
    figure = projection.country_projection_figure(
        tuple(history), projected, series, HORIZON, f"{series['name'].split(' (')[0]}, {name}"
    )
    sentence = projection.projection_sentence(projected, series, SPOKEN_YEARS)
    return figure, rows, series, source, sentence


def country_projections(iso3: str, name: str, year_from: int, year_to: int) -> None:
    """Net migration (UN estimates, then the projection) and population (the catalogue's default
    population series, then the projection) for one country, side by side."""
    st.subheader("Where it is heading: UN projections to 2050")
    st.caption(
        f"What the UN Population Division projects for {name} (World Population Prospects 2024, "
        "medium variant, dashed), with its 80% and 95% intervals. A projection under the UN's "
        "assumptions, not IOM's forecast."
    )
    columns = st.columns(2)
    for column, family in zip(columns, ("net_migration", "population"), strict=True):
        built = cache.chart(_country_projection, iso3, name, family, year_from, year_to)
        if built is None:
            continue
        figure, rows, series, source, sentence = built
        with column:
            ui.chart_with_table(
                figure,
                functools.partial(projection.projection_table, rows, (), series),
                source,
                f"{iso3}-projection-{family}",
                [series["caveat"]],
            )
            if sentence:
                st.markdown(f"**{sentence}**")
