"""Streamlit blocks of the Data and sources page: the sources, the headline rule, the revisions
between editions, the theme crosswalk, the data-quality findings (filtered from the link), one
indicator's coverage and the collapsed technical details. Tables and sentences come from the pure
dashboard.content.data_sources."""

from __future__ import annotations

import streamlit as st

from dashboard import cache, lineage, navigation, themes, ui, url_state, warehouse
from dashboard.charts import coverage as charts
from dashboard.content import data_sources as content
from dashboard.content import trends as trend_content
from dashboard.filters import Filters
from dashboard.i18n import _, d_
from dashboard.queries import catalog as q
from dashboard.queries import headline as q_headline
from dashboard.queries import themes as theme_queries
from dashboard.queries import trends as trend_queries

PARAM_TOPIC, PARAM_CHECK, PARAM_INDICATOR = "dq_topic", "dq_check", "indicator"


def sources() -> None:
    """Every source by its citation, licence and the tables that use it."""
    st.header(_("Sources"))
    ui.table_view(
        cache.derived(
            content.describe_sources, cache.query(q.source_catalog), cache.query(q.table_sources)
        ),
        "sources",
    )


def headline_rule() -> None:
    """The rule that picks one figure where several sources give one, and its order."""
    st.header(_("How a headline figure is chosen"))
    st.markdown(
        _(
            "Where several sources or editions give the same figure, every page and export shows "
            "the one this rule picks, so the same figure for the same place and year is the same "
            "number everywhere: **the latest year first**, then, within that year, **the first "
            "source in the order below** that gives it. For a group of countries, a source counts "
            "for a year only if no country it reported the year before is missing; the headline "
            "is the latest such year. The next source with a figure for that year is named as the "
            "alternative. Editions are never joined on one line: a chart draws each source's own "
            "series."
        )
    )
    ui.table_view(
        cache.derived(content.describe_headline_rule, cache.query(q_headline.headline_concepts)),
        "headline-rule",
    )


def revisions() -> None:
    """How newer editions revised the past, for the figure chosen: the largest revision in words,
    the two editions drawn side by side and the table of differences."""
    st.header(_("How newer editions revised the past"))
    st.caption(
        _(
            "A new edition re-estimates earlier years too, so each edition is its own series, "
            "never joined to another on one line. Where the headline source and an earlier "
            "edition (or another publisher) both give a figure for the same country and year, "
            "the largest differences are listed here."
        )
    )
    revised = cache.query(q_headline.revised_concepts)
    names = {
        concept: d_(name)
        for concept, name in zip(
            revised["concept"].tolist(), revised["concept_name"].tolist(), strict=True
        )
    }
    concept = st.selectbox(
        _("Figure"),
        list(names),
        index=list(names).index(
            content.default_choice(list(names), content.DEFAULT_REVISED_CONCEPT)
        ),
        format_func=names.get,
        key="revision_concept",
    )
    changes = cache.query(q_headline.edition_revisions, concept)
    concepts = cache.query(q_headline.headline_concepts).set_index("concept")
    unit = concepts.loc[[concept], "unit"].iloc[0]
    # the dataset titles in it stay English, marked as such on a Russian page
    sentence = content.revision_sentence(changes, unit, english=ui.english)
    st.markdown(f"**{sentence}**", unsafe_allow_html=True)
    countries, codes = content.revision_series(changes)
    ui.chart_with_table(
        cache.chart(
            charts.edition_lines,
            cache.query(q_headline.edition_series, codes, countries),
            _("{figure}: two editions, each its own line").format(figure=names[concept]),
            unit,
        ),
        cache.derived(content.describe_revisions, changes, unit),
        content.revision_sources(changes),
        f"revisions-{concept}",
        [_("The earlier edition is dashed. Both are shown as published; neither is corrected.")],
    )


def theme_indicators(theme: str | None) -> None:
    """Why the thematic filter puts some indicators first: the crosswalk and its reasons."""
    st.header(_("Themes and the indicators that speak to them"))
    st.caption(
        _(
            "Why the thematic filter puts some indicators first: each link quotes the document "
            "that makes it, names the outlook statement tested with it, is inherited through the "
            "strategy crosswalk, or is marked as the dashboard's own judgement."
        )
    )
    ui.table_view(
        cache.derived(
            themes.crosswalk_table,
            cache.query(theme_queries.theme_indicator_crosswalk),
            cache.shaped(
                trend_content.IndicatorMenu.of, trend_queries.indicator_choices_by_family
            ).families,
            theme,
        ),
        "theme-indicators",
    )


