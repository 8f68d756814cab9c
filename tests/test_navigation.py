"""The page list and the URL parameters are declared once: app.py routes exactly the declared
pages, the docs table is the declaration's, and the one Streamlit internal the legacy pages/-mode
workaround relies on is still there."""

from __future__ import annotations

from pathlib import Path

from dashboard import config, navigation, url_params
from tests.apptest_helpers import open_page

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "URL_PARAMETERS.md"


def test_every_page_file_is_declared_and_every_declared_page_exists():
    files = {str(path.relative_to(ROOT)) for path in (ROOT / "pages").glob("*.py")}
    assert files == set(navigation.BY_PATH), "declare each page in dashboard.navigation.PAGES"
    assert [page.path for page in navigation.existing(ROOT)] == [p.path for p in navigation.PAGES]


def test_sections_keep_their_pages_together():
    sections = [page.section for page in navigation.PAGES]
    assert sections == sorted(sections, key=sections.index), "a section's pages follow each other"


def test_app_routes_to_every_declared_page(warehouse_path):
    at = open_page()
    for page in navigation.PAGES[1:]:
        at.switch_page(page.path).run()
        assert not at.exception, (page.path, [e.value for e in at.exception])


def test_url_paths_follow_the_file_names():
    assert navigation.DEFAULT_PAGE.url_path == "/"
    assert navigation.BY_PATH["pages/data_sources.py"].url_path == "/data_sources"


def test_the_url_parameter_docs_are_the_declaration():
    expected = url_params.markdown_table(navigation.titles())
    assert DOCS.read_text(encoding="utf-8") == expected, (
        "docs/URL_PARAMETERS.md fell behind src/dashboard/url_params.py: run "
        "`python -m dashboard.url_params > docs/URL_PARAMETERS.md`"
    )


def test_parameter_names_are_unique_and_pages_are_declared():
    names = [param.name for param in url_params.PARAMS]
    assert len(names) == len(set(names))
    for param in url_params.PARAMS:
        unknown = set(param.pages) - set(navigation.BY_PATH) - {url_params.SIDEBAR}
        assert not unknown, (param.name, unknown)


def test_streamlit_still_keeps_the_legacy_pages_mode_where_the_workaround_looks():
    """dashboard.navigation leaves Streamlit's legacy pages/-folder mode by resetting the private
    class attribute PagesManager.uses_pages_directory. If this fails after a Streamlit upgrade,
    the workaround no longer works: a fresh server would lose a user's first filter change and
    a deep link would render without the sidebar. Find where the new Streamlit keeps the mode
    and update dashboard.navigation (or rename the pages/ folder)."""
    from streamlit.runtime.pages_manager import PagesManager

    assert "uses_pages_directory" in vars(PagesManager), (
        "streamlit.runtime.pages_manager.PagesManager.uses_pages_directory is gone: "
        + test_streamlit_still_keeps_the_legacy_pages_mode_where_the_workaround_looks.__doc__
    )
    saved = PagesManager.uses_pages_directory
    try:
        PagesManager.uses_pages_directory = None
        PagesManager(str(config.REPO_ROOT / "app.py"))
        assert navigation.in_legacy_pages_mode(), (
            "a pages/ folder no longer sets PagesManager.uses_pages_directory"
        )
        navigation.leave_legacy_pages_mode()
        PagesManager(str(config.REPO_ROOT / "app.py"))
        assert not navigation.in_legacy_pages_mode(), "leaving the mode no longer sticks"
    finally:
        PagesManager.uses_pages_directory = saved
