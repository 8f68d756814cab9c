"""Shared fixtures: one real warehouse built from the shipped sources for the whole test run."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from dashboard import config
from dashboard.warehouse import build
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS
from tests.suite_cases import SUITE_CASES


def pytest_terminal_summary(terminalreporter) -> None:
    for suite, cases in SUITE_CASES.items():
        terminalreporter.write_line(f"{suite}: {cases}")


@pytest.fixture(scope="session")
def warehouse_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The warehouse built from data/sources/, also exported to the app through DASHBOARD_DB."""
    out = tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb"
    build(config.SOURCES_DIR, out)
    os.environ[config.WAREHOUSE_ENV] = str(out)
    return out


@pytest.fixture()
def con(warehouse_path: Path):
    connection = duckdb.connect(str(warehouse_path), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def filter_options(warehouse_path: Path):
    """The filters' options (country names, subregions, years) read from the test warehouse the
    way the sidebar reads them, for code that takes them outside a page (briefing scopes)."""
    from dashboard import sidebar

    return sidebar.filter_options()


# One Playwright driver per run: a second sync_playwright() in the same process fails while the
# first is alive, so every suite that drives Chromium shares these.
@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Debian's Chromium, or a skip saying how to install it."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's browser (apt-get install -y chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("Python playwright is not installed in the venv")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(chromium_path), args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()
