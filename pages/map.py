"""Offices map: where IOM works in the region, optionally over an indicator coloured by country."""

from dashboard import sidebar
from dashboard.views import map as view

filters, options = sidebar.current()
view.heading(filters, options)
view.office_cards(filters)
colour = view.colouring(filters, options)  # the indicator and year picked (None: offices only)
view.offices_map(filters, colour)
view.directory(filters)
