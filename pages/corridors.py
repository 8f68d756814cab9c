"""Migration corridors: the largest flows of people between the selected countries and the rest
of the world (UN DESA International Migrant Stock 2024, origin by destination)."""

from dashboard import sidebar
from dashboard.views import corridors as view

filters, options = sidebar.current()
view.heading()
top, grouped = view.choices()  # how many corridors, grouped or not (both in the link)
view.main_corridors(filters.selected_iso3, filters.place(options), top, grouped=grouped)
view.showing(filters.place(options))
