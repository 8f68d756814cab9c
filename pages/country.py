"""Country profile: one country's IOM presence, status, funding, indicators, documents and caveats."""

from dashboard import sidebar
from dashboard.views import country as view

filters, options = sidebar.current()
page = view.open_profile(filters, options)  # title, country picker, the country's briefing
view.introduction(page)
view.standouts(page)
view.presence(page)
view.status(page)
view.funding(page)
view.indicators(page)
view.chart_blocks(page)
view.documents(page)
view.outlook(page)
view.findings(page)
