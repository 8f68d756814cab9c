"""The country profile page under AppTest: what a manager sees for a country, checked against the
warehouse, and how the country is chosen (link, sidebar filter, its own selector)."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import svgmap
from dashboard.style import format_number
from tests.apptest_helpers import metric_value, open_findings, open_page, open_tables, url_value

PAGE = "pages/country.py"


def texts(at: AppTest) -> str:
    return "\n".join(
        [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    )


@pytest.fixture(scope="module")
def ukraine(warehouse_path) -> AppTest:
    return open_page(PAGE, {"iso3": ["UKR"]}, timeout=90)


def test_ukraine_offices_and_funding_equal_the_warehouse(ukraine, con):
    offices = con.execute("select count(*) from dim_office where iso3 = 'UKR'").fetchone()[0]
    requirement = con.execute(
        "select sum(usd) from fct_funding_requirement where region = 'seeeca' and iso3 = 'UKR'"
    ).fetchone()[0]
    assert ukraine.title[0].value == "Country profile: Ukraine"
    assert metric_value(ukraine, "IOM offices and sub-offices") == str(offices) == "7"
    assert metric_value(ukraine, "Funding requirement 2016") == format_number(requirement, "usd")
    assert f"USD {requirement:,.0f}), 2nd of 19 in the region" in texts(ukraine)


def test_ukraine_tables_list_offices_and_names_per_document(ukraine, con):
    office_table = next(t.value for t in ukraine.table if "Telephone" in t.value.columns)
    assert len(office_table) == 7
    kyiv = office_table[office_table["Office"] == "IOM Kyiv"].iloc[0]
    assert (
        kyiv["Telephone"]
        == con.execute("select telephone from dim_office where office_id = 'ukr-kyiv'").fetchone()[
            0
        ]
    )
    status_table = next(t.value for t in ukraine.table if "IOM status" in t.value.columns)
    documents = con.execute("select count(*) from dim_country_name where iso3 = 'UKR'").fetchone()[
        0
    ]
    assert len(status_table) == documents == 3
    funding = next(
        d.value for d in open_tables(ukraine).dataframe if "Programmatic area" in d.value.columns
    )
    by_area = dict(
        zip(funding["Programmatic area"], funding["Requirement 2016 (USD)"], strict=True)
    )
    assert by_area["Emergency, operations and post-crisis"] == "8,000,000"
    assert by_area["Migration, environment and climate change"] == "-", (
        "an empty cell is no requirement, not 0"
    )


def test_every_number_has_a_source_line(ukraine):
    sources = [c.value for c in ukraine.caption if c.value.startswith("Source:")]
    assert len(sources) >= len(ukraine.metric)
    assert any("Migration Initiatives 2016" in s for s in sources), (
        "funding cites Migration Initiatives 2016"
    )
    assert not any(".txt" in s for s in sources), "a citation names the document, not its file"
    assert any("UNHCR" in s for s in sources)


def test_ukraine_quotes_outlook_and_data_quality_notes(ukraine):
    assert not any("region-wide;" in line for line in texts(ukraine).splitlines()), (
        "the region-wide statements are built only once their expander is opened"
    )
    ukraine.session_state["outlook-region-wide"] = True
    ukraine.run()
    shown = texts(ukraine)
    assert "118,000" in shown, "the 2015 strategy's IDP figure for Ukraine is quoted"
    assert "countries named: Ukraine" in shown.replace("\\", ""), (
        "country-specific outlook statements are marked"
    )
    assert "(names " not in shown and "*names " not in shown, "a scope reads as a phrase"
    assert "region-wide" in shown
    watched = [line for line in shown.splitlines() if "indicators to watch" in line]
    assert watched and not any(
        re.search(r"watch: .*\b(idps|remittances usd|migrant share)\b", line) for line in watched
    ), watched  # families by their names, not their codes with spaces
    assert any("Remittance inflows (US$)" in line.replace("\\", "") for line in watched), watched
    assert "Dotnetsk" not in shown, "the notes are listed only once their expander is opened"
    assert "Dotnetsk" in texts(open_findings(ukraine)), (
        "the misspelt Donetsk sub-office is a data-quality note"
    )


def test_kosovo_says_included_in_serbia_rather_than_nothing(warehouse_path):
    at = open_page(PAGE, {"iso3": ["XKX"]}, timeout=90)
    assert metric_value(at, "International migrant stock") == "Included in Serbia"
    assert metric_value(at, "Refugees hosted") == "Included in Serbia"
    assert metric_value(at, "Personal remittances received (World Bank").startswith("USD ")
    assert any("Included in Serbia" in i.value for i in at.info)


def test_israel_has_no_funding_row_and_is_covered_by_vienna(warehouse_path):
    at = open_page(PAGE, {"iso3": ["ISR"]}, timeout=90)
    assert metric_value(at, "IOM offices and sub-offices") == "0"
    assert metric_value(at, "Funding requirement 2016") == "not in the table"
    assert any("Israel has no row" in i.value for i in at.info)
    offices = next(t.value for t in at.table if "Telephone" in t.value.columns)
    assert list(offices["Type"]) == ["Regional Office"]


def test_a_single_country_in_the_sidebar_opens_its_profile(warehouse_path):
    at = open_page(PAGE, {"country": ["TJK"]}, timeout=90)
    assert at.title[0].value == "Country profile: Tajikistan"
    assert url_value(at, "iso3") == "TJK"


def test_own_selector_changes_country_and_link(warehouse_path):
    at = open_page(PAGE, {"iso3": ["UKR"]}, timeout=90)
    at.selectbox(key="profile_country").set_value("GEO").run()
    assert not at.exception
    assert at.title[0].value == "Country profile: Georgia"
    assert url_value(at, "iso3") == "GEO"
    assert metric_value(at, "Funding requirement 2016") == "USD 18.4 million"


@pytest.mark.parametrize("value", ["ZZZ", "UKR' OR 1=1 --", "x" * 5000])
def test_unknown_code_in_link_warns_and_falls_back(warehouse_path, value):
    at = open_page(PAGE, {"iso3": [value]}, timeout=90)
    assert any("Ignored iso3" in w.value for w in at.warning)
    assert all(len(w.value) < 300 for w in at.warning)
    assert at.title[0].value == "Country profile: Albania"


def test_profile_opens_with_where_the_country_stands_out(ukraine, con):
    """The first block is the country's story: the indicators where it ranks highest (chosen by
    dashboard.story, checked against the warehouse in tests/test_story.py), each with its reason."""
    from dashboard import briefing, story

    scope = briefing.Scope(("UKR",), "Ukraine", (2000, 2025), country="UKR")
    chosen = briefing.load(briefing.direct(con), scope).standouts
    assert ukraine.header[0].value == "Where Ukraine stands out in the region"
    captions = "\n".join(c.value for c in ukraine.caption)
    for standing in chosen:
        assert metric_value(ukraine, standing.concept.card) == standing.display
        assert standing.reason("Ukraine") in captions.replace("\\", "")
    assert len(chosen) >= story.MIN_STANDOUTS


def test_status_notes_read_as_sentences_without_codes(ukraine):
    """The membership-status notes under the status table are shown on every profile: they name
    the documents, never a column (iom_status) or a seed number (000, 001)."""
    notes = [c.value for c in ukraine.caption if "observer" in c.value]
    assert len(notes) == 2, notes
    for note in notes:
        assert not re.search(r"\b[a-z]+_[a-z_]+\b|\b00\d\b", note), note


def _charts(at: AppTest) -> list[dict]:
    """The plotly charts drawn, without the office map (plotly too, layout.meta.kind "map")."""
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return [spec for spec in specs if not svgmap.is_map(spec)]


def _chart_titles(at: AppTest) -> list[str]:
    return [spec["layout"]["title"]["text"].replace("<br>", " ") for spec in _charts(at)]


def test_one_chart_block_is_drawn_at_a_time_and_the_link_keeps_the_choice(warehouse_path):
    """Beyond the two funding charts, a run draws only the chart block the picker shows (a warm
    rerun drawing all eleven charts was 20-30 times an empty page); the choice is in the link."""
    from dashboard.content import country as profile

    ukraine = open_page(PAGE, {"iso3": ["UKR"]}, timeout=90)
    picker = ukraine.segmented_control(key="profile_chart")
    assert picker.value == profile.DEFAULT_CHART_BLOCK
    assert list(picker.options) == list(profile.CHART_BLOCKS.values())
    assert len(_charts(ukraine)) == 3, _chart_titles(ukraine)  # funding x2 + trend
    assert "Immigrants and emigrants, Ukraine" in _chart_titles(ukraine)
    picker.set_value("corridors").run()
    assert not ukraine.exception
    assert url_value(ukraine, "profile_chart") == "corridors"
    titles = _chart_titles(ukraine)
    assert "Emigrants from Ukraine, top 10 destinations, 2024" in titles
    assert "Immigrants and emigrants, Ukraine" not in titles
    picker.set_value(profile.DEFAULT_CHART_BLOCK).run()
    assert "profile_chart" not in ukraine.query_params, "the default stays out of the link"


def test_print_view_draws_every_chart_block(warehouse_path):
    at = open_page(PAGE, {"iso3": ["UKR"], "print": ["1"]}, timeout=90)
    assert at.toggle(key="print").value is True
    assert not at.get("segmented_control"), "no picker: every block is drawn"
    titles = _chart_titles(at)
    for expected in (
        "Immigrants and emigrants, Ukraine",
        "Personal remittances received as % of GDP, Ukraine",
        "Refugees and asylum-seekers hosted in Ukraine",
        "Emigrants from Ukraine, top 10 destinations, 2024",
        "International migrants in Ukraine, top 10 origins, 2024",
    ):
        assert expected in titles, titles
    assert any(t.startswith("Net migration, Ukraine") for t in titles), titles
    assert len(titles) == 11, titles  # 2 funding, 5 trends, 2 projections, 2 corridors
    statements = [m.value for m in at.markdown if "indicators to watch" in m.value]
    assert any("region-wide;" in s for s in statements), "region-wide statements are printed"
    at.toggle(key="print").set_value(False).run()
    assert "print" not in at.query_params
    assert len(_charts(at)) == 3
