"""What a person sees at the screen widths managers present on, and on paper (issue 15):

* at 1280, 1600 and 1920 px, on the overview, trends, country and funding pages (by default and
  for a single country): no title, label or legend is cut ("..." or clipped by its chart), and
  every bar chart of categories draws one tick label per category;
* printed on A4 landscape (Chromium's print-to-PDF with the print stylesheet), the overview and
  the country profile keep every chart and map inside the page. The PDF and a PNG of each
  printed page go to artifacts/print/ to be looked at.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.browser.harness import ROOT, open_page, screenshot, wait_for_streamlit
from tests.browser.test_publication import BAR_CATEGORIES

pytestmark = pytest.mark.browser

WIDTHS = (1280, 1600, 1920)
PAGES = {
    "overview": "/",
    "trends": "/trends",
    "country": "/country?country=MDA",
    "funding": "/funding",
    "trends-ukraine": "/trends?country=UKR",
    "overview-kosovo": "/?country=XKX",
}
PRINT_PAGES = {
    "overview": "/",
    "country": "/country?country=MDA",
    # the profile's print view: every chart block drawn (on screen one at a time)
    "country-print": "/country?country=MDA&print=1",
}
# A4 landscape less the stylesheet's 1 cm margins, in CSS pixels (96 per inch).
PAGE_WIDTH_PX = round((29.7 - 2) / 2.54 * 96)
PAGE_HEIGHT_PX = round((21.0 - 2) / 2.54 * 96)
ARTIFACTS = ROOT / "artifacts" / "print"

# Text cut with an ellipsis by its box (a card label, a heading, a caption, a tab), outside the
# widgets whose chosen value may be shortened (select boxes, multiselects).
CUT_TEXT = """() => [...document.querySelectorAll('[data-testid="stMain"] *')]
  .filter((node) => {
    if (node.closest('[data-testid="stSelectbox"], [data-testid="stMultiSelect"]')) return false;
    const style = getComputedStyle(node);
    return style.textOverflow === 'ellipsis' && node.scrollWidth > node.clientWidth + 1
      && node.offsetParent !== null && node.innerText.trim() !== '';
  })
  .map((node) => node.innerText.trim().slice(0, 80))"""
# Parts of a plotly chart drawn outside the chart's own box (clipped on screen), and legends that
# scroll (items hidden).
CLIPPED_IN_CHARTS = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap((plot) => {
  const svg = plot.querySelector('.main-svg');
  if (!svg || svg.getBoundingClientRect().width === 0) return [];
  const frame = svg.getBoundingClientRect();
  const title = (plot.layout && plot.layout.title && plot.layout.title.text) || '';
  const parts = [...plot.querySelectorAll(
    '.gtitle, .legendtext, .g-xtitle text, .g-ytitle text, .xtick text, .ytick text, .annotation-text')];
  const out = parts.filter((part) => {
    const box = part.getBoundingClientRect();
    return box.width > 0 && (box.left < frame.left - 1 || box.right > frame.right + 1
      || box.top < frame.top - 1 || box.bottom > frame.bottom + 1);
  }).map((part) => `${title}: "${part.textContent.slice(0, 60)}" outside its chart`);
  const scroll = plot.querySelector('.legend .scrollbar');
  if (scroll && scroll.getBoundingClientRect().height > 0) out.push(`${title}: legend scrolls`);
  return out;
})"""
# Every chart, map and legend picture, with its box (after the print stylesheet's zoom).
DRAWN = """() => [...document.querySelectorAll(
    '.js-plotly-plot .main-svg:first-of-type, [data-testid="stDeckGlJsonChart"], [data-testid="stImage"] img')]
  .map((node) => {
    const box = node.getBoundingClientRect();
    const plot = node.closest('.js-plotly-plot');
    const title = plot && plot.layout && plot.layout.title ? plot.layout.title.text : '';
    return {what: title || node.getAttribute('alt') || node.dataset.testid || node.tagName,
            left: box.left, right: box.right, width: box.width};
  }).filter((item) => item.width > 0)"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_nothing_is_cut_and_every_category_is_labelled(browser, app_server, name, width):
    context = browser.new_context(viewport={"width": width, "height": 1000})
    page = context.new_page()
    try:
        open_page(page, app_server, PAGES[name])
        page.wait_for_timeout(1500)  # plotly and deck.gl finish drawing
        screenshot(page, f"width-{name}-{width}")
        problems = [f"cut: {text!r}" for text in page.evaluate(CUT_TEXT)]
        problems += page.evaluate(CLIPPED_IN_CHARTS)
        for chart in page.evaluate(BAR_CATEGORIES):
            if chart["ticks"] != chart["categories"]:
                problems.append(
                    f"bar chart {chart['title']!r}: {chart['ticks']} tick labels for "
                    f"{chart['categories']} categories"
                )
        assert not problems, f"at {width} px:\n" + "\n".join(problems)
    finally:
        context.close()


@pytest.mark.parametrize("name", list(PRINT_PAGES))
def test_a4_landscape_print_keeps_every_chart_inside_the_page(browser, app_server, name):
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    try:
        open_page(page, app_server, PRINT_PAGES[name])
        page.emulate_media(media="print")
        # The printed page's width: charts and maps redraw for it, as they do when printed.
        page.set_viewport_size({"width": PAGE_WIDTH_PX, "height": PAGE_HEIGHT_PX})
        wait_for_streamlit(page)
        page.wait_for_timeout(2000)
        drawn = page.evaluate(DRAWN)
        assert drawn, "nothing drawn to print"
        outside = [
            f"{item['what']!r}: {item['left']:.0f}-{item['right']:.0f} px"
            for item in drawn
            if item["left"] < -1 or item["right"] > PAGE_WIDTH_PX + 1
        ]
        assert not outside, f"outside the {PAGE_WIDTH_PX}-px printable width:\n" + "\n".join(
            outside
        )
        sidebar = page.locator('[data-testid="stSidebar"]')
        assert not sidebar.count() or not sidebar.first.is_visible(), "the sidebar is printed"
        # The PDF itself, and a picture of each page to look at.
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        pdf = ARTIFACTS / f"{name}.pdf"
        page.pdf(path=str(pdf), format="A4", landscape=True, print_background=True)
        if shutil.which("pdftotext"):
            text = subprocess.run(
                ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
            ).stdout
            assert (
                "Republic of Moldova" if name.startswith("country") else "regional overview"
            ) in text
            if name == "country-print":  # every chart block's title is printed
                for title in ("Immigrants and emigrants", "Population, Republic of Moldova"):
                    assert title in text, title
                assert "Migration corridors" in text
            if name == "overview":  # the notable changes are links, and printed
                assert "Notable changes in the latest year" in text
                assert "Ukraine, net migration" in text, "the notable changes are not printed"
        if shutil.which("pdftoppm"):
            subprocess.run(
                ["pdftoppm", "-png", "-r", "60", str(pdf), str(ARTIFACTS / name)], check=True
            )
    finally:
        context.close()
