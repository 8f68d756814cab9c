"""The headline rule (sql/marts/headline_value.sql): on constructed series and on the warehouse."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from dashboard import config
from dashboard.queries.headline import (
    headline_concepts,
    headline_figures,
    headline_figures_for_selection,
    headline_scope_for_selection,
)

RULE = (config.SQL_DIR / "marts" / "headline_value.sql").read_text(encoding="utf-8")


def run_rule(
    candidates: list[tuple],
    indicators: list[tuple],
    values: list[tuple],
    scopes: list[tuple],
) -> pd.DataFrame:
    """The mart's SQL over small constructed tables in a real DuckDB."""
    con = duckdb.connect()
    con.execute(
        "create table dim_headline_candidate (concept varchar, preference int,"
        " indicator_code varchar, scale double)"
    )
    con.execute(
        "create table dim_indicator (indicator_code varchar, source_id varchar,"
        " aggregation varchar, weight_indicator_code varchar)"
    )
    con.execute(
        "create table fct_indicator_value (indicator_code varchar, iso3 varchar, year int,"
        " value double)"
    )
    con.execute(
        "create table dim_headline_scope (scope_type varchar, scope_id varchar, iso3 varchar)"
    )
    con.executemany("insert into dim_headline_candidate values (?, ?, ?, ?)", candidates)
    con.executemany("insert into dim_indicator values (?, ?, ?, ?)", indicators)
    con.executemany("insert into fct_indicator_value values (?, ?, ?, ?)", values)
    con.executemany("insert into dim_headline_scope values (?, ?, ?)", scopes)
    return con.execute(RULE).df()


TWO_SOURCES = [("remit", 1, "wdi.usd", 1.0), ("remit", 2, "knomad.mn", 1e6)]
TWO_INDICATORS = [("wdi.usd", "wdi", "sum", None), ("knomad.mn", "knomad", "sum", None)]
PAIR = [("region", "R", "AAA"), ("region", "R", "BBB"), ("country", "AAA", "AAA")]


def row(result: pd.DataFrame, scope_id: str, year: int) -> dict:
    found = result[(result["scope_id"] == scope_id) & (result["year"] == year)]
    assert len(found) == 1, found
    return found.iloc[0].to_dict()


def test_latest_year_comes_before_the_preferred_source():
    values = [
        ("wdi.usd", "AAA", 2022, 100.0),
        ("knomad.mn", "AAA", 2022, 0.0002),
        ("knomad.mn", "AAA", 2023, 0.0003),
    ]
    result = run_rule(TWO_SOURCES, TWO_INDICATORS, values, [("country", "AAA", "AAA")])
    headline = result[result["is_headline"]].iloc[0]
    assert (headline["year"], headline["indicator_code"]) == (2023, "knomad.mn")
    assert headline["value"] == pytest.approx(300.0)  # US$ million scaled to US$


def test_in_one_year_the_preferred_source_wins_and_the_other_is_named():
    values = [("wdi.usd", "AAA", 2022, 100.0), ("knomad.mn", "AAA", 2022, 0.00011)]
    result = run_rule(TWO_SOURCES, TWO_INDICATORS, values, [("country", "AAA", "AAA")])
    chosen = row(result, "AAA", 2022)
    assert chosen["indicator_code"] == "wdi.usd" and chosen["value"] == 100.0
    assert chosen["alt_indicator_code"] == "knomad.mn"
    assert chosen["alt_value"] == pytest.approx(110.0)
    assert chosen["is_headline"]


def test_an_aggregate_takes_a_complete_source_over_an_incomplete_preferred_one():
    values = [
        # WDI reports both countries in 2022 but only AAA in 2023
        ("wdi.usd", "AAA", 2022, 100.0),
        ("wdi.usd", "BBB", 2022, 50.0),
        ("wdi.usd", "AAA", 2023, 120.0),
        # KNOMAD reports both in 2023
        ("knomad.mn", "AAA", 2023, 0.00013),
        ("knomad.mn", "BBB", 2023, 0.00006),
    ]
    result = run_rule(TWO_SOURCES, TWO_INDICATORS, values, PAIR)
    region_2023 = row(result, "R", 2023)
    assert region_2023["indicator_code"] == "knomad.mn"
    assert region_2023["value"] == pytest.approx(190.0)
    assert region_2023["is_complete"] and region_2023["is_headline"]
    assert region_2023["alt_indicator_code"] == "wdi.usd"  # incomplete, named as the alternative
    # the country itself keeps its preferred source in 2023
    assert row(result, "AAA", 2023)["indicator_code"] == "wdi.usd"


def test_the_headline_is_the_latest_complete_year_of_an_aggregate():
    values = [
        ("wdi.usd", "AAA", 2022, 100.0),
        ("wdi.usd", "BBB", 2022, 50.0),
        ("wdi.usd", "AAA", 2023, 120.0),
    ]
    result = run_rule(TWO_SOURCES[:1], TWO_INDICATORS[:1], values, PAIR)
    region = result[result["scope_id"] == "R"].set_index("year")
    assert not region.loc[2023, "is_complete"]
    assert region.loc[2023, "countries_reporting"] == 1
    assert region.loc[2022, "is_headline"] and not region.loc[2023, "is_headline"]


