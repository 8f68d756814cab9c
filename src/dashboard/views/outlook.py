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

from dashboard import cache, downloads, outlook, ui
from dashboard.charts import trends as charts
from dashboard.content import outlook as outlook_content
from dashboard.content import trends as trend_content
from dashboard.inert import inert

SCORECARD_KEY = "outlook-scorecard"
SCORECARD_ROUND = "outlook_scorecard_round"  # a new table key after each jump clears its selection


def reading_guide(choices_table: pd.DataFrame) -> None:
    """How the tracker reads the data, with the indicator chosen per family."""
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
        ui.table_view(choices_table, "outlook-indicator-choice")


def scorecard(tests: list, results: list, open_statement: Callable[[str], None]) -> None:
    """Every indicator test in one table; ticking a row calls `open_statement` with the row's
    statement id (the page opens the cards that hold it)."""
    state = st.session_state
    st.header("Scorecard")
    st.caption(
        "One row per indicator test of the statements shown. Tick a row to open its "
        "statement's card below."
    )
    table = cache.derived(outlook_content.scorecard, tests, results)
    row_ids = tuple(statement.statement_id for statement, _ in tests)  # the table shows titles
    table_key = f"{SCORECARD_KEY}-{state.get(SCORECARD_ROUND, 0)}"

    def open_card() -> None:
        """A ticked row opens its statement, and the table comes back unselected."""
        selected_rows = state[table_key].selection.rows
        if not selected_rows:
            return
        open_statement(row_ids[selected_rows[0]])
        state[SCORECARD_ROUND] = state.get(SCORECARD_ROUND, 0) + 1

    st.dataframe(
        table,
        width="stretch",
        hide_index=True,
        key=table_key,
        height=min(len(table), 12) * 35 + 38,
        on_select=open_card,
        selection_mode="single-row",
        column_config={
            "statement": st.column_config.TextColumn(
                pinned=True, help="Tick a row to open the statement's card below."
            ),
            "verdict": st.column_config.TextColumn(
                help="What the data since the baseline say about the expectation (see the card)."
            ),
            "baseline": st.column_config.NumberColumn(
                format="%d",
                width="small",
                help="The year compared with: the one with data nearest the strategy's baseline.",
            ),
            "latest year": st.column_config.NumberColumn(format="%d", width="small"),
            "statement text": st.column_config.TextColumn(width="large"),
        },
    )
    st.download_button(
        "Download CSV",
        lambda: downloads.csv_bytes(table),
        file_name="outlook-scorecard.csv",
        mime="text/csv",
        key="download-outlook-scorecard",
        icon=":material/download:",
    )
    ui.source_line(
        f"{'; '.join(outlook_content.source_names(tests))}. Each test's dataset is in its row, and "
        "its edition, licence and indicator code in its card below."
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
        st.markdown(outlook_content.quote_markdown(statement.text))
        st.caption(
            f"{statement.title} · {statement.document} ({statement.edition}), "
            f"{statement.source_section}"
            + (f" · {statement.element_title}" if statement.element_title else "")
        )
        for index, link, result in shown:
            st.markdown(
                f"**{inert(f'{link.family_label}, {link.scope_label}')}: "
                f"{link.expectation_label}.** "
                + (
                    f"{outlook_content.VERDICT_ICONS[result.verdict]} {outlook.VERDICT_LABELS[result.verdict]}"
                    if link.substantive
                    else f":material/exposure_zero: {outlook_content.TRIVIAL_LABEL} (not counted)"
                )
            )
            chart_column, text_column = st.columns([3, 2])
            with text_column:
                if link.definition is not None and result.latest_year is not None:
                    ui.kpi(
                        f"Latest, {result.latest_year}",
                        result.latest_value,
                        link.definition["unit"],
                        trend_content.source_name(link.definition),
                        display=trend_content.format_value(
                            result.latest_value, link.definition["unit"]
                        )
                        if result.latest_value is not None
                        else f"{result.latest_countries} countries",
                        help=f"{result.latest_countries} of {len(link.scope_iso3)} countries report"
                        + (
                            "."
                            if result.latest_value is not None
                            else "; percentages without a "
                            "weight give no single figure (see the chart's table)."
                        ),
                    )
                st.markdown(inert(result.line))
                st.caption(f"Why this indicator: {link.rationale}")
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
                    [link.definition["caveat"]] if link.definition["caveat"] else [],
                )
        if others:
            st.caption(
                "Also tested, under another verdict: "
                + "; ".join(
                    f"{link.family_label}, {link.scope_label} "
                    f"({(outlook_content.VERDICT_SHORT[result.verdict] if link.substantive else outlook_content.TRIVIAL_LABEL).lower()})"
                    for _, link, result in others
                )
                + "."
            )


def untested_list(untested: list) -> None:
    """The statements no indicator in the warehouse can test."""
    st.header("Statements no indicator can test")
    st.caption(
        "The warehouse holds no official series for these themes (for example irregular "
        "migration, trafficking, unaccompanied children, migrant health, climate)."
    )
    for statement in untested:
        st.markdown(f"- {inert(statement.text)}")
        st.caption(f"{statement.title} · {statement.document}, {statement.source_section}")


def ahead(found: list, source: str) -> None:
    """The Ahead view: per 2020-2024 statement a projection speaks to, what WPP 2024 projects
    to 2030 for its countries, with the per-country figures; evidence, not a verdict."""
    st.header("Ahead: what the UN projects to 2030")
    st.caption(
        "For each outlook statement of the 2020-2024 strategy that a population projection can "
        "speak to, the UN's World Population Prospects 2024 (medium variant) for the statement's "
        "countries. This is evidence to read beside the statement, not a verdict on it: a "
        "projection follows the UN's assumptions, not IOM's. Totals of several countries are "
        "sums of their projections, without an interval."
    )
    if not found:
        st.info(
            "No statement shown has a test a population projection can speak to.",
            icon=":material/filter_alt_off:",
        )
    grouped: dict[str, list] = {}
    for item in found:
        grouped.setdefault(item.statement.statement_id, []).append(item)
    for items in grouped.values():
        statement = items[0].statement
        with st.container(border=True):
            st.markdown(f"**{inert(statement.title)}**")
            st.markdown(outlook_content.quote_markdown(statement.text))
            st.caption(f"{statement.document} ({statement.edition}), {statement.source_section}")
            for index, item in enumerate(items):
                link = item.link
                st.markdown(
                    f"*{inert(f'{link.family_label}, {link.scope_label}: {link.expectation_label}')}.*"
                    f" {inert(item.sentence)}"
                )
                st.caption(f"How the projection bears on it: {inert(item.bearing)}.")
                key = f"ahead-{statement.statement_id}-{index}"
                with st.expander("Countries", key=key, on_change="rerun") as box:
                    if box.open:  # built only when opened
                        ui.table_view(item.table, key)
    ui.source_line(source)
