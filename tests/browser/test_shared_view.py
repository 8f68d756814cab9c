"""In a real browser: a sidebar filter changes the numbers and the address bar, that address
opens the same view in a new session, and switching pages keeps the filter."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.harness import (
    assert_offline_and_clean,
    new_recorded_page,
    open_page,
    screenshot,
    wait_for_streamlit,
)

pytestmark = pytest.mark.browser


def kpi(page, label: str) -> str:
    """The value of the metric card whose label starts with `label`."""
    card = (
        page.locator('[data-testid="stMetric"]')
        .filter(has=page.locator('[data-testid="stMetricLabel"]', has_text=label))
        .first
    )
    return card.locator('[data-testid="stMetricValue"]').inner_text().strip()


def choose_country(page, name: str) -> None:
    """Type a country into the sidebar's country filter and pick it, as a user would."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').nth(1)
    box.locator("input").click()
    box.locator("input").fill(name)
    page.get_by_role("option", name=name, exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)  # let the rerun start before waiting for it to finish
    wait_for_streamlit(page)


def test_filter_changes_numbers_and_url_and_the_url_brings_the_view_back(
    browser, app_page, app_server
):
    open_page(app_page, app_server, "/")
    assert kpi(app_page, "Offices and sub-offices") == "48"
    region_funding = kpi(app_page, "Migration Initiatives 2016 requirement")

    choose_country(app_page, "Ukraine")
    assert kpi(app_page, "Offices and sub-offices") == "7"  # Kyiv and six sub-offices
    assert kpi(app_page, "Countries and territories") == "1"
    ukraine_funding = kpi(app_page, "Migration Initiatives 2016 requirement")
    assert ukraine_funding != region_funding
    shared = app_page.url
    assert parse_qs(urlparse(shared).query).get("country") == ["UKR"]
    screenshot(app_page, "filter-ukraine")
    assert_offline_and_clean(app_page, app_page.record)

    # A colleague opens the link in a new session: the same view comes back.
    colleague, record = new_recorded_page(browser)
    try:
        colleague.goto(shared, wait_until="domcontentloaded")
        wait_for_streamlit(colleague)
        assert kpi(colleague, "Offices and sub-offices") == "7"
        assert kpi(colleague, "Migration Initiatives 2016 requirement") == ukraine_funding
        country_filter = colleague.locator(
            '[data-testid="stSidebar"] [data-testid="stMultiSelect"]'
        ).nth(1)
        assert "Ukraine" in country_filter.inner_text()
        assert_offline_and_clean(colleague, record)
    finally:
        colleague.context.close()


def test_filter_survives_a_page_switch(app_page, app_server):
    open_page(app_page, app_server, "/?country=MDA")
    app_page.get_by_role("link", name="Offices map").click()
    app_page.wait_for_url("**/map**")
    wait_for_streamlit(app_page)
    assert parse_qs(urlparse(app_page.url).query).get("country") == ["MDA"]
    assert kpi(app_page, "Offices and sub-offices") == "2"  # Chisinau and the EUBAM sub-office
    assert_offline_and_clean(app_page, app_page.record)
