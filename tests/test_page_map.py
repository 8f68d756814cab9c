"""The offices map page under AppTest, against the real warehouse: the map's office dots,
counts, table, notes and optional indicator layer match what the warehouse holds, and the map
is offline (SVG traces, no map provider, no URL)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import geo, maps, svgmap
from dashboard.style import format_number
from tests.apptest_helpers import open_findings, open_page, svg_maps, url_value

PAGE = "pages/map.py"
REGION_ISO3 = {
    "ALB", "ARM", "AZE", "BLR", "BIH", "GEO", "ISR", "KAZ", "XKX", "KGZ",
    "MDA", "MNE", "MKD", "RUS", "SRB", "TJK", "TUR", "TKM", "UKR", "UZB",
}  # fmt: skip


def map_spec(at: AppTest) -> dict:
    """The page's one map (drawn as SVG by dashboard.svgmap), as a figure dict."""
    maps_drawn = svg_maps(at)
    assert len(maps_drawn) == 1
    return maps_drawn[0]


def traces(spec: dict, layer_id: str) -> list[dict]:
    """The traces drawing one of the deck's layers ("basemap", "choropleth", "offices")."""
    return [t for t in spec["data"] if (t.get("meta") or {}).get("layer") == layer_id]


def plain(markup: str) -> str:
    """A hover box's text as a reader sees it, its lines joined by spaces."""
    return html.unescape(re.sub("</?b>", "", markup).replace("<br>", " "))


def office_points(spec: dict) -> list[dict]:
    """The office dots in drawing order: id, type, size, colour and hover text."""
    return [
        {
            "office_id": office_id,
            "office_type": office_type,
            "size": trace["marker"]["size"],
            "fill": trace["marker"]["color"],
            "x": x,
            "y": y,
            "tooltip": plain(hover),
        }
        for trace in traces(spec, "offices")
        for (office_id, office_type), x, y, hover in zip(
            trace["customdata"], trace["x"], trace["y"], trace["hovertext"], strict=True
        )
    ]


def shaded(spec: dict) -> dict[str, dict]:
    """iso3 -> fill colour and hover text of each country the indicator layer colours."""
    return {
        t["name"]: {"fill": t["fillcolor"], "tooltip": plain(t["text"])}
        for t in traces(spec, "choropleth")
    }


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def expected_offices(warehouse_path: Path, iso3: set[str]) -> set[str]:
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        rows = con.execute(
            "select office_id from dim_office where office_type = 'regional' or iso3 in "
            "(select unnest($iso3::varchar[]))",
            {"iso3": sorted(iso3)},
        ).fetchall()
    return {office_id for (office_id,) in rows}


def members(warehouse_path: Path, subregion: str) -> set[str]:
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        rows = con.execute("select iso3 from dim_country where subregion = $s", {"s": subregion})
        return {iso3 for (iso3,) in rows.fetchall()}


# --- Points per filter -----------------------------------------------------------------------


def test_whole_region_shows_every_office_and_the_regional_office(warehouse_path):
    points = office_points(map_spec(open_page(PAGE)))
    assert len(points) == 49
    assert {p["office_id"] for p in points} == expected_offices(warehouse_path, REGION_ISO3)
    assert sum(p["office_type"] == "regional" for p in points) == 1


@pytest.mark.parametrize(
    ("query", "countries"),
    [
        ({"country": ["UKR"]}, {"UKR"}),
        ({"country": ["ISR"]}, {"ISR"}),
        ({"country": ["ALB", "XKX"]}, {"ALB", "XKX"}),
        ({"subregion": ["Central Asia"]}, None),
    ],
    ids=["ukraine", "israel", "albania-kosovo", "central-asia"],
)
def test_filters_restrict_the_points_and_keep_the_regional_office(warehouse_path, query, countries):
    countries = countries or members(warehouse_path, query["subregion"][0])
    points = office_points(map_spec(open_page(PAGE, query)))
    expected = expected_offices(warehouse_path, countries)
    assert {p["office_id"] for p in points} == expected
    assert "ro-vienna" in expected
    if countries == {"UKR"}:
        assert len(points) == 8  # Kyiv, six sub-offices, and the Regional Office
    if countries == {"ISR"}:
        assert len(points) == 1  # no office in Israel: only the Regional Office covering it


def test_points_are_sized_and_coloured_by_type():
    points = office_points(map_spec(open_page(PAGE, {"country": ["GEO"]})))
    by_type = {p["office_type"]: p for p in points}
    assert by_type["regional"]["size"] > by_type["country"]["size"] > by_type["sub-office"]["size"]
    assert len({p["fill"] for p in by_type.values()}) == 3
    # Drawn last, so the small sub-office dots sit on top of larger ones.
    assert points[-1]["office_type"] == "sub-office"


