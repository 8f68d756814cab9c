"""UN projections (WPP 2024) on the trends and country pages: a dashed continuation labelled as
the UN's, with the 80% and 95% intervals for single countries, sums without an interval for
several, values equal to the warehouse, and the horizon in the URL."""

from __future__ import annotations

import pytest

from tests.apptest_helpers import open_page, sql
from tests.test_page_trends import figures, line_figure

LABEL = "UN projection (WPP 2024, medium variant)"


def projection_traces(spec: dict) -> list[dict]:
    return [t for t in spec["data"] if t.get("meta") == "projection"]


def medium(warehouse_path, series: str, iso3: tuple[str, ...], year: int) -> float:
    return sql(
        warehouse_path,
        "select sum(medium) from fct_projection where series_code = ? and year = ?"
        " and list_contains(?, iso3)",
        [series, year, list(iso3)],
    )[0][0]


def test_one_country_gets_the_dashed_projection_with_both_intervals(warehouse_path):
    at = open_page(
        "pages/trends.py", {"trend_indicator": ["wdi.net_migration"], "country": ["UKR"]}
    )
    traces = projection_traces(line_figure(at))
    line = next(t for t in traces if t["name"] == LABEL)
    assert line["line"]["dash"] == "dash"
    years = list(line["x"])
    # from WPP 2024's own last estimate (2023) to the default horizon 2030, never joined to WDI
    assert years[0] == 2023 and years[-1] == 2030
    values = dict(zip(years, line["y"], strict=True))
    assert values[2023] == -299_961  # the estimate the projection starts from
    assert values[2030] == medium(warehouse_path, "wpp2024.net_migration", ("UKR",), 2030)
    bands = {t["name"] for t in traces if t.get("fill") == "toself"}
    assert bands == {"Ukraine: 80% interval", "Ukraine: 95% interval"}
    wdi = next(t for t in line_figure(at)["data"] if t["name"] == "Ukraine")
    assert max(wdi["x"]) <= 2021, "the WDI line must not be extended by the projection"
    captions = " ".join(c.value for c in at.caption)
    assert "World Population Prospects 2024" in captions and "CC BY 3.0 IGO" in captions


def test_the_region_is_a_sum_of_medians_without_a_band(warehouse_path):
    at = open_page(
        "pages/trends.py",
        {
            "trend_indicator": ["wdi.population"],
            "trend_projection": ["2050"],
            "trend_compare": ["1"],
        },
    )
    traces = projection_traces(line_figure(at))
    assert not [t for t in traces if t.get("fill")], "no interval may be drawn for 20 countries"
    total = next(t for t in traces if t["name"].startswith("Whole region"))
    values = dict(zip(total["x"], total["y"], strict=True))
    region = tuple(iso3 for (iso3,) in sql(warehouse_path, "select iso3 from dim_country"))
    assert len(region) == 20
    assert values[2050] == pytest.approx(medium(warehouse_path, "wpp2024.population", region, 2050))
    assert max(total["x"]) == 2050
    captions = " ".join(c.value for c in at.caption)
    assert "the bands of a sum are not the sum of the countries' bands" in captions
    assert "at most 3 countries" in captions


def test_the_projection_can_be_switched_off_and_the_link_keeps_it():
    at = open_page(
        "pages/trends.py", {"trend_indicator": ["wdi.net_migration"], "trend_projection": ["off"]}
    )
    assert not projection_traces(line_figure(at))
    assert at.query_params["trend_projection"] in ("off", ["off"])
    at = open_page("pages/trends.py", {"trend_indicator": ["wdi.remittances_usd"]})
    assert not projection_traces(line_figure(at)), "WPP projects no remittances"
    assert "trend_projection" not in at.query_params


def test_the_country_page_shows_both_projections_to_2050(warehouse_path):
    at = open_page("pages/country.py", {"country": ["TJK"], "profile_chart": ["projections"]})
    specs = {s["layout"]["title"]["text"]: s for s in figures(at)}
    for title, series in (
        ("Net migration, Tajikistan", "wpp2024.net_migration"),
        ("Population, Tajikistan", "wpp2024.population"),
    ):
        traces = projection_traces(specs[title])
        line = next(t for t in traces if t["name"] == LABEL)
        values = dict(zip(line["x"], line["y"], strict=True))
        assert max(values) == 2050
        assert values[2030] == medium(warehouse_path, series, ("TJK",), 2030)
        assert {t["name"] for t in traces if t.get("fill")} == {
            "Tajikistan: 80% interval",
            "Tajikistan: 95% interval",
        }
    text = " ".join(m.value for m in at.markdown)
    # hand-sampled from popprojMed.txt: 11,826.507 thousand at 31 December 2030
    assert "Population (31 December of the year): 11.8 million in 2030" in text
    assert "Net migration: -20,370 in 2030" in text


def test_one_country_compared_with_the_region_sums_the_regions_projection(warehouse_path):
    # The whole region's dashed total is the region's sum, not the one selected country's.
    at = open_page(
        "pages/trends.py",
        {"trend_indicator": ["wdi.population"], "country": ["MDA"], "trend_compare": ["1"]},
    )
    total = next(t for t in projection_traces(line_figure(at)) if t["name"].startswith("Whole"))
    values = dict(zip(total["x"], total["y"], strict=True))
    region = tuple(iso3 for (iso3,) in sql(warehouse_path, "select iso3 from dim_country"))
    assert values[2030] == pytest.approx(medium(warehouse_path, "wpp2024.population", region, 2030))
