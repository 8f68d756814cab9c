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


def test_russian_values_follow_the_locale(menu):
    from dashboard import i18n

    assert content.format_value(1234567, "persons") == "1,234,567"
    assert content.format_value(12.5, "percent of GDP") == "12.50%"
    assert content.format_value(1250.0, "US$ million (current)") == "US$ 1,250.0 million"
    with i18n.using("ru"):
        assert content.format_value(1234567, "persons") == "1\u00a0234\u00a0567"
        assert content.format_value(12.5, "percent of GDP") == "12,50\u00a0%"
        assert content.format_value(1250.0, "US$ million (current)") == (
            "1,25\u00a0млрд\u00a0долл.\u00a0США"
        )
        definition = menu.definition("wdi.population")
        assert content.heading(definition, (2000, 2025)).endswith("2000–2025 гг.")
        assert content.map_heading(2024) == "Карта, 2024 г."
        assert content.family_label("Net migration") != "Net migration"


def test_russian_coverage_notes_take_the_plural_of_the_count():
    from dashboard import i18n

    rows = pd.DataFrame(
        {
            "year": [2020, 2021],
            "value": [5.0, 6.0],
            "countries_reporting": [2, 1],
            "countries_selected": [2, 2],
            "countries_weighted": [2, 1],
            "iso3_reporting": ["AAA, BBB", "AAA"],
        }
    )
    aggregate = content.Aggregate("Selected countries (sum)", rows, 2, False)
    assert content.coverage_note(aggregate).startswith(
        "Selected countries (sum) covers, of the 2 selected countries, 2 in 2020; 1 in 2021."
    )
    with i18n.using("ru"):
        note = content.coverage_note(aggregate)
        assert "из 2 выбранных стран" in note and "2021" in note
        assert "covers" not in note


def test_a_source_is_named_without_series_codes(menu):
    definition = menu.definition("wdi.net_migration")
    name = content.source_name(definition)
    assert "(" + definition["vintage"] + ")" in name or definition["edition"] in name
    assert not content.SERIES_CODE.search(name) and "SM.POP" not in name