def test_filter_zooms_the_view_to_the_selection():
    region = map_spec(open_page(PAGE))["layout"]["meta"]["view"]
    ukraine = map_spec(open_page(PAGE, {"country": ["UKR"]}))["layout"]["meta"]["view"]
    west, south, east, north = geo.bounds_of(("UKR",))
    assert west < ukraine["longitude"] < east and south < ukraine["latitude"] < north
    assert ukraine["zoom"] > region["zoom"]


# --- Offline deck and basemap ----------------------------------------------------------------


@pytest.mark.parametrize("query", [{}, {"country": ["XKX"], "indicator": ["wdi.population"]}])
def test_map_fetches_nothing(query):
    """Plain SVG scatter traces on hidden axes: no map subplot that loads tiles or styles."""
    at = open_page(PAGE, query)
    assert not at.get("deck_gl_json_chart")
    raw = next(
        c.proto.spec for c in at.get("plotly_chart") if svgmap.is_map(json.loads(c.proto.spec))
    )
    assert "http" not in raw.lower() and "://" not in raw
    spec = map_spec(at)
    assert {t["type"] for t in spec["data"]} == {"scatter"}
    assert not {"geo", "map", "mapbox"} & set(spec["layout"])


def test_basemap_covers_the_20_and_highlights_the_selection():
    whole = traces(map_spec(open_page(PAGE)), "basemap")
    assert REGION_ISO3 <= {iso3 for t in whole for iso3 in t["meta"]["iso3"]}
    chosen = traces(map_spec(open_page(PAGE, {"country": ["UKR", "XKX"]})), "basemap")
    strong = {
        iso3
        for t in chosen
        if t["fillcolor"] == svgmap.css(maps.LAND_REGION)
        for iso3 in t["meta"]["iso3"]
    }
    assert strong == {"UKR", "XKX"}


# --- Counts, table, notes --------------------------------------------------------------------


def test_metrics_count_offices_by_type_as_the_documents_do(warehouse_path, con):
    at = open_page(PAGE)
    by_type = dict(
        con.execute("select office_type, count(*) from dim_office group by all").fetchall()
    )
    table_a1 = con.execute(
        "select value from fct_key_figure where figure_id = 's2020_a1_offices'"
    ).fetchone()[0]
    assert metric(at, "Country offices") == str(by_type["country"]) == "19"
    assert metric(at, "Sub-offices") == str(by_type["sub-office"]) == "29"
    assert metric(at, "Regional Office (Vienna)") == "1"
    assert metric(at, "Offices and sub-offices") == f"{table_a1:.0f}" == "48"
    sources = [c for c in captions(at) if c.startswith("Source:") and "Annex 1" in c]
    assert len(sources) >= 4 and any("Table A1" in c for c in sources)


def test_metrics_follow_the_country_filter():
    at = open_page(PAGE, {"country": ["UKR"]})
    assert metric(at, "Offices and sub-offices") == "7"
    assert metric(at, "Country offices") == "1"
    assert metric(at, "Sub-offices") == "6"
    assert metric(at, "Regional Office (Vienna)") == "1"


def test_table_lists_the_offices_shown_with_both_spellings(warehouse_path, con):
    at = open_page(PAGE, {"country": ["BIH", "UKR"]})
    table = at.dataframe[0].value
    expected = con.execute(
        "select name from dim_office where office_type = 'regional' or iso3 in ('BIH', 'UKR')"
    ).fetchall()
    assert sorted(table["Office"]) == sorted(name for (name,) in expected)
    assert len(table) == len(office_points(map_spec(at)))
    trebinje = table.set_index("Office").loc["IOM Trebinje"]
    assert (trebinje["Town"], trebinje["Town as published"]) == (
        "Trebinje",
        "Tribinje",
    )
    for column in (
        "Address",
        "Telephone",
        "Email",
        "Latitude",
        "Longitude",
        "GeoNames id",
        "Gazetteer name",
    ):
        assert column in table.columns
    assert [b.label for b in at.get("download_button")] == ["Download CSV"]


def test_missing_contacts_show_as_blank_cells_not_none():
    """Sub-offices have no published address or telephone: the cells are empty on screen, as in
    the CSV, never Streamlit's default "None"."""
    at = open_page(PAGE, {"country": ["UKR"]})
    offices = at.dataframe[0]
    assert offices.value["Telephone"].isna().any(), "Ukraine's sub-offices have no telephone"
    assert offices.proto.HasField("placeholder") and offices.proto.placeholder == ""


