"""In a real browser, in Russian (`?lang=ru`): no English words outside elements marked
lang="en" (source titles, quotations) beyond dashboard.i18n.ALLOWED_LATIN, first in the shell
(sidebar, navigation) and then on every page of PAGES_IN_RUSSIAN; switching the language keeps
the other filters and writes `lang=ru` to the link.

PAGES_IN_RUSSIAN lists the pages whose every string is translated: a page's engineer adds it
once `python -m dashboard.i18n check` reports its catalogue complete.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from dashboard import i18n
from tests.browser.harness import (
    assert_offline_and_clean,
    open_page,
    screenshot,
    url_path,
    wait_for_streamlit,
)

pytestmark = pytest.mark.browser

PAGES_IN_RUSSIAN: tuple[str, ...] = (
    "pages/glossary.py",
    "pages/funding.py",
    "pages/data_sources.py",
    "pages/briefing.py",
    "pages/trends.py",
    "pages/outlook.py",
    "pages/strategy.py",
    "pages/map.py",
    "pages/corridors.py",
    "pages/overview.py",
    "pages/country.py",
)
# Pages whose text depends on the chosen country: checked for one country too (Kosovo carries
# the most notes: its footnote, the figures published within Serbia).
ONE_COUNTRY = ("MDA", "XKX")

# The visible text of an element, leaving out what is hidden, marked lang="en" (below the
# document's own lang), and Streamlit's material icons (drawn from ligature names such as
# "dashboard": glyphs, not words; in markdown a `span role="img" translate="no"`).
VISIBLE_TEXT = """(root) => {
  const parts = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !node.textContent.trim()) continue;
    if (parent.closest('[data-testid="stIconMaterial"], span[role="img"][translate="no"], [translate="no"][aria-hidden="true"], script, style, noscript')) continue;
    const marked = parent.closest('[lang]');
    if (marked && marked !== document.documentElement && marked.lang.startsWith('en')) continue;
    const box = parent.closest('svg') || parent;
    if (box.checkVisibility && !box.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    parts.push(node.textContent);
  }
  return parts.join('\\n');
}"""
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
ISO3 = re.compile(rf"^{i18n.ISO3_PATTERN}$")


def english_words(text: str) -> list[str]:
    """The Latin-script words of `text` that ALLOWED_LATIN does not allow."""
    return sorted(
        {
            word
            for word in LATIN_WORD.findall(text)
            if word not in i18n.ALLOWED_LATIN and not ISO3.match(word)
        }
    )


def visible_text(page, selector: str) -> str:
    return "\n".join(page.locator(selector).evaluate_all(f"(roots) => roots.map({VISIBLE_TEXT})"))


def lines_with(text: str, words: list[str]) -> list[str]:
    return [line for line in text.splitlines() if any(word in line for word in words)][:20]


def test_the_shell_is_in_russian(app_page, app_server):
    open_page(app_page, app_server, "/?lang=ru")
    sidebar = visible_text(app_page, '[data-testid="stSidebar"]')
    assert "Фильтры" in sidebar and "Обзор региона" in sidebar, sidebar[:500]
    found = english_words(sidebar)
    assert not found, f"English in the Russian sidebar: {found}\n{lines_with(sidebar, found)}"
    with i18n.using("ru"):
        assert app_page.title() == i18n._("SEEECA Migration Outlook") != "SEEECA Migration Outlook"
    screenshot(app_page, "russian-shell")
    assert_offline_and_clean(app_page, app_page.record)


@pytest.mark.parametrize("page_file", PAGES_IN_RUSSIAN)
def test_a_translated_page_shows_no_english(app_page, app_server, page_file):
    open_page(app_page, app_server, f"{url_path(page_file)}?lang=ru")
    text = visible_text(app_page, '[data-testid="stSidebar"], [data-testid="stMain"]')
    found = english_words(text)
    assert not found, f"English on {page_file} in Russian: {found}\n{lines_with(text, found)}"
    assert_offline_and_clean(app_page, app_page.record)


@pytest.mark.parametrize("iso3", ONE_COUNTRY)
@pytest.mark.parametrize("page_file", ("pages/overview.py", "pages/country.py"))
def test_a_translated_page_for_one_country_shows_no_english(app_page, app_server, page_file, iso3):
    open_page(app_page, app_server, f"{url_path(page_file)}?lang=ru&country={iso3}")
    text = visible_text(app_page, '[data-testid="stSidebar"], [data-testid="stMain"]')
    screenshot(app_page, f"russian-{page_file.removeprefix('pages/').removesuffix('.py')}-{iso3}")
    found = english_words(text)
    assert not found, (
        f"English on {page_file} ({iso3}) in Russian: {found}\n{lines_with(text, found)}"
    )
    assert_offline_and_clean(app_page, app_page.record)


def test_switching_language_keeps_the_filters_and_writes_lang_to_the_link(app_page, app_server):
    open_page(app_page, app_server, "/?country=ALB&country=XKX&years=2010&years=2020")
    switch = app_page.locator('[data-testid="stSidebar"]')
    switch.get_by_text("Русский", exact=True).click()
    app_page.wait_for_timeout(300)  # let the rerun start before waiting for it to finish
    wait_for_streamlit(app_page)
    app_page.wait_for_function("() => location.search.includes('lang=ru')", timeout=60_000)
    query = parse_qs(urlparse(app_page.url).query)
    assert query["lang"] == ["ru"]
    assert query["country"] == ["ALB", "XKX"] and query["years"] == ["2010", "2020"]
    sidebar = visible_text(app_page, '[data-testid="stSidebar"]')
    assert "Фильтры" in sidebar
    chosen = app_page.locator(
        '[data-testid="stSidebar"] [data-testid="stMultiSelect"] span[data-tag-index]'
    )
    assert chosen.count() == 2, "both countries still chosen (the tags, drawn once each)"
    # and back: English, the filters still there, lang left out of the link (the default)
    switch.get_by_text("English", exact=True).click()
    app_page.wait_for_timeout(300)
    wait_for_streamlit(app_page)
    app_page.wait_for_function("() => !location.search.includes('lang=')", timeout=60_000)
    assert parse_qs(urlparse(app_page.url).query)["country"] == ["ALB", "XKX"]
    assert "Filters" in visible_text(app_page, '[data-testid="stSidebar"]')
    assert_offline_and_clean(app_page, app_page.record)


FONT_OF_TEXT = """() => {
  const sidebar = document.querySelector('[data-testid="stSidebar"] [data-testid="stMarkdownContainer"] h3');
  const chart = document.querySelector('.js-plotly-plot text.gtitle, .js-plotly-plot .xtick text');
  return {
    page: sidebar ? getComputedStyle(sidebar).fontFamily : null,
    chart: chart ? (chart.style.fontFamily || getComputedStyle(chart).fontFamily) : null,
    loaded: document.fonts.check('16px "Source Sans"', 'Жжё'),
  };
}"""


def test_russian_text_is_drawn_in_the_apps_own_font(app_page, app_server):
    """Pages and plotly charts use Streamlit's bundled Source Sans, which covers Cyrillic
    (tests/test_fonts.py reads its character map), loaded from the app itself."""
    open_page(app_page, app_server, "/trends?lang=ru")
    app_page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    fonts = app_page.evaluate(FONT_OF_TEXT)
    assert fonts["loaded"], fonts
    assert fonts["page"].startswith('"Source Sans"'), fonts
    assert fonts["chart"].replace("'", '"').startswith('"Source Sans"'), fonts
    assert_offline_and_clean(app_page, app_page.record)


# Moldova (offices with contacts, strategy quotations), Ukraine (the largest briefing) and
# Kosovo (figures "included in Serbia", its footnote, data-quality notes on printed spellings).
@pytest.mark.parametrize(
    ("iso3", "present"), [("MDA", False), ("UKR", True), ("XKX", False)], ids=str
)
def test_every_slide_of_a_russian_briefing_shows_no_english(app_page, app_server, iso3, present):
    """Steps through the whole briefing with the Next button (as a presenter does, in
    presentation mode for Ukraine) and checks every slide, not only the title slide."""
    link = f"/briefing?lang=ru&iso3={iso3}&slide=1" + ("&present=1" if present else "")
    open_page(app_page, app_server, link)
    with i18n.using("ru"):
        next_label = i18n._("Next")
    number = 1
    while True:
        text = visible_text(app_page, '[data-testid="stMain"]')
        found = english_words(text)
        assert not found, f"English on slide {number} of {iso3}: {found}\n{lines_with(text, found)}"
        if number in (3, 4):
            screenshot(app_page, f"russian-briefing-{iso3}-{number}")
        forward = app_page.get_by_role("button", name=next_label)
        if forward.is_disabled():
            break
        forward.click()
        app_page.wait_for_timeout(300)  # let the rerun start before waiting for it to finish
        wait_for_streamlit(app_page)
        number += 1
        app_page.wait_for_function(f"() => location.search.includes('slide={number}')")
    assert number >= 10, f"only {number} slides reached"
    assert_offline_and_clean(app_page, app_page.record)
