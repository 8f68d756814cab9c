"""Migration corridors: the largest flows of people between the selected countries and the rest
of the world (UN DESA International Migrant Stock 2024, origin by destination)."""

import streamlit as st

from dashboard import sidebar, url_state
from dashboard.views import corridors as corridor_view

TOP_CHOICES = (10, 15, 20, 30)

filters, options = sidebar.current()
st.title("Migration corridors")
st.caption(
    "Where people from the selected countries live and where the migrants living there come "
    "from, in mid-2024: the largest origin-destination pairs that start or end in the selection. "
    "UN DESA counts people living outside their country of birth (or citizenship); the "
    "sidebar's year range does not apply (one edition, one year)."
)
PARAM_TOP, PARAM_GROUPED, DEFAULT_TOP = "corridors", "corridor_groups", 15
url_state.warn(url_state.seed(PARAM_TOP, TOP_CHOICES, DEFAULT_TOP))
url_state.warn(url_state.seed(PARAM_GROUPED, (False, True), False))
left, right = st.columns([2, 3], vertical_alignment="bottom")
top = left.segmented_control(
    "Corridors shown", TOP_CHOICES, key=PARAM_TOP, format_func=str, required=True
)
grouped = right.toggle(
    "Group countries (SEEECA subregions, European Union)",
    key=PARAM_GROUPED,
    help="Central Asia to the Russian Federation, Eastern Europe to the European Union: the "
    "subregions and the EU as one place each.",
)
url_state.write(PARAM_TOP, top, DEFAULT_TOP)
url_state.write(PARAM_GROUPED, grouped, False)
corridor_view.main_corridors(
    filters.selected_iso3, filters.place(options), int(top or DEFAULT_TOP), grouped=grouped
)
st.caption(f"Showing {filters.place(options)}, mid-2024.")
