"""Streamlit pieces of the outlook tracker: how it reads the data, the scorecard of every
indicator test, one statement card, and the statements no data can test.

Like ui.py and views/briefing.py, one of the few modules that import streamlit; the verdicts, pages
and tables it shows are computed in the pure dashboard.outlook.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard import ahead as ahead_
from dashboard import cache, downloads, i18n, outlook, ui, url_state
from dashboard.charts import trends as charts
from dashboard.content import outlook as outlook_content
from dashboard.content import trends as trend_content
from dashboard.filters import FilterOptions, Filters
from dashboard.i18n import _, d_
from dashboard.inert import inert
from dashboard.queries import outlook as q
from dashboard.queries import projections as projection_queries
from dashboard.queries import trends as trend_queries

PARAM_STRATEGY = "outlook_strategy"
PARAM_VERDICT = "outlook_verdict"
PARAM_PAGE = "outlook_page"
PARAM_VIEW = "outlook_view"
OPENED_KEY = "outlook_opened"  # the statement a scorecard row just opened, and its page
# Under the cards, previous/next buttons rather than a second st.pagination: two would be two
# navigation landmarks of the same name for a screen reader.
PREVIOUS_KEY, NEXT_KEY = "outlook_page_previous", "outlook_page_next"
SCORECARD_KEY = "outlook-scorecard"
SCORECARD_ROUND = "outlook_scorecard_round"  # a new table key after each jump clears its selection


def first_page() -> None:
    """Another strategy or verdict filter starts the cards at their first page."""
    st.session_state[PARAM_PAGE] = 1


def turn_page(step: int) -> None:
    st.session_state[PARAM_PAGE] = st.session_state[PARAM_PAGE] + step


def opener(groups: list) -> Callable[[str], None]:
    """What a ticked scorecard row does: open the page of cards that holds its statement (under
    the verdict filter when it keeps the statement)."""

    def open_statement(statement_id: str) -> None:
        state = st.session_state
        found = outlook_content.locate(
            groups, statement_id, state.get(PARAM_VERDICT, outlook_content.ALL)
        )
        if found is not None:
            state[PARAM_VERDICT], state[PARAM_PAGE] = found
            state[OPENED_KEY] = (statement_id, found[1])

    return open_statement


def strategy_and_view() -> tuple[str, str]:
    """The strategy (or both) and the view (since the strategy, or ahead), from the link."""
    url_state.warn(url_state.seed(PARAM_STRATEGY, list(outlook.STRATEGIES), "all"))
    strategy = st.radio(
        _("Strategy"),
        list(outlook.STRATEGIES),
        format_func=lambda strategy: _(outlook_content.STRATEGY_LABELS[strategy]),
        key=PARAM_STRATEGY,
        horizontal=True,
        on_change=first_page,
    )
    url_state.write(PARAM_STRATEGY, strategy, "all")
    url_state.warn(url_state.seed(PARAM_VIEW, list(outlook_content.VIEWS), "since"))
    view = (
        st.segmented_control(
            _("View"),
            list(outlook_content.VIEWS),
            format_func=lambda view: _(outlook_content.VIEWS[view]),
            key=PARAM_VIEW,
            required=True,
        )
        or "since"
    )
    url_state.write(PARAM_VIEW, view, "since")
    return strategy, view


def statements(filters: Filters, options: FilterOptions, strategy: str) -> list:
    """The statements of the strategy chosen under the sidebar's theme and places, each with its
    indicator tests. The pure steps are memoised: a rerun looks them up by their inputs."""
    choices = cache.query(trend_queries.indicator_choices_by_family)
    rows = cache.query(
        q.outlook_statement_links, filters.theme, filters.selected_iso3, filters.is_whole_region
    )
    region = tuple(options.countries)
    return outlook.select(
        cache.derived(outlook.tracker, rows, choices, region, options.countries), strategy
    )


def ahead_view(shown: list, region: tuple[str, ...]) -> None:
    """The Ahead view: WPP 2024 for the whole region from 2024 to 2030; each statement's
    countries are picked in the pure step."""
    projections = {
        code: cache.query(
            projection_queries.projection_by_country, code, region, ahead_.FROM_YEAR, ahead_.TO_YEAR
        )
        for code in (ahead_.NET_MIGRATION, ahead_.POPULATION)
    }
    series = cache.query(projection_queries.projection_series_for_family, "population").iloc[0]
    ahead(
        cache.derived(ahead_.evidence, shown, projections),
        outlook_content.projection_source(series),
    )


def assessments(
    tests: list, filters: Filters, region: tuple[str, ...]
) -> tuple[list, pd.DataFrame]:
    """Each test's assessment up to the sidebar's last year, and the series its chart draws
    (from the chosen first year, or earlier to include every baseline)."""
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
    return results, series


def verdict_counts(
    tests: list, results: list, statements_tested: int, untested: int, year_to: int
) -> None:
    """One card per verdict, and one for the checks listed but not counted."""
    counts, trivial = outlook.substantive_counts(tests, results)
    columns = st.columns(len(counts) + 1)
    for column, (verdict, count) in zip(columns[:-1], counts.items(), strict=True):
        column.metric(
            _(outlook_content.VERDICT_SHORT[verdict]),
            count,
            border=True,
            help=_(outlook_content.COUNT_HELP).format(statements=statements_tested),
        )
    columns[-1].metric(
        _(outlook_content.TRIVIAL_LABEL),
        trivial,
        border=True,
        help=_(outlook_content.TRIVIAL_HELP),
    )
    st.caption(
        outlook_content.counts_caption(len(tests), trivial, statements_tested, untested, year_to)
    )


def statement_pages(
    groups: list, tests: list, statements_shown: list, series: pd.DataFrame
) -> None:
    """The statements in detail: the verdict filter, a page of statement cards at a time with
    the pager above and previous/next below, the page and filter in the link."""
    state = st.session_state
    st.header(_("Statements in detail"))
    warnings = url_state.seed(
        PARAM_VERDICT, list(outlook_content.VERDICT_FILTERS), outlook_content.ALL
    )
    verdict = (
        st.segmented_control(
            _("Show the statements with a test judged"),
            list(outlook_content.VERDICT_FILTERS),
            format_func=lambda verdict: _(outlook_content.VERDICT_FILTERS[verdict]),
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
    if not selected:
        st.info(outlook_content.no_test_note(verdict), icon=":material/filter_alt_off:")
    else:
        shown_tests = sum(len(shown) for _statement, shown, _others in selected)
        summary, pager = st.columns([3, 2], vertical_alignment="center")
        summary.caption(outlook_content.page_caption(cards, page, verdict, shown_tests, len(tests)))
        if pages > 1:
            with pager:
                page = st.pagination(pages, key=PARAM_PAGE, width="stretch")
    url_state.write(PARAM_PAGE, page, 1)

    opened, opened_page = state.pop(OPENED_KEY, (None, None))
    if opened is not None:
        titles = {statement.statement_id: statement.title for statement in statements_shown}
        st.toast(
            outlook_content.opened_note(titles.get(opened), opened_page),
            icon=":material/arrow_downward:",
        )

    by_link = cache.derived(outlook_content.series_by_link, series)
    for statement, shown, others in cards[page - 1]:
        statement_card(statement, shown, others, by_link, series, opened)

    if pages > 1:
        with st.container(horizontal=True, vertical_alignment="center"):
            st.button(
                _("Previous page"),
                key=PREVIOUS_KEY,
                icon=":material/arrow_back:",
                disabled=page == 1,
                on_click=turn_page,
                args=(-1,),
            )
            st.caption(_("Page {page} of {pages}").format(page=page, pages=pages))
            st.button(
                _("Next page"),
                key=NEXT_KEY,
                icon=":material/arrow_forward:",
                disabled=page == pages,
                on_click=turn_page,
                args=(1,),
            )


def no_tests() -> None:
    """No test to filter or page through: a verdict or page in the link is dropped."""
    url_state.warn(url_state.seed(PARAM_VERDICT, [], outlook_content.ALL))
    url_state.warn(url_state.seed(PARAM_PAGE, [], 1))


READING_GUIDE_KEY = "outlook-reading-guide"


def reading_guide(choices_table: pd.DataFrame) -> None:
    """How the tracker reads the data, with the indicator chosen per family; written only once
    the expander is opened (a closed one still cost every rerun its text and table)."""
    with st.expander(
        _("How the tracker reads the data"),
        icon=":material/help:",
        key=READING_GUIDE_KEY,
        on_change="rerun",
    ) as guide:
        if not guide.open:
            return
        st.markdown(
            _(
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
        )
        ui.table_view(choices_table, "outlook-indicator-choice")


def scorecard(tests: list, results: list, open_statement: Callable[[str], None]) -> None:
    """Every indicator test in one table; ticking a row calls `open_statement` with the row's
    statement id (the page opens the cards that hold it)."""
    state = st.session_state
    st.header(_("Scorecard"))
    st.caption(
        _(
            "One row per indicator test of the statements shown. Tick a row to open its "
            "statement's card below."
        )
    )
    table = cache.derived(outlook_content.scorecard, tests, results)
    row_ids = tuple(statement.statement_id for statement, _link in tests)  # the table shows titles
    table_key = f"{SCORECARD_KEY}-{state.get(SCORECARD_ROUND, 0)}"

    def open_card() -> None:
        """A ticked row opens its statement, and the table comes back unselected."""
        selected_rows = state[table_key].selection.rows
        if not selected_rows:
            return
        open_statement(row_ids[selected_rows[0]])
        state[SCORECARD_ROUND] = state.get(SCORECARD_ROUND, 0) + 1

    st.dataframe(
        ui.grid_data(table),
        width="stretch",
        hide_index=True,
        key=table_key,
        height=min(len(table), 12) * 35 + 38,
        on_select=open_card,
        selection_mode="single-row",
        column_config={
            _("statement"): st.column_config.TextColumn(
                pinned=True, help=_("Tick a row to open the statement's card below.")
            ),
            _("verdict"): st.column_config.TextColumn(
                help=_("What the data since the baseline say about the expectation (see the card).")
            ),
            _("baseline"): st.column_config.NumberColumn(
                format="%d",
                width="small",
                help=_(
                    "The year compared with: the one with data nearest the strategy's baseline."
                ),
            ),
            _("latest year"): st.column_config.NumberColumn(format="%d", width="small"),
            _("statement text"): st.column_config.TextColumn(width="large"),
        },
    )
    st.download_button(
        _("Download CSV"),
        lambda: downloads.csv_bytes(table),
        file_name="outlook-scorecard.csv",
        mime="text/csv",
        key="download-outlook-scorecard",
        icon=":material/download:",
    )
    ui.source_line(
        _(
            "{sources}. Each test's dataset is in its row, and its edition, licence and "
            "indicator code in its card below."
        ).format(sources=ui.english("; ".join(outlook_content.source_names(tests)))),
        translated=True,
    )


def statement_card(
    statement: outlook.Statement,
    shown: list,
    others: list,
    by_link: dict[int, pd.DataFrame],
    series: pd.DataFrame,
    opened: str | None,
) -> None:
    """One statement: its quote and source, then per test shown the verdict, the latest figure
    and a chart with its table; the tests under another verdict are named."""
    with st.container(border=True):
        if statement.statement_id == opened:
            st.badge("Opened from the scorecard", icon=":material/table_rows:", color="blue")
        quote(statement.text)
        st.caption(
            outlook_content.statement_caption(statement, ui.english_markup), unsafe_allow_html=True
        )
        for index, link, result in shown:
            st.markdown(outlook_content.test_heading(link, result))
            chart_column, text_column = st.columns([3, 2])
            with text_column:
                if link.definition is not None and result.latest_year is not None:
                    ui.kpi(
                        outlook_content.latest_label(result.latest_year),
                        result.latest_value,
                        link.definition["unit"],
                        trend_content.source_name(link.definition),
                        display=outlook_content.latest_display(result, link),
                        help=outlook_content.latest_help(result, link),
                    )
                assessment_line(result)
                st.caption(_("Why this indicator: {rationale}").format(rationale=link.rationale))
            if link.definition is None:
                continue
            with chart_column:
                link_series = by_link.get(index, series.iloc[:0])
                ui.chart_with_table(
                    cache.chart(
                        charts.outlook_figure,
                        link_series,
                        link.definition,
                        link.scope_label,
                        result.baseline_year,
                        result.latest_year,
                    ),
                    functools.partial(
                        charts.outlook_table, link_series, link.definition, link.scope_label
                    ),
                    trend_content.source_text(link.definition),
                    f"outlook-{index}",
                    [d_(link.definition["caveat"])] if link.definition["caveat"] else [],
                )
        if others:
            st.caption(outlook_content.also_tested(others))


def quote(text: str) -> None:
    """A statement quoted from its strategy, as a block quote; on a Russian page in English,
    marked as such."""
    if i18n.language() == i18n.DEFAULT_LANGUAGE:
        st.markdown(outlook_content.quote_markdown(text))
    else:
        st.markdown(f"> {ui.english_markup(text)} {_('(in English)')}", unsafe_allow_html=True)


def assessment_line(result: outlook.Assessment) -> None:
    """What the data show since the strategy, ending with the series it cites (kept in English
    on a Russian page, marked as such)."""
    if i18n.language() == i18n.DEFAULT_LANGUAGE or not result.source:
        st.markdown(inert(result.line))
        return
    cited = _("Source: {source}.").format(source=result.source)
    text = result.line.removesuffix(cited).rstrip()
    st.markdown(
        f"{inert(text)} " + _("Source: {source}.").format(source=ui.english(result.source)),
        unsafe_allow_html=True,
    )


def untested_list(untested: list) -> None:
    """The statements no indicator in the warehouse can test."""
    st.header(_("Statements no indicator can test"))
    st.caption(
        _(
            "The warehouse holds no official series for these themes (for example irregular "
            "migration, trafficking, unaccompanied children, migrant health, climate)."
        )
    )
    for statement in untested:
        if i18n.language() == i18n.DEFAULT_LANGUAGE:
            st.markdown(f"- {inert(statement.text)}")
        else:
            st.markdown(
                f"- {ui.english(statement.text)} {_('(in English)')}", unsafe_allow_html=True
            )
        st.caption(
            f"{inert(statement.title)} · {ui.english_markup(statement.document)}, "
            f"{ui.english_markup(statement.source_section)}",
            unsafe_allow_html=True,
        )


def ahead(found: list, source: str) -> None:
    """The Ahead view: per 2020-2024 statement a projection speaks to, what WPP 2024 projects
    to 2030 for its countries, with the per-country figures; evidence, not a verdict."""
    st.header(_("Ahead: what the UN projects to 2030"))
    st.caption(
        _(
            "For each outlook statement of the 2020-2024 strategy that a population projection can "
            "speak to, the UN's World Population Prospects 2024 (medium variant) for the statement's "
            "countries. This is evidence to read beside the statement, not a verdict on it: a "
            "projection follows the UN's assumptions, not IOM's. Totals of several countries are "
            "sums of their projections, without an interval."
        )
    )
    if not found:
        st.info(
            _("No statement shown has a test a population projection can speak to."),
            icon=":material/filter_alt_off:",
        )
    grouped: dict[str, list] = {}
    for item in found:
        grouped.setdefault(item.statement.statement_id, []).append(item)
    for items in grouped.values():
        statement = items[0].statement
        with st.container(border=True):
            st.markdown(f"**{inert(statement.title)}**")
            quote(statement.text)
            st.caption(
                f"{ui.english(statement.document)} ({ui.english(statement.edition)}), "
                f"{ui.english(statement.source_section)}",
                unsafe_allow_html=True,
            )
            for index, item in enumerate(items):
                link = item.link
                st.markdown(
                    f"*{inert(f'{link.family_label}, {link.scope_label}: {link.expectation_label}')}.*"
                    f" {inert(item.sentence)}"
                )
                st.caption(
                    _("How the projection bears on it: {bearing}.").format(
                        bearing=inert(item.bearing)
                    )
                )
                key = f"ahead-{statement.statement_id}-{index}"
                with st.expander(_("Countries"), key=key, on_change="rerun") as box:
                    if box.open:  # built only when opened
                        ui.table_view(item.table, key)
    ui.source_line(source)
