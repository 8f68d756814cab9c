"""The maps drawn as SVG by plotly (dashboard.svgmap: the overview, the offices map, the trends
page and the country profile), in a real browser: drawn offline as vector shapes, names and dots, with the
disclaimer under them, and a hover box showing the data behind a country or an office as text."""

from __future__ import annotations

import pytest

from dashboard import config
from tests.browser.harness import assert_offline_and_clean, open_page, screenshot

pytestmark = pytest.mark.browser

SVG_MAP = """() => {
  const plot = [...document.querySelectorAll('.js-plotly-plot')]
    .find((p) => p.layout && p.layout.meta && p.layout.meta.kind === 'map');
  if (!plot) return null;
  const box = plot.getBoundingClientRect();
  return {
    paths: plot.querySelectorAll('.scatterlayer path').length,
    dots: plot.querySelectorAll('.scatterlayer .point').length,
    names: [...plot.querySelectorAll('.annotation-text')].map((t) => t.textContent),
    canvas: plot.querySelectorAll('canvas').length,
    width: box.width,
    height: box.height,
  };
}"""
# Screen position of the middle of a named trace's points (a country's shape, or an office dot).
WHERE = """(name) => {
  const plot = [...document.querySelectorAll('.js-plotly-plot')]
    .find((p) => p.layout && p.layout.meta && p.layout.meta.kind === 'map');
  const trace = plot._fullData.find((t) => t.name === name);
  // coordinates arrive as typed arrays, NaN between pieces
  const xs = [...trace.x].filter(Number.isFinite), ys = [...trace.y].filter(Number.isFinite);
  const mid = (values) => (Math.min(...values) + Math.max(...values)) / 2;
  const fl = plot._fullLayout, box = plot.querySelector('.nsewdrag').getBoundingClientRect();
  return {x: box.left + fl.xaxis.l2p(mid(xs)), y: box.top + fl.yaxis.l2p(mid(ys))};
}"""


# Screen position of one office's dot (customdata: [office id, type]).
OFFICE_DOT = """(officeId) => {
  const plot = [...document.querySelectorAll('.js-plotly-plot')]
    .find((p) => p.layout && p.layout.meta && p.layout.meta.kind === 'map');
  const fl = plot._fullLayout, box = plot.querySelector('.nsewdrag').getBoundingClientRect();
  for (const trace of plot._fullData) {
    const i = (trace.customdata || []).findIndex((row) => row[0] === officeId);
    if (i >= 0) return {x: box.left + fl.xaxis.l2p(trace.x[i]), y: box.top + fl.yaxis.l2p(trace.y[i])};
  }
  return null;
}"""


def svg_map_drawn(page) -> dict:
    """Wait for the page's SVG map to be drawn; what it drew (paths, dots, names, size)."""
    page.wait_for_function(f"() => ({SVG_MAP})() && ({SVG_MAP})().paths > 3", timeout=30_000)
    return page.evaluate(SVG_MAP)


def hover_svg_map(page, where: str, target: str) -> str:
    """Hover the map where `where` (a script given `target`) says; the hover box's lines."""
    plot = page.locator(".js-plotly-plot").filter(has=page.locator(".annotation-text")).first
    plot.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    point = page.evaluate(where, target)
    page.mouse.move(point["x"], point["y"])
    label = page.locator(".hoverlayer .hovertext")
    label.first.wait_for(state="visible", timeout=10_000)
    # SVG text: one <tspan class="line"> per line of the hover box
    return label.first.evaluate(
        "(el) => [...el.querySelectorAll('tspan.line')].map((t) => t.textContent).join('\\n')"
        " || el.textContent"
    )


def test_overview_map_is_vector_with_names_disclaimer_and_country_hover(app_page, app_server):
    open_page(app_page, app_server, "/")
    drawn = svg_map_drawn(app_page)
    assert drawn["canvas"] == 0, "drawn as SVG, no WebGL canvas"
    assert {"Kazakhstan", "Ukraine", "Türkiye", config.KOSOVO_MARKER} <= set(drawn["names"])
    assert app_page.get_by_text(config.MAP_DISCLAIMER, exact=True).first.is_visible()
    text = hover_svg_map(app_page, WHERE, "KAZ")
    assert text.startswith("Kazakhstan") and "%" in text and "(20" in text, text
    screenshot(app_page, "svg-map-overview-hover")
    assert_offline_and_clean(app_page, app_page.record)


def test_profile_map_hover_shows_the_office_contacts_as_text(app_page, app_server):
    open_page(app_page, app_server, "/country?country=UKR")
    drawn = svg_map_drawn(app_page)
    assert {"Ukraine", "Kyiv"} <= set(drawn["names"])
    text = hover_svg_map(app_page, OFFICE_DOT, "ukr-kyiv")
    assert "IOM" in text and "Tel.:" in text or "Address:" in text, text
    assert "<b>" not in text and "&lt;" not in text and "&amp;" not in text
    screenshot(app_page, "svg-map-country-hover")
    assert_offline_and_clean(app_page, app_page.record)


def test_a_russian_map_hover_names_the_country_and_the_figure_in_russian(app_page, app_server):
    """The hover box is drawn only on hover, so the page-wide Russian text check cannot see it."""
    open_page(app_page, app_server, "/?lang=ru")
    svg_map_drawn(app_page)
    text = hover_svg_map(app_page, WHERE, "UKR")
    assert text.startswith("Украина"), text
    assert "International" not in text and "population" not in text, text
    assert_offline_and_clean(app_page, app_page.record)
