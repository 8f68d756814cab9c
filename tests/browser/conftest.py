"""Real-browser fixtures: the real Streamlit server and headless Debian Chromium, offline.

Reusable by every page's browser tests (helpers in harness.py):

* `app_server` (session): `streamlit run app.py` on a free local port with the repository's
  .streamlit/config.toml and the test warehouse; yields the base URL; stopped after the run.
* `browser` (session, in tests/conftest.py so other suites share the one Playwright driver):
  Debian's /usr/bin/chromium driven by Playwright (never a downloaded browser).
* `app_page` (per test): a fresh 1440x1000 page; `app_page.record` (a harness.PageRecord) lists
  every request, the requests that tried to leave this machine (blocked) and console errors.
  Open a page with `harness.open_page(app_page, app_server, "/map?country=UKR")`, then
  `harness.assert_offline_and_clean(app_page, app_page.record)` and `harness.screenshot(...)`.

The tests are skipped, with the reason, when Chromium or playwright is missing.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.harness import new_recorded_page, streamlit_server


@pytest.fixture(scope="session")
def app_server(chromium_path, warehouse_path, tmp_path_factory) -> Iterator[str]:
    """The real app on a free local port (skipped with the browser tests); yields its base URL."""
    with streamlit_server(warehouse_path, tmp_path_factory.mktemp("streamlit")) as base_url:
        yield base_url


@pytest.fixture()
def app_page(browser, app_server):
    """A fresh page recording its requests and console errors; non-local requests are blocked."""
    page, record = new_recorded_page(browser)
    page.record = record
    yield page
    page.context.close()
