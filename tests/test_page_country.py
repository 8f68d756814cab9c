"""The country profile page under AppTest: what a manager sees for a country, checked against the
warehouse, and how the country is chosen (link, sidebar filter, its own selector)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.style import format_number

APP = str(Path(__file__).resolve().parents[1] / "app.py")
PAGE = "pages/country.py"


def open_profile(query: dict[str, list[str]]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, values in query.items():
        at.query_params[key] = values
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at: AppTest, label_start: str) -> str:
    return next(m.value for m in at.metric if m.label.startswith(label_start))


def link_value(at: AppTest, key: str) -> str:
    value = at.query_params[key]
    return value if isinstance(value, str) else value[-1]


def texts(at: AppTest) -> str:
    return "\n".join(
        [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    )


@pytest.fixture(scope="module")
def ukraine(warehouse_path) -> AppTest:
    return open_profile({"iso3": ["UKR"]})


def test_ukraine_offices_and_funding_equal_the_warehouse(ukraine, con):
    offices = con.execute("select count(*) from dim_office where iso3 = 'UKR'").fetchone()[0]
    requirement = con.execute(
        "select sum(usd) from fct_funding_requirement where region = 'seeeca' and iso3 = 'UKR'"
    ).fetchone()[0]
    assert ukraine.title[0].value == "Country profile: Ukraine"
    assert metric(ukraine, "IOM offices and sub-offices") == str(offices) == "7"
    assert metric(ukraine, "Funding requirement 2016") == format_number(requirement, "usd")
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
    funding = next(d.value for d in ukraine.dataframe if "Programmatic area" in d.value.columns)
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
    assert any("002_826368cb2c35f099.txt" in s for s in sources), (
        "funding cites Migration Initiatives 2016"
    )
    assert any("UNHCR" in s for s in sources)


def test_ukraine_quotes_outlook_and_data_quality_notes(ukraine):
    shown = texts(ukraine)
    assert "118,000" in shown, "the 2015 strategy's IDP figure for Ukraine is quoted"
    assert "names Ukraine" in shown, "country-specific outlook statements are marked"
    assert "region-wide" in shown
    assert "Dotnetsk" in shown, "the misspelt Donetsk sub-office is a data-quality note"


def test_kosovo_says_included_in_serbia_rather_than_nothing(warehouse_path):
    at = open_profile({"iso3": ["XKX"]})
    assert metric(at, "International migrant stock") == "Included in Serbia"
    assert metric(at, "Refugees hosted") == "Included in Serbia"
    assert metric(at, "Personal remittances received (World Bank").startswith("USD ")
    assert any("Included in Serbia" in i.value for i in at.info)


def test_israel_has_no_funding_row_and_is_covered_by_vienna(warehouse_path):
    at = open_profile({"iso3": ["ISR"]})
    assert metric(at, "IOM offices and sub-offices") == "0"
    assert metric(at, "Funding requirement 2016") == "not in the table"
    assert any("Israel has no row" in i.value for i in at.info)
    offices = next(t.value for t in at.table if "Telephone" in t.value.columns)
    assert list(offices["Type"]) == ["Regional Office"]


def test_a_single_country_in_the_sidebar_opens_its_profile(warehouse_path):
    at = open_profile({"country": ["TJK"]})
    assert at.title[0].value == "Country profile: Tajikistan"
    assert link_value(at, "iso3") == "TJK"


def test_own_selector_changes_country_and_link(warehouse_path):
    at = open_profile({"iso3": ["UKR"]})
    at.selectbox(key="profile_country").set_value("GEO").run()
    assert not at.exception
    assert at.title[0].value == "Country profile: Georgia"
    assert link_value(at, "iso3") == "GEO"
    assert metric(at, "Funding requirement 2016") == "USD 18.4 million"


@pytest.mark.parametrize("value", ["ZZZ", "UKR' OR 1=1 --", "x" * 5000])
def test_unknown_code_in_link_warns_and_falls_back(warehouse_path, value):
    at = open_profile({"iso3": [value]})
    assert any("Ignored iso3" in w.value for w in at.warning)
    assert all(len(w.value) < 300 for w in at.warning)
    assert at.title[0].value == "Country profile: Albania"
