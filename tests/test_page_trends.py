"""The indicator trends page: aggregates are sums or weighted means (checked on a tiny warehouse),
every indicator draws every country that has data and names those that have none, and the page's
choices travel in the URL."""

from __future__ import annotations

import base64
import csv
import json
import math

import duckdb
import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import config, maps, svgmap
from dashboard.charts import trends as charts
from dashboard.content import trends as content
from dashboard.queries import trends as q
from dashboard.queries.overview import indicator_aggregate
from dashboard.style import format_number
from tests.apptest_helpers import (
    map_layer_names,
    open_page,
    shaded_countries,
    sql,
    svg_maps,
    url_values,
)
from tests.test_outlook_logic import build_fixture_db

PAGE = "pages/trends.py"
CODES = [
    row["indicator_code"]
    for row in csv.DictReader((config.SOURCES_DIR / "indicator_catalog.csv").open(encoding="utf-8"))
]


def decoded(value):
    """A plotly array as a list: plotly sends numeric arrays as base64 typed arrays."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return list(value)


def figures(at: AppTest) -> list[dict]:
    """The plotly charts on the page (not the map, see svg_maps), with numeric arrays decoded."""
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    specs = [spec for spec in specs if not svgmap.is_map(spec)]
    for spec in specs:
        # charts.style wraps long titles with <br>: read them as one line
        title = spec["layout"].get("title", {})
        if isinstance(title.get("text"), str):
            title["text"] = title["text"].replace("<br>", " ")
        for trace_ in spec["data"]:
            for axis in ("x", "y", "z"):
                if axis in trace_:
                    trace_[axis] = decoded(trace_[axis])
    return specs


def figure(at: AppTest, title_start: str) -> dict:
    return next(s for s in figures(at) if s["layout"]["title"]["text"].startswith(title_start))


def line_figure(at: AppTest) -> dict:
    return next(s for s in figures(at) if s["layout"]["title"]["text"].endswith(" by country"))


def trace(spec: dict, name: str) -> dict:
    return next(t for t in spec["data"] if t.get("name") == name)


# --- Aggregates on a tiny warehouse ----------------------------------------------------------


@pytest.fixture()
def tiny(tmp_path):
    path = build_fixture_db(
        tmp_path / "tiny.duckdb",
        [
            ("t.share", "AAA", 2020, 10.0),
            ("t.share", "BBB", 2020, 50.0),
            ("t.pop", "AAA", 2020, 900.0),
            ("t.pop", "BBB", 2020, 100.0),
            ("t.share_raw", "AAA", 2020, 10.0),
            ("t.share_raw", "BBB", 2020, 50.0),
            ("t.stock", "AAA", 2015, 90.0),
            ("t.stock", "BBB", 2015, 50.0),
            ("t.stock", "AAA", 2020, 95.0),
        ],
    )
    connection = duckdb.connect(str(path), read_only=True)
    yield connection
    connection.close()


def test_shares_are_weighted_by_population_not_averaged(tiny):
    rows = indicator_aggregate(tiny, ("t.share",), ("AAA", "BBB"), 2000, 2030)
    assert rows["value"].tolist() == [pytest.approx(14.0)]  # (10*900 + 50*100) / 1000, not 30
    assert rows[
        ["countries_reporting", "countries_weighted", "countries_selected"]
    ].values.tolist() == [[2, 2, 2]]


def test_counts_are_summed_and_coverage_is_reported(tiny):
    rows = indicator_aggregate(tiny, ("t.stock",), ("AAA", "BBB"), 2000, 2030).set_index("year")
    assert rows.loc[2015, "value"] == 140 and rows.loc[2015, "countries_reporting"] == 2
    assert rows.loc[2020, "countries_reporting"] == 1  # BBB has no 2020 figure


def test_percentages_without_a_weight_get_no_aggregate(tiny):
    rows = indicator_aggregate(tiny, ("t.share_raw",), ("AAA", "BBB"), 2000, 2030)
    assert rows["value"].isna().all()


def test_a_partial_year_is_marked_not_drawn_as_a_fall(tiny):
    definition = content.IndicatorMenu.of(q.indicator_choices_by_family(tiny)).definition("t.stock")
    values = q.indicator_values_in_year(tiny, "t.stock", ("AAA", "BBB"), 2020, 2000, 2030)
    assert content.countries_without_value(values) == ["Bland"]
    aggregate = content.Aggregate.of(
        definition,
        "Both",
        indicator_aggregate(tiny, ("t.stock",), ("AAA", "BBB"), 2000, 2030),
        values,
    )
    assert content.partial_years(aggregate) == [2020]
    series = q.indicator_series_by_country(tiny, "t.stock", ("AAA", "BBB"), 2000, 2030)
    traces = {t.name: t for t in charts.trend_figure(series, [aggregate], definition, "t").data}
    line = list(traces["Both (sum)"].y)
    assert line[0] == 140 and math.isnan(line[1])  # the 2020 sum lacks Bland: no point on the line
    assert list(traces["Both (sum): partial coverage"].x) == [2020]


# --- The page on the real warehouse ----------------------------------------------------------


@pytest.mark.parametrize("code", CODES)
def test_each_indicator_draws_every_country_with_data_and_names_the_others(warehouse_path, code):
    at = open_page(PAGE, {"trend_indicator": [code]})
    assert at.radio(key="trend_indicator").value == code
    with_data = {
        name
        for (name,) in sql(
            warehouse_path,
            """
        select distinct country.name from fct_indicator_value join dim_country as country using (iso3)
        where indicator_code = ? and year between 2000 and 2025""",
            [code],
        )
    }
    without = {name for (name,) in sql(warehouse_path, "select name from dim_country")} - with_data
    drawn = {t["name"] for t in line_figure(at)["data"] if t.get("meta") != "projection"}
    assert drawn == with_data
    named = " ".join(i.value for i in at.info)
    for country in without:
        assert country in named, f"{country} has no {code} data but is not named"
    assert not without or "figure in 2000-2025 for:" in named


def test_the_regional_total_equals_the_warehouse(warehouse_path):
    at = open_page(
        PAGE, {"country": ["MNE", "SRB"], "trend_indicator": ["undesa2020.migrant_stock"]}
    )
    (total,) = sql(
        warehouse_path,
        """select sum(value) from fct_indicator_value
        where indicator_code = 'undesa2020.migrant_stock' and year = 2020 and iso3 in ('MNE', 'SRB')""",
    )[0]
    metric = next(m for m in at.metric if m.label.startswith("Selected countries (sum), 2020"))
    assert metric.value == f"{total:,.0f}"
    coverage = [c.value for c in at.caption if "Selected countries (sum) covers" in c.value]
    # Montenegro reports from 2010 only: 2000 and 2005 are partial years
    assert (
        coverage
        and "of the 2 selected countries, 1 in 2000, 2005; 2 in 2010, 2015, 2020" in coverage[0]
    )
    assert "In 2000, 2005 a country that reports in other years is missing" in coverage[0]


def test_compare_adds_the_weighted_region_and_goes_into_the_url(warehouse_path):
    at = open_page(
        PAGE, {"country": ["ALB", "TJK"], "trend_indicator": ["undesa2020.migrant_share"]}
    )
    at.toggle(key="trend_compare").set_value(True).run()
    assert url_values(at, "trend_compare") == ["1"]
    spec = line_figure(at)
    region = trace(spec, "Whole region (weighted by population)")
    expected = dict(
        sql(
            warehouse_path,
            """
        select share.year, sum(share.value * pop.value) / sum(pop.value)
        from fct_indicator_value as share join fct_indicator_value as pop
            on pop.indicator_code = 'undesa2020.population' and pop.iso3 = share.iso3 and pop.year = share.year
        where share.indicator_code = 'undesa2020.migrant_share' and share.year between 2000 and 2025
        group by share.year""",
        )
    )
    drawn = dict(zip(region["x"], region["y"], strict=True))
    assert drawn[2020] == pytest.approx(expected[2020])
    (mean_of_percentages,) = sql(
        warehouse_path,
        """select avg(value) from fct_indicator_value
        where indicator_code = 'undesa2020.migrant_share' and year = 2020""",
    )[0]
    assert drawn[2020] != pytest.approx(mean_of_percentages)
    assert "Selected countries (weighted by population)" in {t["name"] for t in spec["data"]}


def test_percentages_without_a_weight_say_why_there_is_no_aggregate():
    at = open_page(PAGE, {"trend_indicator": ["wdi.remittances_gdp"], "trend_compare": ["1"]})
    assert at.toggle(key="trend_compare").disabled
    assert any(c.value.startswith(":material/info: No regional aggregate") for c in at.caption)
    assert not at.metric
    assert all(
        "weighted" not in t["name"] and "sum" not in t["name"] for t in line_figure(at)["data"]
    )


def test_family_choice_opens_its_default_code_and_updates_the_url():
    at = open_page(PAGE)
    at.selectbox(key="trend_family").select("refugees_hosted").run()
    assert at.radio(key="trend_indicator").value == "unhcr.refugees_hosted"
    assert url_values(at, "trend_indicator") == ["unhcr.refugees_hosted"]
    assert any("series break in 2024" in c.value for c in at.caption)


def test_year_slider_moves_the_map_and_the_ranking(warehouse_path):
    at = open_page(PAGE, {"subregion": ["Central Asia"], "trend_indicator": ["wdi.population"]})
    at.select_slider(key="trend_year").set_value(2010).run()
    assert url_values(at, "trend_year") == ["2010"]
    ranking = figure(at, "Population, total (World Bank WDI), 2010: ranking")
    drawn = dict(zip(ranking["data"][0]["y"], ranking["data"][0]["x"], strict=True))
    expected = dict(
        sql(
            warehouse_path,
            """select country.name, value from fct_indicator_value
        join dim_country as country using (iso3)
        where indicator_code = 'wdi.population' and year = 2010 and country.subregion = 'Central Asia'""",
        )
    )
    assert drawn == pytest.approx(expected)
    # The map (SVG, offline): the selection coloured by its 2010 values, with names drawn
    (spec,) = svg_maps(at)
    coloured = shaded_countries(spec)
    assert set(coloured) == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
    kazakhstan = sql(
        warehouse_path,
        "select value from fct_indicator_value where indicator_code = "
        "'wdi.population' and iso3 = 'KAZ' and year = 2010",
    )[0][0]
    assert f"{format_number(kazakhstan, 'persons')} (2010)" in coloured["KAZ"]["text"]
    labels = {note["text"] for note in spec["layout"]["annotations"]}
    assert {"Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"} <= labels
    assert {"Astana", "Bishkek", "Dushanbe", "Ashgabat", "Tashkent"} <= labels
    assert config.MAP_DISCLAIMER in [c.value for c in at.caption]


def test_the_map_colours_by_sign_and_marks_kosovo(warehouse_path):
    """Net migration on both sides of zero: vermillion shades below, blue above; Kosovo's
    boundary with Serbia dashed over a white line; one country gets a sentence, not a scale."""
    at = open_page(PAGE, {"trend_indicator": ["wdi2026.net_migration"], "trend_year": ["2023"]})
    (spec,) = svg_maps(at)
    fills = {iso3: trace["fillcolor"] for iso3, trace in shaded_countries(spec).items()}
    values = dict(
        sql(
            warehouse_path,
            "select iso3, value from fct_indicator_value where indicator_code = "
            "'wdi2026.net_migration' and year = 2023",
        )
    )
    reds = {svgmap.css(maps._hex_to_rgba(c)) for c in maps.NEGATIVE_SHADES}
    blues = {svgmap.css(maps._hex_to_rgba(c)) for c in maps.POSITIVE_SHADES}
    assert {iso3 for iso3, value in values.items() if value < 0} == {
        iso3 for iso3, fill in fills.items() if fill in reds
    }
    assert {iso3 for iso3, value in values.items() if value > 0} == {
        iso3 for iso3, fill in fills.items() if fill in blues
    }
    assert {"kosovo-boundary-gaps", "kosovo-boundary-dashed"} <= map_layer_names(spec)
    one = open_page(PAGE, {"trend_indicator": ["wdi.population"], "country": ["MDA"]})
    assert any(
        c.value.endswith("so no colour scale.")
        and "One country shown (Republic of Moldova" in c.value
        for c in one.caption
    )
    assert not one.get("imgs")  # no one-class legend


def test_the_link_restores_the_view():
    at = open_page(PAGE, {"trend_indicator": ["undesa2020.emigrants"], "trend_year": ["2010"]})
    assert at.radio(key="trend_indicator").value == "undesa2020.emigrants"
    assert at.selectbox(key="trend_family").value == "emigrants"
    assert "Map, 2010" in [s.value for s in at.header]
    assert not at.warning


@pytest.mark.parametrize(
    "tampered",
    [
        {"trend_indicator": ["'; drop table dim_indicator --"]},
        {"trend_indicator": ["x" * 5000]},
        {"trend_year": ["1066"]},
        {"trend_compare": ["<script>"]},
    ],
)
def test_tampered_page_values_warn_and_fall_back(tampered):
    at = open_page(PAGE, tampered)
    assert at.warning and all(len(w.value) < 300 for w in at.warning)
    assert at.radio(key="trend_indicator").value == "undesa2024.migrant_stock"
    assert url_values(at, "trend_year") == ["2024"]


def test_every_chart_names_source_vintage_and_licence(warehouse_path):
    at = open_page(PAGE, {"trend_indicator": ["wdi.net_migration"]})
    licence, vintage = sql(
        warehouse_path,
        """select licence, vintage from dim_source
        join dim_indicator using (source_id) where indicator_code = 'wdi.net_migration'""",
    )[0]
    sources = [c.value for c in at.caption if c.value.startswith("Source:")]
    assert len(sources) >= len(at.get("plotly_chart"))
    assert all(licence in s and vintage in s for s in sources)
    assert any("projections" in c.value for c in at.caption)  # the catalogue's caveat is shown


def test_a_selection_without_any_figure_is_named_not_blank():
    at = open_page(
        PAGE, {"country": ["TKM", "XKX"], "trend_indicator": ["knomad2023.remittances_gdp_2023"]}
    )
    named = " ".join(i.value for i in at.info)
    assert "Turkmenistan" in named and "Kosovo" not in named  # Kosovo has a 2023 figure
    at = open_page(
        PAGE, {"country": ["TKM"], "trend_indicator": ["knomad2023.remittances_gdp_2023"]}
    )
    assert [i.value for i in at.info] == [
        "No Remittance inflows, % of GDP in 2023 (KNOMAD Dec 2023) figure in 2000-2025 for: "
        "Turkmenistan (this source covers 2023-2023)."
    ]
    assert not at.get("plotly_chart")
    assert any(c.value.startswith("Source: World Bank-KNOMAD") for c in at.caption)
