"""SEEECA Migration Outlook: page setup, shared filters, and navigation. Pages live in pages/."""

import streamlit as st

from dashboard import db, sidebar, warehouse

st.set_page_config(
    page_title="SEEECA Migration Outlook",
    page_icon=":material/public:",
    layout="wide",
    initial_sidebar_state="expanded",
)

try:
    db.connect_read_only().close()
except db.WarehouseUnavailable as problem:
    if "No warehouse" not in str(problem):
        st.error(str(problem), icon=":material/database:")
        st.stop()
    with st.spinner("First run: building the warehouse from data/sources/ ..."):
        try:
            warehouse.build(out=db.config.warehouse_path())
        except Exception as error:  # the message names file, line and column
            st.error(f"{problem}\n\nThe automatic build failed: {error}", icon=":material/database:")
            st.stop()

filters = sidebar.render(sidebar.filter_options())

navigation = st.navigation(
    {
        "Overview": [
            st.Page("pages/overview.py", title="Regional overview", icon=":material/dashboard:", default=True),
        ],
    }
)
navigation.run()
