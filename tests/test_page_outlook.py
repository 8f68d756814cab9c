"""The outlook tracker on the real warehouse: the computed lines carry the warehouse's numbers and
follow the year filter, statements follow the theme, country and strategy choices, and statements
no indicator can test are listed as such."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import open_page, sql

PAGE = "pages/outlook.py"


def lines(at: AppTest, start: str) -> list[str]:
    """The computed lines (markdown, escapes removed) that start with `start`."""
    texts = [m.value.replace("\\", "") for m in at.markdown]
    return [t for t in texts if t.startswith(start)]


def statement_ids(at: AppTest) -> set[str]:
    return {c.value.split(" · ")[0] for c in at.caption if c.value[:1] == "o" and " · " in c.value}


def value(warehouse_path, code: str, iso3: str, year: int) -> float:
    return sql(warehouse_path, "select value from fct_indicator_value where indicator_code = ? "
               "and iso3 = ? and year = ?", [code, iso3, year])[0][0]


def test_the_line_states_the_warehouse_numbers(warehouse_path):
    at = open_page(PAGE, timeout=90, fail_on_error=True)
    latest = sql(warehouse_path, "select max(year) from fct_indicator_value "
                 "where indicator_code = 'unhcr.refugees_hosted' and iso3 = 'TUR' and year <= 2025")[0][0]
    start, end = (value(warehouse_path, "unhcr.refugees_hosted", "TUR", y) for y in (2014, latest))
    turkey = lines(at, "Refugees hosted in Turkey went from")
    expected = f"went from {start:,.0f} in 2014 to {end:,.0f} in {latest}"
    assert any(expected in line for line in turkey), turkey
    assert any("unhcr.refugees_hosted" in line for line in turkey), "the line names the indicator"
    region = sql(warehouse_path, """select year, sum(value) from fct_indicator_value
        where indicator_code = 'wdi.net_migration' and year in (2014, 2021) group by year order by year""")
    net = lines(at, "Net migration in the whole region")
    assert any(f"from {region[0][1]:,.0f} in 2014 to {region[1][1]:,.0f} in 2021" in line for line in net), net


def test_the_line_follows_the_year_filter(warehouse_path):
    at = open_page(PAGE, {"years": ["2000", "2016"]}, timeout=90, fail_on_error=True)
    start, end = (value(warehouse_path, "unhcr.refugees_hosted", "TUR", y) for y in (2014, 2016))
    turkey = lines(at, "Refugees hosted in Turkey went from")
    assert any(f"from {start:,.0f} in 2014 to {end:,.0f} in 2016" in line for line in turkey), turkey
    # The 2020-2024 strategy's baseline is 2019: with years ending in 2016 nothing can be said.
    waiting = [line for line in lines(at, "The latest figure for") if "2019 baseline" in line]
    assert waiting and all("up to 2016" in line and "widen the years" in line for line in waiting)


def test_verdicts_add_up_to_the_tests_shown():
    at = open_page(PAGE, timeout=90, fail_on_error=True)
    verdicts = {m.label: int(m.value) for m in at.metric if not m.label.startswith("Latest")}
    assert set(verdicts) == {"Consistent", "Partly consistent", "Not consistent", "Cannot tell yet"}
    tests = [m for m in at.markdown if m.value.startswith("**") and "expected to" in m.value]
    assert sum(verdicts.values()) == len(tests) > 0


def test_untestable_statements_are_listed_as_such(warehouse_path):
    at = open_page(PAGE, timeout=90, fail_on_error=True)
    untestable = {sid for (sid,) in sql(warehouse_path,
                  "select statement_id from dim_outlook_statement where not testable")}
    assert "Statements no indicator can test" in [s.value for s in at.subheader]
    listed = {c.value.split(" · ")[0] for c in at.caption if c.value.split(" · ")[0] in untestable}
    assert listed == untestable
    tested = {sid for (sid,) in sql(warehouse_path,
              "select distinct statement_id from bridge_outlook_indicator")}
    assert statement_ids(at) == untestable | tested


def test_the_theme_filter_keeps_statements_under_the_theme(warehouse_path):
    at = open_page(PAGE, {"theme": ["s2020.pillar.mobility"]}, timeout=90, fail_on_error=True)
    under = {sid for (sid,) in sql(warehouse_path, """
        select statement_id from dim_outlook_statement where element_id in (
            select element_id from dim_strategy_element where parent_id = 's2020.pillar.mobility'
            union select to_id from bridge_crosswalk where relation = 'continues'
                and from_element_id in (select element_id from dim_strategy_element
                                        where parent_id = 's2020.pillar.mobility'))""")}
    assert under and statement_ids(at) == under


def test_the_country_filter_keeps_statements_about_the_selection_or_the_region():
    at = open_page(PAGE, {"country": ["TJK"]}, timeout=90, fail_on_error=True)
    shown = statement_ids(at)
    assert {"o2015_13", "o2020_08", "o2015_03"} <= shown  # Central Asia, Tajikistan, region-wide
    assert "o2015_12" not in shown and "o2020_06" not in shown  # Western Balkans; Bosnia, Moldova


@pytest.mark.parametrize("strategy, prefix", [("2020-2024", "o2020"), ("2015-2020", "o2015")])
def test_the_strategy_choice_travels_in_the_url(strategy, prefix):
    at = open_page(PAGE, {"outlook_strategy": [strategy]}, timeout=90, fail_on_error=True)
    assert statement_ids(at) and all(sid.startswith(prefix) for sid in statement_ids(at))
    at.radio(key="outlook_strategy").set_value("all").run()
    assert "outlook_strategy" not in at.query_params
    assert {sid[:5] for sid in statement_ids(at)} == {"o2015", "o2020"}


def test_a_tampered_strategy_warns_and_shows_both():
    at = open_page(PAGE, {"outlook_strategy": ["<script>alert(1)</script>"]}, timeout=90, fail_on_error=True)
    assert at.warning and all(len(w.value) < 300 for w in at.warning)
    assert {sid[:5] for sid in statement_ids(at)} == {"o2015", "o2020"}


def test_each_tested_statement_has_a_chart_with_its_source(warehouse_path):
    at = open_page(PAGE, {"outlook_strategy": ["2020-2024"], "country": ["UKR"]}, timeout=90, fail_on_error=True)
    charts = at.get("plotly_chart")
    tests = [m for m in at.markdown if m.value.startswith("**") and "expected to" in m.value]
    assert len(charts) == len(tests) > 0
    sources = [c.value for c in at.caption if c.value.startswith("Source:") and "Licence" in c.value]
    assert len(sources) == len(charts)
