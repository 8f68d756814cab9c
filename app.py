"""SEEECA Migration Outlook: page setup, shared filters, and navigation. Pages live in pages/."""

from pathlib import Path

import streamlit as st

from dashboard import cache, config, db, sidebar, warehouse

# A folder named pages/ starts a fresh server process in Streamlit's legacy multipage mode, where
# this script runs as one page among the files of pages/: widgets made in that first run get other
# identities than in every later run, so the first filter change a user makes would be lost.
# Leaving that mode (st.navigation below would do it anyway) and rerunning avoids the mismatch.
if sidebar.in_legacy_pages_mode():
    sidebar.leave_legacy_pages_mode()
    st.rerun()

st.set_page_config(
    page_title="SEEECA Migration Outlook",
    # A local image: a material-icon favicon would be fetched from a font CDN.
    page_icon=str(config.FAVICON),
    layout="wide",
    initial_sidebar_state="expanded",
)

try:
    cache.connection()  # cached per warehouse version, so this costs nothing on a rerun
except (db.WarehouseMissing, db.WarehouseOutdated, db.WarehouseDamaged) as problem:
    if config.parquet_dir() is not None:  # a deployed export is the release's, never rebuilt here
        st.error(str(problem), icon=":material/database:")
        st.stop()
    # The build is quick, atomic and reads only the committed sources, so the app makes the
    # warehouse it needs rather than asking the user to. Sessions arriving together run one build
    # (a lock); the others wait for it and use its result.
    with st.spinner("Building the warehouse from data/sources/ (first run or after an update) ..."):
        try:
            warehouse.build_if_needed(db.usable, out=config.warehouse_path())
        except Exception as error:  # the message names file, line and column
            st.error(
                f"{problem}\n\nThe automatic build failed: {error}", icon=":material/database:"
            )
            st.stop()
except db.WarehouseUnavailable as problem:
    st.error(str(problem), icon=":material/database:")
    st.stop()

filters = sidebar.render(cache.per_warehouse(sidebar.filter_options))

# Sections and pages in the order a briefing walks through them. A page appears once its file
# exists, so the menu never offers a page that has not been built.
SECTIONS = {
    "Overview": [("pages/overview.py", "Regional overview", ":material/dashboard:")],
    "Map": [("pages/map.py", "Offices map", ":material/map:")],
    "Trends": [
        ("pages/trends.py", "Indicator trends", ":material/show_chart:"),
        ("pages/outlook.py", "Outlook tracker", ":material/fact_check:"),
    ],
    "Funding": [("pages/funding.py", "Funding requirements 2016", ":material/payments:")],
    "Strategy": [("pages/strategy.py", "Strategy drill-down", ":material/account_tree:")],
    "Country profile": [("pages/country.py", "Country profile", ":material/flag:")],
    "Briefing": [("pages/briefing.py", "Briefing and exports", ":material/co_present:")],
    "Data & sources": [
        ("pages/data_sources.py", "Data and sources", ":material/database:"),
        ("pages/glossary.py", "Glossary", ":material/menu_book:"),
    ],
}
HERE = Path(__file__).parent
navigation = st.navigation(
    {
        section: [
            st.Page(path, title=title, icon=icon, default=path == "pages/overview.py")
            for path, title, icon in pages
            if config.page_file_exists(HERE / path)
        ]
        for section, pages in SECTIONS.items()
        if any(config.page_file_exists(HERE / path) for path, _, _ in pages)
    }
)
try:
    navigation.run()
except db.WarehouseUnavailable as problem:  # the file went bad under a running session
    st.error(str(problem), icon=":material/database:")
