"""Outlook tracker: what the regional strategies expected, and what the data show since.

The verdict counts and a scorecard of every indicator test come first; the statement cards, each
with a chart per test, follow a page at a time (filtered by verdict), so a rerun draws a handful
of charts rather than every one. Strategy, verdict filter and page travel in the link."""

import streamlit as st

from dashboard import cache, outlook, sidebar
from dashboard.content import outlook as content
from dashboard.i18n import _
from dashboard.queries import trends as trend_queries
from dashboard.views import changes as changes_view
from dashboard.views import outlook as view

filters, options = sidebar.current()
region = tuple(options.countries)
st.title(_("Outlook tracker"))
st.caption(
    _("Showing {selection}.").format(selection=filters.describe(options)) + " " + _(content.INTRO)
)

strategy, shown_view = view.strategy_and_view()
statements = view.statements(filters, options, strategy)
if shown_view == "ahead":
    view.ahead_view(statements, region)
    st.stop()

tests = outlook.tests_of(statements)
results, series = view.assessments(tests, filters, region)
groups = content.by_statement(tests, results)
untested = [statement for statement in statements if not statement.links]
view.verdict_counts(tests, results, len(groups), len(untested), filters.year_to)
view.reading_guide(cache.shaped(content.defaults_table, trend_queries.indicator_choices_by_family))
with st.container(border=True):
    changes_view.notable_block(filters, options)

if tests:
    view.scorecard(tests, results, view.opener(groups))
    view.statement_pages(groups, tests, statements, series)
else:
    view.no_tests()
if untested:
    view.untested_list(untested)
