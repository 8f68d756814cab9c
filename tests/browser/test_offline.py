"""In a real browser, every page renders without errors and nothing is fetched from the internet;
the offices map draws its deck. Screenshots go to artifacts/screenshots/."""

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

pytestmark = pytest.mark.browser

DECK_CANVAS = '[data-testid="stDeckGlJsonChart"] canvas'


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
    # deck.gl sizes its canvas (300x150 until then) once WebGL is up and the first frame drawn.
    app_page.wait_for_function(
        f"""() => [...document.querySelectorAll('{DECK_CANVAS}')]
                .some((canvas) => canvas.clientWidth > 500 && canvas.clientHeight > 400)""",
        timeout=30_000,
    )
    app_page.wait_for_timeout(2000)
    screenshot(app_page, "map")
    assert_offline_and_clean(app_page, app_page.record)


def test_map_with_indicator_from_the_link_draws_offline(app_page, app_server):
    open_page(
        app_page,
        app_server,
        "/map?country=UKR&country=MDA&indicator=undesa2020.migrant_share&indicator_year=2015",
    )
    app_page.locator(DECK_CANVAS).first.wait_for(state="visible", timeout=30_000)
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


def test_map_tooltip_shows_the_office_on_hover(app_page, app_server, warehouse_path):
    import math

    import duckdb

    from dashboard import maps
    from dashboard.queries import offices as q

    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        region = tuple(iso3 for (iso3,) in con.execute("select iso3 from dim_country").fetchall())
        offices = q.offices_on_map(con, region)
    open_page(app_page, app_server, "/map")
    canvas = app_page.locator(DECK_CANVAS).first
    app_page.wait_for_function(
        f"() => document.querySelector('{DECK_CANVAS}')?.clientWidth > 500", timeout=30_000
    )
    canvas.scroll_into_view_if_needed()
    app_page.wait_for_timeout(1500)
    box = canvas.bounding_box()
    # Where deck.gl's Web Mercator view puts Vienna, from the view the page asked for.
    view = maps.view_for_offices(offices, region, True, height=600)
    scale = 512 * 2**view.zoom
    y = lambda lat: math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))  # noqa: E731
    vienna = offices.set_index("office_id").loc["ro-vienna"]
    x_px = box["x"] + box["width"] / 2 + (vienna["lon"] - view.longitude) / 360 * scale
    y_px = (
        box["y"] + box["height"] / 2 - (y(vienna["lat"]) - y(view.latitude)) / (2 * math.pi) * scale
    )
    app_page.mouse.move(x_px, y_px)
    tooltip = app_page.locator(".deck-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    text = tooltip.inner_text()
    assert "IOM Regional Office Vienna" in text
    assert "Regional Office · Vienna, Austria" in text and "Tel.: +43 1 581 22 22" in text
    # One fact a line, and the document's quotation marks shown as such (escaped once, not twice).
    assert "\nAddress: Dampschiffstraße 4/6 1030 Vienna Austria\n" in text
    assert "Table A1's 48 offices" in text and "&#x27;" not in text and "&amp;" not in text
    assert "Full note in the table below." in text
    screenshot(app_page, "map-tooltip")
    assert_offline_and_clean(app_page, app_page.record)
