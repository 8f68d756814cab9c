"""Migration corridors: the largest flows of people between the selected countries and the rest
of the world (UN DESA International Migrant Stock 2024, origin by destination)."""

import streamlit as st

from dashboard import sidebar
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
left, right = st.columns([2, 3], vertical_alignment="bottom")
top = left.segmented_control(
    "Corridors shown", TOP_CHOICES, default=15, key="corridors_top", format_func=str
)
grouped = right.toggle(
    "Group countries (SEEECA subregions, European Union)",
    key="corridors_grouped",
    help="Central Asia to the Russian Federation, Eastern Europe to the European Union: the "
    "subregions and the EU as one place each.",
)
corridor_view.main_corridors(
    filters.selected_iso3, filters.place(options), int(top or 15), grouped=grouped
)
st.caption(f"Showing {filters.place(options)}, mid-2024.")