def findings() -> None:
    """Every data-quality finding, filtered by topic and check (both kept in the link), with the
    pages each affects."""
    st.header(_("Data-quality findings"))
    st.caption(
        _(
            "Every problem found in the documents (totals that do not add up, figures that "
            "disagree, misspellings). Values are shown as published; the note says what the "
            "dashboard does."
        )
    )
    checks = cache.query(q.dq_finding_checks)
    topics = list(dict.fromkeys(checks["topic"]))
    labels = content.check_labels(checks)
    url_state.warn(
        url_state.seed(PARAM_TOPIC, topics, []) + url_state.seed(PARAM_CHECK, labels, [])
    )
    left, right = st.columns(2)
    chosen_topics = left.multiselect(
        _("Topic"),
        topics,
        format_func=content.topic_label,
        key=PARAM_TOPIC,
        placeholder=_("All topics"),
    )
    chosen_checks = right.multiselect(
        _("Check"),
        list(labels),
        format_func=labels.get,
        key=PARAM_CHECK,
        placeholder=_("All checks"),
    )
    url_state.write(PARAM_TOPIC, chosen_topics, [])
    url_state.write(PARAM_CHECK, chosen_checks, [])
    shown = cache.query(q.dq_findings_with_source, tuple(chosen_topics), tuple(chosen_checks))
    st.caption(content.findings_count(len(shown), checks))
    ui.table_view(
        cache.derived(
            content.describe_findings, shown, lineage.tables_by_page(), navigation.titles()
        ),
        "data-quality-findings",
    )


def coverage(filters: Filters) -> None:
    """One official indicator (chosen, kept in the link): its definition and which countries and
    years of the selection have values."""
    st.header(_("Coverage of the official indicators"))
    indicators = cache.query(q.indicator_catalog_with_source).set_index(
        "indicator_code", drop=False
    )
    codes = list(indicators.index)
    default = content.default_choice(codes, content.DEFAULT_COVERAGE_INDICATOR)
    url_state.warn(url_state.seed(PARAM_INDICATOR, codes, default))
    # a dict: 22,000 lookups
    names = dict(zip(codes, [d_(name) for name in indicators["name"].tolist()], strict=True))
    code = st.selectbox(_("Indicator"), codes, key=PARAM_INDICATOR, format_func=names.get)
    url_state.write(PARAM_INDICATOR, code, default)
    definition = indicators.loc[code]
    st.markdown(f"{d_(definition['description'])}", help=ui.glossary(definition["name"]))
    selection = (code, filters.selected_iso3, filters.year_from, filters.year_to)
    grid = cache.query(q.indicator_coverage_grid, *selection)
    by_country = cache.query(q.indicator_coverage_by_country, *selection)
    if grid.empty:
        st.info(
            content.coverage_outside_years(definition, filters.year_from, filters.year_to),
            icon=":material/info:",
        )
        return
    ui.chart_with_table(
        cache.chart(
            charts.coverage_heatmap,
            grid,
            _("{indicator}: values by country and year").format(indicator=names[code]),
            definition["unit"],
        ),
        cache.derived(content.describe_coverage, by_country, definition["unit"]),
        f"{definition['cite_as']}.",
        key=f"coverage-{code}",
        caveats=content.coverage_caveats(definition["caveat"], by_country),
    )


def technical_details() -> None:
    """Files, tables, codes and the build, for whoever maintains the data: collapsed, and built
    only when opened (the one place of the dashboard where file and table names appear)."""
    with st.expander(
        ":material/build: " + _("Technical details: files, tables, build and refresh"),
        key="technical-details",
        on_change="rerun",
    ) as technical:
        if not technical.open:
            return
        data_tests = len(warehouse.data_test_names())
        build = cache.query(q.build_info).iloc[0]
        st.subheader(_("The warehouse build"))
        for column, card in zip(
            st.columns(4),
            content.build_cards(build, data_tests, len(warehouse.MARTS)),
            strict=True,
        ):
            column.metric(card["label"], card["value"], border=True, help=card["help"])
        ui.source_line(
            _("build_log of the warehouse; DuckDB {version}.").format(
                version=build["duckdb_version"]
            ),
            translated=True,
        )

        table_sources = cache.query(q.table_sources)
        st.subheader(_("Tables behind the pages"))
        st.caption(
            _(
                "One line per table: what one row is, how many rows, which countries and years "
                "it covers, what it cites and which pages read it."
            )
        )
        ui.table_view(
            cache.derived(
                content.describe_tables,
                cache.query(q.table_coverage),
                table_sources,
                lineage.tables_by_page(),
                navigation.titles(),
            ),
            "warehouse-tables",
        )
        st.subheader(_("Source files"))
        ui.table_view(
            cache.derived(
                content.describe_sources,
                cache.query(q.source_catalog),
                table_sources,
                technical=True,
            ),
            "source-files",
        )
        st.subheader(_("How to refresh the data"))
        st.markdown(content.refresh_steps(data_tests))
        st.markdown(_("**Official downloads the ingest accepts** (paths under `--public-dir`)"))
        ui.table_view(
            cache.derived(content.describe_downloads, cache.query(q.official_downloads)),
            "official-downloads",
        )
