"""One number per concept: for the same concept, place and year the overview, the outlook
tracker, the trends page, the country profile and the deck state the figure the headline rule
picks (headline_value, docs/HEADLINES.md), against the real warehouse and the real pages."""

from __future__ import annotations

import pytest

from dashboard import briefing, changes
from dashboard.content.trends import IndicatorMenu
from dashboard.queries import changes as changes_q
from dashboard.queries import headline as headline_q
from dashboard.queries import trends as trend_q
from tests.apptest_helpers import open_page

REGION_CONCEPTS = ("remittances_usd", "refugees_hosted", "migrant_stock", "net_migration")
COUNTRY_CASES = [
    ("MDA", "refugees_hosted"),
    ("MDA", "remittances_gdp"),
    ("UKR", "refugees_originating"),
    ("TJK", "remittances_gdp"),
    ("TUR", "refugees_hosted"),
]


def _region(con) -> tuple[str, ...]:
    return tuple(r[0] for r in con.execute("select iso3 from dim_country order by iso3").fetchall())


def _reference(con, iso3: tuple[str, ...], concept: str) -> dict:
    rows = headline_q.headline_figures(con, iso3, (concept,), True)
    assert len(rows) == 1, (iso3, concept)
    return rows.iloc[0].to_dict()


def _overview_fact(con, iso3: tuple[str, ...], concept: str) -> changes.LatestFact:
    facts = changes.latest_facts(
        headline_q.headline_figures(con, iso3, None, False),
        changes_q.series_breaks(con),
        iso3,
        "the region",
        2025,
        changes.CONCEPT_ORDER,
    )
    return next(fact for fact in facts if fact.concept == concept)


@pytest.mark.parametrize("concept", REGION_CONCEPTS)
def test_region_figure_is_one_number_on_overview_trends_and_tracker(con, concept):
    region = _region(con)
    reference = _reference(con, region, concept)
    fact = _overview_fact(con, region, concept)
    assert (fact.year, fact.indicator_code) == (reference["year"], reference["indicator_code"])
    assert fact.value == pytest.approx(reference["value"])
    # the trends page and the outlook tracker open the concept's family on the same series
    menu = IndicatorMenu.of(trend_q.indicator_choices_by_family(con))
    family = menu.family_of[reference["indicator_code"]]
    assert menu.defaults[family] == reference["indicator_code"]


@pytest.mark.parametrize(("iso3", "concept"), COUNTRY_CASES)
def test_country_figure_is_one_number_on_overview_profile_and_deck(
    con, filter_options, iso3, concept
):
    reference = _reference(con, (iso3,), concept)
    fact = _overview_fact(con, (iso3,), concept)
    assert (fact.year, fact.value) == (reference["year"], pytest.approx(reference["value"]))
    data = briefing.load(
        briefing.direct(con), briefing.country_scope(iso3, filter_options, (2000, 2025))
    )
    row = data.headline_rows[concept]
    assert (row["year"], row["value"]) == (reference["year"], pytest.approx(reference["value"]))
    standing = next((s for s in data.standings if s.concept_id == concept), None)
    if standing is not None:  # the profile's and deck's story cards
        assert (standing.year, standing.value) == (
            reference["year"],
            pytest.approx(reference["value"]),
        )


def test_the_overview_page_states_the_rule_figure(con):
    reference = _reference(con, ("MDA",), "refugees_hosted")
    fact = _overview_fact(con, ("MDA",), "refugees_hosted")
    at = open_page(None, {"country": ["MDA"]})
    text = " ".join(m.value for m in at.markdown)
    assert str(reference["year"]) in fact.sentence
    assert f"{reference['value']:,.0f}" in text.replace("\\", "")


def test_two_measures_giving_one_figure_say_so_and_are_not_two_groups(con):
    """Ukraine's IDPs: UNHCR's IDPs of concern and IDMC's conflict stock are separate concepts
    that give the same figure; the overview says so once, under both lines, and only then."""
    idps = {
        concept: _reference(con, ("MDA", "UKR"), concept)
        for concept in ("idps_unhcr", "idps_conflict")
    }
    assert idps["idps_unhcr"]["year"] == idps["idps_conflict"]["year"]
    assert idps["idps_unhcr"]["value"] == pytest.approx(idps["idps_conflict"]["value"])
    at = open_page(None, {"country": ["MDA", "UKR"]})
    notes = [c.value for c in at.caption if "give the same figure" in c.value]
    assert len(notes) == 1
    assert changes.format_amount(idps["idps_unhcr"]["value"], "persons") in notes[0]
    assert "not two groups to add up" in notes[0]
    # No such note where the two differ: Georgia in 2013, 257,611 against 207,000.
    at = open_page(None, {"country": ["GEO"], "years": ["2000", "2013"]})
    assert [m.value for m in at.markdown if "IDPs of concern to UNHCR in Georgia" in m.value]
    assert not [c.value for c in at.caption if "give the same figure" in c.value]
