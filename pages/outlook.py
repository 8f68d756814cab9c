"""Outlook tracker: what the regional strategies expected, and what the data show since.

The verdict counts and a scorecard of every indicator test come first; the statement cards, each
with a chart per test, follow a page at a time (filtered by verdict), so a rerun draws a handful
of charts rather than every one. Strategy, verdict filter and page travel in the link."""

import streamlit as st

from dashboard import ahead, cache, outlook, sidebar, url_state
from dashboard.content import outlook as outlook_content
from dashboard.queries import outlook as q
from dashboard.queries import projections as projection_queries
from dashboard.queries import trends as trend_queries
from dashboard.views import changes as changes_view
from dashboard.views import outlook as outlook_view

PARAM_STRATEGY = "outlook_strategy"
PARAM_VERDICT = "outlook_verdict"
PARAM_PAGE = "outlook_page"
PARAM_VIEW = "outlook_view"
OPENED_KEY = "outlook_opened"  # the statement a scorecard row just opened, and its page
# Under the cards, previous/next buttons rather than a second st.pagination: two would be two
# navigation landmarks of the same name for a screen reader.
PREVIOUS_KEY, NEXT_KEY = "outlook_page_previous", "outlook_page_next"

filters, options = sidebar.current()
region, state = tuple(options.countries), st.session_state


def first_page() -> None:
    """Another strategy or verdict filter starts the cards at their first page."""
    state[PARAM_PAGE] = 1


def turn_page(step: int) -> None:
    state[PARAM_PAGE] = state[PARAM_PAGE] + step


def open_statement(statement_id: str) -> None:
    """Open the page of cards that holds a statement (under the verdict filter when it keeps
    the statement)."""
    found = outlook_content.locate(
        groups, statement_id, state.get(PARAM_VERDICT, outlook_content.ALL)
    )
    if found is not None:
        state[PARAM_VERDICT], state[PARAM_PAGE] = found
        state[OPENED_KEY] = (statement_id, found[1])


st.title("Outlook tracker")
st.caption(
    f"Showing {filters.describe(options)}. Each statement of the strategies' migration "
    "outlook is set against the official data published since. Statements about the whole "
    "region are always tested on the whole region; those naming countries appear when they "
    "name a selected country."
)

url_state.warn(url_state.seed(PARAM_STRATEGY, list(outlook.STRATEGIES), "all"))
strategy = st.radio(
    "Strategy",
    list(outlook.STRATEGIES),
    format_func=outlook_content.STRATEGY_LABELS.get,
    key=PARAM_STRATEGY,
    horizontal=True,
    on_change=first_page,
)
url_state.write(PARAM_STRATEGY, strategy, "all")
url_state.warn(url_state.seed(PARAM_VIEW, list(outlook_content.VIEWS), "since"))
view = (
    st.segmented_control(
        "View",
        list(outlook_content.VIEWS),
        format_func=outlook_content.VIEWS.get,
        key=PARAM_VIEW,
        required=True,
    )
    or "since"
)
url_state.write(PARAM_VIEW, view, "since")

choices = cache.query(trend_queries.indicator_choices_by_family)
rows = cache.query(
    q.outlook_statement_links, filters.theme, filters.selected_iso3, filters.is_whole_region
)
# The pure steps are memoised (cache.derived, cache.chart): a rerun looks them up by their inputs.
statements = outlook.select(
    cache.derived(outlook.tracker, rows, choices, region, options.countries), strategy
)
if view == "ahead":
    # WPP 2024 for the whole region from 2024 to 2030; each statement's countries are picked in
    # the pure step.
    projections = {
        code: cache.query(
            projection_queries.projection_by_country, code, region, ahead.FROM_YEAR, ahead.TO_YEAR
        )
        for code in (ahead.NET_MIGRATION, ahead.POPULATION)
    }
    series = cache.query(projection_queries.projection_series_for_family, "population").iloc[0]
    outlook_view.ahead(
        cache.derived(ahead.evidence, statements, projections),
        f"{series['publisher']}, {series['source_title']} ({series['edition']}), licence "
        f"{series['licence']}.",
    )
    st.stop()

tests = outlook.tests_of(statements)
codes, scopes, targets, aggregated = outlook.requests(tests)
changes = cache.query(q.outlook_link_changes, codes, scopes, targets, filters.year_to, region)
results = cache.derived(outlook.assess_all, changes, tests, filters.year_to)
series = cache.query(
    q.outlook_link_series,
    codes,
    scopes,
    aggregated,
    outlook_content.chart_start(results, filters.year_from),
    filters.year_to,
)
untested = [statement for statement in statements if not statement.links]
groups = outlook_content.by_statement(tests, results)

