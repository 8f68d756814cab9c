"""The overview's cards and sentences (dashboard.content.overview), from the real warehouse."""

from __future__ import annotations

import pandas as pd

from dashboard.content import overview as content
from dashboard.queries import overview as q


def test_region_wide_cards_are_the_documents_figures_in_order(con):
    figures = content.figures_by_id(q.key_figures_with_source(con, content.KPI_FIGURES))
    cards = content.region_wide_figures("as of May 2020")
    assert [card.figure_id for card in cards] == list(content.KPI_FIGURES[2:])
    assert cards[0].label == "Staff (as of May 2020)"
    assert {card.term for card in cards if card.term} == {"migrant stock", "emigrant"}
    for card in cards:
        figure = figures[card.figure_id]
        assert content.as_published(figure, False) == f'As published: "{figure["quote"]}".'
        assert content.as_published(figure, True).endswith(f" {figure['label']}.")


def test_offices_shown_leave_the_regional_office_out():
    assert content.offices_shown({"regional": 1, "country": 19, "sub-office": 29}) == 48


def test_funding_card_says_what_the_requirement_covers():
    assert content.funding_label(True).endswith("the whole region, including regional programmes")
    assert content.funding_label(False).endswith(
        "the selected countries (regional programmes excluded)"
    )
    assert (
        content.funding_help(3)
        == "Sum of the cells of the SEEECA table over 3 programmatic area(s)."
    )


def test_funding_mismatch_is_said_only_for_the_whole_region_when_totals_differ(con):
    region_iso3 = tuple(iso3 for (iso3,) in con.execute("select iso3 from dim_country").fetchall())
    areas = tuple(q.theme_programmatic_areas(con, None)["programmatic_area"])
    total = q.seeeca_funding_total(con, region_iso3, True, areas).iloc[0]
    region = content.funding_mismatch(total, True)
    assert total["overview_total"] != total["usd"], "the published totals disagree (a finding)"
    assert region and f"USD {total['overview_total']:,.0f}" in region
    assert f"adds up to USD {total['usd']:,.0f}" in region
    assert content.funding_mismatch(total, False) is None
    same = {"overview_total": 5.0, "usd": 5.0, "table_total": 5.0}
    assert content.funding_mismatch(same, True) is None


def test_priorities_are_grouped_under_their_pillar_in_order(con):
    rows = q.strategy_2020_at_a_glance(con)
    grouped = content.priorities_by_pillar(rows)
    assert list(grouped) == list(dict.fromkeys(rows["pillar"]))
    assert sum(len(p) for p in grouped.values()) == len(rows)
    toy = pd.DataFrame({"pillar": ["A", "B", "A"], "priority": ["a1", "b1", "a2"]})
    assert content.priorities_by_pillar(toy) == {"A": ["a1", "a2"], "B": ["b1"]}


def test_headline_card_label_and_help():
    item = content.Headline(
        "x", "Refugees hosted", "persons", 2024, 5.0, None, None, [5.0], 3, 4, "UNHCR", None
    )
    assert content.headline_label(item) == "Refugees hosted, 2024"
    assert content.headline_help(item) == "3 of 4 selected countries report this year."
    empty = content.Headline("x", "IDPs", "persons", None, None, None, None, [], 0, 2, "", "Note.")
    assert content.headline_label(empty) == "IDPs, no data"
    assert content.headline_help(empty) == "0 of 2 selected countries report this year. Note."