def test_a_country_a_source_never_covers_does_not_make_it_incomplete():
    values = [("wdi.usd", "AAA", 2022, 100.0), ("wdi.usd", "AAA", 2023, 110.0)]
    result = run_rule(TWO_SOURCES[:1], TWO_INDICATORS[:1], values, PAIR)
    region = row(result, "R", 2023)
    assert region["is_complete"] and region["is_headline"]
    assert (region["countries_reporting"], region["countries_in_scope"]) == (1, 2)


def test_shares_are_weighted_and_an_unweighted_share_is_not_averaged():
    candidates = [("share", 1, "new.share", 1.0), ("share", 2, "old.share", 1.0)]
    indicators = [
        ("new.share", "new", "none", None),
        ("old.share", "old", "weighted_mean", "old.pop"),
        ("old.pop", "old", "sum", None),
    ]
    values = [
        ("new.share", "AAA", 2024, 10.0),
        ("new.share", "BBB", 2024, 20.0),
        ("old.share", "AAA", 2020, 10.0),
        ("old.share", "BBB", 2020, 40.0),
        ("old.pop", "AAA", 2020, 300.0),
        ("old.pop", "BBB", 2020, 100.0),
    ]
    result = run_rule(candidates, indicators, values, PAIR)
    assert row(result, "AAA", 2024)["value"] == 10.0  # one country: the share as published
    region = result[result["scope_id"] == "R"]
    assert list(region["year"]) == [2020]  # no regional average of the unweighted shares
    assert region.iloc[0]["value"] == pytest.approx((10 * 300 + 40 * 100) / 400)


# --- the warehouse ------------------------------------------------------------------------


def test_each_country_headline_is_its_latest_year_in_any_candidate(con):
    latest_any = con.execute(
        """
        select candidate.concept, value.iso3, max(value.year) as year
        from dim_headline_candidate as candidate
        join fct_indicator_value as value using (indicator_code)
        group by all
        """
    ).df()
    headlines = con.execute(
        "select concept, scope_id as iso3, year from headline_value"
        " where scope_type = 'country' and is_headline"
    ).df()
    merged = latest_any.merge(headlines, on=["concept", "iso3"], suffixes=("_any", "_headline"))
    assert len(merged) == len(latest_any) == len(headlines)
    assert (merged["year_any"] == merged["year_headline"]).all()


def test_every_headline_concept_has_a_region_figure(con):
    regional = con.execute(
        "select concept from headline_value where scope_type = 'region' and is_headline"
    ).df()
    concepts = headline_concepts(con)
    expected = set(concepts["concept"]) - {"remittances_gdp"}  # shares need a weight
    assert expected <= set(regional["concept"])


@pytest.mark.parametrize(
    "iso3",
    [
        ("TJK",),
        ("ALB", "BIH", "MKD", "MNE", "SRB", "XKX"),  # Western Balkans
        tuple(
            sorted(
                ["ALB", "ARM", "AZE", "BLR", "BIH", "GEO", "ISR", "KAZ", "XKX", "KGZ"]
                + ["MDA", "MNE", "MKD", "RUS", "SRB", "TJK", "TUR", "TKM", "UKR", "UZB"]
            )
        ),
    ],
)
def test_the_rule_run_for_a_selection_gives_the_warehouse_figures(con, iso3):
    stored = headline_figures(con, iso3, latest_only=False)
    assert stored["scope_type"].iloc[0] != "selection"
    computed = headline_figures_for_selection(con, iso3, latest_only=False)
    assert (computed["scope_type"] == "selection").all()
    columns = ["concept", "year", "value", "indicator_code", "is_headline", "alt_value"]
    pd.testing.assert_frame_equal(
        stored[columns].reset_index(drop=True), computed[columns].reset_index(drop=True)
    )


def test_selection_scope_is_recognised(con):
    assert headline_scope_for_selection(con, ("TJK",)) == ("country", "TJK")
    assert headline_scope_for_selection(con, ("ISR",)) == (
        "country",
        "ISR",
    )  # not the one-country subregion
    assert headline_scope_for_selection(con, ("KAZ", "KGZ", "TJK", "TKM", "UZB")) == (
        "subregion",
        "Central Asia",
    )
    assert headline_scope_for_selection(con, ("KAZ", "KGZ")) == ("selection", "selection")


def test_an_ad_hoc_selection_sums_its_countries_from_one_source(con):
    pair = headline_figures(con, ("KGZ", "TJK"), ("remittances_usd",))
    assert len(pair) == 1
    figure = pair.iloc[0]
    singles = con.execute(
        "select sum(value * scale) from fct_indicator_value join dim_headline_candidate"
        " using (indicator_code) where concept = 'remittances_usd' and indicator_code = ?"
        " and year = ? and iso3 in ('KGZ', 'TJK')",
        [figure["indicator_code"], int(figure["year"])],
    ).fetchone()[0]
    assert figure["value"] == pytest.approx(singles)
    assert figure["source_title"] and figure["concept_name"] == "Personal remittances received"
