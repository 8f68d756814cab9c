"""The theme crosswalk (bridge_theme_indicator) against the real warehouse and the source
documents: every thematic element speaks to indicators or says why not, every link has a reason,
a quoted reason is found in the document it cites, and the pure ordering keeps every family."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard import i18n, themes
from dashboard.content.trends import IndicatorMenu
from dashboard.queries import themes as q
from dashboard.queries import trends as trend_queries
from tests.apptest_helpers import open_page, table_with

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
THEMES = ("s2020.sp3", "s2020.pillar.resilience", "s2020.sp4")


def test_every_thematic_element_has_an_indicator_or_a_reason(con):
    missing = con.execute(
        """
        with thematic as (
            select element_id from dim_strategy_element
            where element_type in ('pillar', 'strategic_priority', 'thematic_area',
                'thematic_objective', 'principle', 'objective')
            union all select programmatic_area from dim_programmatic_area
        )
        select element_id from thematic
        where element_id not in (
            select element_id from bridge_theme_indicator
            where indicator_family is not null or length(reason) > 20
        )
        """
    ).fetchall()
    assert missing == []
    # the filter's every option reaches at least one indicator
    options = con.execute("select element_id from bridge_theme_indicator").fetchall()
    assert {row[0] for row in options} >= {"s2020.sp1", "s2020.sp2", "s2020.sp3", "s2020.sp4"}


def test_every_link_has_a_reason_and_a_known_basis(con):
    rows = con.execute(
        "select element_id, indicator_family, basis, reason, source_id, source_section "
        "from bridge_theme_indicator"
    ).fetchall()
    assert len(rows) > 100
    for element, family, basis, reason, source, section in rows:
        assert len(reason.strip()) > 20, (element, family)
        assert basis in {"document", "judgement", "outlook_statement", "crosswalk"}
        if basis == "document":
            assert source and section, (element, family)
        if basis == "judgement" and family is not None:
            assert reason.startswith("Dashboard judgement"), (element, family)


def _normalised(text: str) -> str:
    # the conversion marks bold with ** and keeps typographic quotes
    text = text.replace("**", "").replace("’", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"-[ \t]*\n\s*", "-", text)  # a hyphenated word broken across lines
    return re.sub(r"\s+", " ", text)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the checkout")
def test_quoted_reasons_are_found_in_the_cited_document(con):
    files = dict(con.execute("select source_id, file from dim_source").fetchall())
    rows = con.execute(
        "select element_id, indicator_family, reason, source_id from bridge_theme_indicator "
        "where basis = 'document'"
    ).fetchall()
    assert rows
    for element, family, reason, source in rows:
        document = _normalised((SEEDS / files[source]).read_text(encoding="utf-8"))
        quotes = re.findall(r'"([^"]{12,})"', reason)
        for quote in quotes:
            for part in re.split(r"\s*\.\.\.\s*", quote):
                assert _normalised(part).rstrip(".") in document, (element, family, part)


@pytest.mark.parametrize("theme", THEMES)
def test_a_theme_lists_its_families_in_order(con, theme):
    links = q.theme_indicator_families(con, theme)
    assert not links.empty
    assert list(links["family_rank"]) == list(range(1, len(links) + 1))
    assert links["indicator_family"].is_unique


def test_no_theme_changes_nothing(con):
    assert q.theme_indicator_families(con, None).empty
    assert themes.theme_first(["a", "b", "c"], ()) == ["a", "b", "c"]


def test_theme_first_keeps_every_family_reachable():
    assert themes.theme_first(["a", "b", "c", "d"], ("c", "x", "a")) == ["c", "a", "b", "d"]


def test_lead_codes_one_card_per_family():
    defaults = {"f1": "c1", "f2": "c2"}
    family_of = {"c1": "f1", "c2": "f2", "c3": "f3", "c1b": "f1"}
    assert themes.lead_codes(("f2",), defaults, ("c1", "c1b", "c3"), 3, family_of) == (
        "c2",
        "c1",
        "c3",
    )


def test_data_sources_page_shows_the_crosswalk_with_the_theme_first(con):
    theme = "s2020.sp3"
    at = open_page("pages/data_sources.py", {"theme": [theme]})
    table = table_with(at, "Thematic element")
    title = con.execute(
        "select title from dim_strategy_element where element_id = ?", [theme]
    ).fetchone()[0]
    families = list(q.theme_indicator_families(con, theme)["indicator_family"])
    head = table.head(len(families))
    assert list(head["Thematic element"]) == [title] * len(families)
    assert list(head["Order"]) == list(range(1, len(families) + 1))
    # names, not codes, in the Indicator column
    assert not any(re.fullmatch(r"[a-z]+(_[a-z]+)+", str(v)) for v in table["Indicator"])
    assert (table["Why"].str.len() > 20).all()


@pytest.mark.parametrize("theme", THEMES)
def test_trends_picker_lists_the_theme_indicators_first_and_opens_on_the_first(con, theme):
    menu = IndicatorMenu.of(trend_queries.indicator_choices_by_family(con))
    families = [
        f for f in q.theme_indicator_families(con, theme)["indicator_family"] if f in menu.families
    ]
    at = open_page("pages/trends.py", {"theme": [theme]})
    picker = next(s for s in at.selectbox if s.label == "Indicator")
    expected_first = [menu.families[f] for f in families]
    assert list(picker.options)[: len(families)] == expected_first
    # every other family is still reachable, after the theme's
    assert sorted(picker.options) == sorted(menu.families.values())
    assert picker.value == families[0]
    assert at.session_state["trend_indicator"] == menu.default_code(families[0])
    assert any(c.value.startswith("Theme ") for c in at.caption)


def test_trends_without_a_theme_keeps_the_catalogue_order(con):
    menu = IndicatorMenu.of(trend_queries.indicator_choices_by_family(con))
    at = open_page("pages/trends.py")
    picker = next(s for s in at.selectbox if s.label == "Indicator")
    assert list(picker.options) == list(menu.families.values())
    assert not any(c.value.startswith("Theme ") for c in at.caption)


def test_the_glossary_says_the_theme_does_not_change_it():
    at = open_page("pages/glossary.py", {"theme": ["s2020.sp3"]})
    assert any("does not change the glossary" in c.value for c in at.caption)
    assert not any("does not change" in c.value for c in open_page("pages/glossary.py").caption)


@pytest.mark.parametrize("theme", THEMES)
def test_offices_map_colours_by_the_theme_lead_and_lists_its_indicators_first(con, theme):
    menu = IndicatorMenu.of(trend_queries.indicator_choices_by_family(con))
    families = [
        f for f in q.theme_indicator_families(con, theme)["indicator_family"] if f in menu.defaults
    ]
    at = open_page("pages/map.py", {"theme": [theme]})
    picker = next(s for s in at.selectbox if s.label == "Colour the countries by")
    assert picker.value == menu.defaults[families[0]]
    first_families = []
    for label in picker.options:
        code = next(c for c, row in menu.rows.items() if row["name"] == label)
        if menu.family_of[code] not in families:
            break
        first_families.append(menu.family_of[code])
    # the theme's families lead the list, in the crosswalk's order
    assert list(dict.fromkeys(first_families)) == [f for f in families if f in set(first_families)]
    assert first_families and first_families[0] == families[0]
    assert "indicator" not in at.query_params  # the theme's default stays out of the link
    assert any("same for every theme" in c.value for c in at.caption)


def test_offices_map_without_a_theme_shows_offices_only():
    at = open_page("pages/map.py")
    picker = next(s for s in at.selectbox if s.label == "Colour the countries by")
    assert picker.value is None


@pytest.mark.parametrize("theme", THEMES)
def test_overview_leads_with_the_theme_indicators(con, theme):
    menu = IndicatorMenu.of(trend_queries.indicator_choices_by_family(con))
    families = [
        f for f in q.theme_indicator_families(con, theme)["indicator_family"] if f in menu.defaults
    ]
    lead = menu.defaults[families[0]]
    at = open_page(None, {"theme": [theme]})
    headers = [h.value for h in at.header]
    # the map colours by the theme's first indicator, named in its heading
    assert menu.rows[lead]["name"] in headers
    # the headline cards start with the theme's first indicator
    names = [m.label for m in at.metric]
    first_card = next(
        i for i, label in enumerate(names) if label.startswith(menu.rows[lead]["name"] + ",")
    )
    other_cards = [
        i
        for i, label in enumerate(names)
        for code in ("undesa2020.migrant_stock", "undesa2020.emigrants")
        if label.startswith(menu.rows[code]["name"] + ",") and menu.family_of[code] not in families
    ]
    assert all(first_card < i for i in other_cards)
    assert any(c.value.startswith("Theme ") for c in at.caption)


def test_overview_latest_year_block_puts_the_theme_first(con):
    at_plain = open_page(None)
    at_theme = open_page(None, {"theme": ["s2020.pillar.resilience"]})

    def sentences(at):
        return [m.value for m in at.markdown if m.value.startswith("- ")]

    plain, themed = sentences(at_plain), sentences(at_theme)
    assert sorted(plain) == sorted(themed)  # same facts, another order
    assert plain != themed
    assert any(word in themed[0].lower() for word in ("refugee", "displaced", "idp"))


STORY_CASES = [("MDA", "s2020.sp3"), ("UKR", "s2020.pillar.resilience"), ("TUR", "s2020.sp4")]


@pytest.mark.parametrize(("iso3", "theme"), STORY_CASES)
def test_country_story_is_chosen_within_the_theme(con, filter_options, iso3, theme):
    from dashboard import briefing

    families = tuple(q.theme_indicator_families(con, theme)["indicator_family"])
    plain = briefing.load(
        briefing.direct(con), briefing.country_scope(iso3, filter_options, (2000, 2025))
    )
    themed = briefing.load(
        briefing.direct(con),
        briefing.country_scope(iso3, filter_options, (2000, 2025), theme, families),
    )
    in_theme = [s for s in plain.standings if s.current and themed.family_of[s.code] in families]
    chosen = themed.standouts
    assert chosen
    if in_theme:
        # every indicator the story opens with speaks to the theme ...
        assert all(themed.family_of[s.code] in families for s in chosen)
        # ... and it is the best-ranked of them, by the same rule as without a theme
        best = min(s.best_rank for s in in_theme)
        assert chosen[0].best_rank == best
    assert themed.scope.key != plain.scope.key  # a themed deck is cached and exported apart


@pytest.mark.parametrize(("iso3", "theme"), STORY_CASES)
def test_country_profile_opens_with_the_theme_story(con, filter_options, iso3, theme):
    from dashboard import briefing

    families = tuple(q.theme_indicator_families(con, theme)["indicator_family"])
    themed = briefing.load(
        briefing.direct(con),
        briefing.country_scope(iso3, filter_options, (2000, 2025), theme, families),
    )
    at = open_page("pages/country.py", {"theme": [theme], "iso3": [iso3]})
    labels = [m.label for m in at.metric]
    expected = [s.concept.card for s in themed.standouts]
    assert labels[: len(expected)] == expected
    assert any("story is chosen among them" in c.value for c in at.caption)


def test_the_crosswalk_reads_in_russian():
    """lang=ru: the headings and every value in Russian (indicator names, elements, reasons,
    bases through d_()); only the citations stay English, and their heading says so."""
    at = open_page("pages/data_sources.py", {"lang": ["ru"]})
    table = table_with(at, "Тематический элемент")
    assert all(re.search("[а-яё]", column.lower()) for column in table.columns), table.columns
    assert "(на английском языке)" in table.columns[-1]
    english = {
        word
        for column in table.columns[:-1]
        for value in table[column].dropna().astype(str)
        for word in re.findall(r"[A-Za-z]{2,}", value)
    }
    # a publication's title (the framework of 2016) and the pandemic's name stay as they are
    assert english - set(i18n.ALLOWED_LATIN) - {"Migration", "Initiatives", "COVID"} == set()
    indicators = set(table["Показатель"]) - {"–"}
    assert indicators and all(re.search("[а-яё]", name.lower()) for name in indicators)
