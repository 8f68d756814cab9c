"""Outlook tracker: what the regional strategies expected, and what the data show since."""

import streamlit as st

from dashboard import cache, outlook, sidebar, ui
from dashboard.charts import trends as charts
from dashboard.queries import outlook as q
from dashboard.queries import trends as trend_queries

PARAM_STRATEGY = "outlook_strategy"

filters, options = sidebar.current()
region, state = tuple(options.countries), st.session_state
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
                    key=PARAM_STRATEGY, horizontal=True)
if strategy == "all":
    if PARAM_STRATEGY in st.query_params:
        del st.query_params[PARAM_STRATEGY]
elif st.query_params.get(PARAM_STRATEGY) != strategy:
    st.query_params[PARAM_STRATEGY] = strategy

choices = cache.query(trend_queries.indicator_choices)
rows = cache.query(q.statement_links, filters.theme, filters.selected_iso3, filters.is_whole_region)
statements = outlook.select(outlook.tracker(rows, choices, region, options.countries), strategy)
tests = outlook.tests_of(statements)
codes, scopes, targets, aggregated = outlook.requests(tests)
changes = cache.query(q.link_changes, codes, scopes, targets, filters.year_to, region)
results = outlook.assess_all(changes, tests, filters.year_to)
series = cache.query(q.link_series, codes, scopes, aggregated,
                     outlook.chart_start(results, filters.year_from), filters.year_to)
untested = [statement for statement in statements if not statement.links]

counts = outlook.verdict_counts([result.verdict for result in results])
columns = st.columns(len(counts))
for column, (verdict, count) in zip(columns, counts.items(), strict=True):
    column.metric(outlook.VERDICT_SHORT[verdict], count, border=True,
                  help=f"Indicator tests of the {len(statements) - len(untested)} statements shown.")
st.caption(f"{len(tests)} indicator tests of {len(statements) - len(untested)} statements; "
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
    ui.table_view(outlook.defaults_table(choices), "outlook-indicator-choice")

for statement, checks in outlook.by_statement(tests, results):
    with st.container(border=True):
        st.markdown(outlook.quote_markdown(statement.text))
        st.caption(f"{statement.statement_id} · {statement.document} ({statement.edition}), "
                   f"{statement.source_section}" + (f" · {statement.element_title}" if statement.element_title else ""))
        for index, link, result in checks:
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
                link_series = outlook.series_of(series, index)
                ui.chart_with_table(
                    charts.outlook_figure(link_series, link.definition, link.scope_label,
                                          result.baseline_year, result.latest_year),
                    charts.outlook_table(link_series, link.definition, link.scope_label),
                    charts.source_text(link.definition), f"outlook-{index}",
                    [link.definition["caveat"]] if link.definition["caveat"] else [],
                )

if untested:
    st.subheader("Statements no indicator can test")
    st.caption("The warehouse holds no official series for these themes (for example irregular "
               "migration, trafficking, unaccompanied children, migrant health, climate).")
    for statement in untested:
        st.markdown(f"- {outlook.escape_markdown(statement.text)}")
        st.caption(f"{statement.statement_id} · {statement.document}, {statement.source_section}")