def test_office_spelling_findings_are_listed(con):
    at = open_findings(open_page(PAGE))
    published = [
        p
        for (p,) in con.execute(
            "select published from dq_finding where topic = 'offices'"
        ).fetchall()
    ]
    text = "\n".join(m.value for m in at.markdown)
    assert len(published) >= 20
    for value in ("Tribinje", "Gijlan", "Dotnetsk", "Lyiv", "Taskhent"):
        assert value in published and f"**{value}**" in text
    assert any(f"({len(published)})" in e.label for e in at.expander)


def test_israel_is_covered_by_the_regional_office():
    at = open_page(PAGE, {"country": ["ISR"]})
    assert any("Israel" in i.value and "Regional Office" in i.value for i in at.info)
    tooltip = office_points(map_spec(at))[0]["tooltip"]
    assert "Israel has no office of its own" in tooltip


def test_eubam_moldova_is_marked_as_a_stand_in_position():
    at = open_page(PAGE, {"country": ["MDA"]})
    points = {p["office_id"]: p for p in office_points(map_spec(at))}
    eubam, chisinau = points["mda-eubam"], points["mda-chisinau"]
    assert (eubam["x"], eubam["y"]) == (chisinau["x"], chisinau["y"])
    assert "stand-in" in eubam["tooltip"] and "EUBAM" in eubam["tooltip"]
    assert "stand-in" not in chisinau["tooltip"]
    assert any("EUBAM" in c and "stand-in" in c for c in captions(at))
    assert not any("stand-in" in c for c in captions(open_page(PAGE, {"country": ["UKR"]})))


def test_tooltip_carries_contacts_and_notes(con):
    kyiv = con.execute(
        "select address, telephone, email from dim_office where office_id = 'ukr-kyiv'"
    ).fetchone()
    points = {
        p["office_id"]: p for p in office_points(map_spec(open_page(PAGE, {"country": ["UKR"]})))
    }
    body = points["ukr-kyiv"]["tooltip"]
    assert "Country office · Kyiv, Ukraine" in body
    for value in kyiv:
        assert value in body
    assert "EUBAM" in points["ukr-odesa"]["tooltip"]
    assert "Published as: Odessa/EUBAM*" in points["ukr-odesa"]["tooltip"]


# --- Optional indicator layer ----------------------------------------------------------------


def choose_indicator(at: AppTest, code: str) -> AppTest:
    at.selectbox(key="indicator").set_value(code).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_no_indicator_layer_until_one_is_chosen():
    spec = map_spec(open_page(PAGE))
    assert data_layers(spec) == ["basemap", "offices"]


def test_indicator_layer_colours_the_selection_for_the_chosen_year(con):
    at = choose_indicator(
        open_page(PAGE, {"subregion": ["Western Balkans"]}), "undesa2020.migrant_share"
    )
    assert at.selectbox(key="indicator_year").value == 2020  # latest year with data
    at.selectbox(key="indicator_year").set_value(2015).run()
    spec = map_spec(at)
    assert data_layers(spec) == ["basemap", "choropleth", "offices"]
    features = shaded(spec)
    balkans = {
        iso3
        for (iso3,) in con.execute(
            "select iso3 from dim_country where subregion = 'Western Balkans'"
        ).fetchall()
    }
    assert set(features) == balkans
    albania = con.execute(
        "select value from fct_indicator_value where indicator_code = 'undesa2020.migrant_share' "
        "and iso3 = 'ALB' and year = 2015"
    ).fetchone()[0]
    assert f"{format_number(albania, 'percent')} (2015)" in features["ALB"]["tooltip"]
    # The source folds Kosovo into Serbia: Kosovo is uncoloured and says why.
    assert features["XKX"]["fill"] == svgmap.css(maps.NO_DATA)
    assert "included in Serbia" in features["XKX"]["tooltip"]
    assert any("Kosovo (UNSCR 1244) is folded into Serbia" in c for c in captions(at))
    assert url_value(at, "indicator") == "undesa2020.migrant_share"
    assert url_value(at, "indicator_year") == "2015"


def test_indicator_with_kosovo_separate_has_no_kosovo_note():
    at = choose_indicator(open_page(PAGE, {"country": ["SRB", "XKX"]}), "wdi.population")
    features = shaded(map_spec(at))
    assert features["XKX"]["fill"] != svgmap.css(maps.NO_DATA)
    assert not any("Kosovo is folded" in c for c in captions(at))


def test_indicator_and_year_come_from_the_link():
    at = open_page(
        PAGE, {"country": ["UKR"], "indicator": ["unhcr.idps"], "indicator_year": ["2015"]}
    )
    assert at.selectbox(key="indicator").value == "unhcr.idps"
    assert at.selectbox(key="indicator_year").value == 2015
    assert traces(map_spec(at), "choropleth")
    assert not at.warning


