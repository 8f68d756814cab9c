"""Migration corridors: the queries against the warehouse, the regional page and the country
profile's section, as a user sees them."""

from __future__ import annotations

import json

import pytest

from dashboard import svgmap
from dashboard.charts import corridors as charts
from dashboard.queries import corridors as q
from tests.apptest_helpers import open_page, open_tables

PAGE = "pages/corridors.py"
REGION = "ALB ARM AZE BLR BIH GEO ISR KAZ XKX KGZ MDA MNE MKD RUS SRB TJK TUR TKM UKR UZB".split()


def test_destinations_add_up_to_the_official_emigrant_total(con):
    destinations = q.country_destinations(con, "UKR", limit=500)
    emigrants = con.execute(
        "select value from fct_indicator_value where indicator_code = 'undesa2024.emigrants'"
        " and iso3 = 'UKR' and year = 2024"
    ).fetchone()[0]
    assert destinations["migrants"].sum() == emigrants == 9769216
    assert destinations["share"].sum() == pytest.approx(1.0)
    top = q.country_destinations(con, "UKR", limit=3)
    assert list(top["migrants"]) == sorted(top["migrants"], reverse=True)
    assert set(top["destination_iso3"]) <= set(destinations["destination_iso3"])


def test_origins_of_the_russian_federation_add_up_to_its_stock(con):
    origins = q.country_origins(con, "RUS", limit=500)
    assert origins["migrants"].sum() == 7605774
    assert origins.iloc[0]["origin"] == "Ukraine"


def test_groups_share_inside_the_region(con):
    groups = q.corridor_groups(con, "TJK")
    emigrants = groups[groups["direction"] == "emigrants"].set_index("place_group")
    assert emigrants["share"].sum() == pytest.approx(1.0)
    assert emigrants.loc["SEEECA region", "share"] > 0.9  # Tajiks abroad live mostly in Russia
    sentence = charts.group_sentence(groups, "Tajikistan", "emigrants")
    assert sentence.startswith("Of the 514,478 emigrants from Tajikistan in mid-2024, 99% live in")


def test_main_corridors_of_central_asia_lead_to_the_russian_federation(con):
    corridors = q.main_corridors(con, ("KAZ", "KGZ", "TJK", "TKM", "UZB"), limit=5)
    assert len(corridors) == 5
    assert (corridors.iloc[0]["origin_iso3"], corridors.iloc[0]["destination_iso3"]) == (
        "KAZ",
        "RUS",
    )
    assert set(corridors["direction"]) <= {"emigration", "immigration", "within the selection"}
    assert not corridors["origin_iso3"].isin(["XCX", "OOO"]).any()


def test_the_page_draws_the_largest_corridors_as_a_flow_diagram():
    at = open_page(PAGE, {"country": ["UKR"]}, fail_on_error=True)
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    sankey = figure["data"][0]
    assert sankey["type"] == "sankey"
    assert len(sankey["link"]["value"]) == 15
    assert "Ukraine" in sankey["node"]["label"]
    assert max(sankey["link"]["value"]) == 3375095  # born in the Russian Federation, in Ukraine
    assert any("UN DESA, International Migrant Stock 2024" in c.value for c in at.caption)
    open_tables(at)
    table = at.dataframe[0].value
    assert list(table.columns) == ["Rank", "From", "To", "Migrants", "Direction"]
    assert table.iloc[0]["Migrants"] == 3375095


def test_the_country_profile_shows_where_emigrants_live():
    at = open_page("pages/country.py", {"country": ["TJK"], "profile_chart": ["corridors"]})
    assert any(
        m.value.startswith("**Of the 514,478 emigrants from Tajikistan in mid-2024")
        for m in at.markdown
    )
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    titles = [
        spec["layout"]["title"]["text"].replace("<br>", " ")
        for spec in specs
        if not svgmap.is_map(spec)  # the office map has no title
    ]
    assert "Emigrants from Tajikistan, top 10 destinations, 2024" in titles


def test_grouped_corridors_show_central_asia_to_the_russian_federation(con):
    grouped = q.main_corridors_grouped(con, tuple(REGION), limit=30).set_index(
        ["origin", "destination"]
    )
    central_asia = con.execute(
        "select sum(migrants) from fct_migrant_corridor where year = 2024"
        " and destination_iso3 = 'RUS' and origin_iso3 in ('KAZ', 'KGZ', 'TJK', 'TKM', 'UZB')"
    ).fetchone()[0]
    assert grouped.loc[("Central Asia", "Russian Federation"), "migrants"] == central_asia
    assert ("Eastern Europe", "European Union (27)") in grouped.index
    at = open_page(PAGE)
    at.toggle(key="corridor_groups").set_value(True).run()
    assert not at.exception
    assert at.query_params["corridor_groups"] == "1"  # a link opens the same view
    sankey = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    assert "Central Asia" in sankey["node"]["label"]
    assert "European Union (27)" in sankey["node"]["label"]


def test_a_link_opens_the_same_view_and_bad_values_are_dropped():
    at = open_page(PAGE, {"corridors": ["30"], "corridor_groups": ["1"]})
    sankey = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    assert len(sankey["link"]["value"]) == 30
    assert "European Union (27)" in sankey["node"]["label"]
    at = open_page(PAGE, {"corridors": ["12"]})
    assert at.warning and "12" in at.warning[0].value
    assert len(json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]["link"]["value"]) == 15


def test_kosovo_profile_says_what_the_un_desa_notes_say():
    at = open_page("pages/country.py", {"country": ["XKX"], "profile_chart": ["corridors"]})
    notes = [
        i.value for i in at.info if "International Migrant Stock has no row for Kosovo" in i.value
    ]
    assert notes and "do not say whether" in notes[0]
