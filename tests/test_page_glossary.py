"""The glossary page and the glossary look-up other pages use for tooltips."""

from __future__ import annotations

import re

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import glossary
from dashboard.queries import catalog as q
from tests.apptest_helpers import open_page
from tests.test_i18n import server_like_reruns  # noqa: F401 (a fixture)

PAGE = "pages/glossary.py"


def shown_terms(at: AppTest) -> list[str]:
    tables = [t.value for t in at.table if "Term" in t.value.columns]
    return list(tables[0]["Term"]) if tables else []


@pytest.fixture(scope="module")
def terms(warehouse_path) -> pd.DataFrame:
    con = duckdb.connect(str(warehouse_path), read_only=True)
    yield q.glossary_terms_with_source(con, "")
    con.close()


@pytest.mark.parametrize("term", glossary.GLOSSARY_TERMS_USED)
def test_every_term_the_pages_rely_on_is_defined(con, term):
    assert (
        con.execute("select count(*) from dim_glossary_term where term = ?", [term]).fetchone()[0]
        == 1
    )


def test_every_programmatic_area_with_funding_is_defined(con):
    areas = {
        row[0]
        for row in con.execute(
            "select name_as_published from dim_programmatic_area where programmatic_area <> 'multiregional'"
        ).fetchall()
    }
    assert areas <= set(glossary.GLOSSARY_TERMS_USED)


def test_page_shows_every_term_with_its_source(warehouse_path, con):
    at = open_page(PAGE)
    table = next(t.value for t in at.table if "Term" in t.value.columns)
    count = con.execute("select count(*) from dim_glossary_term").fetchone()[0]
    assert len(table) == count
    avrr = table.set_index("Term").loc["AVRR"]
    section = con.execute(
        "select source_section from dim_glossary_term where term = 'AVRR'"
    ).fetchone()[0]
    assert avrr["Source"].endswith(section)
    assert avrr["Related strategy element"] != ""


def test_search_from_the_link_filters_terms_and_definitions(warehouse_path, con):
    at = open_page(PAGE, {"q": ["border"]})
    expected = sorted(
        row[0]
        for row in con.execute("select term, definition from dim_glossary_term").fetchall()
        if "border" in row[0].lower() or "border" in row[1].lower()
    )
    assert sorted(shown_terms(at)) == expected and len(expected) > 1
    assert at.text_input(key="q").value == "border"


def test_typing_a_search_narrows_the_table_and_goes_into_the_link(warehouse_path):
    at = open_page(PAGE)
    at.text_input(key="q").input("AVRR").run()
    assert "AVRR" in shown_terms(at)
    assert len(shown_terms(at)) < 10
    assert at.query_params["q"] in ("AVRR", ["AVRR"])


def test_search_wildcards_are_literal(warehouse_path, con):
    at = open_page(PAGE, {"q": ["_"]})
    expected = [
        row[0]
        for row in con.execute("select term, definition from dim_glossary_term").fetchall()
        if "_" in row[0] or "_" in row[1]
    ]
    assert len(shown_terms(at)) == len(expected)
    if not expected:
        assert at.info, "an empty result says so"


@pytest.mark.parametrize("tampered", ["x" * 500, "a\x00b"])
def test_unusable_search_in_the_link_warns_and_shows_everything(warehouse_path, con, tampered):
    at = open_page(PAGE, {"q": [tampered]})
    assert at.warning and len(at.warning[0].value) < 200
    assert (
        len(shown_terms(at)) == con.execute("select count(*) from dim_glossary_term").fetchone()[0]
    )


def test_glossary_terms_are_found_in_labels(terms):
    assert glossary.glossary_terms_in(terms, "IDPs of concern to UNHCR") == ["IDP", "UNHCR"]
    assert glossary.glossary_terms_in(terms, "EUBAM sub-office in Odesa") == ["EUBAM"]
    assert glossary.glossary_terms_in(terms, "Refugees hosted") == ["refugee"]
    # a region's full name is not its Eastern Europe subregion; lower-case 'eu' is not the EU
    assert glossary.glossary_terms_in(terms, "South-Eastern Europe") == []
    assert glossary.glossary_terms_in(terms, "eu funding") == []
    assert glossary.glossary_terms_in(terms, "Population, total") == []


def test_every_glossary_term_finds_itself(terms):
    for term in terms["term"]:
        assert glossary.glossary_terms_in(terms, f"About {term} here") == [term], term


def test_glossary_help_defines_terms_with_their_source(terms):
    text = glossary.glossary_help(terms, "AVRR cases in the Western Balkans")
    avrr = terms.set_index("term").loc["AVRR"]
    assert text.startswith(f"**AVRR**: {avrr['definition']}")
    assert f"(Source: {avrr['document']}, {avrr['source_section']})" in text
    assert "**Western Balkans**" in text
    assert glossary.glossary_help(terms, "Total population") is None
    many = " ".join(glossary.GLOSSARY_TERMS_USED[:10])
    assert glossary.glossary_help(terms, many).count("**:") <= glossary.GLOSSARY_HELP_MAX_TERMS


def test_count_caption_quotes_the_search():
    assert glossary.count_caption(85, 85, "") == "85 of 85 terms."
    assert glossary.count_caption(3, 85, "border") == "3 of 85 terms contain 'border'."


@pytest.mark.usefixtures("server_like_reruns")
def test_russian_glossary_is_translated_marked_unofficial_and_searchable(warehouse_path, con):
    at = open_page(PAGE, {"lang": ["ru"], "q": ["граница"]})
    html_tables = [m.value for m in at.markdown if m.value.startswith("<table>")]
    assert len(html_tables) == 1, "the Russian glossary is one table, its sources marked English"
    table = html_tables[0]
    assert "<th>Термин</th>" in table and "Гуманитарное управление границами" in table
    assert table.count('<td lang="en">IOM, ') >= 2  # the sources: as published, in English
    assert any("неофициальный перевод" in c.value for c in at.caption)
    # a Russian word finds terms whose English text does not contain it
    assert any("найдено" in c.value for c in at.caption)
    every = con.execute("select count(*) from dim_glossary_term").fetchone()[0]
    everything = open_page(PAGE, {"lang": ["ru"]})
    rows = [m.value for m in everything.markdown if m.value.startswith("<table>")][0]
    assert rows.count("<tr>") == every + 1  # every term, and the heading row


def test_every_russian_term_and_definition_has_cyrillic(terms):
    from dashboard import i18n

    with i18n.using("ru"):
        table = glossary.describe_glossary(terms)
    assert list(table.columns[:2]) == ["Термин", "Определение"]
    cyrillic = re.compile("[а-яё]", re.IGNORECASE)
    untranslated = [d for d in table["Определение"] if not cyrillic.search(d)]
    assert not untranslated, untranslated[:3]
    assert list(table["Термин"]) == sorted(table["Термин"], key=str.casefold)


def test_glossary_matching_searches_both_languages(terms):
    from dashboard import i18n

    english = glossary.matching(terms, "border")
    assert len(english) > 1
    with i18n.using("ru"):
        russian = glossary.matching(terms, "границ")  # "border" in the Russian definitions
        assert "Immigration and border management" in set(russian["term"]) and len(russian) > 1
        assert len(glossary.matching(terms, "border")) == len(english)
    assert glossary.matching(terms, "") is terms