def test_clearing_the_indicator_removes_the_layer_and_the_link_values():
    at = open_page(PAGE, {"indicator": ["unhcr.idps"], "indicator_year": ["2015"]})
    assert url_value(at, "indicator") == "unhcr.idps"
    at.selectbox(key="indicator").set_value(None).run()
    assert data_layers(map_spec(at)) == ["basemap", "offices"]
    assert url_value(at, "indicator") is None and url_value(at, "indicator_year") is None


@pytest.mark.parametrize(
    ("query", "warned"),
    [
        ({"indicator": ["no.such.indicator"]}, "indicator"),
        ({"indicator": ["x" * 5000]}, "indicator"),
        ({"indicator": ["wdi.population"], "indicator_year": ["1066"]}, "year"),
        ({"indicator": ["wdi.population"], "indicator_year": ["<script>"]}, "year"),
    ],
)
def test_bad_link_values_warn_and_fall_back(query, warned):
    at = open_page(PAGE, query)
    assert len(at.warning) == 1 and at.warning[0].value.startswith(f"Ignored {warned}")
    assert len(at.warning[0].value) < 200
    ids = data_layers(map_spec(at))
    assert ids == (
        ["basemap", "offices"] if warned == "indicator" else ["basemap", "choropleth", "offices"]
    )


def test_indicator_without_values_in_the_sidebar_years_offers_its_own():
    at = choose_indicator(
        open_page(PAGE, {"years": ["1995", "2015"]}), "knomad2023.remittances_gdp_2023"
    )
    assert at.selectbox(key="indicator_year").options == ["2023"]
    assert any("no value in 1995-2015" in i.value for i in at.info)


# --- Pure helpers ----------------------------------------------------------------------------


def data_layers(spec: dict) -> list[str]:
    """The deck's data layers in drawing order; also checks that every map carries the overlays
    (Kosovo's outline, dashed towards Serbia, and the names)."""
    ids = list(dict.fromkeys((t.get("meta") or {}).get("layer") for t in spec["data"]))
    assert {"kosovo-boundary-solid", "kosovo-boundary-dashed"} <= set(ids), ids
    assert spec["layout"]["annotations"], "no names on the map"
    return [i for i in ids if i in {"basemap", "choropleth", "offices"}]


def test_geojson_covers_all_20_including_kosovo():
    features = geo.country_shapes()["features"]
    assert {
        f["properties"]["iso3"] for f in features if f["properties"]["in_region"]
    } == REGION_ISO3


def test_tooltip_is_plain_text_and_legend_is_escaped():
    import pandas as pd

    office = pd.Series({
        "office_id": "x", "office_type": "sub-office", "name": "<b>IOM</b>", "city": "A&B",
        "city_as_published": "<img src=x>", "country_name": "C", "address": None, "telephone": float("nan"),
        "email": "a@b", "note": "<script>alert(1)</script>", "position_is_stand_in": False,
    })  # fmt: skip
    title, body = maps.office_tooltip(office)
    # Plain text, one fact a line: Streamlit escapes values when it fills the tooltip template
    # (checked in the browser test), so escaping here would show "&amp;" to the user.
    assert title == "<b>IOM</b>"
    assert body.split("\n") == [
        "Sub-office · A&B, C (listed as of May 2020)",
        "Published as: <img src=x>",
        "Email: a@b",
        "Note: <script>alert(1)</script>",
    ]
    assert maps.TOOLTIP["style"]["whiteSpace"] == "pre-line"
    long_note = office.copy()
    long_note["note"] = "First sentence. " + "Second, longer sentence with detail. " * 20
    *_, last = maps.office_tooltip(long_note)[1].split("\n")
    assert len(last) < maps.TOOLTIP_NOTE_LENGTH + 60 and last.endswith(
        "(Full note in the table below.)"
    )
    assert last.startswith("Note: First sentence. Second, longer sentence with detail.")
    svg = maps.legend_svg([("#000000", "<script>", None), ("#FFFFFF", "a & b", 5)])
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "a &amp; b" in svg
    assert "http" not in svg


def test_whole_region_view_frames_every_office(con):
    import math

    offices = con.execute("select lon, lat from dim_office").df()
    view = maps.view_for_offices(offices, (), True, width=700, height=600)
    scale = 512 * 2**view.zoom  # pixels for the world's width at this zoom
    half_width_deg = 700 / 2 / scale * 360
    y = lambda lat: math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))  # noqa: E731
    half_height_y = 600 / 2 / scale * 2 * math.pi
    for office in offices.itertuples():
        assert abs(office.lon - view.longitude) < half_width_deg, office
        assert abs(y(office.lat) - y(view.latitude)) < half_height_y, office
    # ...and no wider than needed: the frame is at most a third larger than the offices' span.
    assert 2 * half_width_deg < 1.35 * (offices["lon"].max() - offices["lon"].min())
