"""Data and sources: the build, the tables, their sources, data-quality findings, indicator
coverage and how to refresh: the page to open before trusting a number."""

import streamlit as st

from dashboard import cache, lineage, navigation, sidebar, themes, ui, url_state, warehouse
from dashboard.charts import coverage as charts
from dashboard.content import data_sources as content
from dashboard.content import trends as trend_content
from dashboard.queries import catalog as q
from dashboard.queries import headline as q_headline
from dashboard.queries import themes as theme_queries
from dashboard.queries import trends as trend_queries

PARAM_TOPIC, PARAM_CHECK, PARAM_INDICATOR = "dq_topic", "dq_check", "indicator"


filters, options = sidebar.current()
st.title("Data and sources")
st.caption(
    "What every number on this dashboard rests on: the tables, their sources, the checks "
    "the data passed and the problems found in the documents."
)

page_tables, titles = lineage.tables_by_page(), navigation.titles()
table_sources = cache.query(q.table_sources)
st.header("Sources")
ui.table_view(
    cache.derived(content.describe_sources, cache.query(q.source_catalog), table_sources), "sources"
)

st.header("How a headline figure is chosen")
st.markdown(
    "Where several sources or editions give the same figure, every page and export shows the "
    "one this rule picks, so the same figure for the same place and year is the same number "
    "everywhere: **the latest year first**, then, within that year, **the first source in the "
    "order below** that gives it. For a group of countries, a source counts for a year only "
    "if no country it reported the year before is missing; the headline is the latest such "
    "year. The next source with a figure for that year is named as the alternative. Editions "
    "are never joined on one line: a chart draws each source's own series."
)
ui.table_view(
    cache.derived(content.describe_headline_rule, cache.query(q_headline.headline_concepts)),
    "headline-rule",
)

st.header("How newer editions revised the past")
st.caption(
    "A new edition re-estimates earlier years too, so each edition is its own series, never "
    "joined to another on one line. Where the headline source and an earlier edition (or "
    "another publisher) both give a figure for the same country and year, the largest "
    "differences are listed here."
)
revised = cache.query(q_headline.revised_concepts)
concept_names = dict(
    zip(revised["concept"].tolist(), revised["concept_name"].tolist(), strict=True)
)
default_concept = "migrant_stock" if "migrant_stock" in concept_names else next(iter(concept_names))
concept = st.selectbox(
    "Figure",
    list(concept_names),
    index=list(concept_names).index(default_concept),
    format_func=concept_names.get,
    key="revision_concept",
)
revisions = cache.query(q_headline.edition_revisions, concept)
unit = cache.query(q_headline.headline_concepts).set_index("concept").loc[[concept], "unit"].iloc[0]
st.markdown(f"**{content.revision_sentence(revisions, unit)}**")
top_countries = tuple(dict.fromkeys(revisions["iso3"].tolist()))[:2]
codes = tuple(
    dict.fromkeys(revisions["indicator_code"].tolist() + revisions["alt_indicator_code"].tolist())
)[:2]
ui.chart_with_table(
    cache.chart(
        charts.edition_lines,
        cache.query(q_headline.edition_series, codes, top_countries),
        f"{concept_names[concept]}: two editions, each its own line",
        unit,
    ),
    cache.derived(content.describe_revisions, revisions, unit),
    "; ".join(
        dict.fromkeys(revisions["source_title"].tolist() + revisions["alt_source_title"].tolist())
    ),
    f"revisions-{concept}",
    ["The earlier edition is dashed. Both are shown as published; neither is corrected."],
)

st.header("Themes and the indicators that speak to them")
st.caption(
    "Why the thematic filter puts some indicators first: each link quotes the document that "
    "makes it, names the outlook statement tested with it, is inherited through the strategy "
    "crosswalk, or is marked as the dashboard's own judgement."
)
ui.table_view(
    cache.derived(
        themes.crosswalk_table,
        cache.query(theme_queries.theme_indicator_crosswalk),
        cache.shaped(
            trend_content.IndicatorMenu.of, trend_queries.indicator_choices_by_family
        ).families,
        filters.theme,
    ),
    "theme-indicators",
)

st.header("Data-quality findings")
st.caption(
    "Every problem found in the documents (totals that do not add up, figures that disagree, "
    "misspellings). Values are shown as published; the note says what the dashboard does."
)
checks = cache.query(q.dq_finding_checks)
topics = list(dict.fromkeys(checks["topic"]))
labels = content.check_labels(checks)
url_state.warn(url_state.seed(PARAM_TOPIC, topics, []) + url_state.seed(PARAM_CHECK, labels, []))
left, right = st.columns(2)
chosen_topics = left.multiselect("Topic", topics, key=PARAM_TOPIC, placeholder="All topics")
chosen_checks = right.multiselect(
    "Check", list(labels), format_func=labels.get, key=PARAM_CHECK, placeholder="All checks"
)
url_state.write(PARAM_TOPIC, chosen_topics, [])
url_state.write(PARAM_CHECK, chosen_checks, [])
findings = cache.query(q.dq_findings_with_source, tuple(chosen_topics), tuple(chosen_checks))
st.caption(f"{len(findings)} of {int(checks['findings'].sum())} findings shown.")
ui.table_view(
    cache.derived(content.describe_findings, findings, page_tables, titles), "data-quality-findings"
)

