"""SEEECA Migration Outlook: page setup, shared filters, and navigation. Pages live in pages/."""

from pathlib import Path

import streamlit as st

from dashboard import cache, config, db, navigation, sidebar, ui, warehouse
from dashboard.i18n import _

# In Streamlit's legacy pages/-folder mode this script would run as one page among the files of
# pages/ (see dashboard.navigation): leave it and rerun, routed by st.navigation below.
if navigation.in_legacy_pages_mode():
    navigation.route_through_app()

# The language first (the `lang` link parameter, then the switch): every text below is in it.
language_warnings = sidebar.set_language()

st.set_page_config(
    page_title=_("SEEECA Migration Outlook"),
    # A local image: a material-icon favicon would be fetched from a font CDN.
    page_icon=str(config.FAVICON),
    layout="wide",
    initial_sidebar_state="expanded",
)


def stop_with(message: str) -> None:
    """Say why there is nothing to show, and stop. The menu is declared (hidden) first: without
    st.navigation in the run, Streamlit would list the files of pages/ as a menu of raw names."""
    st.error(message, icon=":material/database:")
    st.navigation([st.Page(navigation.DEFAULT_PAGE.path)], position="hidden")
    st.stop()


try:
    cache.connection()  # cached per warehouse version, so this costs nothing on a rerun
except (db.WarehouseMissing, db.WarehouseOutdated, db.WarehouseDamaged) as problem:
    if config.parquet_dir() is not None:  # a deployed export is the release's, never rebuilt here
        stop_with(str(problem))
    # The build is quick, atomic and reads only the committed sources, so the app makes the
    # warehouse it needs rather than asking the user to. Sessions arriving together run one build
    # (a lock); the others wait for it and use its result.
    with st.spinner(
        _("Building the warehouse from data/sources/ (first run or after an update) ...")
    ):
        try:
            warehouse.build_if_needed(db.usable, out=config.warehouse_path())
        except Exception as error:  # the message names file, line and column
            stop_with(
                _("{problem}\n\nThe automatic build failed: {error}").format(
                    problem=problem, error=error
                )
            )
except db.WarehouseUnavailable as problem:
    stop_with(str(problem))

filters = sidebar.render(cache.per_warehouse(sidebar.filter_options), language_warnings)
ui.page_styles()

# The pages (dashboard.navigation.PAGES) whose file exists beside this script.
try:
    navigation.run(Path(__file__).parent)
except db.WarehouseUnavailable as problem:  # the file went bad under a running session
    st.error(str(problem), icon=":material/database:")
