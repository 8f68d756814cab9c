"""The trends page's pure content: which indicator the pickers settle on, and the sentences
around the charts, read from the real warehouse's catalogue."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from dashboard.content import trends as content
from dashboard.queries import trends as q


@pytest.fixture(scope="module")
def menu(warehouse_path) -> content.IndicatorMenu:
    with duckdb.connect(str(warehouse_path), read_only=True) as connection:
        return content.IndicatorMenu.of(q.indicator_choices_by_family(connection))


def test_a_new_theme_opens_on_its_lead_and_its_family(menu):
    lead = menu.default_code("refugees_hosted")
    code, family = menu.settle(menu.default_code(), None, lead, theme_changed=True)
    assert (code, family) == (lead, "refugees_hosted")


def test_a_code_the_warehouse_dropped_falls_back_to_the_lead(menu):
    lead = menu.default_code()
    assert menu.settle("gone.code", None, lead, theme_changed=False) == (
        lead,
        menu.family_of[lead],
    )


def test_a_code_outside_the_family_shown_gives_way_to_the_familys_default(menu):
    other = next(f for f in menu.families if f != menu.family_of[menu.default_code()])
    code, family = menu.settle(menu.default_code(), other, menu.default_code(), False)
    assert (code, family) == (menu.default_code(other), other)


def test_a_kept_choice_stays(menu):
    family = "refugees_hosted"
    code = menu.codes_by_family[family][-1]
    assert menu.settle(code, family, menu.default_code(), False) == (code, family)


def test_the_lead_is_the_first_theme_familys_default(menu):
    order = ["refugees_hosted", *[f for f in menu.families if f != "refugees_hosted"]]
    assert menu.lead(order, ("refugees_hosted",)) == menu.default_code("refugees_hosted")
    assert menu.lead(list(menu.families), ()) == menu.default_code()


def test_percentages_without_a_weight_say_why_there_is_no_aggregate(menu):
    caveats = content.base_caveats(menu.definition("wdi.remittances_gdp"))
    assert caveats[-1] == content.NO_AGGREGATE
    assert content.NO_AGGREGATE not in content.base_caveats(menu.definition("wdi.population"))


def test_a_selection_without_figures_is_named_with_the_sources_years(menu):
    definition = menu.definition("wdi.population")
    note = content.no_figure_note(definition, (1990, 1991), ["Kosovo*"], coverage=True)
    assert note.startswith(f"No {definition['name']} figure in 1990-1991 for: Kosovo*")
    assert f"covers {definition['first_year']}-{definition['last_year']})." in note
    assert "covers" not in content.no_figure_note(definition, (1990, 1991), ["A"], False)


def test_the_aggregate_card_names_its_coverage(menu):
    definition = menu.definition("wdi.population")
    rows = pd.DataFrame(
        {
            "year": [2020, 2021],
            "value": [5.0, None],
            "countries_reporting": [2, 0],
            "countries_selected": [3, 3],
            "countries_weighted": [2, 0],
            "iso3_reporting": ["AAA, BBB", ""],
        }
    )
    aggregate = content.Aggregate("Selected countries (sum)", rows, 3, False)
    card = content.aggregate_kpi(aggregate, 2020, definition["unit"])
    assert card["label"] == "Selected countries (sum), 2020" and card["display"] == "5"
    assert card["help"] == "2 of 3 selected countries report in 2020: AAA, BBB."
    assert content.aggregate_kpi(aggregate, 2021, definition["unit"]) is None
    assert content.year_ranges([2020, 1995, 2000, 2001, 2002]) == "1995, 2000-2002, 2020"
    assert content.partial_years(aggregate) == [2020, 2021]