st.header("Coverage of the official indicators")
indicators = cache.query(q.indicator_catalog_with_source).set_index("indicator_code", drop=False)
codes = list(indicators.index)
default_code = (
    content.DEFAULT_COVERAGE_INDICATOR if content.DEFAULT_COVERAGE_INDICATOR in codes else codes[0]
)
url_state.warn(url_state.seed(PARAM_INDICATOR, codes, default_code))
names = dict(
    zip(codes, indicators["name"].tolist(), strict=True)
)  # a dict: 22,000 lookups at x1000
code = st.selectbox("Indicator", codes, key=PARAM_INDICATOR, format_func=names.get)
url_state.write(PARAM_INDICATOR, code, default_code)
definition = indicators.loc[code]
st.markdown(f"{definition['description']}", help=ui.glossary(definition["name"]))
grid = cache.query(
    q.indicator_coverage_grid, code, filters.selected_iso3, filters.year_from, filters.year_to
)
by_country = cache.query(
    q.indicator_coverage_by_country, code, filters.selected_iso3, filters.year_from, filters.year_to
)
source = f"{definition['cite_as']}."
if grid.empty:
    st.info(
        f"{definition['name']} has values for {definition['first_year']}-{definition['last_year']}, "
        f"outside the years selected ({filters.year_from}-{filters.year_to}).",
        icon=":material/info:",
    )
else:
    ui.chart_with_table(
        cache.chart(
            charts.coverage_heatmap,
            grid,
            f"{definition['name']}: values by country and year",
            definition["unit"],
        ),
        cache.derived(content.describe_coverage, by_country, definition["unit"]),
        source,
        key=f"coverage-{code}",
        caveats=content.coverage_caveats(definition["caveat"], by_country),
    )
st.caption(f"Showing {filters.describe(options)}.")

# Files, tables, codes and the build: for whoever maintains the data, out of a reader's way.
with st.expander(
    ":material/build: Technical details: files, tables, build and refresh",
    key="technical-details",
    on_change="rerun",
) as technical:
    if technical.open:  # built only when opened
        build = cache.query(q.build_info).iloc[0]
        st.subheader("The warehouse build")
        row = st.columns(4)
        row[0].metric(
            "Built",
            f"{build['built_at']:%Y-%m-%d}",
            border=True,
            help=f"At {build['built_at']:%H:%M}, the build machine's local time.",
        )
        row[1].metric(
            "Code revision",
            build["git_revision"],
            border=True,
            help="Git revision of the dashboard code that built the warehouse.",
        )
        row[2].metric(
            "Build time",
            f"{build['build_seconds']:.1f} s",
            border=True,
            help=f"Loading, modelling and {len(warehouse.data_test_names())} data tests.",
        )
        row[3].metric("Tables", len(warehouse.MARTS), border=True)
        ui.source_line(f"build_log of the warehouse; DuckDB {build['duckdb_version']}.")

        st.subheader("Tables behind the pages")
        st.caption(
            "One line per table: what one row is, how many rows, which countries and years it "
            "covers, what it cites and which pages read it."
        )
        ui.table_view(
            cache.derived(
                content.describe_tables,
                cache.query(q.table_coverage),
                table_sources,
                page_tables,
                titles,
            ),
            "warehouse-tables",
        )

        st.subheader("Source files")
        ui.table_view(
            cache.derived(
                content.describe_sources,
                cache.query(q.source_catalog),
                table_sources,
                technical=True,
            ),
            "source-files",
        )
        st.subheader("How to refresh the data")
        st.markdown(
            "1. Put the official downloads listed below under one directory, at the paths shown, and run "
            "the ingest: `python -m dashboard.ingest [--public-dir DIR]`. It reads each file in its "
            "published format and writes `indicators.csv`, `indicator_content.csv` and "
            "`dataset_sources.csv` in `data/sources/`; a file that does not have the expected format "
            "stops it with a message naming the file.\n"
            "2. Build the warehouse: `python -m dashboard.warehouse build [--sources DIR] [--out FILE] "
            "[--parquet DIR]`. Every source file is loaded with declared column types; the first bad "
            "value stops the build with the **file, line and column**. Then "
            f"{len(warehouse.data_test_names())} data tests must find no offending rows.\n"
            "3. The build writes a temporary file and swaps it in only when everything passed, so a "
            "failed build leaves the previous warehouse **untouched**. The running dashboard notices "
            "the new warehouse on the next click; no restart is needed.\n\n"
            "Documents are transcribed by hand into `data/sources/` (see its README). Running the "
            "dashboard on several servers is described in `docs/DEPLOYMENT.md`."
        )
        st.markdown("**Official downloads the ingest accepts** (paths under `--public-dir`)")
        ui.table_view(
            cache.derived(content.describe_downloads, cache.query(q.official_downloads)),
            "official-downloads",
        )
