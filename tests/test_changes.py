"""What changed in the latest year: the notable-changes rule on constructed series (a spike is
found, a tiny base is not, a series break is flagged and not reported), the Latest year sentences
against the warehouse, and both blocks on the overview and the outlook tracker."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard import changes
from tests.apptest_helpers import open_page, sql

DEFINITIONS = {
    "x.refugees": {"name": "Refugees hosted", "unit": "persons"},
    "x.share": {"name": "Migrant share", "unit": "percent"},
}
NO_BREAKS = pd.DataFrame({"indicator_code": [], "iso3": [], "year": [], "note": []})


def history(series: dict[tuple[str, str], list[float]], first: int = 2010) -> pd.DataFrame:
    rows = [
        (code, iso3, f"Country {iso3}", first + offset, value)
        for (code, iso3), values in series.items()
        for offset, value in enumerate(values)
    ]
    return pd.DataFrame(rows, columns=["indicator_code", "iso3", "country", "year", "value"])


STEADY = [100_000 + 2_000 * i for i in range(15)]  # moves 2,000 a year


def test_a_spike_is_found_and_ranked_by_its_own_variability():
    # the score divides by the larger of the usual movement (2,000) and the 5,000 minimum
    spike = [*STEADY[:-1], STEADY[-2] + 40_000]  # score 8
    bump = [*STEADY[:-1], STEADY[-2] + 20_000]  # score 4
    small = [*STEADY[:-1], STEADY[-2] + 12_000]  # score 2.4: within the usual range
    found = changes.notable_changes(
        history(
            {
                ("x.refugees", "AAA"): STEADY,
                ("x.refugees", "BBB"): spike,
                ("x.refugees", "CCC"): bump,
                ("x.refugees", "DDD"): small,
            }
        ),
        DEFINITIONS,
        NO_BREAKS,
    )
    assert [c.iso3 for c in found.changes] == ["BBB", "CCC"]
    top = found.changes[0]
    assert top.year == 2024 and top.usual == 2_000 and top.score == pytest.approx(8)
    assert top.sentence == (
        "Refugees hosted in Country BBB rose to 166,000 in 2024, +32% on 2023, against a usual "
        "yearly movement of about 2,000"
    )
    assert found.considered == 4


def test_a_tiny_base_does_not_dominate():
    tiny = [10.0] * 14 + [900.0]  # x90, but 890 people
    found = changes.notable_changes(
        history({("x.refugees", "AAA"): tiny, ("x.refugees", "BBB"): STEADY}),
        DEFINITIONS,
        NO_BREAKS,
    )
    assert found.changes == []
    # the same jump in a share: 0.4 points from a base of 0.1%, under the 1-point minimum
    share = [0.1] * 14 + [0.5]
    assert not changes.notable_changes(
        history({("x.share", "AAA"): share}), DEFINITIONS, NO_BREAKS
    ).changes


def test_a_series_break_is_flagged_not_reported():
    broken = [*STEADY[:-1], 10_000]  # a fall of 116,000 at a reporting change
    breaks = pd.DataFrame(
        {
            "indicator_code": ["x.refugees"],
            "iso3": ["AAA"],
            "year": [2024],
            "note": ["A reporting change."],
        }
    )
    found = changes.notable_changes(history({("x.refugees", "AAA"): broken}), DEFINITIONS, breaks)
    assert found.changes == []
    assert [(c.iso3, c.year, c.note) for c in found.breaks] == [
        ("AAA", 2024, "A reporting change.")
    ]
    # without the declaration the same fall would be the top change
    assert changes.notable_changes(
        history({("x.refugees", "AAA"): broken}), DEFINITIONS, NO_BREAKS
    ).changes


def test_a_past_break_does_not_inflate_the_usual_movement():
    series = STEADY.copy()
    series[8] = 900_000  # a coverage change in 2018, undone in 2019
    series[-1] = series[-2] + 30_000
    breaks = pd.DataFrame(
        {
            "indicator_code": ["x.refugees"] * 2,
            "iso3": ["AAA"] * 2,
            "year": [2018, 2019],
            "note": ["in", "out"],
        }
    )
    found = changes.notable_changes(history({("x.refugees", "AAA"): series}), DEFINITIONS, breaks)
    assert [c.usual for c in found.changes] == [2_000]


def test_too_short_a_history_is_not_judged():
    short = [100_000, 102_000, 104_000, 200_000]
    assert not changes.notable_changes(
        history({("x.refugees", "AAA"): short}), DEFINITIONS, NO_BREAKS
    ).changes


@pytest.mark.parametrize(
    ("before", "after", "unit", "expected"),
    [
        (135_941, 149_324, "persons", "+9.8% on 2024"),
        (405, 149_324, "persons", "369 times the 2024 figure of 405"),
        (-299_961, 1_146_012, "persons", "+1.45 million on 2024"),
        (8.0, 8.2, "percent", "+0.2 percentage points on 2024"),
        (2e9, 1.5e9, "current US$", "-25% on 2024"),
    ],
)
def test_changes_read_as_a_manager_says_them(before, after, unit, expected):
    assert changes.compared_with(before, after, unit, 2024) == expected


# --- against the warehouse and on the pages ---------------------------------------------------


def test_latest_year_sentence_for_moldova(warehouse_path):
    at = open_page("pages/overview.py", {"country": ["MDA"]})
    # the markdown as shown, without the escapes that keep it literal
    bullets = [m.value.replace("\\", "") for m in at.markdown if m.value.startswith("- ")]
    (latest, previous) = sql(
        warehouse_path,
        "select value from fct_indicator_value where indicator_code = 'unhcr.refugees_hosted'"
        " and iso3 = 'MDA' and year in (2024, 2025) order by year desc",
    )
    assert latest[0] == 149_324
    expected = (
        "Refugees hosted in the Republic of Moldova rose to 149,324 in 2025, "
        f"+{(latest[0] - previous[0]) / previous[0] * 100:.1f}% on 2024"
    )
    assert any(b.startswith(f"- {expected}") for b in bullets), bullets
    assert any("(UNHCR" in b for b in bullets)
    # the block comes first: its heading is the page's first section heading
    assert at.header[0].value == "Latest year: the Republic of Moldova"


def test_the_region_flags_the_russian_federation_break(warehouse_path):
    at = open_page("pages/overview.py")
    bullets = " ".join(m.value.replace("\\", "") for m in at.markdown if m.value.startswith("- "))
    assert "Refugees hosted in the region fell to" in bullets
    assert "not compared with 2020: the series breaks in between" in bullets
    notes = " ".join(c.value.replace("\\", "") for c in at.caption)
    assert "Series break: UNHCR's figure for the Russian Federation changes what it counts" in notes
    links = [link.proto for link in at.get("page_link")]
    changed = [link for link in links if "trend_indicator=" in link.page or "trends" in link.page]
    assert changed, "notable changes link to their trend view"
    assert not any(link.label.startswith("Russian Federation, refugees hosted") for link in links)


def test_notable_changes_on_the_outlook_page():
    at = open_page("pages/outlook.py")
    links = [link.proto for link in at.get("page_link")]
    assert any("against a usual yearly movement" in link.help for link in links), links


def test_counts_by_origin_say_where_people_come_from(warehouse_path):
    """Emigrants and refugees from a place are counted by origin: the sentence says "from", never
    "in the 2 selected countries" after a "from the country" name, nor "Emigrants ... was"."""
    pair = open_page("pages/overview.py", {"country": ["MDA", "UKR"]})
    bullets = [m.value.replace("\\", "") for m in pair.markdown if m.value.startswith("- ")]
    assert any(b.startswith("- Refugees from the 2 selected countries rose to") for b in bullets)
    assert any(
        b.startswith("- Emigrants from the 2 selected countries living abroad numbered")
        for b in bullets
    ), bullets
    shown = " ".join(bullets)
    assert "from these countries in" not in shown and "abroad in the" not in shown
    one = open_page("pages/overview.py", {"country": ["UKR"]})
    bullets = " ".join(m.value.replace("\\", "") for m in one.markdown if m.value.startswith("- "))
    assert "Refugees from Ukraine " in bullets and "from the country in" not in bullets


def _figures(rows):
    """headline_figures rows of one concept, in the columns latest_facts reads."""
    values = {
        "concept": "stock",
        "concept_name": "Migrant stock",
        "unit": "persons",
        "source_title": "Source",
        "countries_reporting": 2,
        "countries_in_scope": 2,
        "is_complete": True,
    }
    return pd.DataFrame(
        [
            {**values, "year": year, "value": value, "indicator_code": code}
            for year, value, code in rows
        ],
        columns=list(changes.FIGURE_COLUMNS),
    )


def test_a_five_yearly_source_is_compared_with_its_previous_edition_year():
    facts = changes.latest_facts(
        _figures([(2015, 90.0e6, "a"), (2020, 100.0e6, "a"), (2024, 110.0e6, "a")]),
        NO_BREAKS.assign(indicator_code=[], iso3=[], year=[]),
        ("AAA", "BBB"),
        "the region",
        2025,
    )
    assert (
        facts[0].sentence == "Migrant stock in the region was 110.00 million in 2024, +10% on 2020"
    )


def test_an_edition_change_is_not_read_as_a_change():
    facts = changes.latest_facts(
        _figures([(2023, 100.0, "old"), (2024, 5_000.0, "new")]),
        NO_BREAKS,
        ("AAA",),
        "Aland",
        2025,
    )
    assert "not compared with 2023, which comes from another source or edition" in facts[0].sentence
    assert " was 5,000 in 2024" in facts[0].sentence  # not "rose"


def test_headline_cards_show_the_latest_year_sentences_edition_and_year(warehouse_path):
    """The overview's headline cards and its Latest year sentences speak of the same concept in the
    same edition and year: no card on a superseded edition (UN DESA 2020, WDI 2023) under a
    sentence on the current one."""
    at = open_page("pages/overview.py", {"country": ["MDA", "UKR"]})
    bullets = " ".join(m.value.replace("\\", "") for m in at.markdown if m.value.startswith("- "))
    cards = {m.label: m.value for m in at.metric}
    expected = {
        "International migrant stock": ("UN DESA 2024", "International migrant stock in"),
        "Emigrants living abroad": ("UN DESA 2024", "Emigrants from"),
        "Personal remittances received": ("July 2026", "Personal remittances received in"),
    }
    for start, (edition, sentence) in expected.items():
        label = next(label for label in cards if label.startswith(start))
        assert edition in label, label
        year = re.search(r"(\d{4})$", label).group(1)
        said = re.search(re.escape(sentence) + r"[^()]*? in (\d{4})", bullets)
        assert said and said.group(1) == year, (label, said and said.group(0))


def test_a_quiet_year_is_said_in_words_not_none(warehouse_path):
    """Kosovo* has no notable change: the page says so without a bare "None", which the
    publication standard forbids in visible text."""
    at = open_page("pages/overview.py", {"country": ["XKX"]})
    captions = [c.value for c in at.caption]
    assert any(c.startswith("No notable change this year") for c in captions), captions
    assert not any(re.search(r"\bNone\b", c) for c in captions)


def test_latest_year_in_russian(warehouse_path):
    """The same facts as whole Russian sentences: the name in the nominative, numbers and years
    the Russian way, the source's title kept in English and marked lang="en"."""
    at = open_page("pages/overview.py", {"country": ["MDA"], "lang": ["ru"]})
    assert at.header[0].value == "Последний год: Республика Молдова"
    bullets = [m.value.replace("\\", "") for m in at.markdown if m.value.startswith("- ")]
    assert any(
        b.startswith(
            "- Беженцы в стране (Республика Молдова): рост до 149\u00a0324 в 2025\u00a0г., +"
        )
        for b in bullets
    ), bullets
    assert any('(<span lang="en">UNHCR' in b for b in bullets)
    links = [link.proto.label.replace("\\", "") for link in at.get("page_link")]
    assert not any("on 20" in label or " in 20" in label for label in links), links
    pair = open_page("pages/overview.py", {"country": ["MDA", "UKR"], "lang": ["ru"]})
    same = [c.value for c in pair.caption if "дают одну и ту же цифру" in c.value]
    assert same and not any("Refugee Data Finder" in c for c in same), same
