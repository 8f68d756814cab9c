"""Outlook tracker: what the regional strategies expected, and what the data show since.

The verdict counts and a scorecard of every indicator test come first; the statement cards, each
with a chart per test, follow a page at a time (filtered by verdict), so a rerun draws a handful
of charts rather than every one. Strategy, verdict filter and page travel in the link."""

import functools

import streamlit as st

from dashboard import cache, outlook, page_params, sidebar, ui
from dashboard.charts import trends as charts
from dashboard.queries import outlook as q
from dashboard.queries import trends as trend_queries

PARAM_STRATEGY = "outlook_strategy"
PARAM_VERDICT = "outlook_verdict"
PARAM_PAGE = "outlook_page"
PAGE_END_KEY = "outlook_page_end"  # the pager under the cards, kept in step with the one above
SCORECARD_KEY = "outlook-scorecard"
SCORECARD_ROUND = "outlook_scorecard_round"  # a new table key after each jump clears its selection
OPENED_KEY = "outlook_opened"  # the statement a scorecard row just opened, and its page

filters, options = sidebar.current()
region, state = tuple(options.countries), st.session_state


def first_page() -> None:
    """Another strategy or verdict filter starts the cards at their first page."""
    state[PARAM_PAGE] = 1


def from_end_pager() -> None:
    state[PARAM_PAGE] = state[PAGE_END_KEY]


st.title("Outlook tracker")
st.caption(f"Showing {filters.describe(options)}. Each statement of the strategies' migration "
           "outlook is set against the official data published since. Statements about the whole "
           "region are always tested on the whole region; those naming countries appear when they "
           "name a selected country.")

if PARAM_STRATEGY not in state:
    raw = st.query_params.get_all(PARAM_STRATEGY)
    if raw and raw[0] not in outlook.STRATEGIES:
        shown = raw[0] if len(raw[0]) <= 40 else raw[0][:40] + "..."
        st.warning(f"Ignored {PARAM_STRATEGY} {shown!r} from the link: use "
                   f"{', '.join(outlook.STRATEGIES)}.", icon=":material/link_off:")
    state[PARAM_STRATEGY] = raw[0] if raw and raw[0] in outlook.STRATEGIES else "all"
strategy = st.radio("Strategy", list(outlook.STRATEGIES), format_func=outlook.STRATEGY_LABELS.get,
                    key=PARAM_STRATEGY, horizontal=True, on_change=first_page)
if strategy == "all":
    if PARAM_STRATEGY in st.query_params:
        del st.query_params[PARAM_STRATEGY]
elif st.query_params.get(PARAM_STRATEGY) != strategy:
    st.query_params[PARAM_STRATEGY] = strategy

choices = cache.query(trend_queries.indicator_choices)
rows = cache.query(q.statement_links, filters.theme, filters.selected_iso3, filters.is_whole_region)
# The pure steps are memoised (cache.derived, cache.chart): a rerun looks them up by their inputs.
statements = outlook.select(cache.derived(outlook.tracker, rows, choices, region, options.countries), strategy)
tests = outlook.tests_of(statements)
codes, scopes, targets, aggregated = outlook.requests(tests)
changes = cache.query(q.link_changes, codes, scopes, targets, filters.year_to, region)
results = cache.derived(outlook.assess_all, changes, tests, filters.year_to)
series = cache.query(q.link_series, codes, scopes, aggregated,
                     outlook.chart_start(results, filters.year_from), filters.year_to)
untested = [statement for statement in statements if not statement.links]
groups = outlook.by_statement(tests, results)

counts = outlook.verdict_counts([result.verdict for result in results])
columns = st.columns(len(counts))
for column, (verdict, count) in zip(columns, counts.items(), strict=True):
    column.metric(outlook.VERDICT_SHORT[verdict], count, border=True,
                  help=f"Indicator tests of the {len(groups)} statements shown.")
st.caption(f"{len(tests)} indicator tests of {len(groups)} statements; "
           f"{len(untested)} statements shown cannot be tested with the data in the warehouse (listed below). "
           f"Latest data up to {filters.year_to}.")