counts, trivial = outlook.substantive_counts(tests, results)
columns = st.columns(len(counts) + 1)
for column, (verdict, count) in zip(columns[:-1], counts.items(), strict=True):
    column.metric(
        outlook_content.VERDICT_SHORT[verdict],
        count,
        border=True,
        help=f"Substantive indicator tests of the {len(groups)} statements shown.",
    )
columns[-1].metric(
    outlook_content.TRIVIAL_LABEL,
    trivial,
    border=True,
    help="Checks that a stock is still above zero: listed in the scorecard, not counted as "
    "consistency, since a stock that has not vanished says little about an outlook.",
)
st.caption(
    f'{len(tests) - trivial} substantive indicator tests and {trivial} "still above zero" checks '
    f"(listed, not counted) of {len(groups)} statements; {len(untested)} statements shown cannot "
    f"be tested with the data in the warehouse (listed below). Latest data up to {filters.year_to}."
)

outlook_view.reading_guide(
    cache.shaped(outlook_content.defaults_table, trend_queries.indicator_choices_by_family)
)

with st.container(border=True):
    changes_view.notable_block(filters, options)

if tests:
    outlook_view.scorecard(tests, results, open_statement)
    st.header("Statements in detail")
    warnings = url_state.seed(
        PARAM_VERDICT, list(outlook_content.VERDICT_FILTERS), outlook_content.ALL
    )
    verdict = (
        st.segmented_control(
            "Show the statements with a test judged",
            list(outlook_content.VERDICT_FILTERS),
            format_func=outlook_content.VERDICT_FILTERS.get,
            key=PARAM_VERDICT,
            required=True,
            on_change=first_page,
        )
        or outlook_content.ALL
    )
    url_state.write(PARAM_VERDICT, verdict, outlook_content.ALL)

    selected = outlook_content.with_verdict(groups, verdict)
    cards = outlook_content.paginate(selected)
    pages = len(cards)
    warnings += url_state.seed(PARAM_PAGE, range(1, pages + 1), 1)
    url_state.keep_valid(PARAM_PAGE, range(1, pages + 1), 1)
    url_state.warn(warnings)

    page = state[PARAM_PAGE]
    judged = (
        ""
        if verdict == outlook_content.ALL
        else f" judged {outlook_content.VERDICT_SHORT[verdict].lower()}"
    )
    if not selected:
        st.info(f"No test of the statements shown is{judged}.", icon=":material/filter_alt_off:")
    else:
        shown_tests = sum(len(shown) for _, shown, _ in selected)
        summary, pager = st.columns([3, 2], vertical_alignment="center")
        summary.caption(
            f"Statements {outlook_content.page_range(cards, page)}"
            + (f" with a test{judged} ({shown_tests} of the {len(tests)} tests)" if judged else "")
            + f", page {page} of {pages}."
        )
        if pages > 1:
            with pager:
                page = st.pagination(pages, key=PARAM_PAGE, width="stretch")
    url_state.write(PARAM_PAGE, page, 1)

    opened, opened_page = state.pop(OPENED_KEY, (None, None))
    titles = {statement.statement_id: statement.title for statement in statements}
    if opened is not None:
        st.toast(
            f"{titles.get(opened, 'The statement')}: its card is on page {opened_page} of the "
            "statements below.",
            icon=":material/arrow_downward:",
        )

    by_link = cache.derived(outlook_content.series_by_link, series)
    for statement, shown, others in cards[page - 1]:
        outlook_view.statement_card(statement, shown, others, by_link, series, opened)

    if pages > 1:
        with st.container(horizontal=True, vertical_alignment="center"):
            st.button(
                "Previous page",
                key=PREVIOUS_KEY,
                icon=":material/arrow_back:",
                disabled=page == 1,
                on_click=turn_page,
                args=(-1,),
            )
            st.caption(f"Page {page} of {pages}")
            st.button(
                "Next page",
                key=NEXT_KEY,
                icon=":material/arrow_forward:",
                disabled=page == pages,
                on_click=turn_page,
                args=(1,),
            )
else:  # no test to filter or page through: a verdict or page in the link is dropped
    url_state.warn(url_state.seed(PARAM_VERDICT, [], outlook_content.ALL))
    url_state.warn(url_state.seed(PARAM_PAGE, [], 1))

if untested:
    outlook_view.untested_list(untested)
