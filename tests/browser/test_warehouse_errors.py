"""What a person sees when the app cannot read its warehouse: one clear message, and no menu of
raw file names (Streamlit lists the files of pages/ when a run stops before st.navigation)."""

from __future__ import annotations

import pytest

from tests.browser.harness import screenshot, streamlit_server, wait_for_streamlit

pytestmark = pytest.mark.browser


def test_a_foreign_file_is_explained_without_a_file_name_menu(browser, tmp_path):
    target = tmp_path / "warehouse.duckdb"
    target.write_text("Quarterly report, do not delete\n")
    with streamlit_server(target, tmp_path) as base_url:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        try:
            page.goto(base_url + "/")
            wait_for_streamlit(page)
            alert = page.locator('[data-testid="stAlertContentError"]')
            alert.wait_for(timeout=60_000)
            assert "is not a valid DuckDB database" in alert.inner_text()
            assert "Move it away" in alert.inner_text()
            assert page.locator('[data-testid="stSidebarNav"]').count() == 0
            assert page.get_by_text("data sources", exact=True).count() == 0
            screenshot(page, "warehouse-foreign-file")
        finally:
            page.close()
    assert target.read_text() == "Quarterly report, do not delete\n"