with st.expander("How the tracker reads the data", icon=":material/help:"):
    st.markdown(
        "- **Baseline**: the last year the authors could know, 2014 for the 2015-2020 strategy and "
        "2019 for the 2020-2024 strategy; the comparison starts at the year with data nearest to it.\n"
        "- **Same countries**: both years are compared over the countries reporting in both, so a "
        "change in coverage is not read as a change in migration; the others are named.\n"
        "- **Increase / decrease**: the sum (counts) or weighted mean (shares) of the countries named, "
        "or of the whole region. Where no regional figure is meaningful, every country must move the "
        "expected way for *consistent*, some for *partly*.\n"
        "- **Stay high / low**: the named countries against the median of the region's countries in the "
        "latest year; for the whole region, at least three quarters of the baseline level (at most a "
        "quarter above it).\n"
        "- **Persist**: still above zero in the latest year.\n"
        "- **Indicator**: per family, the code with the most recent data (among codes with more than "
        "one year), then the most countries, then the headline series before its breakdowns."
    )
    ui.table_view(cache.shaped(outlook.defaults_table, trend_queries.indicator_choices), "outlook-indicator-choice")

if tests:
    st.subheader("Scorecard")
    st.caption("One row per indicator test of the statements shown. Tick a row to open its "
               "statement's card below.")
    scorecard = cache.derived(outlook.scorecard, tests, results)
    row_ids = tuple(scorecard["statement"])
    table_key = f"{SCORECARD_KEY}-{state.get(SCORECARD_ROUND, 0)}"

    def open_card() -> None:
        """A scorecard row opens the page of cards that holds its statement (under the verdict
        filter when it keeps the statement), and the table comes back unselected."""
        selected_rows = state[table_key].selection.rows
        if not selected_rows:
            return
        statement_id = row_ids[selected_rows[0]]
        found = outlook.locate(groups, statement_id, state.get(PARAM_VERDICT, outlook.ALL))
        if found is not None:
            state[PARAM_VERDICT], state[PARAM_PAGE] = found
            state[OPENED_KEY] = (statement_id, found[1])
        state[SCORECARD_ROUND] = state.get(SCORECARD_ROUND, 0) + 1

    st.dataframe(
        scorecard, width="stretch", hide_index=True, key=table_key,
        height=min(len(scorecard), 12) * 35 + 38, on_select=open_card, selection_mode="single-row",
        column_config={
            "statement": st.column_config.TextColumn(
                pinned=True, help="Tick a row to open the statement's card below."),
            "verdict": st.column_config.TextColumn(
                help="What the data since the baseline say about the expectation (see the card)."),
            "baseline": st.column_config.NumberColumn(
                format="%d", width="small",
                help="The year compared with: the one with data nearest the strategy's baseline."),
            "latest year": st.column_config.NumberColumn(format="%d", width="small"),
            "statement text": st.column_config.TextColumn(width="large"),
        },
    )
    st.download_button("Download CSV", lambda: scorecard.to_csv(index=False).encode("utf-8"),
                       file_name="outlook-scorecard.csv", mime="text/csv", key="download-outlook-scorecard",
                       icon=":material/download:")
    ui.source_line(f"{'; '.join(outlook.source_names(tests))}. Each test's dataset is in its row, and "
                   "its edition, licence and indicator code in its card below.")

    st.subheader("Statements in detail")
    warnings = []
    message = page_params.seed_from_url(PARAM_VERDICT, outlook.VERDICT_FILTERS, outlook.ALL, PARAM_VERDICT)
    if message:
        warnings.append(f"{message} Use {', '.join(outlook.VERDICT_FILTERS)}.")
    verdict = st.segmented_control(
        "Show the statements with a test judged", list(outlook.VERDICT_FILTERS),
        format_func=outlook.VERDICT_FILTERS.get, key=PARAM_VERDICT, required=True, on_change=first_page,
    ) or outlook.ALL
    page_params.write_to_url(PARAM_VERDICT, verdict, outlook.ALL)

    selected = outlook.with_verdict(groups, verdict)
    cards = outlook.paginate(selected)
    pages = len(cards)
    message = page_params.seed_from_url(PARAM_PAGE, range(1, pages + 1), 1, PARAM_PAGE)
    if message:
        warnings.append(f"{message} Use a page from 1 to {pages}." if pages > 1 else f"{message} Use 1.")
    page_params.keep_valid(PARAM_PAGE, range(1, pages + 1), 1)
    for message in warnings:
        st.warning(message, icon=":material/link_off:")

    page = state[PARAM_PAGE]
    judged = "" if verdict == outlook.ALL else f" judged {outlook.VERDICT_SHORT[verdict].lower()}"
    if not selected:
        st.info(f"No test of the statements shown is{judged}.", icon=":material/filter_alt_off:")
    else:
        shown_tests = sum(len(shown) for _, shown, _ in selected)
        summary, pager = st.columns([3, 2], vertical_alignment="center")
        summary.caption(f"Statements {outlook.page_range(cards, page)}"
                        + (f" with a test{judged} ({shown_tests} of the {len(tests)} tests)" if judged else "")
                        + f", page {page} of {pages}.")
        if pages > 1:
            with pager:
                page = st.pagination(pages, key=PARAM_PAGE, width="stretch")
    page_params.write_to_url(PARAM_PAGE, page, 1)

    opened, opened_page = state.pop(OPENED_KEY, (None, None))
    if opened is not None:
        st.toast(f"{opened}: its card is on page {opened_page} of the statements below.",
                 icon=":material/arrow_downward:")

    by_link = cache.derived(outlook.series_by_link, series)
    for statement, shown, others in cards[page - 1]:
        with st.container(border=True):
            if statement.statement_id == opened:
                st.badge("Opened from the scorecard", icon=":material/table_rows:", color="blue")
            st.markdown(outlook.quote_markdown(statement.text))
            st.caption(f"{statement.statement_id} · {statement.document} ({statement.edition}), "
                       f"{statement.source_section}"
                       + (f" · {statement.element_title}" if statement.element_title else ""))
            for index, link, result in shown:
                st.markdown(f"**{outlook.escape_markdown(f'{link.family_label}, {link.scope_label}')}: "
                            f"{link.expectation_label}.** {outlook.VERDICT_ICONS[result.verdict]} "
                            f"{outlook.VERDICT_LABELS[result.verdict]}")
                chart_column, text_column = st.columns([3, 2])
                with text_column:
                    if link.definition is not None and result.latest_year is not None:
                        ui.kpi(f"Latest, {result.latest_year}", result.latest_value, link.definition["unit"],
                               charts.source_name(link.definition),
                               display=charts.format_value(result.latest_value, link.definition["unit"])
                               if result.latest_value is not None else f"{result.latest_countries} countries",
                               help=f"{result.latest_countries} of {len(link.scope_iso3)} countries report"
                               + ("." if result.latest_value is not None else "; percentages without a "
                                  "weight give no single figure (see the chart's table)."))
                    st.markdown(outlook.escape_markdown(result.line))
                    st.caption(f"Why this indicator: {link.rationale}")
                if link.definition is None:
                    continue
                with chart_column:
                    link_series = by_link.get(index, series.iloc[:0])
                    ui.chart_with_table(
                        cache.chart(charts.outlook_figure, link_series, link.definition, link.scope_label,
                                    result.baseline_year, result.latest_year),
                        functools.partial(charts.outlook_table, link_series, link.definition, link.scope_label),
                        charts.source_text(link.definition), f"outlook-{index}",
                        [link.definition["caveat"]] if link.definition["caveat"] else [],
                    )
            if others:
                st.caption("Also tested, under another verdict: " + "; ".join(
                    f"{link.family_label}, {link.scope_label} ({outlook.VERDICT_SHORT[result.verdict].lower()})"
                    for _, link, result in others) + ".")

    if pages > 1:
        if state.get(PAGE_END_KEY) != page:
            state[PAGE_END_KEY] = page
        st.pagination(pages, key=PAGE_END_KEY, width="stretch", on_change=from_end_pager)

if untested:
    st.subheader("Statements no indicator can test")
    st.caption("The warehouse holds no official series for these themes (for example irregular "
               "migration, trafficking, unaccompanied children, migrant health, climate).")
    for statement in untested:
        st.markdown(f"- {outlook.escape_markdown(statement.text)}")
        st.caption(f"{statement.statement_id} · {statement.document}, {statement.source_section}")
