"""The page list, declared once: each page's file, menu title, icon and section, and the URL
parameters it reads (from dashboard.url_params). app.py routes with it; the data catalogue,
the tests and the benchmark import it.

Also the one seam for Streamlit's legacy pages/-folder mode (see `in_legacy_pages_mode`), which
relies on a private Streamlit attribute: tests/test_navigation.py fails with a clear message
when a Streamlit upgrade changes it.

Streamlit is imported inside the functions that need it, so the declarations stay pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dashboard import config, url_params
from dashboard.i18n import N_, _


@dataclass(frozen=True)
class Page:
    """One page of the menu."""

    path: str  # the file, relative to the repository (served at /<stem>, the default at /)
    title: str  # English, marked N_: shown as _(page.title)
    icon: str  # a material icon, drawn from Streamlit's bundled font (no CDN)
    section: str  # English, marked N_: shown as _(page.section)

    @property
    def url_path(self) -> str:
        return "/" if self == DEFAULT_PAGE else f"/{Path(self.path).stem}"

    @property
    def params(self) -> tuple[url_params.Param, ...]:
        """The URL parameters the page reads itself (the sidebar's are read on every page)."""
        return url_params.read_by(self.path)


# In the order a briefing walks through them; a section's pages follow each other.
PAGES: tuple[Page, ...] = (
    Page(url_params.OVERVIEW, N_("Regional overview"), ":material/dashboard:", N_("Overview")),
    Page(url_params.MAP, N_("Offices map"), ":material/map:", N_("Map")),
    Page(url_params.TRENDS, N_("Indicator trends"), ":material/show_chart:", N_("Trends")),
    Page(url_params.OUTLOOK, N_("Outlook tracker"), ":material/fact_check:", N_("Trends")),
    Page(url_params.CORRIDORS, N_("Migration corridors"), ":material/swap_horiz:", N_("Trends")),
    Page(url_params.FUNDING, N_("Funding requirements 2016"), ":material/payments:", N_("Funding")),
    Page(url_params.STRATEGY, N_("Strategy drill-down"), ":material/account_tree:", N_("Strategy")),
    Page(url_params.COUNTRY, N_("Country profile"), ":material/flag:", N_("Country profile")),
    Page(url_params.BRIEFING, N_("Briefing and exports"), ":material/co_present:", N_("Briefing")),
    Page(
        url_params.DATA_SOURCES, N_("Data and sources"), ":material/database:", N_("Data & sources")
    ),
    Page(url_params.GLOSSARY, N_("Glossary"), ":material/menu_book:", N_("Data & sources")),
)
DEFAULT_PAGE = PAGES[0]
BY_PATH: dict[str, Page] = {page.path: page for page in PAGES}


def titles() -> dict[str, str]:
    """Page file -> menu title, in menu order."""
    return {page.path: page.title for page in PAGES}


def existing(root: Path = config.REPO_ROOT) -> tuple[Page, ...]:
    """The pages whose file exists under `root`: the menu never offers a page not yet built."""
    return tuple(page for page in PAGES if config.page_file_exists(root / page.path))


def run(root: Path) -> None:
    """Route to the page of the URL, with the menu in sections (app.py's last step)."""
    import streamlit as st

    sections: dict[str, list] = {}
    for page in existing(root):
        sections.setdefault(_(page.section), []).append(
            st.Page(page.path, title=_(page.title), icon=page.icon, default=page == DEFAULT_PAGE)
        )
    st.navigation(sections).run()


# --- Streamlit's legacy pages/-folder mode ----------------------------------------------------
# A folder named pages/ beside the main script makes Streamlit start in its legacy multipage
# mode: the first run of a fresh server process runs app.py as one page among the files of
# pages/ (widgets made in that run get other identities than in later runs, so a user's first
# filter change would be lost), and a deep link (/funding) runs the page without app.py. The
# folder is part of the agreed layout, so the app leaves that mode itself and reruns. Streamlit
# keeps the mode in the private class attribute PagesManager.uses_pages_directory (1.4x-1.67).


def _pages_manager():
    from streamlit.runtime.pages_manager import PagesManager

    return PagesManager


def in_legacy_pages_mode() -> bool:
    """Whether Streamlit runs this script in its legacy pages/-folder mode."""
    return bool(_pages_manager().uses_pages_directory)


def leave_legacy_pages_mode() -> None:
    """Make Streamlit route through st.navigation from the next run on, as app.py intends."""
    _pages_manager().uses_pages_directory = False


def route_through_app() -> None:
    """Leave legacy mode and rerun, so app.py (the shell and its sidebar) runs and routes."""
    import streamlit as st

    leave_legacy_pages_mode()
    st.rerun()


def pin_app_routing_for_apptest() -> None:
    """Make AppTest run app.py on every rerun, as the server does after its first run.

    AppTest resets the legacy-mode flag before every run, so an AppTest rerun of a page would
    skip app.py; the server sets it once per process. This pins it the way the server holds it
    (for the benchmark, which measures reruns as the server runs them).
    """
    manager = _pages_manager()
    original = manager.__init__
    if getattr(original, "_pinned", False):
        return

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        manager.uses_pages_directory = False

    init._pinned = True  # type: ignore[attr-defined]
    manager.__init__ = init  # type: ignore[method-assign]
