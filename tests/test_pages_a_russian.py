"""The overview, offices map, country profile and corridors pages in Russian (?lang=ru) under
AppTest: titles, cards and sentences come from the catalogues, names from the names table,
numbers in the Russian way; the same pages in English are checked by their own test files."""

from __future__ import annotations

import re

import pytest

from tests.apptest_helpers import open_page

LATIN_WORD = re.compile(r"\b[A-Za-z]{4,}\b")


def _texts(at) -> str:
    return "\n".join(
        [t.value for t in at.title]
        + [h.value for h in at.header]
        + [m.label for m in at.metric]
        + [i.value for i in at.info]
    )


@pytest.mark.parametrize(
    ("page", "query", "title"),
    [
        ("pages/overview.py", {}, "Миграционные перспективы региона ЮВЕ, ВЕ и ЦА"),
        ("pages/map.py", {"country": ["UKR"]}, "Бюро МОМ в регионе"),
        ("pages/country.py", {"iso3": ["UKR"]}, "Профиль страны: Украина"),
        ("pages/corridors.py", {}, "Миграционные коридоры"),
    ],
)
def test_page_titles_headers_and_cards_are_russian(warehouse_path, page, query, title):
    at = open_page(page, {"lang": ["ru"], **query}, timeout=120, fail_on_error=True)
    assert at.title[0].value.startswith(title)
    shown = _texts(at)
    # Headers, card labels and notes carry no English word (acronyms such as SEEECA, WDI or
    # UNHCR are upper case and written so in Russian too).
    english = [w for w in LATIN_WORD.findall(shown) if not w.isupper()]
    assert not english, english


def test_country_profile_sentences_and_numbers_in_russian(warehouse_path):
    at = open_page("pages/country.py", {"lang": ["ru"], "iso3": ["UKR"]}, timeout=120)
    markdown = "\n".join(m.value for m in at.markdown).replace("\\", "")
    # the funding sentence: name from the names table, amounts in Russian, rank as an ordinal
    assert "Украина: потребность в финансировании на 2016 г." in markdown
    assert "млн\u00a0долл.\u00a0США" in markdown and "2-е место из 19 в регионе" in markdown
    picker = at.segmented_control(key="profile_chart")
    assert "Прогнозы ООН до 2050 года" in picker.options


def test_kosovo_profile_in_russian_carries_the_marker(warehouse_path):
    at = open_page("pages/country.py", {"lang": ["ru"], "iso3": ["XKX"]}, timeout=120)
    assert at.title[0].value == "Профиль страны: Косово*"
    values = [m.value for m in at.metric]
    assert "Включено в данные по Сербии" in values


def test_corridor_shares_read_as_one_russian_sentence(warehouse_path):
    at = open_page(
        "pages/country.py",
        {"lang": ["ru"], "iso3": ["TJK"], "profile_chart": ["corridors"]},
        timeout=120,
    )
    shown = [m.value.replace("\\", "") for m in at.markdown]
    sentences = [m for m in shown if m.startswith("**Таджикистан: из ")]
    assert sentences, shown[:20]
    assert "514\u00a0478 эмигрантов на середину 2024 г." in sentences[0]
    assert "\u00a0% — в " in sentences[0]
