"""In a real browser, every page renders without errors and nothing is fetched from the internet;
the offices map draws its dots. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import pytest

from tests.browser.harness import (
    assert_offline_and_clean,
    new_recorded_page,
    open_page,
    page_files,
    screenshot,
    streamlit_server,
    url_path,
)
from tests.browser.test_svg_maps import OFFICE_DOT, hover_svg_map, svg_map_drawn

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page_file", page_files())
def test_page_renders_offline(app_page, app_server, page_file):
    open_page(app_page, app_server, url_path(page_file))
    assert app_page.locator("h1").count() >= 1, "every page has a title"
    # Let deck.gl and plotly finish drawing before judging the console and taking the picture.
    app_page.wait_for_timeout(1500)
    screenshot(app_page, f"page-{url_path(page_file).strip('/') or 'overview'}")
    assert_offline_and_clean(app_page, app_page.record)
    websocket = app_server.replace("http://", "ws://")
    assert any(url.startswith(websocket) for url in app_page.record.requests), "served by the app"


def test_map_page_draws_offline(app_page, app_server):
    open_page(app_page, app_server, "/map")
    assert app_page.locator("h1").first.inner_text() == "IOM offices in the region"
    drawn = svg_map_drawn(app_page)
    assert drawn["dots"] >= 49, "every office and the Regional Office"
    assert drawn["width"] > 500 and drawn["height"] >= 600
    screenshot(app_page, "map")
    assert_offline_and_clean(app_page, app_page.record)


def test_map_with_indicator_from_the_link_draws_offline(app_page, app_server):
    open_page(
        app_page,
        app_server,
        "/map?country=UKR&country=MDA&indicator=undesa2020.migrant_share&indicator_year=2015",
    )
    svg_map_drawn(app_page)
    # The link's indicator and year reached the page: legend title and legend image are drawn.
    assert (
        app_page.get_by_text(
            "International migrants as % of population (UN DESA 2020), 2015", exact=True
        ).count()
        == 1
    )
    legend = app_page.get_by_role("img", name="Legend, light to dark", exact=False)
    assert legend.count() == 1
    assert legend.evaluate("image => image.complete && image.naturalWidth > 0")
    assert app_page.get_by_text("has no published town").count() == 1
    app_page.wait_for_timeout(2000)
    screenshot(app_page, "map-ukr-mda-migrant-share-2015")
    assert_offline_and_clean(app_page, app_page.record)


def test_deep_link_on_a_fresh_server(browser, warehouse_path, tmp_path):
    """A shared link to a page works as the first request a new server gets (Streamlit's legacy
    pages/-folder mode once ran the page without app.py, so the filters did not exist)."""
    with streamlit_server(warehouse_path, tmp_path) as base_url:
        page, record = new_recorded_page(browser)
        try:
            open_page(page, base_url, "/map?country=UKR")
            assert page.locator("h1").first.inner_text(timeout=5_000) == "IOM offices in the region"
            assert_offline_and_clean(page, record)
        finally:
            page.context.close()


def test_map_tooltip_shows_the_office_on_hover(app_page, app_server):
    open_page(app_page, app_server, "/map")
    svg_map_drawn(app_page)
    text = hover_svg_map(app_page, OFFICE_DOT, "ro-vienna")
    assert "IOM Regional Office Vienna" in text
    assert "Regional Office · Vienna, Austria" in text and "Tel.: +43 1 581 22 22" in text
    # One fact a line, and the document's quotation marks shown as such (escaped once, not twice).
    assert "\nAddress: Dampschiffstraße 4/6 1030 Vienna Austria\n" in text
    joined = text.replace("\n", " ")
    assert "Table A1's 48 offices" in joined and "&#x27;" not in text and "&amp;" not in text
    assert "Full note in the table below." in joined
    screenshot(app_page, "map-tooltip")
    assert_offline_and_clean(app_page, app_page.record)
