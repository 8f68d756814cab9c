"""The briefing page under AppTest: one insight per slide, navigation kept in the URL, the
presentation mode, and exports that either deliver files or explain the missing renderer."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import exports
from tests.apptest_helpers import open_page, open_tables, url_value
from tests.test_i18n import server_like_reruns  # noqa: F401 (a fixture)

PAGE = "pages/briefing.py"
needs_chromium = pytest.mark.skipif(
    exports.renderer_path() is None, reason="no Chromium for kaleido (apt-get install -y chromium)"
)


def slide_label(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("**Slide "))


def test_region_briefing_starts_on_its_title_slide(warehouse_path):
    at = open_page(PAGE, {}, timeout=120)
    assert at.title[0].value.startswith("Briefing: the whole region")
    assert at.header[0].value == "SEEECA migration outlook"
    assert slide_label(at) == "**Slide 1 of 11**"
    assert url_value(at, "slide") == "1"
    assert at.button(key="slide-previous").disabled


def test_next_and_previous_move_one_insight_and_update_the_link(warehouse_path, con):
    at = open_page(PAGE, {}, timeout=120)
    at.button(key="slide-next").click().run()
    assert slide_label(at) == "**Slide 2 of 11**"
    assert url_value(at, "slide") == "2"
    offices = con.execute(
        "select count(*) from dim_office where office_type <> 'regional'"
    ).fetchone()[0]
    assert at.header[0].value == "The region at a glance"
    assert next(m.value for m in at.metric if m.label == "IOM offices and sub-offices") == str(
        offices
    )
    at.button(key="slide-previous").click().run()
    assert slide_label(at) == "**Slide 1 of 11**"


def test_country_link_and_slide_number_open_that_slide(warehouse_path):
    at = open_page(PAGE, {"iso3": ["UKR"], "slide": ["3"]}, timeout=120)
    assert at.title[0].value == "Briefing: Ukraine"
    assert at.header[0].value == "Ukraine at a glance"
    values = {m.label: m.value for m in at.metric}
    assert values["IOM offices and sub-offices"] == "7"
    assert values["Funding requirement 2016"] == "USD 15.2 million"
    assert len([c for c in at.caption if c.value.startswith("Source:")]) >= len(at.metric)


def test_chart_slide_shows_chart_table_and_sources(warehouse_path):
    at = open_page(PAGE, {"iso3": ["UKR"], "slide": ["7"]}, timeout=120)
    assert at.header[0].value.startswith("Personal remittances received")
    assert at.get("plotly_chart"), "the chart is drawn"
    assert not at.dataframe, "its table is built only when its tab is opened"
    open_tables(at)
    assert not at.get("plotly_chart"), "the chart tab is closed"
    table = at.dataframe[0].value
    assert "Year" in table.columns and len(table) > 10
    assert any(c.value.startswith("Source: World Bank") for c in at.caption)


@pytest.mark.parametrize("slide", ["99", "0", "abc", "1; drop table x"])
def test_bad_slide_in_link_warns_and_shows_the_first(warehouse_path, slide):
    at = open_page(PAGE, {"slide": [slide]}, timeout=120)
    assert any("Ignored slide" in w.value for w in at.warning)
    assert slide_label(at) == "**Slide 1 of 11**"


def test_presentation_mode_hides_controls_and_can_be_left(warehouse_path, con):
    from dashboard import briefing

    scope = briefing.Scope(("ISR",), "Israel", (2000, 2025), country="ISR")
    deck = briefing.build(briefing.load(briefing.direct(con), scope), "1 January 2026")
    funding = [s.key for s in deck.screens].index("funding") + 1
    at = open_page(PAGE, {"iso3": ["ISR"], "present": ["1"], "slide": [str(funding)]}, timeout=120)
    assert at.title[0].value.startswith("Israel has no row in the Migration Initiatives 2016")
    assert not at.selectbox, "no country picker while presenting"
    assert not [b for b in at.button if b.key == "build-export"], "no export panel while presenting"
    at.button(key="exit-presentation").click().run()
    assert url_value(at, "present") is None
    assert at.title[0].value == "Briefing: Israel"


def test_missing_renderer_is_explained_not_a_crash(warehouse_path, monkeypatch, tmp_path):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "missing" / "chromium"))
    at = open_page(PAGE, {"iso3": ["ALB"]}, timeout=120)
    assert any("apt-get install -y chromium" in w.value for w in at.warning)
    at.button(key="build-export").click().run()
    assert not at.exception
    assert any("BROWSER_PATH" in e.value for e in at.error)
    assert at.status[0].state == "error"
    assert not [b for b in at.download_button if b.key == "download-pptx"]


@needs_chromium
def test_build_offers_pptx_pdf_the_map_and_the_one_pager(warehouse_path, con):
    from dashboard import briefing

    scope = briefing.Scope(("UKR",), "Ukraine", (2000, 2025), country="UKR")
    deck = briefing.build(briefing.load(briefing.direct(con), scope), "1 January 2026")
    at = open_page(PAGE, {"iso3": ["UKR"]}, timeout=120)
    at.button(key="build-export").click().run()
    assert not at.error, [e.value for e in at.error]
    assert at.status[0].state == "complete"
    assert at.status[0].label.startswith(f"Deck ready: {len(deck.screens)} slides")
    keys = {b.key for b in at.download_button}
    assert {"download-pptx", "download-pdf", "download-one-page"} <= keys
    assert [k for k in keys if k.startswith("download-png-")] == ["download-png-map"], (
        "charts are native in the files; the map is the one picture"
    )


@pytest.mark.usefixtures("server_like_reruns")
def test_russian_page_moves_between_slides_in_russian(warehouse_path):
    at = open_page(PAGE, {"lang": ["ru"], "iso3": ["MDA"], "slide": ["4"]})
    assert at.title[0].value == "Брифинг: Республика Молдова"
    labels = {b.label for b in at.button}
    assert {"Назад", "Далее", "Показ на весь экран", "Создать PowerPoint и PDF"} <= labels
    assert any(m.value.startswith("**Слайд 4 из ") for m in at.markdown)
    caption = next(c.value for c in at.caption if "на каждом — один вывод" in c.value)
    assert caption.startswith("14 слайдов, ")  # the genitive plural
    assert any(c.value.startswith("Бюро МОМ (по состоянию на май 2020 г.)") for c in at.caption)
    assert at.selectbox(key="briefing_country").label == "Страна или территория"
